"""Speech guidance: the kiosk for a customer who cannot see the screen (EN 301 549 5.1.3).

Started without sight: a finger held anywhere on the screen for :data:`HOLD_S`, a
tactile key where the terminal has one (:data:`TOGGLE_KEYS`), or a headset plugged in
(the controller's ``privateListeningChanged``), as at a cash machine. While it is on:

* every change is said by itself, in the customer's language: a new screen whole, and
  then each text that appears or changes on it (the place in the queue, the call's
  status, errors, receipts, the idle question, a banner);
* a touch stops what is being said and says what is under the finger instead (explore
  by touch); touching the same button again chooses it. So nothing is chosen unheard;
* a language that has no voice here (North Sami, Somali) cannot be chosen: it is said
  so, in the language that can be heard, rather than going silent; guidance started in
  one goes on in Finnish or English (:data:`SPOKEN_INSTEAD`), and says so first.

Holding a finger on the screen again (or the key) turns it off; the next customer starts
without it. Whatever the mode, a touch stops what is being read (5.1.3.4-5).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QStackedWidget, QWidget

from kiosk.i18n import LANGUAGES
from kiosk.qt.controller import ControllerBase
from kiosk.qt.input_events import InputEvents
from kiosk.qt.spoken import announced, joined, screen_text, spoken_text

#: How long a finger is held on the screen to turn speech guidance on or off: longer than
#: any tap or a hand resting for a moment.
HOLD_S = 3.0
#: A finger that moves further than this is swiping, not holding.
HOLD_SLACK_PX = 40
#: Keys that turn speech guidance on or off: a tactile help key, or F1 where a terminal's
#: keypad sends that.
TOGGLE_KEYS = (Qt.Key.Key_Help, Qt.Key.Key_F1)
#: The language speech goes on in where the customer's has no voice (kiosk/speech.py):
#: North Sami speakers in Finland read Finnish; Somali speakers are offered English.
SPOKEN_INSTEAD = {"se": "fi", "so": "en"}
#: How often the screen is looked at for what changed, while guidance is on.
LOOK_MS = 250

PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick}
#: Every kind of event guidance looks at (InputEvents passes it no other).
HEARD = {*PRESSES, QEvent.Type.KeyPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease}


class VoiceGuide(QObject):
    """Speech guidance for one window; ``on`` says whether it is on."""

    changed = Signal(bool)

    def __init__(
        self,
        window: QWidget,
        stack: QStackedWidget,
        controller: ControllerBase,
        events: InputEvents,
        *,
        hold_s: float = HOLD_S,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.stack = stack
        self.controller = controller
        self.on = False
        #: Everything said by guidance (the tests listen here; so could a log).
        self.said: list[str] = []
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(int(hold_s * 1000))
        self._hold.timeout.connect(self._held)
        self._held_at = QPoint()
        self._pressed: QWidget | None = None
        self._swallow_release = False
        #: The button said last by a touch: touched again, it is chosen.
        self._heard: QAbstractButton | None = None
        self._look = QTimer(self)
        self._look.setInterval(LOOK_MS)
        self._look.timeout.connect(self._announce_changes)
        self._screen: QWidget | None = None
        self._shown: set[tuple[int, str]] = set()
        self._language = controller.language
        controller.languageChanged.connect(self._on_language)
        controller.visitChanged.connect(self._on_visit)
        controller.privateListeningChanged.connect(self._on_headset)
        events.add(self.on_event, HEARD)

    # --- on and off ---------------------------------------------------------------------

    def set_on(self, on: bool) -> None:
        if on == self.on:
            return
        self.on = on
        self._heard = None
        if on:
            unspoken = self.controller.language
            if not self.controller.can_speak():  # honest, not silent: say so, in words heard
                self._language = SPOKEN_INSTEAD.get(unspoken, "fi")
                self.controller.set_language(self._language)
                self._say(self.no_speech(unspoken))
            self._screen = None  # the first look says the whole screen, after the intro
            self._announce_changes()
            self._look.start()
        else:
            self._look.stop()
            self._say(self.tr("Speech guidance is off."))
        self.changed.emit(on)

    def intro(self) -> str:
        return self.tr(
            "Speech guidance is on. Touch the screen to hear what is there. "
            "Touch the same place again to choose it. "
            "Hold a finger on the screen for three seconds to turn speech off."
        )

    def no_speech(self, language: str) -> str:
        name = next((lang.own_name for lang in LANGUAGES if lang.code == language), language)
        return self.tr("No speech in %1.").replace("%1", name)

    def _on_visit(self, state: str) -> None:
        if state == "start" and self.on:  # the next customer starts without it
            self.on = False
            self._look.stop()
            self.changed.emit(False)

    def _on_headset(self, plugged: bool) -> None:
        """A headset plugged in starts guidance, as at a cash machine; pulled out, guidance
        goes on through the loudspeaker, private things unsaid again."""
        if plugged:
            self.set_on(True)

    def _on_language(self, code: str) -> None:
        previous, self._language = self._language, code
        if self.on and not self.controller.can_speak():
            # Honest rather than silent: this language has no voice here.
            self.controller.set_language(previous)
            self._say(self.no_speech(code))

    # --- touches and keys ---------------------------------------------------------------

    def on_event(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in TOGGLE_KEYS and not event.isAutoRepeat():
                self.set_on(not self.on)
                return True
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        if kind in PRESSES and isinstance(event, QMouseEvent):
            return self._press(watched, event)
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            moved = event.globalPosition().toPoint() - self._held_at
            if moved.manhattanLength() > HOLD_SLACK_PX:
                self._hold.stop()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._hold.stop()
            if self._swallow_release:
                self._swallow_release = False
                return True
        return False

    def _press(self, watched: QWidget, event: QMouseEvent) -> bool:
        if not self._hold.isActive():  # the first (deepest) widget told of this press
            self._held_at = event.globalPosition().toPoint()
            self._pressed = watched
            self._hold.start()
            self.controller.stop_speaking()  # a touch stops what is being read
        if not self.on:
            return False
        button = _button_of(watched)
        if button is not None and button is self._heard and button.isEnabled():
            self._heard = None
            return False  # heard, and touched again: chosen
        self._heard = button
        self._say(self._what_is_under(watched, button))
        return True  # heard, not chosen

    def _held(self) -> None:
        button = _button_of(self._pressed) if self._pressed is not None else None
        if button is not None and not self.on:
            button.setDown(False)  # held to start guidance, not to choose
        self._swallow_release = True
        self.set_on(not self.on)

    def _what_is_under(self, watched: QWidget, button: QAbstractButton | None) -> str:
        private = self.controller.private_listening
        if button is not None:
            said = spoken_text(button, private=private)
            language = button.property("language")
            if isinstance(language, str) and not self.controller.can_speak(language):
                said = joined((said, self.no_speech(language)))
            if not button.isEnabled():
                said = joined((said, self.tr("Not available now.")))
            return said
        if isinstance(watched, QLabel) and spoken_text(watched, private=private):
            return spoken_text(watched, private=private)
        return self._whole_screen()

    # --- what changed -------------------------------------------------------------------

    def _whole_screen(self) -> str:
        screen = self.stack.currentWidget()
        return screen_text(screen, private=self.controller.private_listening) if screen else ""

    def _texts_shown(self) -> list[tuple[int, str]]:
        """What each label shown says, by label: a second message that reads like the
        first is still new."""
        private = self.controller.private_listening
        labels = [
            w
            for w in self.window.findChildren(QLabel)
            if w.isVisible() and announced(w) and w.window() is self.window
        ]
        said = ((id(w), spoken_text(w, private=private)) for w in labels)
        return [(label, text) for label, text in said if text]

    def _announce_changes(self) -> None:
        shown = self._texts_shown()
        screen = self.stack.currentWidget()
        if screen is not self._screen:
            first = self._screen is None
            self._screen = screen
            whole = self._whole_screen()
            self._say(joined((self.intro(), whole)) if first else whole)
        else:
            new = [text for label, text in shown if (label, text) not in self._shown]
            if new:
                self._say(joined(new))
        self._shown = set(shown)

    def _say(self, text: str) -> None:
        if text:
            self.said.append(text)
            self.controller.speak(text)


def _button_of(widget: QWidget) -> QAbstractButton | None:
    """The button a touch on ``widget`` presses (a label inside a button is the button)."""
    current: QWidget | None = widget
    while current is not None:
        if isinstance(current, QAbstractButton):
            return current
        current = current.parentWidget()
    return None
