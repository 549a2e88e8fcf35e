"""The kiosk's per-frame Qt paths keep Python's reference counts flat (issue 20).

PySide6 6.12.0 on Python 3.11 lost about six references to ``None`` per shown frame, and
CPython aborted ~30 s into every call. These tests drive the real widgets and the real
frame path thousands of times offscreen and fail within seconds on such a binding: a
faulty one drifts by at least -1 per step, a sound one by nothing.

Only a *loss* can crash: a count that reaches zero frees the object. PyAV (16.1 to 18.1
measured) *gains* one reference to ``None`` per buffer export (``to_ndarray``, ``bytes(plane)``),
which can never free anything; the paths that go through PyAV are held to "never loses",
the pure Qt paths to "flat".
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable, Iterator

import av
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.exceptions import UnsafeQtRuntime
from kiosk.qt.frames import rgb_to_qimage, to_qimage
from kiosk.qt.runtime import check_qt_runtime, singleton_drift
from kiosk.qt.screens import CallScreen, DocumentPanel, FeedbackScreen, WaitingScreen
from kiosk.qt.video import VideoView
from kiosk.qt.window import KioskWindow
from tests.fake_controller import FakeController

#: Steps per path: at -1 per step a faulty binding is off by thousands, far past noise.
STEPS = 2000
#: What a sound binding may drift over all the steps of one path: caches filling up, and
#: widgets of earlier tests deleted when the event loop runs. A faulty binding is off by
#: at least one per step.
NOISE = STEPS // 20

SINGLETONS = {"None": None, "True": True, "False": False}


def settle() -> None:
    """Let earlier tests' widgets go first: their deferred deletions and garbage release
    references of their own, which are not this path's."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()


def drift_over(steps: int, step: Callable[[int], None]) -> dict[str, int]:
    """Reference counts of None, True and False after ``steps`` calls, minus before."""
    step(0)  # the first call fills caches (fonts, pixmaps); it is not a leak
    settle()
    before = {name: sys.getrefcount(obj) for name, obj in SINGLETONS.items()}
    for n in range(steps):
        step(n)
    return {name: sys.getrefcount(obj) - before[name] for name, obj in SINGLETONS.items()}


def assert_flat(drift: dict[str, int], what: str) -> None:
    bad = {name: value for name, value in drift.items() if abs(value) > NOISE}
    assert not bad, f"{what}: reference counts drifted over {STEPS} steps: {bad}"


def assert_never_lost(drift: dict[str, int], qt_only: dict[str, int], what: str) -> None:
    """A path through PyAV: no singleton loses references, and all that None gains is
    PyAV's own share (``av_gain``), so Qt's part stays flat."""
    lost = {name: value for name, value in drift.items() if value < -NOISE}
    assert not lost, f"{what}: references lost over {STEPS} steps: {lost}"
    assert_flat(qt_only, f"{what}, Qt's part")


def frame_image(n: int, size: tuple[int, int] = (640, 480)) -> QImage:
    rgb = np.full((size[1], size[0], 3), n % 256, dtype=np.uint8)
    return rgb_to_qimage(rgb)


@pytest.fixture
def controller() -> Iterator[FakeController]:
    yield FakeController()


def test_video_view_paints_without_losing_references(qtbot: QtBot) -> None:
    view = VideoView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    qtbot.waitExposed(view)
    image = frame_image(1)

    def step(_n: int) -> None:
        view.show_image(image)
        view.repaint()  # paints now, as the event loop would after update()

    assert_flat(drift_over(STEPS, step), "VideoView.show_image + paint")
    assert view.frames_shown == STEPS + 1


def test_decoded_frame_to_the_call_screen_keeps_counts_flat(
    qtbot: QtBot, controller: FakeController
) -> None:
    """The whole per-frame path of a call: a decoded frame converted to an image, emitted as
    the controller's signals for the official, the interpreter and the self view, shown and
    painted by the call screen."""
    screen = CallScreen(controller)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    controller.visitChanged.emit("in_call")
    controller.peerJoined.emit("interpreter-1", "interpreter", "fse")
    frame = av.VideoFrame.from_ndarray(
        np.zeros((480, 640, 3), dtype=np.uint8), format="rgb24"
    ).reformat(format="yuv420p")

    def step(_n: int) -> None:
        image = to_qimage(frame)
        controller.remoteFrame.emit(image)
        controller.peerFrame.emit("interpreter-1", image)
        controller.selfFrame.emit(image)
        screen.repaint()

    def conversion(_n: int) -> None:
        to_qimage(frame)

    whole = drift_over(STEPS, step)
    av_gain = drift_over(STEPS, conversion)
    qt_only = {name: whole[name] - av_gain[name] for name in whole}
    assert_never_lost(whole, qt_only, "decode -> signal -> CallScreen paint")
    assert screen.remote.frames_shown > STEPS
    assert screen.interpreter.frames_shown > STEPS
    assert screen.own.frames_shown > STEPS


