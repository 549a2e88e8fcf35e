"""Pictures of the call converted to images off the window's thread, never queued up."""

from __future__ import annotations

import threading

import av
import numpy as np
from PySide6.QtGui import QImage

from kiosk.qt.frames import FrameConverter


def frame(width: int = 1280, height: int = 720) -> av.VideoFrame:
    rgb = np.zeros((height, width, 3), np.uint8)
    rgb[:, : width // 2] = (200, 30, 30)
    return av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format="yuv420p")


def test_frames_are_converted_on_a_worker_and_a_busy_stream_drops_not_queues() -> None:
    converter = FrameConverter()
    release = threading.Event()
    images: list[tuple[str, QImage]] = []

    def slow_delivery(image: QImage) -> None:
        release.wait(5)
        images.append((threading.current_thread().name, image))

    converter.convert("clerk", frame(), slow_delivery)
    for _ in range(5):  # thirty a second arrive while the first is still being shown
        converter.convert("clerk", frame(), slow_delivery)
    other_done = threading.Event()

    def other(image: QImage) -> None:
        images.append(("other", image))
        other_done.set()

    converter.convert("interpreter", frame(), other)
    release.set()
    assert other_done.wait(5), "another stream's frame is converted too"
    converter.close()
    assert converter.dropped == 5, "a stream has at most one frame in hand"
    threads = {name for name, _ in images if name != "other"}
    assert threads and all(n.startswith("frames") for n in threads), threads
    assert threading.current_thread().name not in threads
    clerk_image = next(image for name, image in images if name != "other")
    assert (clerk_image.width(), clerk_image.height()) == (1280, 720)
    red = clerk_image.pixelColor(10, 10)
    assert red.red() > 150 and red.green() < 80, "the picture, not a blank"
    assert any(name == "other" for name, _ in images), "another stream is not held up"
