"""Nobody touched the kiosk for a while: ask "Are you still there?" with a countdown,
then wipe the visit so the next person finds no trace of this one.

Any touch, click or key anywhere resets the clock. A running call is never interrupted,
a customer waiting in the queue never loses their place (a wait of 5-15 minutes without
touching the screen is normal: EN 301 549 2.2.1 asks that a time limit never costs what
the user came for), and the start screen has nothing to ask about (only its language is
reset). The time is
configurable (``--idle-s``) and a tap on "I am still here" always extends it: no time
limit that cannot be extended (EN 301 549, 5.2.10... in spirit).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import DEFAULT_LANGUAGE
from kiosk.qt.controller import ControllerBase
from kiosk.qt.input_events import InputEvents
from kiosk.qt.sizing import DESIGN, Sizing
from kiosk.qt.spoken import not_announced

ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchUpdate,
    QEvent.Type.Wheel,
}


#: Visit states the guard never clears: a call, and a place in the queue.
NEVER_CLEARED = {"in_call", "queued"}


class IdleGuard(QObject):
    """Watches the whole application for activity; owns the "still there?" overlay."""

    def __init__(
        self,
        window: QWidget,
        controller: ControllerBase,
        events: InputEvents,
        *,
        idle_s: float = 120.0,
        countdown_s: int = 30,
        area: QWidget | None = None,
        sizing: Sizing = DESIGN,
    ) -> None:
        super().__init__(window)
        self.controller = controller
        #: What the question covers: the screens, not the top bar, whose accessibility
        #: controls (read aloud, large text, contrast, language) stay within reach.
        self.area = area
        self.countdown_s = countdown_s
        self.state = "start"
        self.overlay = QWidget(window)
        self.overlay.setObjectName("IdleOverlay")
        self.overlay.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.question = QLabel()
        self.question.setObjectName("Title")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.remaining = QLabel()
        self.remaining.setObjectName("Lead")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for spoken_by_itself in (self.question, self.remaining):  # _ask says them; once
            not_announced(spoken_by_itself)
        self.still_here = QPushButton()
        self.still_here.setObjectName("Primary")
        self.still_here.clicked.connect(self.activity)
        column = QVBoxLayout(self.overlay)
        column.setContentsMargins(*[sizing.px(160)] * 4)
        column.addStretch(1)
        column.addWidget(self.question)
        column.addWidget(self.remaining)
        column.addWidget(self.still_here)
        column.addStretch(1)
        self.overlay.hide()
        self.idle = QTimer(self, singleShot=True, interval=int(idle_s * 1000))
        self.idle.timeout.connect(self._ask)
        self.tick = QTimer(self, interval=1000)
        self.tick.timeout.connect(self._count_down)
        self.left = countdown_s
        controller.visitChanged.connect(self._on_visit)
        events.add(self.on_event, (*ACTIVITY, QEvent.Type.LanguageChange))
        self.idle.start()
        self.retranslate()

    def on_event(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and not self.overlay.isVisible():
            self.idle.start()
        elif (
            event.type() in ACTIVITY
            and isinstance(watched, QWidget)
            and not self.overlay.isAncestorOf(watched)
            and watched is not self.overlay
            and watched.window() is self.overlay.window()
        ):
            self.activity()  # a touch beside the question (the top bar) says "still here"
        elif event.type() == QEvent.Type.LanguageChange and watched is self.overlay:
            self.retranslate()
        return False

    def activity(self) -> None:
        self.tick.stop()
        self.overlay.hide()
        self.idle.start()

    def _on_visit(self, state: str) -> None:
        self.state = state
        self.activity()

    def _ask(self) -> None:
        if self.state in NEVER_CLEARED:
            self.idle.start()
            return
        if self.state == "start":
            if self.controller.language != DEFAULT_LANGUAGE:
                self.controller.set_language(DEFAULT_LANGUAGE)  # the next person's default
            self.idle.start()
            return
        self.left = self.countdown_s
        window = self.overlay.parentWidget()
        assert window is not None
        if self.area is not None:
            self.overlay.setGeometry(QRect(self.area.mapTo(window, QPoint(0, 0)), self.area.size()))
        else:
            self.overlay.setGeometry(window.rect())
        self.overlay.raise_()
        self.overlay.show()
        self.retranslate()
        # Said as well as shown: a customer who cannot see the screen is asked too.
        self.controller.speak(f"{self.question.text()} {self.remaining.text()}")
        self.tick.start()

    def _count_down(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.tick.stop()
            self.overlay.hide()
            self.controller.reset_visit()
            self.idle.start()
        else:
            self.retranslate()

    def retranslate(self) -> None:
        self.question.setText(self.tr("Are you still there?"))
        self.remaining.setText(
            self.tr("The screen will be cleared in %1 seconds.").replace("%1", str(self.left))
        )
        self.still_here.setText(self.tr("I am still here"))
