"""A stack of pages asks for the room of the page it shows, not of its largest page."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.qt.pages import PageStack


def page(button_width: int) -> QWidget:
    """A page as wide as what it holds."""
    widget = QWidget()
    button = QPushButton("a page")
    button.setMinimumWidth(button_width)
    QHBoxLayout(widget).addWidget(button)
    return widget


def test_the_stack_needs_only_the_room_of_the_page_it_shows(qtbot: QtBot) -> None:
    stack = PageStack()
    qtbot.addWidget(stack)
    narrow, wide = page(100), page(900)
    stack.addWidget(narrow)
    stack.addWidget(wide)
    # Qt's own stack would ask for 900 px whichever page it shows.
    assert stack.minimumSizeHint().width() < 900
    stack.setCurrentWidget(wide)
    assert stack.minimumSizeHint().width() >= 900
    assert stack.sizeHint().width() >= 900
    stack.setCurrentWidget(narrow)
    assert stack.minimumSizeHint().width() < 900
    wide.setMinimumWidth(1200)  # a page's own minimum counts too, once shown
    stack.setCurrentWidget(wide)
    assert stack.minimumSizeHint().width() >= 1200
