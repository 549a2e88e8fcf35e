"""The kiosk's self-test: each morning before opening, at start, and when an operator asks,
the kiosk checks what a customer will need, so that a broken camera is found by the
operators' alert rather than by the first citizen of the day.

Each check's verdict comes from a pure judge of what was captured (frames, samples), so
the judging is tested without devices; the capture is the only I/O. A stand-in device
(the test pattern, the test tone, a synthetic document camera) is "skipped", a thing the
kiosk does not have (no printer, no TURN configured) "absent". A failed camera, microphone,
speaker or document camera becomes a "failed" device in the kiosk's health: its start
screen says so in plain words and what needs it is not offered (kiosk/qt/screens.py).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import av
import numpy as np
from aiortc import MediaStreamTrack

from media.playback import RATE as PLAYBACK_RATE
from protocol import messages as p

#: Frames a working camera gives within CAPTURE_S, and how much they must vary: a black,
#: covered or frozen camera gives uniform or identical pictures.
MIN_FRAMES = 5
MIN_CONTRAST = 3.0
CAPTURE_S = 3.0
#: A microphone's quietest room: below this (digital silence) it is not delivering sound.
MIN_LEVEL_DBFS = -75.0
LISTEN_S = 1.0
#: The speaker check's tone, and how far above the room it must be heard.
TONE_HZ = 1000.0
TONE_ABOVE_DB = 12.0
#: Devices whose failure the customer's screen speaks of (kiosk/qt/screens.py).
DEVICE_CHECKS: tuple[p.SelfTestCheck, ...] = ("camera", "microphone", "speaker", "document_camera")


@dataclass(frozen=True)
class SelfTestReport:
    results: dict[p.SelfTestCheck, p.SelfTestResult]
    started_at: float
    took_s: float

    @property
    def failed(self) -> list[p.SelfTestCheck]:
        return [check for check, result in self.results.items() if result == "failed"]

    def message(self) -> p.KioskSelfTest:
        return p.KioskSelfTest(
            results=self.results, started_at=self.started_at, took_s=round(self.took_s, 3)
        )


# --- judges (pure) -----------------------------------------------------------------------


def judge_frames(frames: Sequence[np.ndarray]) -> p.SelfTestResult:
    """Grey frames from a camera: enough of them, with a picture in them (not uniform), and
    not all the same (a frozen driver repeats one frame)."""
    if len(frames) < MIN_FRAMES:
        return "failed"
    if max(float(np.std(frame)) for frame in frames) < MIN_CONTRAST:
        return "failed"
    first = frames[0].astype(np.int16)
    if all(np.array_equal(first, frame) for frame in frames[1:]):
        return "failed"
    return "ok"


def judge_still(image: np.ndarray | None) -> p.SelfTestResult:
    """One picture from the document camera: there, and not uniform."""
    if image is None or image.size == 0:
        return "failed"
    return "ok" if float(np.std(image)) >= MIN_CONTRAST else "failed"


def level_dbfs(samples: np.ndarray) -> float:
    """RMS of 16-bit samples, in dB below full scale (-inf for digital silence)."""
    if samples.size == 0:
        return float("-inf")
    rms = float(np.sqrt(np.mean(np.square(samples.astype(np.float64) / 32768.0))))
    return 20.0 * float(np.log10(rms)) if rms > 0 else float("-inf")


def judge_level(samples: np.ndarray) -> p.SelfTestResult:
    return "ok" if level_dbfs(samples) > MIN_LEVEL_DBFS else "failed"


def tone_db(samples: np.ndarray, rate: int, hz: float = TONE_HZ) -> float:
    """How far (dB) the power at ``hz`` stands above the average of the rest of the
    spectrum: the speaker's tone heard back through the microphone."""
    if samples.size < rate // 10:
        return float("-inf")
    signal = samples.astype(np.float64) * np.hanning(samples.size)
    spectrum = np.abs(np.fft.rfft(signal)) ** 2
    freqs = np.fft.rfftfreq(samples.size, 1.0 / rate)
    near = np.abs(freqs - hz) <= 20.0
    rest = ~near & (freqs > 100.0)
    if not near.any() or not rest.any():
        return float("-inf")
    tone, floor = float(spectrum[near].max()), float(spectrum[rest].mean())
    return 10.0 * float(np.log10(tone / floor)) if floor > 0 and tone > 0 else float("-inf")


