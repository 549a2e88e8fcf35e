"""Mouth-to-ear audio latency and lip sync, the same way on every side.

The sender's sound is a quiet 440 Hz tone with a loud 20 ms burst of 1 kHz (a "click") at
every whole second of the wall clock; the sender notes when it handed each click on (its
"mouth"). The receiver notes when it handed a chunk holding a click's onset to the sound
output (its "ear"): loud after at least ``QUIET_MS`` without. Both run on this machine's
one clock, so an ear minus the last mouth before it is the latency, and the click period
(1 s) bounds what can be matched. bench/static/fake_media.js does the same in Chromium
(an AudioWorklet mouth, a MediaStreamTrackProcessor ear on every remote audio track).

Lip sync at a receiver is each click's audio latency minus the median displayed latency of
the pictures shown within half a second of it: positive when the sound comes after the
picture. EN 301 549 asks for no more than 100 ms either way.
"""

from __future__ import annotations

import bisect
import fractions
import math
import statistics
import time
from collections.abc import Callable

import av
import numpy as np

from media.sources import AUDIO_RATE, ToneTrack

CLICK_PERIOD_MS = 1000
CLICK_MS = 20
CLICK_HZ = 1000.0
CLICK_LEVEL = 0.8
TONE_LEVEL = 0.05
#: A chunk whose peak reaches this (of full scale) is loud; the tone never does.
ONSET_LEVEL = 0.4
QUIET_MS = 300
#: Pictures this close to a click (either side, ms) give the video latency it is set against.
SYNC_WINDOW_MS = 500


class ClickTrack(ToneTrack):
    """The kiosk's stand-in microphone with a click at every whole second; ``mouth`` is
    told the wall time (ms) each click is handed on, as a microphone's frame would be."""

    def __init__(self, mouth: Callable[[int], None]) -> None:
        super().__init__(level=TONE_LEVEL)
        self._mouth = mouth
        self._next_click_ms: int | None = None
        clicks = np.arange(int(AUDIO_RATE * CLICK_MS / 1000))
        self._click = np.sin(clicks * 2 * math.pi * CLICK_HZ / AUDIO_RATE) * CLICK_LEVEL * 32767

    async def recv(self) -> av.AudioFrame:
        frame = await super().recv()
        now_ms = int(time.time() * 1000)
        if self._next_click_ms is None:
            self._next_click_ms = next_click_after(now_ms)
        if now_ms < self._next_click_ms:
            return frame
        self._next_click_ms = next_click_after(now_ms)
        pcm = frame.to_ndarray().astype(np.float64)
        pcm[0, : len(self._click)] = self._click
        clicked = av.AudioFrame.from_ndarray(pcm.astype(np.int16), format="s16", layout="mono")
        clicked.sample_rate = AUDIO_RATE
        clicked.pts = frame.pts
        clicked.time_base = fractions.Fraction(1, AUDIO_RATE)
        self._mouth(now_ms)
        return clicked


def next_click_after(ms: int) -> int:
    return (ms // CLICK_PERIOD_MS + 1) * CLICK_PERIOD_MS


class Onsets:
    """Finds clicks in what a receiver hands to its sound output, chunk by chunk."""

    def __init__(self) -> None:
        self._last_loud_ms: float = -math.inf

    def hear(self, peak: float, at_ms: int) -> bool:
        """Whether the chunk handed on at ``at_ms`` with this peak (of full scale) starts a
        click."""
        if peak < ONSET_LEVEL:
            return False
        onset = at_ms - self._last_loud_ms >= QUIET_MS
        self._last_loud_ms = at_ms
        return onset


def peak_of(frame: av.AudioFrame) -> float:
    """The loudest sample of a frame, as a fraction of full scale."""
    samples = frame.to_ndarray()
    if samples.dtype == np.int16:
        return float(np.abs(samples.astype(np.int32)).max()) / 32768
    return float(np.abs(samples).max())


def heard_with_latency(mouths: list[int], ears: list[int]) -> list[tuple[int, float]]:
    """(ear, latency) for each ear: the time since the last mouth before it, when that is
    less than a click period (else the click it heard was never seen leaving)."""
    ordered = sorted(mouths)
    pairs = []
    for ear in ears:
        index = bisect.bisect_right(ordered, ear) - 1
        if index >= 0 and ear - ordered[index] < CLICK_PERIOD_MS:
            pairs.append((ear, float(ear - ordered[index])))
    return pairs


def mouth_to_ear(mouths: list[int], ears: list[int]) -> list[float]:
    """The latencies of :func:`heard_with_latency`."""
    return [latency for _, latency in heard_with_latency(mouths, ears)]


def lip_sync(heard: list[tuple[int, float]], shown: list[tuple[int, float]]) -> list[float]:
    """Audio minus video latency at one receiver: ``heard`` holds (ear ms, audio latency)
    per click, ``shown`` (wall ms, displayed latency) per picture."""
    offsets = []
    for ear, audio in heard:
        near = [latency for at, latency in shown if abs(at - ear) <= SYNC_WINDOW_MS]
        if near:
            offsets.append(audio - statistics.median(near))
    return offsets
