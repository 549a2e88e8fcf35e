"""A capture timestamp drawn into the picture, so the far side can measure glass-to-glass
latency from the decoded frame alone (benchmarks; the test pattern always carries one).

48 blocks of 16 x 16 px in two rows at the top left: 40 bits of the capture time in
milliseconds (modulo 2**40, about 35 years) and an 8-bit checksum. Blocks are black or
white, which survives VP8 and H.264 at any bitrate the call uses; the reader looks at each
block's centre only. Pure ``ndarray -> ndarray`` functions.
"""

from __future__ import annotations

import numpy as np

BLOCK = 16
PER_ROW = 24
BITS = 48
MASK = (1 << 40) - 1


def _bits(ms: int) -> list[int]:
    value = ms & MASK
    checksum = sum(value.to_bytes(5, "big")) & 0xFF
    word = (value << 8) | checksum
    return [(word >> (BITS - 1 - i)) & 1 for i in range(BITS)]


def stamp(image: np.ndarray, ms: int) -> np.ndarray:
    """Draw ``ms`` into the top-left corner of an RGB or BGR image (in place; returned)."""
    for index, bit in enumerate(_bits(ms)):
        row, col = divmod(index, PER_ROW)
        y, x = row * BLOCK, col * BLOCK
        image[y : y + BLOCK, x : x + BLOCK] = 255 if bit else 0
    return image


def stamp_i420(luma: np.ndarray, u: np.ndarray, v: np.ndarray, ms: int) -> None:
    """:func:`stamp` drawn into an I420 picture's planes (in place): the blocks in the
    luma, their chroma made neutral, so that they stay black and white over any colour."""
    stamp(luma, ms)
    rows, columns = BLOCK, PER_ROW * BLOCK // 2  # two rows of blocks at half resolution
    u[:rows, :columns] = 128
    v[:rows, :columns] = 128


def read_stamp(image: np.ndarray) -> int | None:
    """The milliseconds drawn by :func:`stamp` (modulo 2**40), or None if unreadable."""
    if image.shape[0] < 2 * BLOCK or image.shape[1] < PER_ROW * BLOCK:
        return None
    gray = image if image.ndim == 2 else image[..., :3].mean(axis=2)
    word = 0
    for index in range(BITS):
        row, col = divmod(index, PER_ROW)
        y, x = row * BLOCK + BLOCK // 4, col * BLOCK + BLOCK // 4
        bit = int(gray[y : y + BLOCK // 2, x : x + BLOCK // 2].mean() > 128)
        word = (word << 1) | bit
    value, checksum = word >> 8, word & 0xFF
    if sum(value.to_bytes(5, "big")) & 0xFF != checksum:
        return None
    return value


def latency_ms(stamped: int, now_ms: int) -> int:
    """Milliseconds from capture to ``now_ms``, allowing for the 2**40 wrap."""
    return (now_ms - stamped) & MASK
