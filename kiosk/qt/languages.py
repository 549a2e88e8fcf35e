"""Choosing the language: every language by its own name, as its speaker looks for it.

The same grid serves the start screen (the first thing a customer sees) and the panel
that the top bar's language button opens on every other screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QPushButton, QWidget

from kiosk.i18n import LANGUAGES
from kiosk.qt.controller import ControllerBase
from kiosk.qt.flow import FlowRow
from kiosk.qt.sizing import DESIGN, Sizing


class LanguageGrid(QWidget):
    """One button per language, in its own name and writing direction; the current one
    checked. ``on_chosen`` runs after a choice (the panel closes itself with it)."""

    def __init__(
        self,
        controller: ControllerBase,
        *,
        columns: int = 3,
        on_chosen: Callable[[], None] = lambda: None,
        sizing: Sizing = DESIGN,
    ) -> None:
        super().__init__()
        self.controller = controller
        self.group = QButtonGroup(self)
        # A grid of ``columns`` that keeps to the width it is given (fewer columns when
        # large text makes the names wider than a column).
        grid = FlowRow(self, spacing=sizing.px(16), columns=columns)
        self.buttons: dict[str, QPushButton] = {}
        for language in LANGUAGES:
            button = QPushButton(language.own_name)
            button.setObjectName("Language")
            button.setProperty("language", language.code)  # speech guidance says if it speaks
            button.setCheckable(True)
            button.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft
                if language.right_to_left
                else Qt.LayoutDirection.LeftToRight
            )
            button.clicked.connect(self._chooser(language.code, on_chosen))
            self.group.addButton(button)
            self.buttons[language.code] = button
            grid.addWidget(button)
        controller.languageChanged.connect(self._show_current)
        self._show_current(controller.language)

    def _chooser(self, code: str, then: Callable[[], None]) -> Callable[[], None]:
        def choose() -> None:
            self.controller.set_language(code)
            then()

        return choose

    def _show_current(self, code: str) -> None:
        for language, button in self.buttons.items():
            button.setChecked(language == code)
