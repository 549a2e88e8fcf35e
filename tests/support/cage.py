"""A locked-down kiosk terminal in a test: the kiosk window under ``cage``, Debian's
Wayland kiosk compositor, on wlroots' headless backend (no GPU, no input devices, one
virtual output), and screenshots of that output through ``grim``.

cage shows one application full screen and nothing else: no panel, no other window, no
shortcut to a terminal (VT switching stays off unless started with ``-s``), and it exits
when the application does, so that systemd restarts both (deploy/kiosk.service). It
refuses to run as root (it must not be able to regain it): a terminal runs it as the user
``kiosk``; a test runs it in a user namespace of its own, as user 1000 there, which can
still reach this checkout's Python wherever it lives. Debian's cage 0.1.4 needs
Xwayland installed even for Wayland clients, and its headless output is 1280x720 (it has
no output management to change that).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import seconds


@dataclass(frozen=True)
class CageSeat:
    """Where a cage session's Wayland socket lives, for its client and for grim."""

    runtime_dir: Path
    display: str = "wayland-0"
    #: Quarter turns of the output, clockwise: 2 for a landscape panel, 1 for portrait.
    #: Never 0 here: cage 0.1.4 hands a full-screen client's buffer straight to the
    #: output, the headless output refuses it ("Basic output test failed") and cage
    #: then skips the frame, so the panel froze on the window's first frame. A turned
    #: output is always composed (a real panel's DRM output takes the buffer); grim
    #: turns its screenshot back upright.
    quarter_turns: int = 2

    def prefix(self) -> list[str]:
        """The command line that runs a program as cage's one client (full screen), both
        as an unprivileged user."""
        return [
            "unshare",
            "--user",
            f"--map-user={SEAT_UID}",
            f"--map-group={SEAT_UID}",
            "cage",
            "-d",
            *["-r"] * self.quarter_turns,
            "--",
        ]

    def env(self, base: dict[str, str]) -> dict[str, str]:
        """cage's environment (and its client's: cage hands it on, with WAYLAND_DISPLAY)."""
        return {
            **base,
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "HOME": str(self.runtime_dir),
            "WLR_BACKENDS": "headless",
            "WLR_HEADLESS_OUTPUTS": "1",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",
            "QT_QPA_PLATFORM": "wayland",
        }

    def screenshot(self, path: Path) -> Path:
        """The whole output as a PNG, as grim takes it (wlr-screencopy)."""
        env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "WAYLAND_DISPLAY": self.display,
        }
        done = subprocess.run(
            ["grim", str(path)], env=env, capture_output=True, text=True, timeout=seconds(20)
        )
        if done.returncode != 0:
            raise AssertionError(f"grim failed: {done.stderr.strip()}")
        return path


#: The seat's user inside its namespace: anyone but root.
SEAT_UID = 1000


@contextlib.contextmanager
def cage_seat(*, portrait: bool = False) -> Iterator[CageSeat]:
    """A runtime directory for one cage session (mode 0700, as Wayland wants)."""
    for program in ("cage", "grim", "Xwayland", "unshare"):
        if shutil.which(program) is None:
            raise RuntimeError(f"{program} is missing: ./run installs it (KIOSK_TERMINAL_PACKAGES)")
    runtime_dir = Path(tempfile.mkdtemp(prefix="rs-cage-"))
    try:
        yield CageSeat(runtime_dir, quarter_turns=1 if portrait else 2)
    finally:
        shutil.rmtree(runtime_dir, ignore_errors=True)
