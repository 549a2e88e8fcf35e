"""One tap, one action: a tap repeated by a trembling hand, or a double tap on Start that
lands on the next screen's first button, is not taken twice.

EN 301 549 5.8 (double-strike key acceptance) asks that a repeated keystroke within an
adjustable delay, down to 0.5 s, be ignored. Here the same holds for every button of the
kiosk, and also for a tap on *another* button when the screen changed since the last tap
(the second half of a double tap on "Start" would otherwise choose an agency). The delay
is ``--double-tap-s`` (0 turns it off).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QStackedWidget

from kiosk.qt.input_events import InputEvents

#: The default delay: the standard's lower bound for the adjustable setting.
DOUBLE_TAP_S = 0.5

PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick}


class TapGuard(QObject):
    """Swallows a button press that repeats the last one too soon."""

    def __init__(
        self,
        stack: QStackedWidget,
        events: InputEvents,
        *,
        repeat_s: float = DOUBLE_TAP_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(stack)
        self.repeat_s = repeat_s
        self.clock = clock
        self._last: QObject | None = None
        self._last_at = -1e9
        self._screen_changed_at = -1e9
        #: Presses ignored so far (for the tests and the log).
        self.ignored = 0
        stack.currentChanged.connect(self._on_screen)
        events.add(self.on_event, PRESSES)

    def _on_screen(self, _index: int) -> None:
        self._screen_changed_at = self.clock()

    def on_event(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in PRESSES or not isinstance(watched, QAbstractButton):
            return False
        now = self.clock()
        soon = now - self._last_at < self.repeat_s
        if soon and (watched is self._last or self._screen_changed_at > self._last_at):
            self.ignored += 1
            return True
        self._last, self._last_at = watched, now
        return False
