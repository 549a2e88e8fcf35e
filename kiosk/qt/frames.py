"""Decoded video frames as QImages, converted off the UI thread.

A 1280x720 frame costs a few milliseconds to convert from YUV to RGB; thirty of them a
second from the official and more from an interpreter would take that time from the
window's own thread, where every touch and every paint waits. :class:`FrameConverter`
converts on a worker thread (PyAV's scaler releases the GIL) and hands the image over
through a Qt signal, which Qt queues to the window's thread. When the worker is still
busy with a stream's last frame, the new one is dropped: a picture a frame late is
better than a queue that grows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import av
import numpy as np
from PySide6.QtGui import QImage


def to_qimage(frame: av.VideoFrame) -> QImage:
    return rgb_to_qimage(frame.to_ndarray(format="rgb24"))


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    rgb = np.ascontiguousarray(rgb)
    height, width, _ = rgb.shape
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


class FrameConverter:
    """One worker thread for every stream of a kiosk; at most one frame of each stream
    waiting or in conversion."""

    def __init__(self) -> None:
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="frames")
        self._busy: dict[str, Future[None]] = {}
        self._lock = threading.Lock()
        self.dropped = 0

    def convert(self, stream: str, frame: av.VideoFrame, deliver: Callable[[QImage], None]) -> None:
        with self._lock:
            busy = self._busy.get(stream)
            if busy is not None and not busy.done():
                self.dropped += 1
                return
            self._busy[stream] = self._worker.submit(lambda: deliver(to_qimage(frame)))

    def close(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)
