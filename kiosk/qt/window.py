"""The kiosk window: a top bar (service point, languages), a status banner, the screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import LANGUAGES
from kiosk.qt.controller import ControllerBase
from kiosk.qt.flow import FlowRow
from kiosk.qt.idle import IdleGuard
from kiosk.qt.input_events import InputEvents
from kiosk.qt.languages import LanguageGrid
from kiosk.qt.pages import PageStack
from kiosk.qt.screens import (
    AgencyScreen,
    CallScreen,
    Face,
    FeedbackScreen,
    StartScreen,
    WaitingScreen,
)
from kiosk.qt.sizing import DESIGN, Sizing, least_cap_height_mm
from kiosk.qt.spoken import not_announced, screen_text
from kiosk.qt.style import FONT_FAMILIES, HIGH_CONTRAST, LARGE_TEXT_SCALE, STANDARD, stylesheet
from kiosk.qt.taps import DOUBLE_TAP_S, TapGuard
from kiosk.qt.voice import HOLD_S, VoiceGuide


def least_font_px(sizing: Sizing) -> float:
    """The least font size, in the design's pixels, whose capital H is tall enough at the
    viewing distance on this panel, in the kiosk's own font."""
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPixelSize(100)
    cap_per_px = QFontMetricsF(font).capHeight() / 100
    return sizing.design_px(least_cap_height_mm()) / cap_per_px


