"""The kiosk's screens. Each binds to a ControllerBase and re-translates itself when the
language changes; none holds network code or state of its own beyond what it shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.qt.controller import ControllerBase
from kiosk.qt.video import VideoView
from signaling import protocol as p

MARGIN = 64


def _label(name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def _button(name: str = "") -> QPushButton:
    button = QPushButton()
    if name:
        button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


def agency_name(agency: p.AgencyInfo, language: str) -> str:
    """The agency's name in the customer's language, else Finnish, else its code."""
    return agency.names.get(language) or agency.names.get("fi") or agency.code


class Screen(QWidget):
    """Base: calls retranslate() now and on every language change."""

    def __init__(self, controller: ControllerBase) -> None:
        super().__init__()
        self.controller = controller

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError


class StartScreen(Screen):
    """Welcome and one action: start. The important control sits in the lower half."""

    def __init__(self, controller: ControllerBase) -> None:
        super().__init__(controller)
        self.title = _label("Title")
        self.lead = _label("Lead")
        self.privacy = _label("Note")
        self.farewell = _label("Lead")
        self.farewell.hide()
        self.start = _button("Primary")
        self.start.clicked.connect(controller.begin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(32)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        layout.addWidget(self.farewell)
        layout.addStretch(1)
        layout.addWidget(self.start)
        layout.addWidget(self.privacy)
        layout.addStretch(1)
        self._farewell_timer = QTimer(self, singleShot=True, interval=15_000)
        self._farewell_timer.timeout.connect(self.farewell.hide)
        controller.noticeRaised.connect(self._on_notice)
        self.retranslate()

    def _on_notice(self, code: str) -> None:
        if code == "call_ended":
            self.farewell.show()
            self._farewell_timer.start()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome to remote service"))
        self.lead.setText(
            self.tr(
                "Talk over video with an official of Kela, the Tax Administration, "
                "the police and other agencies."
            )
        )
        self.farewell.setText(self.tr("Thank you. The call has ended."))
        self.start.setText(self.tr("Start"))
        self.privacy.setText(self.tr("Calls are not recorded."))


class AgencyScreen(Screen):
    """Which agency? One large button per agency; closed ones shown but disabled."""

    def __init__(self, controller: ControllerBase) -> None:
        super().__init__(controller)
        self.title = _label("Title")
        self.message = _label("Lead")
        self.message.hide()
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        self.buttons: dict[str, QPushButton] = {}
        self.back = _button()
        self.back.clicked.connect(controller.back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(32)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.back)
        row.addStretch(1)
        layout.addLayout(row)
        controller.agenciesChanged.connect(lambda _agencies: self._rebuild())
        controller.languageChanged.connect(lambda _code: self._rebuild())
        controller.noticeRaised.connect(self._on_notice)
        controller.visitChanged.connect(lambda _state: self._clear_message())
        self._rebuild()
        self.retranslate()

    def _rebuild(self) -> None:
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = {}
        for index, agency in enumerate(self.controller.agencies):
            button = _button("Agency")
            button.setText(agency_name(agency, self.controller.language))
            button.setEnabled(agency.open)
            button.clicked.connect(lambda _=False, code=agency.code: self._choose(code))
            self.grid.addWidget(button, index // 2, index % 2)
            self.buttons[agency.code] = button

    def _choose(self, code: str) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)  # one tap is enough; re-enabled on any answer
        self.controller.choose(code)

    def _on_notice(self, code: str) -> None:
        if code in ("join_refused", "offline"):
            self.message.setText(
                self.tr("This service cannot take you right now. Please choose again.")
                if code == "join_refused"
                else self.tr("The service is not reachable right now. Please try again.")
            )
            self.message.show()
            self._rebuild()

    def _clear_message(self) -> None:
        self.message.hide()
        self._rebuild()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Which agency do you need?"))
        self.back.setText(self.tr("Back"))


class WaitingScreen(Screen):
    """In the queue: where am I, and a way out."""

    def __init__(self, controller: ControllerBase) -> None:
        super().__init__(controller)
        self.title = _label("Title")
        self.position = _label("Big")
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = _label("Lead")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cancel = _button()
        self.cancel.clicked.connect(controller.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(32)
        layout.addWidget(self.title)
        layout.addStretch(1)
        layout.addWidget(self.position)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.cancel)
        row.addStretch(1)
        layout.addLayout(row)
        self._place = (0, 0)
        controller.queueChanged.connect(self._on_queue)
        self.retranslate()

    def _on_queue(self, position: int, waiting: int) -> None:
        self._place = (position, waiting)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Please wait, an official will answer soon"))
        position, _waiting = self._place
        if position <= 1:
            self.position.setText(self.tr("You are next"))
        else:
            self.position.setText(
                self.tr("Your place in the queue: %1").replace("%1", str(position))
            )
        self.hint.setText(self.tr("Please stay in front of the screen. The call opens by itself."))
        self.cancel.setText(self.tr("Cancel"))


class CallScreen(Screen):
    """The official large, yourself small, and two buttons: mute and end."""

    def __init__(self, controller: ControllerBase) -> None:
        super().__init__(controller)
        self.remote = VideoView()
        self.own = VideoView(self.remote)
        self.own.setFixedSize(320, 240)
        self.status = _label("CallStatus", wrap=False)
        self.status.setParent(self.remote)
        self.note = _label("Note")
        self.mute = _button("Mute")
        self.mute.setCheckable(True)
        self.mute.toggled.connect(self._on_mute)
        self.end = _button("Danger")
        self.end.clicked.connect(controller.hang_up)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(self.remote, 1)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addStretch(1)
        row.addWidget(self.mute)
        row.addWidget(self.end)
        row.addStretch(1)
        layout.addLayout(row)
        self._connected = False
        controller.remoteFrame.connect(self._on_remote_frame)
        controller.selfFrame.connect(self.own.show_image)
        controller.mediaChanged.connect(self._on_media)
        controller.visitChanged.connect(self._on_visit)
        self.retranslate()

    def _on_visit(self, state: str) -> None:
        if state == "in_call":
            self._connected = False
            self.mute.setChecked(False)
            self.remote.clear()
            self.own.clear()
            self.retranslate()

    def _on_remote_frame(self, image: object) -> None:
        if not self._connected:
            self._connected = True
            self.retranslate()
        self.remote.show_image(image)  # type: ignore[arg-type]

    def _on_media(self, state: str) -> None:
        if state in ("failed", "disconnected"):
            self._connected = False
            self.status.setText(self.tr("The connection was interrupted. Reconnecting…"))
            self._place_overlays()

    def _on_mute(self, muted: bool) -> None:
        self.controller.set_muted(muted)
        self.retranslate()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._place_overlays()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self._place_overlays()

    def _place_overlays(self) -> None:
        area = self.remote.rect()
        self.own.move(area.right() - self.own.width() - 16, area.bottom() - self.own.height() - 16)
        self.status.adjustSize()
        self.status.move(16, 16)
        self.status.setVisible(bool(self.status.text()))

    def retranslate(self) -> None:
        self.status.setText("" if self._connected else self.tr("Connecting to the official…"))
        notes = []
        if self.controller.camera_is_test_pattern:
            notes.append(self.tr("No camera found: the official sees a test picture."))
        if self.controller.microphone_is_tone:
            notes.append(self.tr("No microphone found: the official hears a test tone."))
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        self.mute.setText(self.tr("Microphone off") if self.mute.isChecked() else self.tr("Mute"))
        self.end.setText(self.tr("End call"))
        self._place_overlays()
