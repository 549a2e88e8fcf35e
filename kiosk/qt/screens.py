"""The kiosk's screens. Each binds to a ControllerBase and re-translates itself when the
language changes; none holds network code or state of its own beyond what it shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QLocale, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.qt.chat import ChatPanel
from kiosk.qt.controller import CALL_AGAIN_S, SIGN_LANGUAGE_NAMES, ControllerBase
from kiosk.qt.flow import FlowRow
from kiosk.qt.languages import LanguageGrid
from kiosk.qt.pages import PageStack
from kiosk.qt.sizing import DESIGN, DESIGN_PIXELS, Sizing
from kiosk.qt.spoken import speak_as
from kiosk.qt.style import STANDARD, Palette
from kiosk.qt.video import VideoView
from kiosk.qt.wrapping import WrappingButton
from media.quality import Step, official_video_paused
from media.volume import NORMAL as NORMAL_VOLUME
from media.volume import STEPS_DB as VOLUME_STEPS_DB
from protocol import messages as p
from protocol.messages import SIGN_LANGUAGES

MARGIN = 48
#: Arabic with Western digits, as on the keypad, in codes and in waits (the digits of the
#: Maghreb locales; plain "ar" would mix ١٠:٠٠ with 10).
LOCALE_NAMES = {"ar": "ar_DZ"}
#: The customer's own picture over the official's, alone and beside an interpreter.
SELF_VIEW = (320, 240)
SELF_VIEW_SMALL = (192, 144)
#: Sign languages: an interpreter of one gets the large picture.


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

    def __init__(self, controller: ControllerBase, sizing: Sizing = DESIGN) -> None:
        super().__init__()
        self.controller = controller
        #: How large this screen draws on the panel (sizing.py); every length goes through it.
        self.sizing = sizing
        #: The main column's scroll area (:meth:`column`); None for a screen without one.
        self.scrolling: QScrollArea | None = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def column(self, *, spacing: int = 24, margin: int = MARGIN) -> QVBoxLayout:
        """The screen's main column: the same margins on every screen. It scrolls, up and
        down only, when it cannot fit the panel: in large text (x1.6, capitals of 0.7
        degrees) the busiest screens outgrow the smaller panels, and scrolling is how text
        reflows without being cut (WCAG 1.4.10); in everyday text every screen fits
        without it (tests/test_kiosk_layouts.py), and it does not scroll at all."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scrolling = QScrollArea()
        self.scrolling.setObjectName("ScreenScroll")
        self.scrolling.setWidgetResizable(True)
        self.scrolling.setFrameShape(QFrame.Shape.NoFrame)
        self.scrolling.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.allow_scrolling(False)
        body = QWidget()
        body.setObjectName("ScreenBody")
        self.scrolling.setWidget(body)
        outer.addWidget(self.scrolling)
        layout = QVBoxLayout(body)
        edge, gap = self.sizing.px(margin), self.sizing.px(spacing)
        layout.setContentsMargins(edge, edge, edge, edge)
        layout.setSpacing(gap)
        return layout

    def allow_scrolling(self, large_text: bool) -> None:
        """Only large text scrolls: in everyday text a scroll bar would take the width the
        screen's rows need (the language grid lost a column to it on a 1280x720 panel)."""
        if self.scrolling is not None:
            self.scrolling.setVerticalScrollBarPolicy(
                Qt.ScrollBarPolicy.ScrollBarAsNeeded
                if large_text
                else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            )

    def side_by_side(self, spacing: int) -> QBoxLayout:
        """Two parts of a screen beside each other on a landscape panel, one above the
        other in portrait (a floor-standing kiosk's panel is as narrow as the design's
        is low)."""
        direction = (
            QBoxLayout.Direction.TopToBottom
            if self.sizing.portrait
            else QBoxLayout.Direction.LeftToRight
        )
        layout = QBoxLayout(direction)
        layout.setSpacing(self.sizing.px(spacing))
        return layout

    def wrapping_button(self, name: str = "") -> WrappingButton:
        """A button whose words break onto more lines rather than make it wider than the
        screen's column (large text, long words: wrapping.py)."""
        design_width = DESIGN_PIXELS[1] if self.sizing.portrait else DESIGN_PIXELS[0]
        button = WrappingButton(self.sizing.px(design_width - 2 * MARGIN))
        if name:
            button.setObjectName(name)
        return button

    def retranslate(self) -> None:
        raise NotImplementedError


