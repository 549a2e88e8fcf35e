"""Local media: camera and microphone when present, a moving pattern and a tone when not.

A kiosk must never crash for want of a device: :func:`open_local_media` always returns
playable tracks and says which ones are stand-ins, so the UI can tell the customer and the
health report can tell the operator. The camera is opened once and fanned out with
aiortc's MediaRelay (the self view, the encoder); its video is encoded once for all the
peers of a call (media/encoder.py).
"""

from __future__ import annotations

import asyncio
import fractions
import logging
import math
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import av
import cv2
import numpy as np
from aiortc.contrib.media import MediaPlayer, MediaRelay
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack, VideoStreamTrack

from media.encoder import SharedAudioEncoder, SharedVideoEncoder
from media.quality import AUDIO_BITRATE, Step, plan_for
from media.stamp import stamp_i420

log = logging.getLogger(__name__)

AUDIO_RATE = 48_000
AUDIO_PTIME = 0.020


def pattern_frame(width: int, height: int, index: int) -> np.ndarray:
    """A test picture that visibly moves: colour bars sliding 4 px per frame (RGB)."""
    x = (np.arange(width) + 4 * index) % width
    bars = np.array(
        [
            [235, 235, 235],
            [235, 235, 16],
            [16, 235, 235],
            [16, 235, 16],
            [235, 16, 235],
            [235, 16, 16],
            [16, 16, 235],
            [16, 16, 16],
        ],
        dtype=np.uint8,
    )
    row = bars[(x * len(bars)) // width]
    image = np.repeat(row[np.newaxis, :, :], height, axis=0)
    # A dark band at the bottom with a moving white block, like a clock hand.
    band = height - height // 6
    image[band:, :, :] = 32
    block = (index * 8) % max(1, width - 32)
    image[band + 8 : height - 8, block : block + 32, :] = 255
    return image


def plane_of(frame: av.VideoFrame, index: int, width: int, height: int) -> np.ndarray:
    """A writable view of one of ``frame``'s planes, ``height`` rows of ``width`` bytes
    (its padding left out)."""
    plane = frame.planes[index]
    rows = np.frombuffer(memoryview(plane), np.uint8).reshape(-1, plane.line_size)
    return rows[:height, :width]


class PatternI420:
    """:func:`pattern_frame`'s picture drawn straight into I420 frames, as a camera hands
    them over and the encoder takes them: no RGB picture made, converted or copied each
    frame (what that cost is the kiosk's CPU, measured in bench/display.py). The bars'
    colours are converted once, by OpenCV as the encoder converted the RGB picture."""

    def __init__(self, width: int, height: int) -> None:
        if width % 2 or height % 2:
            raise ValueError(f"I420 needs even sides, not {width}x{height}")
        self.width, self.height = width, height
        bars = np.repeat(pattern_frame(width, 2, 0)[:1], 2, axis=0)  # two rows: one I420 row
        planar = cv2.cvtColor(bars, cv2.COLOR_RGB2YUV_I420)
        self._luma = planar[0]
        self._u, self._v = planar[2, : width // 2], planar[2, width // 2 :]

    def frame(self, index: int, stamp_ms: int | None = None) -> av.VideoFrame:
        width, height = self.width, self.height
        frame = av.VideoFrame(width, height, "yuv420p")
        luma = plane_of(frame, 0, width, height)
        u = plane_of(frame, 1, width // 2, height // 2)
        v = plane_of(frame, 2, width // 2, height // 2)
        band = (height - height // 6) // 2 * 2  # the dark band, as in pattern_frame
        luma[:band] = np.roll(self._luma, -4 * index)  # the bars slide 4 px a frame
        u[: band // 2] = np.roll(self._u, -2 * index)
        v[: band // 2] = np.roll(self._v, -2 * index)
        luma[band:] = 32
        u[band // 2 :] = 128
        v[band // 2 :] = 128
        block = (index * 8) % max(1, width - 32)
        luma[band + 8 : height - 8, block : block + 32] = 255
        if stamp_ms is not None:
            stamp_i420(luma, u, v, stamp_ms)
        return frame


class TestPatternTrack(VideoStreamTrack):
    """A moving test pattern at a fixed size and 30 fps; stands in for a missing camera."""

    def __init__(self, width: int = 640, height: int = 480) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self._pattern = PatternI420(width, height)
        self._index = 0

    async def recv(self) -> av.VideoFrame:
        pts, time_base = await self.next_timestamp()
        # the far side can read the capture time (media/stamp.py)
        frame = self._pattern.frame(self._index, int(time.time() * 1000))
        self._index += 1
        frame.pts = pts
        frame.time_base = time_base
        return frame


class ToneTrack(MediaStreamTrack):
    """A steady 440 Hz tone at -12 dBFS, 48 kHz mono; stands in for a missing microphone."""

    kind = "audio"

    def __init__(self, frequency: float = 440.0, level: float = 0.25) -> None:
        super().__init__()
        self._samples = int(AUDIO_RATE * AUDIO_PTIME)
        self._step = 2 * math.pi * frequency / AUDIO_RATE
        self._level = level
        self._sent = 0
        self._start: float | None = None

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.time()
        else:
            due = self._start + self._sent / AUDIO_RATE
            await asyncio.sleep(max(0.0, due - time.time()))
        n = np.arange(self._sent, self._sent + self._samples)
        pcm = (np.sin(n * self._step) * self._level * 32767).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = AUDIO_RATE
        frame.pts = self._sent
        frame.time_base = fractions.Fraction(1, AUDIO_RATE)
        self._sent += self._samples
        return frame


class CameraTrack(VideoStreamTrack):
    """Frames from an OpenCV camera; blocking reads run on a thread of their own."""

    def __init__(self, capture: object) -> None:
        super().__init__()
        self._capture = capture
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="camera")

    async def recv(self) -> av.VideoFrame:
        pts, time_base = await self.next_timestamp()
        if self.readyState != "live":
            raise MediaStreamError("camera stopped")
        try:
            ok, image = await asyncio.get_running_loop().run_in_executor(
                self._pool,
                self._capture.read,  # type: ignore[attr-defined]
            )
        except RuntimeError:  # stopped while this read was being scheduled
            raise MediaStreamError("camera stopped") from None
        if not ok:
            self.stop()
            raise MediaStreamError("camera stopped delivering frames")
        frame = av.VideoFrame.from_ndarray(image, format="bgr24")
        frame.pts = pts
        frame.time_base = time_base
        return frame

    def stop(self) -> None:
        super().stop()
        self._capture.release()  # type: ignore[attr-defined]
        self._pool.shutdown(wait=False)


def open_camera(device: str) -> CameraTrack | None:
    """The camera at ``device`` (an index such as "0" or a path), or None when absent."""
    import cv2  # imported here: the headless wheel is only needed with a real camera

    capture = cv2.VideoCapture(int(device) if device.isdigit() else device)
    if not capture.isOpened():
        capture.release()
        return None
    return CameraTrack(capture)


#: The system's ALSA configuration. The ALSA library inside the PyAV wheel looks for its
#: configuration at a build-time path that does not exist, so without this it knows no
#: device names ("default", "pulse", "null").
SYSTEM_ALSA_CONFIG = Path("/usr/share/alsa/alsa.conf")


def open_microphone(device: str) -> MediaStreamTrack | None:
    """The ALSA capture device ``device`` (e.g. "default"), or None when absent."""
    if SYSTEM_ALSA_CONFIG.exists():
        os.environ.setdefault("ALSA_CONFIG_PATH", str(SYSTEM_ALSA_CONFIG))
    try:
        player = MediaPlayer(
            device, format="alsa", options={"channels": "1", "sample_rate": str(AUDIO_RATE)}
        )
    except (av.FFmpegError, OSError) as exc:
        log.info("microphone %s unavailable: %s", device, type(exc).__name__)
        return None
    return player.audio


@dataclass
class LocalMedia:
    """The kiosk's own camera and microphone (or their stand-ins), fanned out per consumer."""

    video_source: MediaStreamTrack
    audio_source: MediaStreamTrack
    camera_is_test_pattern: bool
    microphone_is_tone: bool
    #: False: every peer connection encodes on its own (aiortc's way; the benchmark's
    #: comparison).
    encode_once: bool = True
    _relay: MediaRelay = field(default_factory=MediaRelay)
    _encoder: SharedVideoEncoder | None = None
    _audio_encoder: SharedAudioEncoder | None = None
    _muted: bool = False
    #: The microphone gates in use (one shared, or one per peer when encoding per peer).
    _gates: list[MutableAudioTrack] = field(default_factory=list)

    @property
    def encoder(self) -> SharedVideoEncoder:
        if self._encoder is None:
            self._encoder = SharedVideoEncoder(
                lambda: self._relay.subscribe(self.video_source, buffered=False)
            )
        return self._encoder

    @property
    def audio_encoder(self) -> SharedAudioEncoder:
        if self._audio_encoder is None:
            self._audio_encoder = SharedAudioEncoder(self._microphone_gate)
        return self._audio_encoder

    def video_for_peer(self) -> MediaStreamTrack:
        if self.encode_once:
            return self.encoder.subscribe()
        return PlanarVideoTrack(self._relay.subscribe(self.video_source, buffered=False))

    def audio_for_peer(self) -> MediaStreamTrack:
        if self.encode_once:
            return self.audio_encoder.subscribe()
        return self._microphone_gate()

    def follow(
        self,
        step: Step,
        bitrate: int | None,
        *,
        sign_language: bool = False,
        most: int | None = None,
    ) -> None:
        """Send what the call's link carries (media/quality.py): the camera's picture size,
        pace and bitrate, and the microphone's bitrate, for every peer at once; no more in
        all than ``most`` (the loss the receivers report allows: media/send_rate.py)."""
        if not self.encode_once:
            return  # aiortc's own per-connection encoders follow only REMB
        self.encoder.follow(plan_for(step, bitrate, sign_language=sign_language, most=most))
        self.audio_encoder.follow(AUDIO_BITRATE[step])

    def protect_sound(self, expected_loss_pct: int) -> None:
        """Opus's in-band copies for every peer, sized for the loss the receivers report
        (media/sound_protection.py)."""
        if self.encode_once:
            self.audio_encoder.protect(expected_loss_pct)

    def set_muted(self, muted: bool) -> None:
        """The customer's microphone off (silence is sent) or on, for every peer."""
        self._muted = muted
        for gate in self._gates:
            gate.muted = muted

    def _microphone_gate(self) -> MutableAudioTrack:
        self._gates = [g for g in self._gates if g.readyState == "live"]
        gate = MutableAudioTrack(self._relay.subscribe(self.audio_source, buffered=False))
        gate.muted = self._muted
        self._gates.append(gate)
        return gate

    def video_for_preview(self) -> MediaStreamTrack:
        return self._relay.subscribe(self.video_source, buffered=False)

    def audio_for_check(self) -> MediaStreamTrack:
        """The microphone as it is, unmuted, for the kiosk's self-test."""
        return self._relay.subscribe(self.audio_source, buffered=False)

    def stop(self) -> None:
        for encoder in (self._encoder, self._audio_encoder):
            if encoder is not None:
                encoder.close()
        self.video_source.stop()
        self.audio_source.stop()


def open_local_media(
    camera: str = "test", microphone: str = "tone", *, size: tuple[int, int] = (640, 480)
) -> LocalMedia:
    """Open the camera and microphone named, falling back to the stand-ins.

    ``camera`` is "test" or an OpenCV device; ``microphone`` is "tone" or an ALSA device;
    ``size`` is the test pattern's.
    """
    video = None if camera == "test" else open_camera(camera)
    audio = None if microphone == "tone" else open_microphone(microphone)
    if camera != "test" and video is None:
        log.warning("camera %s not available: using the test pattern", camera)
    if microphone != "tone" and audio is None:
        log.warning("microphone %s not available: using a test tone", microphone)
    return LocalMedia(
        video_source=video or TestPatternTrack(*size),
        audio_source=audio or ToneTrack(),
        camera_is_test_pattern=video is None,
        microphone_is_tone=audio is None,
    )


class PlanarVideoTrack(MediaStreamTrack):
    """Frames converted to yuv420p on the event loop, for aiortc's own per-sender encoders.

    Two aiortc senders given the same RGB frame convert it at the same time on two
    encoder threads, and the process crashes (SIGSEGV in aiortc's vpx.py; aiortc issue
    #767; it happened here with two peers). Only the per-peer comparison needs this: the
    shared encoder (media/encoder.py) converts each frame once, on its own thread.
    """

    kind = "video"

    def __init__(self, source: MediaStreamTrack) -> None:
        super().__init__()
        self._source = source

    async def recv(self) -> av.VideoFrame:
        frame = await self._source.recv()
        assert isinstance(frame, av.VideoFrame)
        planar = frame.reformat(format="yuv420p")
        planar.pts, planar.time_base = frame.pts, frame.time_base
        return planar

    def stop(self) -> None:
        super().stop()
        self._source.stop()


class MutableAudioTrack(MediaStreamTrack):
    """Passes audio through, or silence of the same shape while muted.

    Sending silence rather than stopping the sender keeps the far side's jitter buffer
    and the peer connection untouched, so unmuting is instant.
    """

    kind = "audio"

    def __init__(self, source: MediaStreamTrack) -> None:
        super().__init__()
        self._source = source
        self.muted = False

    async def recv(self) -> av.AudioFrame:
        frame = await self._source.recv()
        assert isinstance(frame, av.AudioFrame)
        if not self.muted:
            return frame
        silent = av.AudioFrame(
            format=frame.format.name, layout=frame.layout.name, samples=frame.samples
        )
        for plane in silent.planes:
            plane.update(bytes(plane.buffer_size))
        silent.pts, silent.sample_rate, silent.time_base = (
            frame.pts,
            frame.sample_rate,
            frame.time_base,
        )
        return silent

    def stop(self) -> None:
        super().stop()
        self._source.stop()
