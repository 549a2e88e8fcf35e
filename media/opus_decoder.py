"""The kiosk's Opus decoder: a lost packet is concealed (or played from the copy in the
next one, when the sender put one there), never cut out.

aiortc decodes Opus through FFmpeg, which can do neither: a packet lost on the way is
simply missing, so the official's voice jumps 20 ms ahead with a click, the sound output
(media/playback.py) runs short and the customer hears the gap. libopus itself conceals a
loss from what it heard before (PLC), as a browser does, and can decode the coarser copy
of a packet that the next one may carry (in-band FEC; without a copy that decoding
conceals too). This decoder calls libopus directly (through ctypes) and fills each gap
the RTP timestamps show: the last missing packet from the one that arrived, any before it
by concealment. A gap longer than MAX_FILLED_S is an outage, not loss: it is left as it
is, and the sound resumes.

The kiosk does not ask the browsers for copies (``useinbandfec=1``): tried, the bench's
sign-language call on a 300 kbit/s link got worse (docs/resilience.md).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fractions
import logging
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from aiortc.codecs.base import Decoder
from aiortc.jitterbuffer import JitterFrame
from av.frame import Frame

from media.aiortc_internals import decode_opus_with

log = logging.getLogger(__name__)

RATE = 48_000
CHANNELS = 2
#: The longest packet Opus has (120 ms): room for any the far side sends.
MOST_SAMPLES = RATE * 120 // 1000
#: Gaps up to this long are filled; longer ones are an outage (media/watch.py counts
#: 2 s of silence as one), where made-up sound would only delay the real sound.
MAX_FILLED_S = 0.12
TIME_BASE = fractions.Fraction(1, RATE)


def _load_libopus() -> ctypes.CDLL | None:
    """The system's libopus (Debian's libopus0, which Chromium also needs), else the copy
    PyAV's wheel carries; None when neither is there."""
    candidates = []
    found = ctypes.util.find_library("opus")
    if found:
        candidates.append(found)
    candidates += [str(p) for p in (Path(av.__file__).parent.parent / "av.libs").glob("libopus*")]
    for candidate in candidates:
        try:
            lib = ctypes.CDLL(candidate)
        except OSError:
            continue
        lib.opus_decoder_create.restype = ctypes.c_void_p
        lib.opus_decoder_create.argtypes = [
            ctypes.c_int32,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_int),
        ]
        lib.opus_decode.restype = ctypes.c_int
        lib.opus_decode.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_int32,
            ctypes.POINTER(ctypes.c_int16),
            ctypes.c_int,
            ctypes.c_int,
        ]
        lib.opus_decoder_destroy.argtypes = [ctypes.c_void_p]
        lib.opus_packet_get_nb_samples.restype = ctypes.c_int
        lib.opus_packet_get_nb_samples.argtypes = [ctypes.c_char_p, ctypes.c_int32, ctypes.c_int32]
        return lib
    return None


LIBOPUS = _load_libopus()


@dataclass
class Filled:
    """Lost packets every decoder of this process has filled so far (what the tests and
    benchmarks read)."""

    packets: int = 0


FILLED = Filled()


class FillingOpusDecoder(Decoder):
    """Opus to 48 kHz stereo s16 frames, with the gaps between packets filled."""

    def __init__(self) -> None:
        assert LIBOPUS is not None, "made only when fill_lost_sound() found libopus"
        error = ctypes.c_int()
        self._decoder = LIBOPUS.opus_decoder_create(RATE, CHANNELS, ctypes.byref(error))
        if error.value != 0 or not self._decoder:
            raise RuntimeError(f"opus_decoder_create failed ({error.value})")
        self._pcm = (ctypes.c_int16 * (MOST_SAMPLES * CHANNELS))()
        #: The RTP timestamp the next packet should have, and the last packet's length.
        self._expected: int | None = None
        self._samples = RATE // 50
        #: Lost packets filled.
        self.filled = 0

    def __del__(self) -> None:
        if getattr(self, "_decoder", None) and LIBOPUS is not None:
            LIBOPUS.opus_decoder_destroy(self._decoder)
            self._decoder = None

    def decode(self, encoded_frame: JitterFrame) -> list[Frame]:
        data, timestamp = encoded_frame.data, encoded_frame.timestamp
        frames: list[Frame] = []
        if self._expected is not None:
            missing = ((timestamp - self._expected) & 0xFFFFFFFF) // self._samples
            if 0 < missing and missing * self._samples <= MAX_FILLED_S * RATE:
                first = timestamp - missing * self._samples
                for n in range(missing - 1):
                    frames += self._run(None, 0, first + n * self._samples)
                frames += self._run(data, 1, timestamp - self._samples)  # its copy, if any
                self.filled += missing
                FILLED.packets += missing
        samples = LIBOPUS.opus_packet_get_nb_samples(data, len(data), RATE)  # type: ignore[union-attr]
        if samples > 0:
            self._samples = samples
        frames += self._run(data, 0, timestamp)
        self._expected = (timestamp + self._samples) & 0xFFFFFFFF
        return frames

    def _run(self, data: bytes | None, fec: int, timestamp: int) -> list[Frame]:
        """One call into libopus: ``data`` decoded (``fec`` 1: its copy of the packet
        before), or None: the next ``self._samples`` concealed."""
        size = len(data) if data is not None else 0
        room = self._samples if data is None or fec else MOST_SAMPLES
        count = LIBOPUS.opus_decode(  # type: ignore[union-attr]
            self._decoder, data, size, self._pcm, room, fec
        )
        if count <= 0:
            return []
        pcm = np.ctypeslib.as_array(self._pcm)[: count * CHANNELS].copy()
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="stereo")
        frame.sample_rate = RATE
        frame.pts = timestamp & 0xFFFFFFFF
        frame.time_base = TIME_BASE
        return [frame]


_filling = False


def fill_lost_sound() -> bool:
    """Every receiver of this process from now on decodes Opus with FillingOpusDecoder;
    False (and a warning, once) without libopus, when aiortc's own decoder plays what
    arrives and a lost packet is a gap."""
    global _filling
    if not _filling:
        if LIBOPUS is None:
            log.warning("no libopus found: lost sound packets will be heard as gaps")
        else:
            decode_opus_with(FillingOpusDecoder)
        _filling = True
    return LIBOPUS is not None