class KioskWindow(QMainWindow):
    def __init__(
        self,
        controller: ControllerBase,
        *,
        idle_s: float = 120.0,
        double_tap_s: float = DOUBLE_TAP_S,
        hold_s: float = HOLD_S,
        sizing: Sizing = DESIGN,
    ) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.controller = controller
        #: How large everything is drawn on the panel (sizing.py; app.py measures it).
        self.sizing = sizing
        px = self.sizing.px
        self.setStyleSheet(stylesheet(sizing=self.sizing))

        self.point = QLabel()
        top = QWidget()
        top.setObjectName("TopBar")
        self.read_aloud = QPushButton()
        self.read_aloud.clicked.connect(lambda: controller.speak(self.screen_text()))
        self.large_text = QPushButton()
        self.high_contrast = QPushButton()
        for toggle in (self.large_text, self.high_contrast):
            toggle.setCheckable(True)
            toggle.toggled.connect(self._apply_look)
        # The language, changeable on every screen: its own name opens all the others.
        self.language = QPushButton()
        self.language.setObjectName("LanguageMenu")
        self.language.clicked.connect(self._open_languages)
        controls = (self.read_aloud, self.large_text, self.high_contrast, self.language)
        if sizing.portrait:
            # A portrait panel is too narrow for the name and four controls on one line:
            # the name above, the controls wrapping under it (flow.py).
            top_column = QVBoxLayout(top)
            top_column.setContentsMargins(px(32), px(8), px(32), px(8))
            top_column.setSpacing(px(4))
            top_column.addWidget(self.point)
            flow = FlowRow(spacing=px(16))
            for control in controls:
                flow.addWidget(control)
            top_column.addLayout(flow)
        else:
            # One line; in large text on a small panel the controls wrap onto a second
            # (every text there is read at the viewing distance too: EN 301 549 5.1.4).
            top_row = QHBoxLayout(top)
            top_row.setContentsMargins(px(32), px(4), px(32), px(4))
            self.point.setWordWrap(True)
            top_row.addWidget(self.point, 1)
            flow = FlowRow(spacing=px(8))
            for control in controls:
                flow.addWidget(control)
            top_row.addLayout(flow)

        self.banner = QLabel()
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        #: Speech guidance is on (voice.py): said when it starts, shown for whoever is with
        #: the customer.
        self.voice_note = QLabel()
        self.voice_note.setObjectName("VoiceNote")
        self.voice_note.setWordWrap(True)
        not_announced(self.voice_note)
        self.voice_note.hide()

        self.stack = PageStack()
        self.stack.setObjectName("ScreenStack")
        self.screens = {
            "start": StartScreen(controller, self.sizing),
            "choosing": AgencyScreen(controller, self.sizing),
            "queued": WaitingScreen(controller, self.sizing),
            "in_call": CallScreen(controller, self.sizing),
            "feedback": FeedbackScreen(controller, self.sizing),
        }
        for screen in self.screens.values():
            self.stack.addWidget(screen)

        self.languages = QWidget()
        self.languages.setObjectName("LanguagePanel")
        panel = QVBoxLayout(self.languages)
        side = px(48 if sizing.portrait else 96)  # a portrait panel's width is the grid's
        panel.setContentsMargins(side, px(48), side, px(48))
        panel.setSpacing(px(32))
        panel.addStretch(1)
        self.language_grid = LanguageGrid(
            controller, on_chosen=self._close_languages, sizing=self.sizing
        )
        panel.addWidget(self.language_grid)
        self.close_languages = QPushButton("✕")
        self.close_languages.clicked.connect(self._close_languages)
        panel.addWidget(self.close_languages, 0, Qt.AlignmentFlag.AlignHCenter)
        panel.addStretch(1)
        self.stack.addWidget(self.languages)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(top)
        column.addWidget(self.banner)
        column.addWidget(self.voice_note)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self._screen = "start"

        self._connection = "connecting"
        controller.visitChanged.connect(self.show_state)
        controller.connectionChanged.connect(self._on_connection)
        controller.languageChanged.connect(self._on_language)
        controller.agenciesChanged.connect(lambda _a: self.retranslate())
        self._on_language(controller.language)
        # Each sees a touch in the reverse of this order: the idle guard first (every touch
        # is presence), then speech guidance (a touch that is only heard goes no further),
        # then the double-tap guard.
        events = InputEvents(self)
        self.taps = TapGuard(self.stack, events, repeat_s=double_tap_s)
        self.voice = VoiceGuide(self, self.stack, controller, events, hold_s=hold_s)
        self.voice.changed.connect(self._on_voice)
        self.idle = IdleGuard(
            self, controller, events, idle_s=idle_s, area=self.stack, sizing=self.sizing
        )
        self.retranslate()

    def show_state(self, state: str) -> None:
        if state == "start":  # the next person starts with the everyday look
            self.large_text.setChecked(False)
            self.high_contrast.setChecked(False)
        self._screen = state
        self.stack.setCurrentWidget(self.screens[state])  # closes the language panel too
        self._show_point()

    def _show_point(self) -> None:
        """In large text the service point's name is on the start screen only: on a small
        panel it would take the top bar a second line that a call's chat needs."""
        self.point.setVisible(not self.large_text.isChecked() or self._screen == "start")

    def screen_text(self) -> str:
        """What the screen says, in reading order: its texts, then what can be pressed.
        What is private (codes, the chat) is said only into a headset (spoken.py)."""
        screen = self.stack.currentWidget()
        if screen is None:
            return ""
        return screen_text(screen, private=self.controller.private_listening)

    def _open_languages(self) -> None:
        self.stack.setCurrentWidget(self.languages)

    def _close_languages(self) -> None:
        self.stack.setCurrentWidget(self.screens[self._screen])

    def _apply_look(self) -> None:
        """Large text and high contrast, each one tap away from every screen."""
        palette = HIGH_CONTRAST if self.high_contrast.isChecked() else STANDARD
        large = self.large_text.isChecked()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        sheet = stylesheet(
            palette,
            LARGE_TEXT_SCALE if large else 1.0,
            right_to_left=rtl,
            sizing=self.sizing,
            # Every text of large text, the top bar's and the keys' too, is read at the
            # viewing distance (EN 301 549 5.1.4).
            least_font_px=least_font_px(self.sizing) if large else 0.0,
        )
        # Styling the whole window takes a third of a second: not again for a language
        # that reads the same way (the customer waits for the new language to appear).
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
        self.screens["in_call"].chat.set_large_text(large)  # type: ignore[attr-defined]
        for screen in self.screens.values():
            screen.allow_scrolling(large)
        self._show_point()
        for face in self.findChildren(Face):  # drawn, not styled: told the palette
            face.set_look(palette)

    def _on_voice(self, on: bool) -> None:
        self.voice_note.setVisible(on)
        self.retranslate()

    def _on_connection(self, state: str) -> None:
        self._connection = state
        self.retranslate()

    def _on_language(self, code: str) -> None:
        language = next((lang for lang in LANGUAGES if lang.code == code), LANGUAGES[0])
        self.language.setText(f"{language.own_name} ▾")
        self.read_aloud.setVisible(self.controller.can_speak())
        rtl = language.right_to_left
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        self._apply_look()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Remote service"))
        self.read_aloud.setText(self.tr("Read aloud"))
        self.large_text.setText(self.tr("Larger text"))
        self.high_contrast.setText(self.tr("High contrast"))
        name = self.controller.point_name
        self.point.setText(
            self.tr("Service point %1").replace("%1", name) if name else self.tr("Remote service")
        )
        self.voice_note.setText(self.voice.intro())
        if self._connection == "open":
            self.banner.hide()
        else:
            self.banner.setText(
                self.tr("Connecting to the service…")
                if self._connection == "connecting"
                else self.tr("The service is not reachable right now. Trying again…")
            )
            self.banner.show()