class StartScreen(Screen):
    """Welcome and one action: start. The important control sits in the lower half."""

    def __init__(self, controller: ControllerBase, sizing: Sizing = DESIGN) -> None:
        super().__init__(controller, sizing)
        self.title = _label("Title")
        self.lead = _label("Lead")
        self.privacy = _label("Note")
        self.farewell = _label("Lead")
        self.farewell.hide()
        #: What to do instead when a device the operator configured is not there: said
        #: before the customer starts (during the call, where the device is used).
        self.devices_note = _label("DeviceNote")
        self.devices_note.setVisible(bool(controller.missing_devices))
        controller.devicesChanged.connect(self._devices_changed)
        self.start = _button("Primary")
        self.start.clicked.connect(controller.begin)
        # After a call the network cut off: the same agency again, first in its queue.
        self.call_again = _button("Primary")
        self.call_again.clicked.connect(self._call_again)
        self.call_again.hide()
        self._call_again_timer = QTimer(self, singleShot=True, interval=CALL_AGAIN_S * 1000)
        self._call_again_timer.timeout.connect(self._forget_cut_off)
        self.languages = LanguageGrid(
            controller, columns=3 if sizing.portrait else 5, sizing=sizing
        )
        # What the screen says, then what the customer does, with the free height around
        # them: the gaps are in the two blocks only, not around the stretches (on a
        # landscape panel under large text, with every device missing, the screen is
        # exactly as tall as the panel, and those gaps cut the languages' second row).
        says, does = QVBoxLayout(), QVBoxLayout()
        for block, widgets in (
            (says, (self.title, self.lead, self.farewell, self.devices_note)),
            (does, (self.languages, self.call_again, self.start, self.privacy)),
        ):
            block.setSpacing(self.sizing.px(16))
            for widget in widgets:
                block.addWidget(widget)
        layout = self.column(spacing=0)
        layout.addStretch(2)
        layout.addLayout(says)
        layout.addStretch(1)
        layout.addLayout(does)
        layout.addStretch(1)
        self._notice = "call_ended"
        self._farewell_timer = QTimer(self, singleShot=True, interval=15_000)
        self._farewell_timer.timeout.connect(self.farewell.hide)
        controller.noticeRaised.connect(self._on_notice)
        self.retranslate()

    def _on_notice(self, code: str) -> None:
        if code in ("call_ended", "no_clerk", "place_lost", "connection_lost"):
            self._notice = code
            self.retranslate()
            self.farewell.show()
            if code == "connection_lost" and self.controller.cut_off_agency:
                self.call_again.show()
                self._farewell_timer.stop()  # the explanation stays with the offer
                self._call_again_timer.start()
            else:
                self._farewell_timer.start()

    def _call_again(self) -> None:
        self._call_again_timer.stop()
        self.call_again.hide()
        self.farewell.hide()
        self.controller.call_again()

    def _forget_cut_off(self) -> None:
        self.controller.cut_off_agency = ""
        self.call_again.hide()
        self.farewell.hide()

    def _devices_changed(self) -> None:
        """A self-test found a device failed (or working again): say it before the start."""
        self.devices_note.setVisible(bool(self.controller.missing_devices))
        self.retranslate()

    def _device_missing(self, device: str) -> str:
        if device == "camera":
            return self.tr(
                "The camera is not working: the official cannot see you, but you can talk."
            )
        if device == "document_camera":
            return self.tr(
                "The document camera is not working: ask the official how to send papers."
            )
        if device == "microphone":
            return self.tr("The microphone is not working: write to the official instead.")
        return self.tr("The loudspeaker is not working: ask the official to write to you.")

    def retranslate(self) -> None:
        self.devices_note.setText(
            " ".join(self._device_missing(device) for device in self.controller.missing_devices)
        )
        self.title.setText(self.tr("Welcome to remote service"))
        self.lead.setText(
            self.tr(
                "Talk over video with an official of Kela, the Tax Administration, "
                "the police and other agencies."
            )
        )
        self.farewell.setText(
            {
                "call_ended": self.tr("Thank you. The call has ended."),
                "no_clerk": self.tr(
                    "No official of this agency is available any more today."
                    " Please come again during opening hours."
                ),
                "place_lost": self.tr("Your place in the queue has expired. Please start again."),
                "connection_lost": self.tr(
                    "The call was cut off because the connection was lost."
                    " You can call again: you will be first in the queue."
                ),
            }[self._notice]
        )
        agency = next(
            (a for a in self.controller.agencies if a.code == self.controller.cut_off_agency),
            None,
        )
        name = agency_name(agency, self.controller.language) if agency else ""
        self.call_again.setText(self.tr("Call %1 again").replace("%1", name))
        self.start.setText(self.tr("Start"))
        self.privacy.setText(self.tr("Calls are not recorded."))


