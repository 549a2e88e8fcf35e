"""The customer's sound on a lossy link (media/sound_protection.py): how much of it is sent
twice, and that a receiver which lost a packet gets the sound back from the next one."""

from __future__ import annotations

import asyncio
import ctypes
import fractions
from pathlib import Path

import av
import numpy as np
from aiortc.mediastreams import MediaStreamTrack

from media.encoder import OPUS_FRAME, OPUS_RATE, SharedAudioEncoder
from media.quality import LinkSample, combine
from media.sound_protection import HOLD_S, SoundProtection, expected_loss_pct

#: The lost packet: the first with the voice in it, after silence. A decoder that lost it
#: and has no copy conceals it from what came before (silence); with the copy it plays it.
ONSET = 30


def test_the_expected_loss_covers_what_was_lost_in_coarse_steps() -> None:
    assert expected_loss_pct(0.0) == 0
    assert expected_loss_pct(0.005) == 0, "a packet now and then is not worth it"
    assert expected_loss_pct(0.02) == 5
    assert expected_loss_pct(0.05) == 5
    assert expected_loss_pct(0.07) == 10
    assert expected_loss_pct(0.15) == 20
    assert expected_loss_pct(0.6) == 30


def test_the_protection_rises_at_once_and_falls_only_after_a_quiet_spell() -> None:
    protection = SoundProtection()
    assert protection.observe(0.0, 0.0) == 0
    assert protection.observe(0.12, 1.0) == 20, "the next packet carries the copy"
    # Bursts with clean seconds between them: held, so the encoder is not rebuilt.
    held = [protection.observe(0.0, t) for t in np.arange(2.0, 1.0 + HOLD_S + 0.5, 1.0)]
    assert set(held) == {20}
    assert protection.observe(0.03, 1.0 + HOLD_S + 1) == 5, "then it follows the link"
    assert protection.observe(0.0, 1.0 + 2 * HOLD_S + 2) == 0


def test_the_loss_that_counts_is_the_worst_any_receiver_had_of_ours() -> None:
    """One encoding goes to every peer: the copies are sized for the lossiest."""
    samples = [
        LinkSample(bitrate=None, loss=0.30, loss_out=0.02),  # most of it inbound
        LinkSample(bitrate=None, loss=0.08, loss_out=0.08),
    ]
    combined = combine(samples)
    assert combined is not None and combined.loss_out == 0.08 and combined.loss == 0.30


class _Voice(MediaStreamTrack):
    """Silence, then from packet ONSET on a voice-like sound (a pitch and its harmonics)."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self.pts = 0

    async def recv(self) -> av.frame.Frame:
        await asyncio.sleep(0)
        t = (self.pts + np.arange(OPUS_FRAME)) / OPUS_RATE
        voice = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 12)) * 6000
        pcm = voice if self.pts >= ONSET * OPUS_FRAME else np.zeros(OPUS_FRAME)
        frame = av.AudioFrame.from_ndarray(
            pcm.astype(np.int16).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate, frame.pts = OPUS_RATE, self.pts
        frame.time_base = fractions.Fraction(1, OPUS_RATE)
        self.pts += OPUS_FRAME
        return frame


async def _encoded(expected_loss_pct: int, count: int) -> list[bytes]:
    encoder = SharedAudioEncoder(_Voice)
    encoder.protect(expected_loss_pct)
    track = encoder.subscribe()
    try:
        return [bytes(await asyncio.wait_for(track.recv(), 5)) for _ in range(count)]
    finally:
        track.stop()
        encoder.close()


def _libopus() -> ctypes.CDLL:
    """The libopus PyAV carries: a receiver's decoder, which can decode a packet's copy
    of the one before (``decode_fec``), as Chromium's does."""
    [path] = (Path(av.__file__).parent.parent / "av.libs").glob("libopus*.so*")
    lib = ctypes.CDLL(str(path))
    lib.opus_decoder_create.restype = ctypes.c_void_p
    lib.opus_decoder_create.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    lib.opus_decode.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int32,
        ctypes.POINTER(ctypes.c_int16),
        ctypes.c_int,
        ctypes.c_int,
    ]
    lib.opus_decoder_destroy.argtypes = [ctypes.c_void_p]
    return lib


def _played(packets: list[bytes], lost: int) -> tuple[float, float]:
    """A receiver that lost packet ``lost`` and has the next: the loudness (RMS) of what
    it plays for the lost 20 ms, and of what that packet held."""
    lib = _libopus()
    error = ctypes.c_int()
    pcm = (ctypes.c_int16 * (OPUS_FRAME * 2))()

    def decode(decoder: int, data: bytes | None, fec: int) -> float:
        n = lib.opus_decode(decoder, data, len(data or b""), pcm, OPUS_FRAME, fec)
        assert n == OPUS_FRAME, n
        return float(np.sqrt(np.mean(np.frombuffer(pcm, dtype=np.int16).astype(float) ** 2)))

    whole, lossy = (lib.opus_decoder_create(OPUS_RATE, 2, ctypes.byref(error)) for _ in "ab")
    try:
        for packet in packets[:lost]:
            decode(whole, packet, 0)
            decode(lossy, packet, 0)
        held = decode(whole, packets[lost], 0)
        # What a jitter buffer does with a gap it can fill from the next packet.
        played = decode(lossy, packets[lost + 1], 1)
        return played, held
    finally:
        lib.opus_decoder_destroy(whole)
        lib.opus_decoder_destroy(lossy)


async def test_a_lost_packet_is_played_from_the_copy_in_the_next_one() -> None:
    """With loss expected the lost 20 ms of voice are heard; without, the decoder can only
    stretch the silence before them."""
    protected = await _encoded(10, ONSET + 10)
    # The first packet whose voice is at full strength (the encoder's delay moves it).
    onset = next(i for i in range(ONSET, ONSET + 8) if _played(protected, i)[1] > 2000)
    played, held = _played(protected, onset)
    assert played > 0.5 * held, (played, held)

    plain = await _encoded(0, ONSET + 10)
    played, held = _played(plain, onset)
    assert held > 2000 and played < 0.2 * held, (played, held)