def judge_tone(samples: np.ndarray, rate: int) -> p.SelfTestResult:
    return "ok" if tone_db(samples, rate) >= TONE_ABOVE_DB else "failed"


def tone_pcm(seconds: float, rate: int = PLAYBACK_RATE, hz: float = TONE_HZ) -> bytes:
    """The speaker check's tone as the kiosk's player takes sound (media/playback.py):
    16-bit stereo at its rate, at a third of full scale."""
    t = np.arange(int(seconds * rate)) / rate
    mono = (0.3 * 32767 * np.sin(2 * np.pi * hz * t)).astype(np.int16)
    return np.repeat(mono, 2).tobytes()


def next_run(now: dt.datetime, at: dt.time) -> dt.datetime:
    """The next moment of the daily self-test at ``at`` (local time of ``now``)."""
    today = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return today if today > now else today + dt.timedelta(days=1)


def parse_daily_time(text: str) -> dt.time:
    """``HH:MM`` for --self-test-at; ValueError with a sentence otherwise."""
    try:
        return dt.datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise ValueError(f"not a time of day (HH:MM): {text[:20]!r}") from None


# --- capture (I/O) -----------------------------------------------------------------------


async def grab_frames(track: MediaStreamTrack, within_s: float = CAPTURE_S) -> list[np.ndarray]:
    """Grey frames from ``track`` for up to ``within_s``, at most 15."""
    frames: list[np.ndarray] = []
    deadline = time.monotonic() + within_s
    try:
        while len(frames) < 15 and (left := deadline - time.monotonic()) > 0:
            try:
                frame = await asyncio.wait_for(track.recv(), left)
            except Exception:  # a camera that stops or stalls mid-test: judge what came
                break
            assert isinstance(frame, av.VideoFrame)
            frames.append(frame.to_ndarray(format="gray"))
    finally:
        track.stop()
    return frames


async def grab_samples(
    track: MediaStreamTrack, seconds: float = LISTEN_S
) -> tuple[np.ndarray, int]:
    """Mono 16-bit samples from ``track`` for ``seconds`` (and their rate)."""
    chunks: list[np.ndarray] = []
    rate = 48000
    got = 0.0
    deadline = time.monotonic() + seconds + 2.0
    try:
        while got < seconds and (left := deadline - time.monotonic()) > 0:
            try:
                frame = await asyncio.wait_for(track.recv(), left)
            except Exception:  # a microphone that stops or stalls: judge what came
                break
            assert isinstance(frame, av.AudioFrame)
            rate = frame.sample_rate
            data = frame.to_ndarray().reshape(-1, len(frame.layout.channels))[:, 0]
            chunks.append(data.astype(np.int16))
            got += frame.samples / rate
    finally:
        track.stop()
    return (np.concatenate(chunks) if chunks else np.zeros(0, np.int16)), rate


@dataclass
class Checks:
    """How this kiosk checks each thing; None where it has no such thing. Each returns
    a verdict; the kiosk's agent builds it from its devices (kiosk/agent.py)."""

    camera: Callable[[], Awaitable[p.SelfTestResult]] | None
    microphone: Callable[[], Awaitable[p.SelfTestResult]] | None
    speaker: Callable[[], Awaitable[p.SelfTestResult]] | None
    document_camera: Callable[[], Awaitable[p.SelfTestResult]] | None
    printer: Callable[[], Awaitable[p.SelfTestResult]] | None
    server: Callable[[], Awaitable[p.SelfTestResult]]
    turn: Callable[[], Awaitable[p.SelfTestResult]] | None


async def run(checks: Checks, stand_ins: Sequence[p.SelfTestCheck]) -> SelfTestReport:
    """Every check, one after another (the camera and the microphone are not shared with
    a customer meanwhile: the agent runs this only between visits)."""
    started, wall = time.monotonic(), time.time()
    results: dict[p.SelfTestCheck, p.SelfTestResult] = {}
    names: tuple[p.SelfTestCheck, ...] = (
        "server",
        "camera",
        "microphone",
        "speaker",
        "document_camera",
        "printer",
        "turn",
    )
    for name in names:
        check = getattr(checks, name)
        if name in stand_ins:
            results[name] = "skipped"
        elif check is None:
            results[name] = "absent"
        else:
            try:
                results[name] = await check()
            except Exception:  # a check that breaks is a failed check, never a crash
                results[name] = "failed"
    return SelfTestReport(results, wall, time.monotonic() - started)
