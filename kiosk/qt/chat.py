"""Real-time text in a call, for customers who cannot hear or speak: the lines of
everyone in the call, a line to write, and an on-screen keyboard in the layout of the
customer's language. Nothing of it outlives the call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
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
from kiosk.qt.spoken import speak_as

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
        self._grid.addWidget(self.space, last, 2, 1, 7)
        self._grid.addWidget(self.enter, last, 9, 1, 3)
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
        self.log.setMinimumHeight(sizing.px(64))
        # The newest line stays in view: the range grows as a line is laid out.
        bar = self.log.verticalScrollBar()
        bar.rangeChanged.connect(self._follow_newest)
        self.input = QLineEdit()
        self.input.setObjectName("ChatInput")
        self.input.setMaxLength(1000)
        self.input.returnPressed.connect(self.send)
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
        controller.languageChanged.connect(self.keyboard.set_language)
        self.keyboard.set_language(controller.language)
        self.retranslate()

    def send(self) -> None:
        text = self.input.text().strip()
        if text:
            self.controller.send_chat(text)
            self.input.clear()

    def add(self, role: str, text: str, mine: bool) -> None:
        who = (
            self.tr("You")
            if mine
            else {
                "clerk": self.tr("Official"),
                "interpreter": self.tr("Interpreter"),
            }.get(role, role)
        )
        line = QLabel(f"<b>{who}:</b> {_escape(text)}")
        line.setObjectName("ChatLine")
        speak_as(line, "")  # what was written is for the screen, not the room
        line.setWordWrap(True)
        line.setTextFormat(Qt.TextFormat.RichText)
        self._lines_layout.insertWidget(self._lines_layout.count() - 1, line)

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
            self._lines_layout.removeWidget(label)
            label.setParent(None)  # gone now, not at the next event loop turn
            label.deleteLater()
        self.input.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.input.setPlaceholderText(self.tr("Write here; everyone in the call reads it"))
        self.keyboard.enter.setText(self.tr("Send"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
