"""A real X display for the window kiosk: Xvfb on a free display number, torn down after.

The offscreen platform paints into memory and skips the xcb plugin, the X server and its
event flow; the window kiosk also has to hold up on a real display (issues 19 and 20).
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator

from tests.helpers import seconds


@contextlib.contextmanager
def xvfb(width: int = 1920, height: int = 1080) -> Iterator[str]:
    """Start Xvfb at ``width`` x ``height``; yield its DISPLAY value (e.g. ``:91``).

    Xvfb picks a free display number itself and writes it to a pipe once it accepts
    connections (``-displayfd`` without a number), so nothing here polls or sleeps, and
    two test processes starting one at once cannot pick the same number."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is missing: ./run installs the xvfb package")
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [
            "Xvfb",
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            # Xvfb resets when its last client goes; a kiosk restarted after a crash would
            # meet the reset and fail to connect.
            "-noreset",
            "-displayfd",
            str(write_end),
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        # Xvfb writes the number once it listens; an exit closes the pipe with nothing.
        # It may write the number and the newline apart, and dies (EPIPE) if the pipe is
        # closed in between: read to the newline, and keep the pipe open while it runs.
        announced = _read_line(read_end, seconds(15))
        if not announced.strip().isdigit():
            raise RuntimeError(f"Xvfb did not start (exit status {process.poll()})")
        yield f":{announced.strip()}"
    finally:
        os.close(read_end)
        process.terminate()
        try:
            process.wait(seconds(10))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _read_line(fd: int, timeout: float) -> str:
    """Read from ``fd`` up to a newline or end of file, within ``timeout`` seconds."""
    loop_deadline = time.monotonic() + timeout
    text = ""
    while "\n" not in text:
        left = loop_deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(0.0, left))
        if not ready:
            raise RuntimeError(f"Xvfb did not announce its display within {timeout:.0f} s")
        chunk = os.read(fd, 64).decode()
        if not chunk:
            break
        text += chunk
    return text
