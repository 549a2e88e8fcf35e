"""The kiosk's screens walked on a panel, and what is cut off on each: shared by the
offscreen layout test (tests/test_kiosk_layouts.py) and the same walk on a real X display
(``python -m tests.support.layouts PANEL``, run under Xvfb by that test).

The walk shows every screen a customer meets with its busiest content, in every language
(Arabic mirrored), in a window the size of the panel; :func:`cut_off` says, in words, what
is wrong with what the window shows: the window had to grow past the panel, a control or a
text lies outside the window or outside the widget that holds it, a button or a one-line
label is narrower than its text, a button is under 15 mm on that panel or out of reach
on it as deploy/README.md mounts it (kiosk/mounting.py, EN 301 549 8.3), and in large
text, a capital letter shorter than 0.7 degrees at the viewing distance (EN 301 549 5.1.4);
in everyday text, a screen that has to scroll.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, QRect
from PySide6.QtGui import QFontMetricsF, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from kiosk.devices import DEVICES
from kiosk.i18n import LANGUAGES
from kiosk.mounting import in_reach, mounting_for
from kiosk.qt.screens import AgencyScreen, CallScreen, FeedbackScreen
from kiosk.qt.sizing import MIN_TARGET_MM, Panel, least_cap_height_mm, sizing_for
from kiosk.qt.window import KioskWindow
from protocol import messages as p
from tests.fake_controller import FakeController
from tests.test_kiosk_ui import image_of

#: The panels kiosks have, by their pixels and visible millimetres: landscape on a desk
#: or a wall, portrait on a floor stand.
PANELS = {
    "1280x800": Panel(1280, 800, 331, 207),  # 15.4"
    "1366x768": Panel(1366, 768, 410, 230),  # 18.5"
    "1920x1080": Panel(1920, 1080, 476, 268),  # 21.5"
    "2560x1440": Panel(2560, 1440, 597, 336),  # 27"
    "1080x1920": Panel(1080, 1920, 268, 476),  # 21.5" portrait
    "1200x1920": Panel(1200, 1920, 323, 518),  # 24" portrait
}


def settle() -> None:
    for _ in range(3):  # new widgets are shown and laid out by queued events
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def cut_off(window: KioskWindow, px_per_mm: float, least_cap_mm: float = 0.0) -> list[str]:
    """Everything wrong with what the window shows now, in words; ``least_cap_mm``: a text
    whose capital H is shorter (large text at the viewing distance) is wrong too."""
    problems = []
    mounting = mounting_for(window.panel)  # every control within reach (EN 301 549 8.3)
    if window.width() > window.panel.width_px or window.height() > window.panel.height_px:
        problems.append(f"the window grew to {window.width()}x{window.height()}")
    widgets: list[QWidget] = [
        *window.findChildren(QPushButton),
        *window.findChildren(QLabel),
        *window.findChildren(QLineEdit),
    ]
    for widget in widgets:
        if not widget.isVisible() or widget.width() == 0:
            continue
        text = widget.text() if isinstance(widget, QPushButton | QLabel | QLineEdit) else ""
        what = f"{type(widget).__name__} {text[:40]!r}"
        holder: QWidget | None = widget
        while holder is not None and holder is not window:
            parent = holder.parentWidget()
            if parent is None:
                break
            inside = QRect(widget.mapTo(parent, widget.rect().topLeft()), widget.size())
            scrolled = least_cap_mm > 0 and _screen_viewport(parent)
            if scrolled and parent.rect().left() <= inside.left() <= inside.right() <= (
                parent.rect().right()
            ):
                break  # below or above the fold of a screen that scrolls: fine
            if not parent.rect().contains(inside):
                problems.append(
                    f"{what} sticks out of {parent.objectName() or type(parent).__name__}"
                )
                break
            holder = parent
        cap_mm = QFontMetricsF(widget.font()).capHeight() / px_per_mm
        if text and cap_mm < least_cap_mm - 0.05:
            problems.append(f"{what} has {cap_mm:.1f} mm capitals")
        if isinstance(widget, QPushButton):
            centre = widget.mapTo(window, widget.rect().center()).y()
            height_mm = mounting.height_mm(centre, window.panel)
            if 0 <= centre <= window.height() and not in_reach(height_mm):
                problems.append(f"{what} is {height_mm:.0f} mm above the floor")
            if text and widget.width() < widget.sizeHint().width() - 2:
                problems.append(f"{what} is narrower than its text")
            if widget.height() < widget.minimumSizeHint().height() - 2:
                problems.append(f"{what} is cut at the bottom")
            if min(widget.width(), widget.height()) / px_per_mm < MIN_TARGET_MM - 0.05:
                size_mm = min(widget.width(), widget.height()) / px_per_mm
                problems.append(f"{what} is a {size_mm:.1f} mm target")
        elif isinstance(widget, QLabel) and text and not widget.wordWrap():
            if widget.width() < widget.fontMetrics().horizontalAdvance(text):
                problems.append(f"{what} is narrower than its text")
    if least_cap_mm == 0:  # everyday text: every screen fits without scrolling
        for scroll in window.findChildren(QScrollArea, "ScreenScroll"):
            body = scroll.widget()
            if scroll.isVisible() and body.height() > scroll.viewport().height():
                problems.append("the screen is taller than the panel")
    return problems


def _screen_viewport(widget: QWidget) -> bool:
    """Whether ``widget`` is the viewport of a screen's scrolling column."""
    area = widget.parentWidget()
    return isinstance(area, QScrollArea) and area.objectName() == "ScreenScroll"


