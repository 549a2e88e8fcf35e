"""The kiosk window's one app-wide event filter (kiosk/qt/input_events.py): each guard is
handed the kinds of event it asked for and no other, in the order Qt gives filters of
their own, and one that takes an event ends it there. The guards' own behaviour is
tested with the window (test_kiosk_voice.py, test_kiosk_ui.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.qt.input_events import Handler, InputEvents
from tests.helpers import seconds

PRESS = QEvent.Type.MouseButtonPress


def test_each_guard_sees_only_the_kinds_it_asked_for_the_last_added_first(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("Kela", window)
    clicked: list[bool] = []
    button.clicked.connect(lambda: clicked.append(True))
    window.show()
    qtbot.waitExposed(window)
    events = InputEvents(window)
    seen: list[tuple[str, QEvent.Type]] = []
    taking = {"voice": False}

    def handler(name: str) -> Handler:
        def look(watched: QObject, event: QEvent) -> bool:
            if watched is button:
                seen.append((name, event.type()))
            return taking.get(name, False)

        return look

    events.add(handler("taps"), [PRESS, QEvent.Type.MouseButtonDblClick])
    events.add(handler("voice"), [PRESS, QEvent.Type.MouseButtonRelease])
    events.add(handler("idle"), [PRESS])

    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen == [
        ("idle", PRESS),
        ("voice", PRESS),
        ("taps", PRESS),
        ("voice", QEvent.Type.MouseButtonRelease),
    ]
    assert clicked == [True]

    # Taken by the second: the first added never sees it, and the button is not pressed.
    seen.clear()
    taking["voice"] = True
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen == [("idle", PRESS), ("voice", PRESS), ("voice", QEvent.Type.MouseButtonRelease)]
    assert clicked == [True]


def test_what_no_guard_asked_for_reaches_none_and_the_filter_goes_with_its_window(
    qtbot: QtBot,
) -> None:
    """Timer turns, paints and the rest pass by every guard; once the window is gone,
    events reach no guard of it."""
    window = QWidget()
    window.show()
    qtbot.waitExposed(window)
    events = InputEvents(window)
    handed: list[QEvent.Type] = []

    def look(_watched: QObject, event: QEvent) -> bool:
        handed.append(event.type())
        return False

    events.add(look, [PRESS])
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    window.update()
    qtbot.waitUntil(lambda: bool(fired), timeout=int(seconds(5) * 1000))
    assert handed == []

    with qtbot.waitSignal(events.destroyed, timeout=int(seconds(5) * 1000)):
        window.deleteLater()
    other = QPushButton("Start")
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    QTest.mouseClick(other, Qt.MouseButton.LeftButton)
    assert handed == []
