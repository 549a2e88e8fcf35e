"""Real-time text in a call, for customers who cannot hear or speak: the lines of
everyone in the call, what the others are writing as they write it, a line to write (the
others read it as it is typed, EN 301 549 6.2.1.1), and an on-screen keyboard in the
layout of the customer's language. Nothing of it outlives the call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.qt.controller import ControllerBase
from kiosk.qt.sizing import DESIGN, Sizing
from kiosk.qt.spoken import not_announced, speak_as

#: Letter rows per language (the digits row, "-", Shift and the space bar are shared).
#: Layouts follow each language's usual keyboard, with what a message and a personal
#: identity code need (131052-308T: digits, "-" or "+" and a capital; Shift gives both).
KEYBOARD_ROWS: dict[str, tuple[str, ...]] = {
    "fi": ("qwertyuiopå", "asdfghjklöä", "zxcvbnm,.?"),
    "sv": ("qwertyuiopå", "asdfghjklöä", "zxcvbnm,.?"),
    "en": ("qwertyuiop", "asdfghjkl'", "zxcvbnm,.?"),
    "se": ("áqwertyuiopŋ", "asdfghjklčđ", "zžŧxcvbnmš?"),
    "ru": ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю.?"),
    "uk": ("йцукенгшщзхї", "фівапролджєґ", "ячсмитьбю’.?"),
    "et": ("qwertyuiopüõ", "asdfghjklöä", "zxcvbnmšž.?"),
    "ar": ("ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرىةوزظ.؟"),
    "so": ("qwertyuiop", "asdfghjkl'", "zxcvbnm,.?"),
}
DIGITS = "1234567890-"
#: How long a change to the line waits before it goes to the others, at most: each
#: character reaches them within 500 ms (EN 301 549 6.2.1.1), with at most a few messages
#: a second.
DRAFT_PACE_MS = 200
#: What Shift makes of a key that has no capital.
SHIFTED = {"-": "+"}


def shifted(key: str) -> str:
    """The key under Shift: its capital, or the sign beside it ("-" gives "+")."""
    return SHIFTED.get(key, key.upper())


class OnScreenKeyboard(QWidget):
    """Large keys that type into ``target``; ``on_enter`` sends the line."""

    def __init__(
        self, target: QLineEdit, on_enter: Callable[[], None], sizing: Sizing = DESIGN
    ) -> None:
        super().__init__()
        self._target = target
        self._on_enter = on_enter
        self._grid = QGridLayout(self)
        self._grid.setSpacing(sizing.px(4))
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.space = self._special("␣", lambda: self._type(" "))
        self.backspace = self._special("⌫", target.backspace)
        self.enter = self._special("", on_enter)
        #: Capitals (and "+") while it is down; it stays down until pressed again, and the
        #: keys show what they type.
        self.shift = self._special("⇧", self._show_case)
        self.shift.setCheckable(True)
        self._keys: list[tuple[QPushButton, str]] = []
        self.language = ""
        self.set_language("fi")

    def _special(self, text: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("ChatKey")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the line keeps the cursor
        button.clicked.connect(action)
        return button

    def set_language(self, language: str) -> None:
        if language == self.language:
            return
        self.language = language
        for index in reversed(range(self._grid.count())):
            item = self._grid.itemAt(index)
            widget = item.widget() if item else None
            if widget is not None and widget not in self._specials():
                # Hidden at once: deleteLater waits for the event loop, and until then the
                # old language's keys were drawn under the new ones (stray borders, a "?").
                widget.hide()
                widget.deleteLater()
            if widget is not None:
                self._grid.removeWidget(widget)
        rows = (DIGITS, *KEYBOARD_ROWS.get(language, KEYBOARD_ROWS["en"]))
        self._keys = []
        for row, keys in enumerate(rows):
            for column, key in enumerate(keys):
                button = self._special(key, self._typer(key))
                self._keys.append((button, key))
                self._grid.addWidget(button, row, column)
        # Twelve columns, the longest letter row's: every key gets as much of a narrow
        # panel's width as it can (15 mm at least: style.py).
        last = len(rows)
        self._grid.addWidget(self.backspace, 0, len(DIGITS))
        self._grid.addWidget(self.shift, last, 0, 1, 2)
        self._grid.addWidget(self.space, last, 2, 1, 6)
        self._grid.addWidget(self.enter, last, 8, 1, 4)  # "Отправить" in large text
        self._show_case()

    def _specials(self) -> tuple[QPushButton, ...]:
        return (self.space, self.backspace, self.enter, self.shift)

    def _typed(self, key: str) -> str:
        """What ``key`` types now (and so what it shows)."""
        return shifted(key) if self.shift.isChecked() else key

    def _show_case(self) -> None:
        for button, key in self._keys:
            button.setText(self._typed(key))

    def _typer(self, key: str) -> Callable[[], None]:
        return lambda: self._type(self._typed(key))

    def _type(self, text: str) -> None:
        self._target.insert(text)


class ChatPanel(QWidget):
    """The call's chat: what everyone wrote, and the customer's own line."""

    def __init__(self, controller: ControllerBase, sizing: Sizing = DESIGN) -> None:
        super().__init__()
        self.controller = controller
        self.lines = QWidget()
        self._lines_layout = QVBoxLayout(self.lines)
        self._lines_layout.addStretch(1)
        self.log = QScrollArea()
        self.log.setObjectName("ChatLog")
        self.log.setWidgetResizable(True)
        self.log.setWidget(self.lines)
        # Two lines at the least: on a short panel the keys (15 mm) come first.
        self._sizing = sizing
        self.log.setMinimumHeight(sizing.px(64))
        # The newest line stays in view: the range grows as a line is laid out.
        bar = self.log.verticalScrollBar()
        bar.rangeChanged.connect(self._follow_newest)
        self.input = QLineEdit()
        self.input.setObjectName("ChatInput")
        self.input.setMaxLength(1000)
        self.input.returnPressed.connect(self.send)
        # Real-time text: a change goes out at once, and the changes that follow within
        # DRAFT_PACE_MS go out together when it has passed (a pace, not a debounce:
        # steady typing is never held back).
        self._sent_draft = ""
        self._draft_pace = QTimer(self)
        self._draft_pace.setSingleShot(True)
        self._draft_pace.setInterval(DRAFT_PACE_MS)
        self._draft_pace.timeout.connect(self._send_draft)
        self.input.textChanged.connect(self._draft_changed)
        #: What each other member is writing now, under the lines, by member id.
        self._drafts: dict[str, tuple[str, QLabel]] = {}
        self.drafts = QWidget()
        self._drafts_layout = QVBoxLayout(self.drafts)
        self._drafts_layout.setContentsMargins(0, 0, 0, 0)
        self._lines_layout.insertWidget(0, self.drafts)
        self.keyboard = OnScreenKeyboard(self.input, self.send, sizing)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(sizing.px(8))
        layout.addWidget(self.log, 1)
        layout.addLayout(row)
        layout.addWidget(self.keyboard)
        controller.chatLine.connect(self.add)
        controller.chatDraft.connect(self.show_draft)
        controller.peerLeft.connect(self._drop_draft)
        controller.languageChanged.connect(self.keyboard.set_language)
        self.keyboard.set_language(controller.language)
        self.retranslate()

    def send(self) -> None:
        text = self.input.text().strip()
        if text:
            self.controller.send_chat(text)
            self._forget_draft()  # the line itself ends it for the others
            self.input.clear()

    def _draft_changed(self, _text: str) -> None:
        if not self._draft_pace.isActive():
            self._send_draft()

    def _send_draft(self) -> None:
        text = self.input.text()
        if text != self._sent_draft:
            self._sent_draft = text
            self.controller.send_draft(text)
            self._draft_pace.start()  # what changes meanwhile waits for this

    def has_unsent_draft(self) -> bool:
        """A change to the line is waiting for its turn to go out."""
        return self._draft_pace.isActive() and self.input.text() != self._sent_draft

    def _forget_draft(self) -> None:
        self._draft_pace.stop()
        self._sent_draft = ""

    def show_draft(self, member: str, role: str, text: str) -> None:
        """What ``member`` is writing, in italics under the lines, until they send it."""
        if not text:
            self._drop_draft(member)
            return
        if member not in self._drafts:
            label = QLabel()
            label.setObjectName("ChatDraft")
            speak_as(label, "")  # like the lines: for the screen, not the room
            not_announced(label)  # it changes with every keystroke; the line is said
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            self._drafts_layout.addWidget(label)
            self._drafts[member] = (role, label)
        label = self._drafts[member][1]
        writing = self.tr("%1 is writing:").replace("%1", self._who(role))
        label.setText(f"<i><b>{writing}</b> {_escape(text)}</i>")

    def _drop_draft(self, member: str) -> None:
        role_label = self._drafts.pop(member, None)
        if role_label is not None:
            _delete(self._drafts_layout, role_label[1])

    def draft_texts(self) -> list[str]:
        return [label.text() for _role, label in self._drafts.values()]

    def _who(self, role: str) -> str:
        return {"clerk": self.tr("Official"), "interpreter": self.tr("Interpreter")}.get(role, role)

    def add(self, role: str, text: str, mine: bool) -> None:
        who = self.tr("You") if mine else self._who(role)
        if not mine:  # their line is written: it is no longer a draft
            for member in [m for m, (r, _label) in self._drafts.items() if r == role]:
                self._drop_draft(member)
        line = QLabel(f"<b>{who}:</b> {_escape(text)}")
        line.setObjectName("ChatLine")
        # What was written is for the screen, not the room (said only into a headset).
        speak_as(line, self.tr("%1 wrote a message. It is on the screen.").replace("%1", who))
        line.setWordWrap(True)
        line.setTextFormat(Qt.TextFormat.RichText)
        self._lines_layout.insertWidget(self._lines_layout.indexOf(self.drafts), line)

    def _follow_newest(self, _low: int, high: int) -> None:
        self.log.verticalScrollBar().setValue(high)

    def line_texts(self) -> list[str]:
        return [
            label.text()
            for label in self.lines.findChildren(QLabel)
            if label.objectName() == "ChatLine"
        ]

    def clear(self) -> None:
        """The call ended: nothing written in it stays on the screen."""
        for label in self.lines.findChildren(QLabel):
            if label.objectName() == "ChatLine":
                _delete(self._lines_layout, label)
        for member in list(self._drafts):
            self._drop_draft(member)
        self._forget_draft()
        self.input.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_large_text(self, large: bool) -> None:
        """Large text's lines are taller: the log keeps room for one whole line at least
        (a line taller than the log could not be read whole): of two rows in portrait,
        where the chat is narrow, of one beside the pictures."""
        lines = 130 if self._sizing.portrait else 90
        self.log.setMinimumHeight(self._sizing.px(lines if large else 64))

    def retranslate(self) -> None:
        self.input.setPlaceholderText(self.tr("Write here; everyone in the call reads it"))
        self.keyboard.enter.setText(self.tr("Send"))


def _delete(layout: QVBoxLayout, label: QLabel) -> None:
    layout.removeWidget(label)
    label.setParent(None)  # gone now, not at the next event loop turn
    label.deleteLater()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
