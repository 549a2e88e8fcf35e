"""A button whose words go onto a second line when one line would be wider than the panel.

Qt's push button draws its text on one line unless the text itself has line breaks. With
large text on, "Мне нужен переводчик жестового языка" or "Kiosk oli vaikea käyttää" on
one line is wider than a 1080-pixel portrait panel (1,237 pixels), and the window grows
past the panel. This button breaks its text, balanced, into as few lines as fit within
``widest`` pixels whenever its text or its font changes (large text switched on or off),
so that its size hint, and so the layout, is that of the broken text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPushButton


def balanced_lines(text: str, metrics: QFontMetrics, widest: int) -> str:
    """``text`` in as few lines as keep each within ``widest`` pixels (as far as single
    words allow), the lines as even as the words allow; a line break in ``text`` stays."""
    if "\n" in text:
        return "\n".join(balanced_lines(line, metrics, widest) for line in text.split("\n"))
    words = text.split()
    if len(words) < 2 or metrics.horizontalAdvance(text) <= widest:
        return text
    count = len(_fill(words, widest, metrics))
    # The narrowest limit that still needs no more lines: the lines as even as they get.
    low, high = 1, widest
    while low < high:
        middle = (low + high) // 2
        if len(_fill(words, middle, metrics)) <= count:
            high = middle
        else:
            low = middle + 1
    return "\n".join(_fill(words, low, metrics))


def _fill(words: list[str], limit: int, metrics: QFontMetrics) -> list[str]:
    """``words`` in lines of at most ``limit`` pixels, each as full as it goes (a word
    wider than that has a line of its own)."""
    lines: list[str] = []
    current: list[str] = []
    for word in words:
        trial = " ".join([*current, word])
        if current and metrics.horizontalAdvance(trial) > limit:
            lines.append(" ".join(current))
            current = [word]
        else:
            current.append(word)
    lines.append(" ".join(current))
    return lines


class WrappingButton(QPushButton):
    """A push button that breaks its words into lines rather than grow past ``widest``."""

    def __init__(self, widest: int) -> None:
        super().__init__()
        self._widest = widest
        self._words = ""

    def setText(self, text: str) -> None:
        self._words = text
        self._fit()

    def words(self) -> str:
        """The text on one line, as it was set (``text()`` has the line breaks)."""
        return self._words

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        # The text's room: the widest the button may be, less what the style puts around
        # its text (the size hint of the one-line text minus that text's own width).
        metrics = self.fontMetrics()
        super().setText(self._words)
        longest = max(metrics.horizontalAdvance(line) for line in self._words.split("\n"))
        frame = super().sizeHint().width() - longest
        super().setText(balanced_lines(self._words, metrics, max(1, self._widest - frame)))
