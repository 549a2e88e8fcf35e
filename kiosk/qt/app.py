"""Run the PySide6 kiosk on a qasync event loop.

Qt and asyncio share one thread through qasync: aiortc and aiohttp need a full asyncio
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

import qasync
from PySide6.QtWidgets import QApplication

from kiosk.agent import KioskAgent
from kiosk.qt.controller import KioskController
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
    loop: qasync.QEventLoop
    controller: KioskController
    window: KioskWindow


def open_window(
    agent: KioskAgent,
    *,
    windowed: bool,
    idle_s: float = 120.0,
    document_camera: str = "test",
    double_tap_s: float = DOUBLE_TAP_S,
) -> KioskApp:
    """The Qt application on a qasync loop, the controller around ``agent``, the window shown."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    sys.excepthook = _log_unhandled
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    controller = KioskController(agent, LanguageSwitcher(), document_camera)
    window = KioskWindow(controller, idle_s=idle_s, double_tap_s=double_tap_s)
    if windowed:
        window.resize(1280, 800)
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
) -> int:
    """Run the kiosk until its window closes. ``companion`` runs beside it (the soak
    tests' reporter); the kiosk does not depend on it."""
    kiosk = open_window(
        agent,
        windowed=windowed,
        idle_s=idle_s,
        document_camera=document_camera,
        double_tap_s=double_tap_s,
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
