"""The kiosk window: a top bar (service point, languages), a status banner, the screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import LANGUAGES
from kiosk.qt.controller import ControllerBase
from kiosk.qt.idle import IdleGuard
from kiosk.qt.screens import (
    AgencyScreen,
    CallScreen,
    FeedbackScreen,
    StartScreen,
    WaitingScreen,
)
from kiosk.qt.style import HIGH_CONTRAST, LARGE_TEXT_SCALE, STANDARD, stylesheet


class KioskWindow(QMainWindow):
    def __init__(self, controller: ControllerBase, *, idle_s: float = 120.0) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.controller = controller
        self.setStyleSheet(stylesheet())

        self.point = QLabel()
        top = QWidget()
        top.setObjectName("TopBar")
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(32, 8, 32, 8)
        top_row.addWidget(self.point)
        top_row.addStretch(1)
        self.large_text = QPushButton()
        self.high_contrast = QPushButton()
        for toggle in (self.large_text, self.high_contrast):
            toggle.setCheckable(True)
            toggle.toggled.connect(self._apply_look)
            top_row.addWidget(toggle)
        top_row.addSpacing(24)
        self.language_buttons = QButtonGroup(self)
        for language in LANGUAGES:
            button = QPushButton(language.own_name)
            button.setCheckable(True)
            button.setProperty("language", language.code)
            button.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft
                if language.right_to_left
                else Qt.LayoutDirection.LeftToRight
            )
            button.clicked.connect(
                lambda _=False, code=language.code: controller.set_language(code)
            )
            self.language_buttons.addButton(button)
            top_row.addWidget(button)

        self.banner = QLabel()
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.stack = QStackedWidget()
        self.stack.setObjectName("ScreenStack")
        self.screens = {
            "start": StartScreen(controller),
            "choosing": AgencyScreen(controller),
            "queued": WaitingScreen(controller),
            "in_call": CallScreen(controller),
            "feedback": FeedbackScreen(controller),
        }
        for screen in self.screens.values():
            self.stack.addWidget(screen)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(top)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self._connection = "connecting"
        controller.visitChanged.connect(self.show_state)
        controller.connectionChanged.connect(self._on_connection)
        controller.languageChanged.connect(self._on_language)
        controller.agenciesChanged.connect(lambda _a: self.retranslate())
        self._on_language(controller.language)
        self.idle = IdleGuard(self, controller, idle_s=idle_s)
        self.retranslate()

    def show_state(self, state: str) -> None:
        if state == "start":  # the next person starts with the everyday look
            self.large_text.setChecked(False)
            self.high_contrast.setChecked(False)
        self.stack.setCurrentWidget(self.screens[state])

    def _apply_look(self) -> None:
        """Large text and high contrast, each one tap away from every screen."""
        palette = HIGH_CONTRAST if self.high_contrast.isChecked() else STANDARD
        scale = LARGE_TEXT_SCALE if self.large_text.isChecked() else 1.0
        self.setStyleSheet(stylesheet(palette, scale))

    def _on_connection(self, state: str) -> None:
        self._connection = state
        self.retranslate()

    def _on_language(self, code: str) -> None:
        for button in self.language_buttons.buttons():
            button.setChecked(button.property("language") == code)
        rtl = any(lang.right_to_left for lang in LANGUAGES if lang.code == code)
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Remote service"))
        self.large_text.setText(self.tr("Larger text"))
        self.high_contrast.setText(self.tr("High contrast"))
        name = self.controller.point_name
        self.point.setText(
            self.tr("Service point %1").replace("%1", name) if name else self.tr("Remote service")
        )
        if self._connection == "open":
            self.banner.hide()
        else:
            self.banner.setText(
                self.tr("Connecting to the service…")
                if self._connection == "connecting"
                else self.tr("The service is not reachable right now. Trying again…")
            )
            self.banner.show()
