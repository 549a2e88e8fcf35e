"""A stack of pages sized by the page it shows.

Qt's ``QStackedWidget`` asks for the room of its largest page, shown or not: the call's
document page, wide in Northern Sámi, kept the call screen (pictures and chat) wider than a
1280 px panel, and a call screen with the chat open kept the start screen so after the
call. Here the stack's size hints are those of the page it shows, so each screen needs only
its own room.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget


class PageStack(QStackedWidget):
    """A ``QStackedWidget`` whose size hints are those of the current page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().sizeHint()
        return page.sizeHint().expandedTo(page.minimumSize())

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())
