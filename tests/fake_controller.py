"""A controller with no network for widget tests: records what the widgets ask for."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QTime

from kiosk.qt.controller import ControllerBase
from kiosk.qt.translator import LanguageSwitcher
from protocol import messages as p

TOMORROW_10H = float(QDateTime(QDate.currentDate().addDays(1), QTime(10, 0)).toSecsSinceEpoch())

AGENCIES = [
    p.AgencyInfo(
        code="kela",
        names={"fi": "Kela", "sv": "FPA", "en": "Kela"},
        open=True,
        wait_min_s=300,
        wait_max_s=900,
    ),
    p.AgencyInfo(
        code="vero",
        names={"fi": "Verohallinto", "sv": "Skatteförvaltningen", "en": "Tax Administration"},
        open=True,
    ),
    p.AgencyInfo(
        code="poliisi",
        names={
            "fi": "Poliisin lupapalvelut",
            "sv": "Polisens tillståndstjänster",
            "en": "Police permit services",
        },
        open=False,
        next_opening=TOMORROW_10H,
    ),
    p.AgencyInfo(
        code="te",
        names={"fi": "TE-palvelut", "sv": "TE-tjänsterna", "en": "Employment"},
        open=True,
        wait_min_s=0,
        wait_max_s=40,
    ),
]


class FakeController(ControllerBase):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, object]] = []
        self.speech_stopped = 0
        self.point_name = "Nurmes"
        self.agencies = AGENCIES
        self.camera_is_test_pattern = True
        self.microphone_is_tone = True
        self._languages = LanguageSwitcher()

    def begin(self) -> None:
        self.calls.append(("begin", None))

    def back(self) -> None:
        self.calls.append(("back", None))

    def choose(self, agency: str) -> None:
        self.calls.append(("choose", agency))

    def choose_appointment(self, code: str) -> None:
        self.calls.append(("choose_appointment", code))

    def take_page(self) -> None:
        self.calls.append(("take_page", None))

    def retake_page(self) -> None:
        self.calls.append(("retake_page", None))

    def send_pages(self) -> None:
        self.calls.append(("send_pages", None))

    def documents_opened(self) -> None:
        self.calls.append(("documents_opened", None))

    def documents_closed(self) -> None:
        self.calls.append(("documents_closed", None))

    def give_feedback(self, score: int | None, reason: str | None = None) -> None:
        self.calls.append(("give_feedback", (score, reason)))

    def louder(self) -> None:
        self.calls.append(("louder", None))

    def quieter(self) -> None:
        self.calls.append(("quieter", None))

    def reset_visit(self) -> None:
        self.calls.append(("reset_visit", None))
        self.needs_sign_language = False
        self.sign_language = "fse"

    def send_chat(self, text: str) -> None:
        self.calls.append(("send_chat", text))

    def send_draft(self, text: str) -> None:
        self.calls.append(("send_draft", text))

    def speak(self, text: str) -> None:
        self.calls.append(("speak", text))

    def can_speak(self, language: str | None = None) -> bool:
        return (language or self.language) in ("fi", "sv", "en", "ru", "uk", "et", "ar")

    def stop_speaking(self) -> None:
        self.speech_stopped += 1  # every touch does it: counted apart from what is chosen

    def call_again(self) -> None:
        self.calls.append(("call_again", self.cut_off_agency))
        self.cut_off_agency = ""

    def print_shown(self) -> None:
        self.calls.append(("print_shown", None))

    def cancel(self) -> None:
        self.calls.append(("cancel", None))

    def hang_up(self) -> None:
        self.calls.append(("hang_up", None))

    def set_muted(self, muted: bool) -> None:
        self.calls.append(("set_muted", muted))

    def set_language(self, code: str) -> None:
        self._languages.use(code)
        super().set_language(code)
