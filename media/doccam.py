"""The document camera: stills at full resolution, and pages turned into files.

A real document camera is an OpenCV device; ``"test"`` gives a synthetic A4 page (text
lines, a title, a form grid) so that the whole path can be exercised without hardware.
Image work is pure ``ndarray -> ndarray`` / ``-> bytes`` functions.
"""

from __future__ import annotations

import asyncio
import io
import time
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
from PIL import Image

#: A4 at 200 dpi: what a document camera delivers for a page.
PAGE_SIZE = (1654, 2339)


def synthetic_page(number: int = 1, size: tuple[int, int] = PAGE_SIZE) -> np.ndarray:
    """A page that looks like a filled-in form (BGR), different for every number."""
    width, height = size
    rng = np.random.default_rng(number)
    page = np.full((height, width, 3), 250, dtype=np.uint8)
    cv2.putText(
        page,
        f"HAKEMUS / ANSOKAN  {number}",
        (120, 220),
        cv2.FONT_HERSHEY_SIMPLEX,
        2.4,
        (30, 30, 30),
        5,
        cv2.LINE_AA,
    )
    y = 360
    while y < height - 200:
        length = int(rng.integers(width // 3, width - 240))
        cv2.line(page, (120, y), (120 + length, y), (60, 60, 60), 6)
        y += int(rng.integers(48, 72))
    cv2.rectangle(page, (110, height - 520), (width - 110, height - 180), (40, 40, 40), 4)
    noise = rng.integers(-6, 7, size=page.shape, dtype=np.int16)
    return np.clip(page.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def jpeg(image: np.ndarray, quality: int = 90) -> bytes:
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("the image could not be encoded as JPEG")
    return bytes(encoded)


def pages_to_pdf(pages: list[bytes], dpi: float = 200.0) -> bytes:
    """One PDF of the page images, in order (the images are kept as taken)."""
    images = [Image.open(io.BytesIO(page)).convert("RGB") for page in pages]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


class DocumentCamera:
    """Stills from a document camera (an OpenCV device) or synthetic pages ("test")."""

    def __init__(self, device: str = "test") -> None:
        self.device = device
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="doccam")
        self._taken = 0
        self.is_synthetic = device == "test"
        self._capture: cv2.VideoCapture | None = None
        if not self.is_synthetic:
            capture = cv2.VideoCapture(int(device) if device.isdigit() else device)
            if capture.isOpened():
                capture.set(cv2.CAP_PROP_FRAME_WIDTH, 4096)  # the camera's largest size
                capture.set(cv2.CAP_PROP_FRAME_HEIGHT, 4096)
                self._capture = capture
            else:
                self.is_synthetic = True

    async def still(self) -> np.ndarray:
        """One still at the camera's full resolution (BGR); blocking work off the loop."""
        self._taken += 1
        if self._capture is None:
            return await asyncio.get_running_loop().run_in_executor(
                self._pool, synthetic_page, self._taken
            )
        ok, image = await asyncio.get_running_loop().run_in_executor(self._pool, self._capture.read)
        if not ok:
            raise OSError("the document camera gave no picture")
        return image  # type: ignore[no-any-return]

    async def preview(self, width: int = 800) -> np.ndarray:
        """A quick, smaller picture for the live preview (BGR)."""
        if self._capture is None:
            image = await asyncio.get_running_loop().run_in_executor(
                self._pool, synthetic_page, self._taken + 1
            )
        else:
            ok, image = await asyncio.get_running_loop().run_in_executor(
                self._pool, self._capture.read
            )
            if not ok:
                raise OSError("the document camera gave no picture")
        height = int(image.shape[0] * width / image.shape[1])
        return cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)

    def name_for(self, page: int) -> str:
        return f"page-{page}-{time.strftime('%Y%m%d-%H%M%S')}.jpg"

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
        self._pool.shutdown(wait=False)
