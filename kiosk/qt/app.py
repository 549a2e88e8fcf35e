"""Run the PySide6 kiosk on a qasync event loop.

Qt and asyncio share one thread through qasync (with its ready callbacks batched,
kiosk/qt/loop.py): aiortc and aiohttp need a full asyncio
loop (QtAsyncio lacks sock_connect and datagram endpoints, docs/stack-facts.md),
and one thread means widgets and the agent never race. Heavy work (encoding, decoding,
camera reads, audio output) already runs on aiortc's and our own worker threads.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType

from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication

from kiosk.agent import KioskAgent
from kiosk.qt.controller import KioskController
from kiosk.qt.loop import KioskEventLoop
from kiosk.qt.sizing import Panel, sizing_for
from kiosk.qt.taps import DOUBLE_TAP_S
from kiosk.qt.translator import LanguageSwitcher
from kiosk.qt.window import KioskWindow
from kiosk.watchdog import keep_alive

log = logging.getLogger(__name__)


def _log_unhandled(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    # A citizen never sees a traceback: log it for the operator and carry on.
    log.error("unhandled error", exc_info=(kind, value, tb))


@dataclass
class KioskApp:
    """The running kiosk's parts, as the entry point and the soak tests build them."""

    app: QApplication
    loop: KioskEventLoop
    controller: KioskController
    window: KioskWindow


#: The demo's window (``--windowed``): the size of a small landscape kiosk panel.
WINDOWED = (1280, 800)


def panel_of(screen: QScreen | None, panel_mm: tuple[float, float] | None = None) -> Panel:
    """The panel a window opens on: its pixels from Qt, its millimetres from the
    operator's configuration if given, else as the panel reports them (EDID)."""
    if screen is None:
        return Panel(1920, 1080)
    pixels = screen.geometry()
    size = screen.physicalSize()
    width_mm, height_mm = panel_mm or (size.width(), size.height())
    return Panel(pixels.width(), pixels.height(), width_mm, height_mm)


def open_window(
    agent: KioskAgent,
    *,
    windowed: bool,
    idle_s: float = 120.0,
    document_camera: str = "test",
    double_tap_s: float = DOUBLE_TAP_S,
    panel_mm: tuple[float, float] | None = None,
    speaker: str = "default",
    headset: str | None = None,
) -> KioskApp:
    """The Qt application on a qasync loop, the controller around ``agent``, the window shown."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    sys.excepthook = _log_unhandled
    loop = KioskEventLoop(app)
    asyncio.set_event_loop(loop)
    controller = KioskController(agent, LanguageSwitcher(), document_camera, speaker, headset)
    panel = panel_of(app.primaryScreen(), panel_mm)
    if windowed:  # a window the size of a small kiosk panel, on this screen's pixels
        density = panel.px_per_mm
        panel = Panel(*WINDOWED, WINDOWED[0] / density, WINDOWED[1] / density)
    sizing = sizing_for(panel)
    window = KioskWindow(controller, idle_s=idle_s, double_tap_s=double_tap_s, sizing=sizing)
    if windowed:
        window.resize(*WINDOWED)
        window.show()
    else:
        window.showFullScreen()
    return KioskApp(app, loop, controller, window)


def run_window(
    agent: KioskAgent,
    *,
    windowed: bool,
    idle_s: float = 120.0,
    document_camera: str = "test",
    double_tap_s: float = DOUBLE_TAP_S,
    companion: Callable[[KioskApp], Awaitable[None]] | None = None,
    panel_mm: tuple[float, float] | None = None,
    speaker: str = "default",
    headset: str | None = None,
) -> int:
    """Run the kiosk until its window closes. ``companion`` runs beside it (the soak
    tests' reporter); the kiosk does not depend on it."""
    kiosk = open_window(
        agent,
        windowed=windowed,
        idle_s=idle_s,
        document_camera=document_camera,
        double_tap_s=double_tap_s,
        panel_mm=panel_mm,
        speaker=speaker,
        headset=headset,
    )
    closed = asyncio.Event()
    kiosk.app.aboutToQuit.connect(closed.set)

    async def main() -> None:
        agent.start()
        alive = asyncio.ensure_future(keep_alive())
        beside = asyncio.ensure_future(companion(kiosk)) if companion else None
        await closed.wait()
        alive.cancel()
        if beside is not None:
            beside.cancel()
        await agent.stop()
        kiosk.controller.frames.close()

    with kiosk.loop:
        kiosk.loop.run_until_complete(main())
    return 0
