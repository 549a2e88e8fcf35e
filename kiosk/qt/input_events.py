"""One app-wide event filter for the kiosk window's guards, each of which wants only
touches, keys and a few kinds more.

An app-wide filter is handed every event of the process, and in a call that is about
1,200 a second: the event loop's timer turns, the media threads' hand-overs, ready
sockets, paints (bench/window_kiosk.py, counted). Each Python filter is a crossing from
Qt into Python for every one of them: 1.7 us an event here, and the idle guard, speech
guidance and the double-tap guard each had their own, about 1 % of a core spent on events
none of them looks at, on the thread that paints and answers touches. This filter
crosses once and passes on only the kinds each guard asked for, in the order Qt calls
filters of its own (the one added last first; one that returns True ends the event).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

#: A guard's look at one event: True to stop it there (as a Qt event filter's answer).
Handler = Callable[[QObject, QEvent], bool]


class InputEvents(QObject):
    """Installed on the application while it lives (it goes with its parent, the window)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._handlers: dict[QEvent.Type, list[Handler]] = {}
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def add(self, handler: Handler, kinds: Iterable[QEvent.Type]) -> None:
        """``handler`` sees the events of ``kinds``, before the handlers added earlier."""
        for kind in kinds:
            self._handlers.setdefault(kind, []).insert(0, handler)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handlers = self._handlers.get(event.type())
        if handlers:
            for handler in handlers:
                if handler(watched, event):
                    return True
        return False
