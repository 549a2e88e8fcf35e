"""The real window kiosk in a process of its own, reporting what a soak test checks.

``python -m tests.support.window_kiosk --server URL --token T [--join kela]`` builds the
kiosk exactly as ``python -m kiosk`` does (the same media, agent, controller, window and
qasync loop through :func:`kiosk.qt.app.run_window`) on whatever Qt platform the
environment names (xcb under Xvfb in the soak tests). With ``--join`` it taps Start and the
agency on the window itself, as a customer would. Once a second it prints one JSON line:
the screen shown, frames painted, the reference counts of ``None``/``True``/``False`` and
the process's resident memory. A restarted kiosk (no ``--join``) goes back into its call
on its own, as it would under systemd.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from playwright.async_api import Page
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.agent import KioskAgent
from kiosk.qt.app import KioskApp, run_window
from kiosk.qt.runtime import check_qt_runtime
from kiosk.qt.screens import AgencyScreen, CallScreen, StartScreen
from media.network import allow_loopback_candidates
from media.sources import open_local_media
from tests.helpers import seconds
from tests.support.cage import CageSeat
from tests.support.processes import ReportingProcess


def resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 1e6


def tap(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


@dataclass(frozen=True)
class KioskReport:
    """One line of the kiosk's report: what a soak test checks at that moment."""

    t: float  # seconds since the kiosk started
    platform: str  # Qt's platform plugin: "xcb" under Xvfb
    screen: str  # the screen shown: start, choosing, queued, in_call, feedback
    remote_frames: int  # frames of the clerk painted
    self_frames: int  # frames of the self view painted
    refs_none: int
    refs_true: int
    refs_false: int
    rss_mb: float
    width: int
    height: int
    welcomed: bool  # the server's welcome came: the agencies are on the screen
    remote_frozen: bool = False  # the clerk's picture is shown dimmed: it stopped coming

    @classmethod
    def parse(cls, line: bytes) -> KioskReport:
        return cls(**json.loads(line))


def report_now(kiosk: KioskApp, started: float) -> KioskReport:
    window = kiosk.window
    call = window.screens["in_call"]
    assert isinstance(call, CallScreen)
    current = window.stack.currentWidget()
    screen = next((name for name, w in window.screens.items() if w is current), "other")
    return KioskReport(
        t=round(time.monotonic() - started, 3),
        platform=QGuiApplication.platformName(),
        screen=screen,
        remote_frames=call.remote.frames_shown,
        self_frames=call.own.frames_shown,
        refs_none=sys.getrefcount(None),
        refs_true=sys.getrefcount(True),
        refs_false=sys.getrefcount(False),
        rss_mb=round(resident_mb(), 1),
        width=window.width(),
        height=window.height(),
        welcomed=bool(kiosk.controller.agencies),
        remote_frozen=call.remote.frozen,
    )


def reporter(
    join: str | None, every_s: float, screenshot: Path | None
) -> Callable[[KioskApp], Awaitable[None]]:
    async def report(kiosk: KioskApp) -> None:
        started = time.monotonic()
        window = kiosk.window
        if join:
            while not kiosk.controller.agencies:  # the welcome; reported meanwhile
                print(json.dumps(asdict(report_now(kiosk, started))), flush=True)
                await asyncio.sleep(every_s)
            start = window.screens["start"]
            choosing = window.screens["choosing"]
            assert isinstance(start, StartScreen) and isinstance(choosing, AgencyScreen)
            tap(start.start)
            tap(choosing.buttons[join])
        shot_taken = False
        while True:
            line = report_now(kiosk, started)
            if screenshot and not shot_taken and line.remote_frames >= 30:
                window.grab().save(str(screenshot))
                shot_taken = True
            print(json.dumps(asdict(line)), flush=True)
            await asyncio.sleep(every_s)  # the report's pace, not a wait for an event

    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.window_kiosk")
    parser.add_argument("--server", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--join", help="tap Start and this agency once welcomed")
    parser.add_argument("--report-s", type=float, default=1.0)
    parser.add_argument("--screenshot", type=Path, help="save the window once in a call")
    parser.add_argument(
        "--full-screen", action="store_true", help="full screen, as on a terminal (cage)"
    )
    args = parser.parse_args(argv)
    check_qt_runtime()
    allow_loopback_candidates()
    media = open_local_media("test", "tone")
    agent = KioskAgent(args.server, args.token, media)
    return run_window(
        agent,
        windowed=not args.full_screen,
        idle_s=3600,
        double_tap_s=0,  # a script taps the next screen at once; people do not (taps.py)
        companion=reporter(args.join, args.report_s, args.screenshot),
    )


def window_kiosk(
    server: str,
    token: str,
    display: str | CageSeat,
    *,
    join: str | None = None,
    screenshot: Path | None = None,
) -> ReportingProcess[KioskReport]:
    """The window kiosk as its own process: on X display ``display`` (the xcb platform,
    a window), or as a terminal runs it, full screen as cage's one client (Wayland)."""
    # "--token=T": a token may start with "-", which argparse would take for an option.
    args = ["--server", server, f"--token={token}"]
    if join:
        args += ["--join", join]
    if screenshot:
        args += ["--screenshot", str(screenshot)]
    if isinstance(display, CageSeat):
        return ReportingProcess(
            "tests.support.window_kiosk",
            [*args, "--full-screen"],
            KioskReport.parse,
            env=display.env(dict(os.environ)),
            prefix=display.prefix(),
        )
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    return ReportingProcess("tests.support.window_kiosk", args, KioskReport.parse, env=env)


async def frames_decoded(page: Page) -> int:
    value = await page.evaluate(
        "() => Number(document.querySelector('#media-stats').dataset.framesDecoded || 0)"
    )
    return int(value)


async def until_in_call(kiosk: ReportingProcess[KioskReport], page: Page, what: str) -> KioskReport:
    """Reports until the kiosk paints the clerk and the clerk decodes the kiosk."""
    for _ in range(int(seconds(40))):
        line = await kiosk.report(seconds(10))
        if line.screen == "in_call" and line.remote_frames >= 30:
            if await frames_decoded(page) > 30:
                return line
    raise AssertionError(f"no pictures both ways: {what} (last report {kiosk.last})")


async def pictures_move_both_ways(
    kiosk: ReportingProcess[KioskReport], page: Page, since: KioskReport, moved: int
) -> None:
    """Over 5 s of the kiosk's reports from ``since``, more than ``moved`` frames painted
    at the kiosk and decoded at the clerk's console."""
    before, line = await frames_decoded(page), since
    while line.t - since.t < 5:
        line = await kiosk.report(seconds(10))
    assert line.remote_frames > since.remote_frames + moved, "the customer sees the clerk"
    assert await frames_decoded(page) > before + moved, "the clerk sees the customer"


if __name__ == "__main__":
    sys.exit(main())