def format_wait(low_s: float | None, high_s: float | None) -> str:
    """A wait range in whole minutes, in the customer's language."""
    if low_s is None or high_s is None:
        return QCoreApplication.translate("Formats", "Waiting time not known")
    low, high = int(low_s // 60), max(1, -int(-high_s // 60))
    if high <= 1:
        return QCoreApplication.translate("Formats", "Your turn is very soon")
    if low == high:
        return QCoreApplication.translate("Formats", "Wait about %1 min").replace("%1", str(high))
    text = QCoreApplication.translate("Formats", "Wait about %1–%2 min")
    return text.replace("%1", str(low)).replace("%2", str(high))


def format_opening(when: float | None, language: str) -> str:
    """'Closed · opens Tue 09:00' (or 'at 09:00' today), in the customer's language."""
    if when is None:
        return QCoreApplication.translate("Formats", "Closed")
    moment = QDateTime.fromSecsSinceEpoch(int(when))
    locale = QLocale(LOCALE_NAMES.get(language, language))
    clock = locale.toString(moment.time(), "HH:mm")
    if moment.date() == QDate.currentDate():
        return QCoreApplication.translate("Formats", "Closed · opens at %1").replace("%1", clock)
    day = locale.toString(moment.date(), "ddd d.M.")
    text = QCoreApplication.translate("Formats", "Closed · opens %1 at %2")
    return text.replace("%1", day).replace("%2", clock)


class Keypad(QWidget):
    """Digits for an appointment code: large keys, a display, erase and OK."""

    LENGTH = 8

    def __init__(self, on_done: Callable[[str], None], sizing: Sizing = DESIGN) -> None:
        super().__init__()
        self.sizing = sizing
        self.on_done = on_done
        self.code = ""
        self.display = _label("Code", wrap=False)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        grid.setSpacing(sizing.px(12))
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate("123456789"):
            self._key(grid, key, index // 3, index % 3)
        self.erase = self._key(grid, "⌫", 3, 0)
        self._key(grid, "0", 3, 1)
        self.ok = self._key(grid, "OK", 3, 2, "KeyPrimary")
        column = QVBoxLayout(self)
        column.addWidget(self.display)
        column.addLayout(grid)
        self.clear()

    def _key(
        self, grid: QGridLayout, key: str, row: int, col: int, name: str = "Key"
    ) -> QPushButton:
        button = _button(name)
        button.setText(key)
        button.setMinimumWidth(self.sizing.px(160))
        button.clicked.connect(lambda _=False: self.press(key))
        grid.addWidget(button, row, col)
        self.keys[key] = button
        return button

    def press(self, key: str) -> None:
        if key == "⌫":
            self.code = self.code[:-1]
        elif key == "OK":
            if len(self.code) == self.LENGTH:
                self.on_done(self.code)
            return
        elif len(self.code) < self.LENGTH:
            self.code += key
        self._show()

    def clear(self) -> None:
        self.code = ""
        self._show()

    def _show(self) -> None:
        shown = " ".join(self.code.ljust(self.LENGTH, "_"))
        self.display.setText(shown)
        speak_as(self.display, "")  # the code is the customer's: shown, never said
        self.ok.setEnabled(len(self.code) == self.LENGTH)


class AgencyScreen(Screen):
    """Which agency? One large button per agency with its wait; closed ones shown, greyed,
    with their next opening. Or: type the code of a booked appointment."""

    def __init__(self, controller: ControllerBase, sizing: Sizing = DESIGN) -> None:
        super().__init__(controller, sizing)
        self.title = _label("Title")
        self.message = _label("Lead")
        self.message.hide()
        self.pages = PageStack()
        choose = QWidget()
        # Two to a line where they fit, one where a language's words are long (flow.py).
        self.grid = FlowRow(choose, spacing=self.sizing.px(24), uniform=True)
        self.buttons: dict[str, QPushButton] = {}
        self.keypad = Keypad(self._appointment, sizing)
        self.pages.addWidget(choose)
        self.pages.addWidget(self.keypad)
        self.back = _button()
        self.back.clicked.connect(self._back)
        self.have_appointment = self.wrapping_button()
        self.have_appointment.clicked.connect(self._show_keypad)
        self.sign_language = self.wrapping_button("Toggle")
        self.sign_language.setCheckable(True)
        self.sign_language.toggled.connect(self._on_sign_language)
        # Which sign language: a page of its own, as the keypad is (Finnish or
        # Finland-Swedish, each by its name in its users' written language).
        self.sign_choice = QWidget()
        choice_row = self.side_by_side(24)
        self.sign_choice.setLayout(choice_row)
        self.sign_buttons: dict[str, QPushButton] = {}
        for code, name in SIGN_LANGUAGE_NAMES.items():
            button = _button("Agency")
            button.setText(name)
            button.clicked.connect(lambda _=False, c=code: self._choose_sign_language(c))
            choice_row.addWidget(button)
            self.sign_buttons[code] = button
        self.pages.addWidget(self.sign_choice)
        layout = self.column(spacing=24)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.pages)
        layout.addStretch(1)
        row = FlowRow(spacing=self.sizing.px(24))
        row.addWidget(self.back)
        row.addWidget(self.sign_language)
        row.addWidget(self.have_appointment)
        layout.addLayout(row)
        controller.agenciesChanged.connect(lambda _agencies: self._rebuild())
        controller.languageChanged.connect(lambda _code: self._rebuild())
        controller.noticeRaised.connect(self._on_notice)
        controller.visitChanged.connect(lambda _state: self._reset())
        self._rebuild()
        self.retranslate()

    def _rebuild(self) -> None:
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = {}
        for agency in self.controller.agencies:
            button = self.wrapping_button("Agency")
            detail = (
                format_wait(agency.wait_min_s, agency.wait_max_s)
                if agency.open
                # "Closed" and when it opens on lines of their own: two agencies to a
                # line stay side by side in every language, large text included.
                else format_opening(agency.next_opening, self.controller.language).replace(
                    " · ", "\n"
                )
            )
            button.setText(f"{agency_name(agency, self.controller.language)}\n{detail}")
            button.setEnabled(agency.open)
            button.clicked.connect(lambda _=False, code=agency.code: self._choose(code))
            self.grid.addWidget(button)
            self.buttons[agency.code] = button

    def _choose(self, code: str) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)  # one tap is enough; re-enabled on any answer
        self.controller.choose(code)

    def _show_keypad(self) -> None:
        self.keypad.clear()
        self.pages.setCurrentWidget(self.keypad)
        self.retranslate()

    def _appointment(self, code: str) -> None:
        self.keypad.ok.setEnabled(False)
        self.controller.choose_appointment(code)

    def _back(self) -> None:
        if self.pages.currentWidget() is self.sign_choice:
            self.sign_language.setChecked(False)  # back without a choice: none needed
            self.pages.setCurrentIndex(0)
            self.retranslate()
        elif self.pages.currentWidget() is self.keypad:
            self.pages.setCurrentIndex(0)
            self.message.hide()
            self.retranslate()
        else:
            self.controller.back()

    def _on_notice(self, code: str) -> None:
        texts = {
            "join_refused": self.tr("This service cannot take you right now. Please choose again."),
            "offline": self.tr("The service is not reachable right now. Please try again."),
            "appointment_refused": self.tr(
                "No appointment with this code is due now. Check the code, or choose the agency."
            ),
            "appointment_wait": self.tr(
                "Too many wrong codes were typed here. Wait a minute and try again,"
                " or choose the agency."
            ),
        }
        if code in texts:
            self.message.setText(texts[code])
            self.message.show()
            # A wrong code stays on the display under the message, to be checked and
            # corrected (EN 301 549 via WCAG 3.3.1/3.3.3); any other refusal starts afresh.
            if code not in ("appointment_refused", "appointment_wait"):
                self.keypad.clear()
            self._rebuild()

    def _on_sign_language(self, needed: bool) -> None:
        """On: which sign language (a page of its own); off: none is needed."""
        if needed and not self.controller.needs_sign_language:
            self.pages.setCurrentWidget(self.sign_choice)
        elif not needed:
            self.controller.needs_sign_language = False
        self.retranslate()

    def _choose_sign_language(self, code: str) -> None:
        self.controller.sign_language = code
        self.controller.needs_sign_language = True
        self.pages.setCurrentIndex(0)
        self.retranslate()

    def _reset(self) -> None:
        self.sign_language.setChecked(self.controller.needs_sign_language)
        self.message.hide()
        self.pages.setCurrentIndex(0)
        self._rebuild()
        self.retranslate()

    def retranslate(self) -> None:
        on_keypad = self.pages.currentWidget() is self.keypad
        choosing_sign = self.pages.currentWidget() is self.sign_choice
        if on_keypad:
            self.title.setText(self.tr("Type the code of your appointment"))
        elif choosing_sign:
            self.title.setText(self.tr("I need a sign language interpreter"))
        else:
            self.title.setText(self.tr("Which agency do you need?"))
        self.back.setText(self.tr("Back"))
        self.have_appointment.setText(self.tr("I have an appointment"))
        needed = self.controller.needs_sign_language
        # Once chosen, the toggle names the sign language (tapping it again: none).
        self.sign_language.setText(
            f"✓ {SIGN_LANGUAGE_NAMES[self.controller.sign_language]}"
            if needed
            else self.tr("I need a sign language interpreter")
        )
        self.have_appointment.setVisible(not on_keypad and not choosing_sign)
        self.sign_language.setVisible(not on_keypad and not choosing_sign)
        self._rebuild()


