"""Consumers of remote tracks: keep reading, count what arrives, hand frames on.

Every remote track must be read, or aiortc's receive queues grow without bound; a
:class:`TrackPump` reads one until it ends and passes each frame to its listeners.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import av
import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

log = logging.getLogger(__name__)

FrameListener = Callable[[av.VideoFrame | av.AudioFrame], None]


def audio_rms(frame: av.AudioFrame) -> float:
    """Root-mean-square level of an s16 or float frame, 0.0 (silence) to 1.0 (full scale)."""
    samples = frame.to_ndarray().astype(np.float64)
    if frame.format.name.startswith("s16"):
        samples /= 32768.0
    return float(np.sqrt(np.mean(samples * samples))) if samples.size else 0.0


@dataclass
class VideoStats:
    frames: int = 0
    width: int = 0
    height: int = 0
    first_frame_at: float | None = None

    def update(self, frame: av.VideoFrame) -> None:
        self.frames += 1
        self.width, self.height = frame.width, frame.height
        if self.first_frame_at is None:
            self.first_frame_at = time.monotonic()


@dataclass
class AudioStats:
    frames: int = 0
    peak_rms: float = 0.0
    recent_rms: list[float] = field(default_factory=list)

    def update(self, frame: av.AudioFrame) -> None:
        self.frames += 1
        level = audio_rms(frame)
        self.peak_rms = max(self.peak_rms, level)
        self.recent_rms = [*self.recent_rms[-49:], level]


class TrackPump:
    """Reads a track in a task until it ends, feeding stats and listeners."""

    def __init__(self, track: MediaStreamTrack, *, log_id: str = "") -> None:
        self.track = track
        self.video = VideoStats()
        self.audio = AudioStats()
        self.listeners: list[FrameListener] = []
        self._log_id = log_id
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        while True:
            try:
                frame = await self.track.recv()
            except MediaStreamError:
                log.info("%s remote %s track ended", self._log_id, self.track.kind)
                return
            if isinstance(frame, av.VideoFrame):
                self.video.update(frame)
            elif isinstance(frame, av.AudioFrame):
                self.audio.update(frame)
            if not isinstance(frame, av.VideoFrame | av.AudioFrame):
                continue
            for listener in self.listeners:
                try:
                    listener(frame)
                except Exception:  # a broken renderer must not stop the media
                    log.exception("%s frame listener failed", self._log_id)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