def walk(
    controller: FakeController, window: KioskWindow
) -> Iterator[tuple[str, Callable[[], None]]]:
    """Every screen a customer meets, with its busiest content."""
    yield "start", lambda: controller.visitChanged.emit("start")
    choosing = window.screens["choosing"]
    assert isinstance(choosing, AgencyScreen)

    def agencies() -> None:
        controller.visitChanged.emit("choosing")
        choosing.pages.setCurrentIndex(0)

    yield "agency", agencies

    def appointment() -> None:
        choosing.have_appointment.click()
        controller.noticeRaised.emit("appointment_wait")

    yield "appointment", appointment

    def waiting() -> None:
        controller.visitChanged.emit("queued")
        controller.queue_status = p.QueueStatus(
            ticket="t1", agency="vero", position=3, waiting=4, wait_min_s=600, wait_max_s=1500
        )
        controller.queueChanged.emit(3, 4)

    yield "waiting", waiting
    call = window.screens["in_call"]
    assert isinstance(call, CallScreen)

    def in_call() -> None:
        controller.visitChanged.emit("in_call")
        controller.remoteFrame.emit(image_of(640, 480))
        controller.peerJoined.emit("interpreter-1", "interpreter", "fse")
        controller.peerFrame.emit("interpreter-1", image_of(640, 480))
        controller.interpreterChanged.emit("joined", "fse", 0)
        controller.chatLine.emit("clerk", "Näytättekö henkilökortin?", False)

    yield "call-chat", in_call
    feedback = window.screens["feedback"]
    assert isinstance(feedback, FeedbackScreen)

    def reasons() -> None:
        controller.peerLeft.emit("interpreter-1")
        controller.visitChanged.emit("feedback")
        feedback.faces[1].click()

    yield "feedback", reasons


def walk_panel(
    panel: Panel, *, large_text: bool = False, save: Callable[[KioskWindow, str, str], None]
) -> list[str]:
    """Every screen in every language on ``panel``: the problems found, each prefixed with
    the language and the screen; ``save(window, language, screen)`` after each."""
    sizing = sizing_for(panel)
    least_cap_mm = least_cap_height_mm()
    controller = FakeController()
    # The start screen at its busiest says what to do instead of every device the
    # operator's file names that is missing (kiosk/devices.py).
    controller.missing_devices = list(DEVICES)
    window = KioskWindow(controller, double_tap_s=0, sizing=sizing)
    window.panel = panel  # type: ignore[attr-defined]
    window.resize(panel.width_px, panel.height_px)
    window.show()
    controller.connectionChanged.emit("open")
    controller.agenciesChanged.emit(controller.agencies)
    problems: list[str] = []
    try:
        for language in LANGUAGES:
            controller.set_language(language.code)
            for screen, show in walk(controller, window):
                window.resize(panel.width_px, panel.height_px)  # full screen cannot grow
                show()
                window.large_text.setChecked(large_text)  # the start screen resets it
                settle()
                found = cut_off(window, sizing.px_per_mm, least_cap_mm if large_text else 0.0)
                problems += [f"{language.code} {screen}: {problem}" for problem in found]
                save(window, language.code, screen)
    finally:
        controller.set_language("en")
        window.close()
        # Gone, not only hidden: every language change reaches every widget of the
        # application, and the walks of earlier panels made each later one slower.
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return problems


def main(argv: list[str] | None = None) -> int:
    """The walk on whatever Qt platform the environment names; one JSON line out."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.layouts")
    parser.add_argument("panel", choices=list(PANELS))
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    problems = walk_panel(PANELS[args.panel], save=lambda *_: None)
    print(json.dumps({"platform": QGuiApplication.platformName(), "problems": problems}))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