class WaitingScreen(Screen):
    """In the queue: where am I, and a way out."""

    def __init__(self, controller: ControllerBase, sizing: Sizing = DESIGN) -> None:
        super().__init__(controller, sizing)
        self.title = _label("Title")
        self.position = _label("Big")
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.estimate = _label("Lead")
        self.estimate.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = _label("Lead")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prepare = _label("Lead")
        self.privacy = _label("Note")
        self.own = VideoView()
        # The mirror: larger on a portrait panel, where it has the width to itself.
        mirror_size = (640, 480) if sizing.portrait else (400, 300)
        self.own.setFixedSize(*map(sizing.px, mirror_size))
        self.own.shows(controller.picture_boxes, "self")
        self.own_caption = _label("Note")
        self.own_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cancel = _button()
        self.cancel.clicked.connect(controller.cancel)
        layout = self.column(spacing=12)
        layout.addWidget(self.title)
        layout.addWidget(self.position)
        layout.addWidget(self.estimate)
        middle = self.side_by_side(48)
        before = QVBoxLayout()
        before.addWidget(self.prepare)
        before.addWidget(self.privacy)
        before.addStretch(1)
        middle.addLayout(before, 1)
        mirror = QVBoxLayout()
        mirror.addWidget(self.own, 0, Qt.AlignmentFlag.AlignHCenter)
        mirror.addWidget(self.own_caption)
        mirror.addStretch(1)
        middle.addLayout(mirror)
        layout.addLayout(middle, 1)
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        row.addWidget(self.cancel)
        row.addStretch(1)
        layout.addLayout(row)
        self._place = (0, 0)
        self._transferred = False
        self._told_next = False
        controller.queueChanged.connect(self._on_queue)
        controller.selfFrame.connect(self._on_self_frame)
        controller.noticeRaised.connect(self._on_notice)
        controller.visitChanged.connect(self._on_visit)
        self.retranslate()

    def _on_queue(self, position: int, waiting: int) -> None:
        was_next = self._place[0] <= 1 and self._told_next
        self._place = (position, waiting)
        self.retranslate()
        if position <= 1 and not was_next:
            # The turn is coming: said aloud too, for whoever is not watching the screen.
            self._told_next = True
            self.controller.speak(f"{self.position.text()}. {self.hint.text()}")

    def _on_self_frame(self, image: object) -> None:
        if self.isVisible():
            self.own.show_image(image)  # type: ignore[arg-type]

    def _on_notice(self, code: str) -> None:
        if code == "transferred":
            self._transferred = True
            self.retranslate()

    def _on_visit(self, state: str) -> None:
        if state != "queued":
            self._transferred = False
            self._told_next = False

    def retranslate(self) -> None:
        status = self.controller.queue_status
        agency = next(
            (a for a in self.controller.agencies if status and a.code == status.agency), None
        )
        name = agency_name(agency, self.controller.language) if agency else ""
        if self._transferred and name:
            self.title.setText(self.tr("You are being transferred to %1").replace("%1", name))
        else:
            self.title.setText(self.tr("Please wait, an official will answer soon"))
        position, _waiting = self._place
        if position <= 1:
            self.position.setText(self.tr("You are next"))
        else:
            self.position.setText(
                self.tr("Your place in the queue: %1").replace("%1", str(position))
            )
        self.estimate.setText(format_wait(status.wait_min_s, status.wait_max_s) if status else "")
        self.hint.setText(self.tr("Please stay in front of the screen. The call opens by itself."))
        self.prepare.setText(
            self.tr(
                "While you wait, have ready:\n• your ID card, passport or residence permit"
                "\n• the papers for your matter (the document camera takes them)"
            )
        )
        self.privacy.setText(
            self.tr(
                "The call is not recorded. Only the official (and an interpreter, if one"
                " joins) sees and hears you. The documents you hand in go only to the"
                " official."
            )
        )
        self.own_caption.setText(self.tr("This is how the official will see you"))
        self.cancel.setText(self.tr("Cancel"))