def test_self_view_while_waiting_and_document_preview_keep_counts_flat(
    qtbot: QtBot, controller: FakeController
) -> None:
    waiting = WaitingScreen(controller)
    documents = DocumentPanel(controller, on_close=lambda: None)
    for widget in (waiting, documents):
        qtbot.addWidget(widget)
        widget.resize(1280, 800)
        widget.show()
        qtbot.waitExposed(widget)
    image = frame_image(2)

    def step(_n: int) -> None:
        controller.selfFrame.emit(image)
        controller.documentImage.emit(image)
        waiting.repaint()
        documents.repaint()

    assert_flat(drift_over(STEPS, step), "self view and document preview")
    assert waiting.own.frames_shown > STEPS and documents.page.frames_shown > STEPS


def test_idle_countdown_and_drawn_faces_keep_counts_flat(
    qtbot: QtBot, controller: FakeController
) -> None:
    """Paths that run once a second or on every paint rather than per frame: they still
    add up over a working day."""
    window = KioskWindow(controller, idle_s=3600)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    feedback = window.screens["feedback"]
    assert isinstance(feedback, FeedbackScreen)
    overlay = window.idle

    def step(n: int) -> None:
        overlay.retranslate()  # the countdown's text, once a second
        overlay.overlay.repaint()
        feedback.faces[n % len(feedback.faces)].repaint()  # drawn in paintEvent

    assert_flat(drift_over(STEPS, step), "idle countdown, feedback faces")


def test_chat_lines_never_lose_references(qtbot: QtBot, controller: FakeController) -> None:
    """Chat lines come and go with the call. PySide6 keeps a few references to None for each
    new rich-text label (a gain, which can never free anything); none may be lost."""
    screen = CallScreen(controller)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    controller.visitChanged.emit("in_call")

    def step(n: int) -> None:
        if n % 50 == 0:
            screen.chat.clear()  # a call's chat is wiped when the call ends
        screen.chat.add("clerk", f"rivi {n}", mine=n % 2 == 0)
        qtbot.wait(0)  # the event loop's turn: lay out, delete what was cleared

    drift = drift_over(STEPS, step)
    lost = {name: value for name, value in drift.items() if value < -NOISE}
    assert not lost, f"chat lines: references lost over {STEPS} steps: {lost}"
    assert len(screen.chat.line_texts()) == 50


def test_the_probe_passes_on_the_pinned_binding() -> None:
    """The binding ./run installs is sound: the start-up probe measures nothing."""
    drift = singleton_drift()
    assert all(abs(value) < 0.5 for value in drift.values()), drift
    check_qt_runtime()


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 (PEP 683)"
)
def test_the_probe_refuses_a_binding_that_loses_references(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stand-in for the faulty binding: every void Qt call drops one reference to None
    (as PySide6 6.12.0 does on Python 3.11). The kiosk must refuse, naming the remedy, and
    give the references back so that it can exit cleanly."""
    from PySide6.QtCore import QObject

    real = QObject.setObjectName
    decref = ctypes.pythonapi.Py_DecRef
    decref.argtypes = [ctypes.py_object]

    def leaking(self: QObject, name: str) -> None:
        real(self, name)
        decref(None)

    monkeypatch.setattr(QObject, "setObjectName", leaking)
    before = sys.getrefcount(None)
    with pytest.raises(UnsafeQtRuntime, match=r"None -1\.0 per call.*6\.11"):
        check_qt_runtime()
    assert abs(sys.getrefcount(None) - before) < 4, "the probe gave the references back"


def test_the_window_kiosk_exits_with_a_clear_message_on_a_faulty_binding(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from kiosk import __main__ as entry

    def faulty(calls: int = 0) -> None:
        raise UnsafeQtRuntime("PySide6 6.12.0 on Python 3.11.7 corrupts reference counts")

    monkeypatch.setattr("kiosk.qt.runtime.check_qt_runtime", faulty)
    status = entry.main(["--server", "http://127.0.0.1:9", "--token", "t", "--camera", "test"])
    assert status == entry.EXIT_UNSAFE_RUNTIME == 78
    assert "corrupts reference counts" in caplog.text


def test_the_kiosk_unit_does_not_restart_into_the_same_fault() -> None:
    from pathlib import Path

    unit = (Path(__file__).parents[1] / "deploy" / "kiosk.service").read_text()
    assert "RestartPreventExitStatus=78" in unit
