"""Buttons break their words rather than grow past the panel (kiosk/qt/wrapping.py)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from kiosk.qt.wrapping import WrappingButton, balanced_lines


def test_words_go_onto_as_few_even_lines_as_fit(qapp: QApplication) -> None:
    font = QFont()
    font.setPixelSize(40)
    metrics = QFontMetrics(font)
    text = "Мне нужен переводчик жестового языка"
    one_line = metrics.horizontalAdvance(text)
    assert balanced_lines(text, metrics, one_line) == text  # it fits: as it was
    two = balanced_lines(text, metrics, one_line * 2 // 3).split("\n")
    assert len(two) == 2 and " ".join(two) == text
    assert all(metrics.horizontalAdvance(line) <= one_line * 2 // 3 for line in two)
    three = balanced_lines(text, metrics, one_line * 2 // 5).split("\n")
    assert len(three) >= 3 and " ".join(three) == text
    # an agency's name and its wait stay on lines of their own, each broken if need be
    kept = balanced_lines(f"Kela\n{text}", metrics, one_line * 2 // 3).split("\n")
    assert kept[0] == "Kela" and len(kept) == 3


def test_the_button_is_never_wider_than_it_may_be(qapp: QApplication) -> None:
    button = WrappingButton(150)
    button.setText("Kioskia oli vaikea käyttää ja ääni katkeili")
    assert "\n" in button.text() and button.words() == (
        "Kioskia oli vaikea käyttää ja ääni katkeili"
    )
    assert button.sizeHint().width() <= 150
    button.setText("OK")
    assert button.text() == "OK"
