"""Decoded video frames as QImages, converted off the UI thread.

A 1280x720 frame costs a few milliseconds to convert from YUV to RGB; thirty of them a
second from the official and more from an interpreter would take that time from the
window's own thread, where every touch and every paint waits. :class:`FrameConverter`
converts on a worker thread (PyAV's scaler releases the GIL) and hands the image over
through a Qt signal, which Qt queues to the window's thread. When the worker is still
busy with a stream's last frame, the new one is dropped: a picture a frame late is
better than a queue that grows. The worker also scales each picture to the size it is
shown at, so that painting it on the window's thread is a plain copy.

The scaling is OpenCV's, after PyAV's colour conversion at the frame's own size: measured
on this machine, the official's 640x480 picture fitted to 943x707 took 2.2 ms of CPU
through swscale and 0.7 ms this way, the 320x240 self view 0.85 and 0.2 ms (thirty of
each a second: about 0.06 of the kiosk's 0.39 CPU seconds a second).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import av
import cv2
import numpy as np
from av.video.reformatter import VideoReformatter
from PySide6.QtGui import QImage


def to_qimage(
    frame: av.VideoFrame,
    box: tuple[int, int] | None = None,
    reformatter: VideoReformatter | None = None,
) -> QImage:
    """The frame as an image the window paints without converting it again (32-bit RGB,
    the raster engine's own format), scaled to fit ``box`` (keeping its shape, as
    VideoView letterboxes) when one is given: on this thread, instead of a smooth scale
    on the window's at every paint. Bilinear when enlarging, by area when shrinking.

    ``reformatter``: the colour converter to use, one per thread. ``frame.reformat`` keeps
    its converter on the frame, and the camera's frames are shared with the encoder's
    thread: two threads converting one frame at once through it deadlocked the kiosk
    within a second."""
    width, height = frame.width, frame.height
    if box is not None:
        width, height = fitted(width, height, box) or (width, height)
    converter = reformatter if reformatter is not None else VideoReformatter()
    bgrx: np.ndarray = converter.reformat(frame, format="bgra").to_ndarray()
    # The image's own memory is written once, by the scaler or a copy: no picture of
    # this size made only to be copied again (2.7 MB a frame for the official's).
    image = QImage(width, height, QImage.Format.Format_RGB32)  # its rows: 4 * width bytes
    target = np.frombuffer(memoryview(image.bits()), np.uint8).reshape(height, width, 4)
    if (width, height) != (frame.width, frame.height):
        shrinking = width < frame.width
        interpolation = cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR
        cv2.resize(bgrx, (width, height), dst=target, interpolation=interpolation)
    else:
        target[:] = bgrx
    return image


def fitted(width: int, height: int, box: tuple[int, int]) -> tuple[int, int] | None:
    """The size of ``width`` x ``height`` scaled to fit ``box`` keeping its shape, to the
    pixel as Qt's QSize.scaled(KeepAspectRatio) makes it (VideoView then paints without
    scaling); None when either is empty. Plain arithmetic, so that the worker needs no
    Qt object to work it out (tests/test_frames.py checks it against QSize)."""
    box_width, box_height = box
    if min(width, height, box_width, box_height) <= 0:
        return None
    by_height = box_height * width // height
    if by_height <= box_width:
        return by_height, box_height
    return box_width, box_width * height // width


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    rgb = np.ascontiguousarray(rgb)
    height, width, _ = rgb.shape
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


class FrameConverter:
    """One worker thread for every stream of a kiosk; at most one frame of each stream
    waiting or in conversion."""

    def __init__(self, boxes: dict[str, tuple[int, int]] | None = None) -> None:
        #: The size each stream is shown at, by the view showing it (VideoView.shows):
        #: its pictures are scaled to fit on the worker. A stream without one keeps its
        #: own size (and the view scales it as it paints).
        self.boxes: dict[str, tuple[int, int]] = {} if boxes is None else boxes
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="frames")
        # OpenCV would spread each resize over every core: on a kiosk's two, that is
        # more CPU for the same picture (measured 0.75 against 0.67 ms a frame), and the
        # worker keeps up on one.
        cv2.setNumThreads(1)
        self._busy: dict[str, Future[None]] = {}
        self._scalers: dict[str, VideoReformatter] = {}
        self._lock = threading.Lock()
        self.dropped = 0

    def convert(self, stream: str, frame: av.VideoFrame, deliver: Callable[[QImage], None]) -> None:
        with self._lock:
            busy = self._busy.get(stream)
            if busy is not None and not busy.done():
                self.dropped += 1
                return
            box = self.boxes.get(stream)
            scaler = self._scalers.setdefault(stream, VideoReformatter())  # used on the worker
            self._busy[stream] = self._worker.submit(lambda: deliver(to_qimage(frame, box, scaler)))

    def close(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)