class Face(QPushButton):
    """A face from very unhappy (1) to very happy (5), drawn, so no emoji font is needed;
    in the palette's colours (kiosk/qt/style.py), high contrast included."""

    def set_look(self, look: Palette) -> None:
        self.look = look
        self.update()

    def __init__(self, score: int, sizing: Sizing = DESIGN) -> None:
        super().__init__()
        self.score = score
        #: The window's look (standard or high contrast): the face's and its label's colours.
        self.look = STANDARD
        self.setObjectName("Face")
        self.sizing = sizing
        # Five in a row fit a portrait panel's width too.
        self.setMinimumSize(sizing.px(160), sizing.px(220))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(self.look.faces[self.score - 1])
        px = self.sizing.px
        size = min(self.width(), self.height() - px(60)) - px(40)
        x, y = (self.width() - size) // 2, px(20)
        painter.setPen(QPen(colour, px(8)))
        painter.drawEllipse(x, y, size, size)
        eye = size // 10
        painter.setBrush(colour)
        painter.drawEllipse(x + size * 3 // 10, y + size * 3 // 10, eye, eye)
        painter.drawEllipse(x + size * 6 // 10, y + size * 3 // 10, eye, eye)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # The mouth bends from a frown (1) through a line (3) to a smile (5).
        bend = (self.score - 3) * size // 8
        mouth = QPainterPath()
        mouth.moveTo(x + size * 3 // 10, y + size * 65 // 100)
        mouth.quadTo(
            x + size // 2, y + size * 65 // 100 + bend, x + size * 7 // 10, y + size * 65 // 100
        )
        painter.drawPath(mouth)
        painter.setPen(QColor(self.look.ink))
        painter.drawText(
            QRect(0, self.height() - px(56), self.width(), px(50)),
            int(Qt.AlignmentFlag.AlignCenter),
            self.text(),
        )


class FeedbackScreen(Screen):
    """How did it go? Five faces; for the lower three, what went wrong (chosen, never
    typed); and always a way to skip."""

    REASONS = (
        "waiting_time",
        "sound_or_picture",
        "kiosk_hard_to_use",
        "matter_not_solved",
        "other",
    )

    def __init__(self, controller: ControllerBase, sizing: Sizing = DESIGN) -> None:
        super().__init__(controller, sizing)
        self.title = _label("Title")
        self.lead = _label("Lead")
        self.faces = [Face(score, sizing) for score in range(1, 6)]
        row = QHBoxLayout()
        row.setSpacing(self.sizing.px(24))
        for face in self.faces:
            face.clicked.connect(lambda _=False, s=face.score: self._rated(s))
            row.addWidget(face)
        self.reasons = {code: self.wrapping_button() for code in self.REASONS}
        # As many to a line as the panel and the language allow (flow.py).
        reasons = FlowRow(spacing=self.sizing.px(16))
        for code, button in self.reasons.items():
            button.clicked.connect(lambda _=False, c=code: self._send(c))
            reasons.addWidget(button)
        self.skip = _button()
        # "Skip" before a face is touched; "Done" (the rating without a reason) after.
        self.skip.clicked.connect(lambda: self._send(None, skipped=self._score is None))
        layout = self.column(spacing=24)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addLayout(reasons)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.skip)
        layout.addLayout(bottom)
        self._score: int | None = None
        controller.visitChanged.connect(self._on_visit)
        self.retranslate()

    def _on_visit(self, state: str) -> None:
        if state == "feedback":
            self._score = None
            self.retranslate()

    def _rated(self, score: int) -> None:
        self._score = score
        if score >= 4:
            self._send(None)
        else:
            self.retranslate()  # ask what went wrong

    def _send(self, reason: str | None, *, skipped: bool = False) -> None:
        self.controller.give_feedback(None if skipped else self._score, reason)

    def retranslate(self) -> None:
        asking = self._score is not None and self._score <= 3
        self.title.setText(self.tr("What went wrong?") if asking else self.tr("How did it go?"))
        self.lead.setText(
            self.tr("Choose one. Your answer is anonymous.")
            if asking
            else self.tr("Touch a face. Your answer helps us improve the service.")
        )
        labels = (
            self.tr("Very bad"),
            self.tr("Bad"),
            self.tr("OK"),
            self.tr("Good"),
            self.tr("Very good"),
        )
        for face, label in zip(self.faces, labels, strict=True):
            face.setText(label)
            face.setVisible(not asking)
            face.update()
        texts = {
            "waiting_time": self.tr("I waited too long"),
            "sound_or_picture": self.tr("Sound or picture was poor"),
            "kiosk_hard_to_use": self.tr("The kiosk was hard to use"),
            "matter_not_solved": self.tr("My matter was not solved"),
            "other": self.tr("Something else"),
        }
        for code, button in self.reasons.items():
            button.setText(texts[code])
            button.setVisible(asking)
        self.skip.setText(self.tr("Skip") if not asking else self.tr("Done"))


class DocumentPanel(Screen):
    """Handing in a paper during the call: put it under the document camera, take a
    picture, accept or retake, add pages, send; then a receipt."""

    def __init__(
        self, controller: ControllerBase, on_close: Callable[[], None], sizing: Sizing = DESIGN
    ) -> None:
        super().__init__(controller, sizing)
        self.title = _label("Lead")
        self.page = VideoView()
        self.status = _label("Lead")
        self.take = _button("Primary")
        self.take.clicked.connect(controller.take_page)
        self.retake = _button()
        self.retake.clicked.connect(controller.retake_page)
        self.send = _button("Primary")
        self.send.clicked.connect(controller.send_pages)
        self.back_to_call = _button()
        self.back_to_call.clicked.connect(on_close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.status)
        # Beside the chat on a small panel the buttons wrap rather than widen it (flow.py).
        row = FlowRow(spacing=self.sizing.px(24))
        for button in (self.back_to_call, self.retake, self.take, self.send):
            row.addWidget(button)
        layout.addLayout(row)
        self._state = "ready"
        self._receipt = ("", 0, "", "")
        self._error = ""
        controller.documentImage.connect(self.page.show_image)
        controller.documentState.connect(self._on_state)
        controller.documentReceipt.connect(self._on_receipt)
        controller.documentError.connect(self._on_error)
        self.retranslate()

    def reset(self) -> None:
        self._state = "ready"
        self._error = ""
        self.page.clear()
        self.retranslate()

    def _on_state(self, state: str) -> None:
        self._state = state
        if state == "taken":
            self._error = ""  # the camera works again
        self.retranslate()

    def _on_receipt(self, code: str, pages: int, agency: str, at: str) -> None:
        self._receipt = (code, pages, agency, at)
        self.page.clear()

    def _on_error(self, message: str) -> None:
        """A camera that fails is told, on the screen and aloud, with what to do; a
        delivery that fails is the "failed" state's own message (its cause is technical,
        for the log, not for the customer)."""
        if message != "camera":
            return
        self._error = message
        self.retranslate()
        self.controller.speak(self.status.text())

    def retranslate(self) -> None:
        state, pages = self._state, self.controller.pages_taken
        self.title.setText(self.tr("Put the paper under the document camera, text up."))
        self.take.setText(self.tr("Take a picture") if pages == 0 else self.tr("Add a page"))
        # One main action: taking the first picture, then sending.
        main = "Primary" if pages == 0 else ""
        if self.take.objectName() != main:
            self.take.setObjectName(main)
            self.take.style().unpolish(self.take)
            self.take.style().polish(self.take)
        self.retake.setText(self.tr("Take again"))
        self.send.setText(self.tr("Send to the official"))
        self.back_to_call.setText(self.tr("Back to the call"))
        self.retake.setVisible(state == "taken")
        self.send.setVisible(state in ("taken", "failed"))
        self.take.setVisible(state in ("ready", "taken", "received", "failed"))
        if state == "taken":
            self.status.setText(
                self.tr("Is the page sharp and whole? Pages taken: %1").replace("%1", str(pages))
            )
        elif state == "sending":
            self.status.setText(self.tr("Sending…"))
        elif state == "received":
            code, count, agency_code, at = self._receipt
            agency = next((a for a in self.controller.agencies if a.code == agency_code), None)
            name = agency_name(agency, self.controller.language) if agency else agency_code
            self.status.setText(
                self.tr("Received by %1 at %2: %3 page(s). Receipt %4.")
                .replace("%1", name)
                .replace("%2", at)
                .replace("%3", str(count))
                .replace("%4", code)
            )
            speak_as(  # the receipt number stays on the screen, not said to the room
                self.status,
                self.tr("Received by %1 at %2: %3 page(s). The receipt is on the screen.")
                .replace("%1", name)
                .replace("%2", at)
                .replace("%3", str(count)),
            )
        elif state == "failed":
            self.status.setText(self.tr("The document did not arrive. Please send it again."))
        else:
            self.status.setText("")
        if self._error == "camera":
            self.status.setText(
                self.tr(
                    "The document camera does not work. Please tell the official:"
                    " they can tell you another way to hand in your papers."
                )
            )
        if state != "received" or self._error:
            speak_as(self.status, self.status.text())


class ShownDocument(Screen):
    """A document the clerk shows the customer: large, with Print when a printer exists."""

    def __init__(
        self, controller: ControllerBase, on_close: Callable[[], None], sizing: Sizing = DESIGN
    ) -> None:
        super().__init__(controller, sizing)
        self.title = _label("Lead")
        # The title carries the clerk's file name: shown as the text it is, never as markup.
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.page = VideoView()
        self.status = _label("Lead")
        self.print = _button()
        self.print.clicked.connect(controller.print_shown)
        self.back_to_call = _button("Primary")
        self.back_to_call.clicked.connect(on_close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(self.back_to_call)
        row.addWidget(self.print)
        layout.addLayout(row)
        self._name = ""
        self._printed = ""
        controller.shownDocument.connect(self._on_shown)
        controller.noticeRaised.connect(self._on_notice)
        self.retranslate()

    def _on_shown(self, image: object, name: str, printable: bool) -> None:
        self._name, self._printed = name, ""
        self.page.show_image(image)  # type: ignore[arg-type]
        self.print.setVisible(printable)
        self.retranslate()

    def _on_notice(self, code: str) -> None:
        if code in ("printed", "print_failed"):
            self._printed = code
            self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("The official shows you: %1").replace("%1", self._name))
        self.print.setText(self.tr("Print"))
        self.back_to_call.setText(self.tr("Back to the call"))
        self.status.setText(
            {
                "printed": self.tr("Printing. Take the paper from the printer."),
                "print_failed": self.tr(
                    "The printer did not work. Ask the official to send it to you another way."
                ),
            }.get(self._printed, "")
        )


class CallScreen(Screen):
    """The official large, yourself small, an interpreter beside (larger when signing),
    the text chat on request, and the buttons: hand in a document, write, mute, end."""

    def __init__(self, controller: ControllerBase, sizing: Sizing = DESIGN) -> None:
        super().__init__(controller, sizing)
        self.remote = VideoView()
        self.interpreter = VideoView()
        self.interpreter.hide()
        self._interpreter_member = ""
        self._signing = False
        self.interpreter_note = _label("Lead")
        self.interpreter_note.hide()
        self.chat = ChatPanel(controller, sizing)
        self.chat.hide()
        self.write = _button()
        self.write.setCheckable(True)
        self.write.toggled.connect(self._on_write)
        stage = QWidget()
        self.stage_row = QHBoxLayout(stage)
        self.stage_row.setContentsMargins(0, 0, 0, 0)
        self.stage_row.setSpacing(self.sizing.px(16))
        # With an interpreter, each picture says whose it is.
        self.official_caption = _label("Note", wrap=False)
        self.interpreter_caption = _label("Note", wrap=False)
        for video, caption in (
            (self.remote, self.official_caption),
            (self.interpreter, self.interpreter_caption),
        ):
            column = QVBoxLayout()
            column.setSpacing(self.sizing.px(4))
            column.addWidget(video, 1)
            column.addWidget(caption)
            caption.hide()
            self.stage_row.addLayout(column, 2 if video is self.remote else 1)
        self.own = VideoView(self.remote)
        self.own.setFixedSize(*map(sizing.px, SELF_VIEW))
        self.remote.shows(controller.picture_boxes, "clerk")
        self.own.shows(controller.picture_boxes, "self")
        self.status = _label("CallStatus", wrap=False)
        self.status.setParent(self.remote)
        self.note = _label("Note")
        #: How much the link carries now, in bars and words; hidden while it carries all.
        self.quality = _label("Quality")
        self.quality.hide()
        #: A warning banner (the quality banner's look): no loudspeaker works.
        self.speaker_note = _label("Quality")
        self.speaker_note.hide()
        self._step = "full"
        self.mute = _button("Mute")
        self.mute.setCheckable(True)
        self.mute.toggled.connect(self._on_mute)
        self.end = _button("Danger")
        self.end.clicked.connect(controller.hang_up)
        self.show_document = _button()
        self.show_document.clicked.connect(self._open_documents)
        controller.devicesChanged.connect(self.retranslate)  # the hand-in, offered or not
        self.documents = DocumentPanel(controller, self._close_documents, sizing)
        self.shown = ShownDocument(controller, self._close_documents, sizing)
        self.area = PageStack()
        self.area.addWidget(stage)
        self.area.addWidget(self.documents)
        self.area.addWidget(self.shown)
        controller.shownDocument.connect(lambda *_: self._open(self.shown))
        controller.documentRequested.connect(self._open_documents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*[self.sizing.px(16)] * 4)
        layout.setSpacing(self.sizing.px(12))
        # What the call says of itself goes under the pictures, so that beside the chat
        # (which its keyboard makes the tallest part) it takes none of the height the
        # buttons need: under large text their second line squeezed the keyboard's last
        # row off a 1366x768 panel.
        pictures = QVBoxLayout()
        pictures.setSpacing(self.sizing.px(12))
        pictures.addWidget(self.area, 1)
        for note in (self.interpreter_note, self.quality, self.speaker_note, self.note):
            pictures.addWidget(note)
        # The chat beside the pictures (below them in portrait): the signer stays in view.
        middle = self.side_by_side(24)
        middle.addLayout(pictures, 3)
        middle.addWidget(self.chat, 2)
        layout.addLayout(middle, 1)
        # The controls wrap onto a second line rather than widen the window (flow.py).
        row = FlowRow(spacing=self.sizing.px(24))
        row.addWidget(self.show_document)
        row.addWidget(self.write)
        row.addWidget(self.mute)
        # The official's voice louder or quieter (media/volume.py): "−", how loud, "+".
        self.quieter = _button()
        self.quieter.setText("−")
        self.quieter.clicked.connect(controller.quieter)
        self.loudness = _label("Lead", wrap=False)
        self.louder = _button()
        self.louder.setText("+")
        self.louder.clicked.connect(controller.louder)
        volume = QHBoxLayout()
        volume.setSpacing(self.sizing.px(8))
        for widget in (self.quieter, self.loudness, self.louder):
            volume.addWidget(widget)
        row.add_layout(volume)
        row.addWidget(self.end)
        layout.addLayout(row)
        self._volume = (NORMAL_VOLUME, len(VOLUME_STEPS_DB))
        controller.volumeChanged.connect(self._on_volume)
        self._connected = False
        self._peer_offline = False
        # members whose media has stopped reaching the kiosk
        self._interrupted: set[str] = set()
        controller.remoteFrame.connect(self._on_remote_frame)
        controller.selfFrame.connect(self._on_self_frame)
        controller.mediaChanged.connect(self._on_media)
        controller.qualityChanged.connect(self._on_quality)
        controller.peerPresence.connect(self._on_presence)
        controller.visitChanged.connect(self._on_visit)
        controller.peerJoined.connect(self._on_peer_joined)
        controller.peerLeft.connect(self._on_peer_left)
        controller.peerFrame.connect(self._on_peer_frame)
        controller.interpreterChanged.connect(self._on_interpreter)
        controller.chatLine.connect(self._on_chat_line)
        controller.chatDraft.connect(self._on_chat_draft)
        controller.noticeRaised.connect(self._on_call_notice)
        controller.speakingChanged.connect(self._on_speaking)
        self._interpreter_state = ("", "", 0)
        self._no_speaker = False
        self.retranslate()

    def _on_self_frame(self, image: object) -> None:
        if self.isVisible():  # the waiting screen shows the self view too
            self.own.show_image(image)  # type: ignore[arg-type]

    def _on_peer_joined(self, member: str, role: str, language: str) -> None:
        if role != "interpreter":
            return
        self._interpreter_member = member
        self.interpreter.shows(self.controller.picture_boxes, member)
        signing = language in SIGN_LANGUAGES
        self._signing = signing
        # Signing needs the large picture; a spoken-language interpreter sits beside.
        self.stage_row.setStretch(0, 1 if signing else 2)
        self.stage_row.setStretch(1, 2 if signing else 1)
        self.interpreter.clear()
        for widget in (self.interpreter, self.official_caption, self.interpreter_caption):
            widget.show()
        self.own.setFixedSize(*map(self.sizing.px, SELF_VIEW_SMALL))  # two pictures share the width
        self._place_overlays()

    def _on_peer_left(self, member: str) -> None:
        if member == self._interpreter_member:
            self._interpreter_member = ""
            self._signing = False
            self.interpreter.clear()
            for widget in (self.interpreter, self.official_caption, self.interpreter_caption):
                widget.hide()
            self.own.setFixedSize(*map(self.sizing.px, SELF_VIEW))
            self._place_overlays()

    def _on_peer_frame(self, member: str, image: object) -> None:
        if member == self._interpreter_member:
            self.interpreter.show_image(image)  # type: ignore[arg-type]

    def _on_interpreter(self, state: str, language: str, invited: int) -> None:
        self._interpreter_state = (state, language, invited)
        self.retranslate()

    def _on_volume(self, step: int, steps: int) -> None:
        self._volume = (step, steps)
        self.retranslate()

    def _on_speaking(self, member: str, speaking: bool) -> None:
        """A frame around the picture of whoever speaks: sound made visible."""
        if member == "clerk":
            self.remote.set_speaking(speaking)
        elif member == self._interpreter_member:
            self.interpreter.set_speaking(speaking)

    def _on_call_notice(self, code: str) -> None:
        """No loudspeaker works: say so where the customer looks, and open the chat, the
        way the official can still reach them (EN 301 549 5.1.3.15: no silent failure)."""
        if code == "no_speaker":
            self._no_speaker = True
            self.write.setChecked(True)
            self.retranslate()

    def _on_chat_line(self, _role: str, _text: str, mine: bool) -> None:
        if not mine:
            self.write.setChecked(True)  # someone wrote to the customer: show it

    def _on_chat_draft(self, _member: str, _role: str, text: str) -> None:
        if text:
            self.write.setChecked(True)  # someone is writing to the customer: show it

    def _on_write(self, open_: bool) -> None:
        self.chat.setVisible(open_ and self.area.currentIndex() == 0)
        self.retranslate()

    def _documents_possible(self) -> bool:
        """No document hand-in offered without a working document camera."""
        return "document_camera" not in self.controller.missing_devices

    def _open_documents(self) -> None:
        self.documents.reset()
        self._open(self.documents)
        self.controller.documents_opened()

    def _open(self, page: QWidget) -> None:
        """A document page takes the pictures' place; the chat steps aside meanwhile (the
        page's own buttons need the width) and comes back with the pictures."""
        self.area.setCurrentWidget(page)
        self.show_document.hide()
        self.write.hide()
        self.chat.hide()

    def _close_documents(self) -> None:
        self.controller.documents_closed()
        self.area.setCurrentIndex(0)
        self.show_document.setVisible(self._documents_possible())
        self.write.show()
        self.chat.setVisible(self.write.isChecked())

    def _on_visit(self, state: str) -> None:
        if state != "in_call":
            self.shown.page.clear()  # the clerk's document leaves the screen with the call
        if state != "in_call":
            self.chat.clear()  # nothing written in the call stays on the screen
            self.write.setChecked(False)
            self._interpreter_state = ("", "", 0)
            self._on_peer_left(self._interpreter_member)
        if state == "in_call":
            self._close_documents()
            # A customer who asked for a sign-language interpreter may not hear the
            # official before the interpreter comes: the chat is open from the start.
            self.write.setChecked(self.controller.needs_sign_language)
            self._no_speaker = False  # told again by this call's player if still so
            self._step = "full"
            self._connected = False
            self._peer_offline = False
            self._interrupted.clear()
            self._show_frozen()
            self.mute.setChecked(False)
            self.remote.clear()
            self.own.clear()
            self.retranslate()

    def _on_remote_frame(self, image: object) -> None:
        if not self._connected:
            self._connected = True
            self.retranslate()
        self.remote.show_image(image)  # type: ignore[arg-type]

    def _on_media(self, member: str, state: str) -> None:
        """Media from ``member`` stopped or came back: the picture is marked frozen and the
        customer told that the call goes on, never left looking at a still official."""
        if state == "connected":
            self._interrupted.discard(member)
        elif state in ("interrupted", "reconnecting", "failed", "closed"):
            self._interrupted.add(member)
        self._show_frozen()
        self.retranslate()

    def _show_frozen(self) -> None:
        """Dim every picture that is not live: its connection is down, the link carries
        sound only, or (a thin sign-language call) the official's is given up for the
        signer's (media/quality.py, official_video_paused)."""
        step = Step.from_wire(self._step)
        self.remote.set_frozen(
            "clerk" in self._interrupted
            or step <= Step.AUDIO
            or official_video_paused(step, sign_language=self._signing)
        )
        self.interpreter.set_frozen(self._interpreter_member in self._interrupted)

    def _on_quality(self, step: str) -> None:
        """The link carries less (or all again): say what that means for the call; with
        no sound left, open the chat so that the customer can still be served."""
        self._step = step
        if step == "text":
            self.write.setChecked(True)
        self._show_frozen()
        self.retranslate()

    def _on_presence(self, _peer: str, online: bool) -> None:
        self._peer_offline = not online
        self.retranslate()

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
        interrupted = bool(self._interrupted)
        if self.status.property("interrupted") != interrupted:
            # A lost connection is told large, in the middle of the frozen picture.
            self.status.setProperty("interrupted", interrupted)
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)
        self.status.setWordWrap(interrupted)
        if interrupted:
            width = max(200, area.width() - 96)
            self.status.setFixedWidth(width)
            self.status.adjustSize()
            self.status.move(
                (area.width() - width) // 2, (area.height() - self.status.height()) // 2
            )
        else:
            self.status.setMinimumWidth(0)
            self.status.setMaximumWidth(16_777_215)
            self.status.adjustSize()
            self.status.move(16, 16)
        self.status.setVisible(bool(self.status.text()))

    def retranslate(self) -> None:
        if self._interrupted:
            self.status.setText(
                self.tr(
                    "The connection is interrupted. The call will continue as soon as it is back."
                )
            )
        elif self._peer_offline:
            self.status.setText(self.tr("The official's connection was interrupted. Please wait…"))
        else:
            self.status.setText("" if self._connected else self.tr("Connecting to the official…"))
        notes = []
        if self.controller.camera_is_test_pattern:
            notes.append(self.tr("No camera found: the official sees a test picture."))
        if self.controller.microphone_is_tone:
            notes.append(self.tr("No microphone found: the official hears a test tone."))
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        self.speaker_note.setText(
            self.tr("The loudspeaker does not work: the official can write to you.")
            if self._no_speaker
            else ""
        )
        self.speaker_note.setVisible(self._no_speaker)
        reduced = (
            self.tr(
                "Weak connection: the interpreter's picture stays smooth; the official's is paused."
            )
            if self._signing
            else self.tr("Weak connection: a smaller picture keeps the call smooth.")
        )
        bars, words = {
            "reduced": (3, reduced),
            "stills": (2, self.tr("Weak connection: the picture changes every few seconds.")),
            "audio": (1, self.tr("Weak connection: sound only. The picture returns later.")),
            "text": (0, self.tr("Very weak connection: please use the chat.")),
        }.get(self._step, (4, ""))
        self.quality.setText(f"{'▮' * bars}{'▯' * (4 - bars)}  {words}" if words else "")
        self.quality.setAccessibleName(words)
        self.quality.setVisible(bool(words))
        self.mute.setText(self.tr("Microphone off") if self.mute.isChecked() else self.tr("Mute"))
        self.end.setText(self.tr("End call"))
        step, steps = self._volume
        self.loudness.setText("▮" * (step + 1) + "▯" * (steps - step - 1))
        self.loudness.setAccessibleName(
            self.tr("Volume %1 of %2").replace("%1", str(step + 1)).replace("%2", str(steps))
        )
        self.quieter.setAccessibleName(self.tr("Quieter"))
        self.louder.setAccessibleName(self.tr("Louder"))
        self.quieter.setEnabled(step > 0)
        self.louder.setEnabled(step < steps - 1)
        self.show_document.setText(self.tr("Hand in a document"))
        if self.area.currentIndex() == 0:  # not while a document page is open
            self.show_document.setVisible(self._documents_possible())
        self.write.setText(self.tr("Hide the chat") if self.write.isChecked() else self.tr("Write"))
        self.official_caption.setText(self.tr("Official"))
        self.interpreter_caption.setText(self.tr("Interpreter"))
        state, _language, _invited = self._interpreter_state
        interpreter_texts = {
            "requested": self.tr("An interpreter is being called. Please wait a moment."),
            "joined": self.tr("The interpreter is here."),
            "left": self.tr("The interpreter left the call."),
            "timed_out": self.tr(
                "No interpreter could come now. The official will tell you what happens next."
            ),
        }
        self.interpreter_note.setText(interpreter_texts.get(state, ""))
        self.interpreter_note.setVisible(state in interpreter_texts)
        self._place_overlays()
