"""Speech guidance (kiosk/qt/voice.py), as a customer who cannot see the screen meets it:
started by holding a finger anywhere, every change said by itself, a touch heard before it
chooses, languages without a voice said so, codes said only into a headset (issue 21
item 1, EN 301 549 5.1.3)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.qt.spoken import spoken_text
from kiosk.qt.window import KioskWindow
from tests.fake_controller import FakeController
from tests.helpers import seconds

WAIT_MS = int(seconds(5) * 1000)
#: A short hold, so that the tests need not hold a finger for the real three seconds.
HOLD_S = 0.3


@pytest.fixture
def kiosk(qtbot: QtBot) -> Iterator[tuple[FakeController, KioskWindow]]:
    controller = FakeController()
    window = KioskWindow(controller, double_tap_s=0, hold_s=HOLD_S)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    controller.connectionChanged.emit("open")
    controller.agenciesChanged.emit(controller.agencies)
    controller.set_language("fi")
    yield controller, window
    controller.set_language("en")  # translators are global to the QApplication


def hold(qtbot: QtBot, window: KioskWindow, widget: QWidget) -> None:
    """A finger held on ``widget`` until guidance changes, then lifted."""
    was = window.voice.on
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
    qtbot.waitUntil(lambda: window.voice.on != was, timeout=WAIT_MS)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def touch(widget: QWidget, at: QPoint | None = None) -> None:
    spot = at if at is not None else widget.rect().center()
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=spot)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=spot)


def said_after(qtbot: QtBot, window: KioskWindow, action: Callable[[], object]) -> str:
    """What guidance says by itself after ``action``."""
    before = len(window.voice.said)
    action()
    qtbot.waitUntil(lambda: len(window.voice.said) > before, timeout=WAIT_MS)
    return " ".join(window.voice.said[before:])


def chosen(controller: FakeController) -> list[str]:
    return [name for name, _ in controller.calls if name != "speak"]


def test_a_finger_held_anywhere_starts_guidance_and_chooses_nothing(
    kiosk: tuple[FakeController, KioskWindow], qtbot: QtBot, screenshots: Path
) -> None:
    controller, window = kiosk
    start = window.screens["start"]
    assert not window.voice.on and not window.voice_note.isVisible()
    hold(qtbot, window, start.start)  # on the biggest button, where a hand lands
    assert window.voice.on and window.voice_note.isVisible()
    first = window.voice.said[0]
    assert first.startswith("Puheopastus on päällä."), first
    assert start.start.text() in first, "then the whole screen"
    assert chosen(controller) == [], "the hold started guidance; it pressed nothing"
    assert ("speak", first) in controller.calls, "said aloud, not only written down"
    window.grab().save(str(screenshots / "kiosk-fi-speech-guidance.png"))
    # Held again, anywhere (here the empty background): off, and said so.
    hold(qtbot, window, start)
    assert not window.voice.on and not window.voice_note.isVisible()
    assert window.voice.said[-1] == "Puheopastus on pois päältä."
    # A tactile key where the terminal has one does the same.
    QTest.keyClick(window, Qt.Key.Key_Help)
    assert window.voice.on
    QTest.keyClick(window, Qt.Key.Key_Help)
    assert not window.voice.on
    assert chosen(controller) == []


def test_a_touch_is_heard_first_and_chooses_when_touched_again(
    kiosk: tuple[FakeController, KioskWindow], qtbot: QtBot
) -> None:
    controller, window = kiosk
    hold(qtbot, window, window.screens["start"])
    start = window.screens["start"]
    heard = said_after(qtbot, window, lambda: touch(start.start))
    assert heard == start.start.text()
    assert chosen(controller) == [], "heard, not chosen"
    touch(start.start)
    assert chosen(controller) == ["begin"], "touched again: chosen"
    # The next screen is said whole, by itself.
    screen = said_after(qtbot, window, lambda: controller.visitChanged.emit("choosing"))
    agencies = window.screens["choosing"]
    first_agency = next(b for b in agencies.findChildren(type(start.start)) if b.isVisible())
    assert spoken_text(first_agency) in screen
    # Touching one button and then another hears both and chooses neither; each touch
    # stops what was being said before it says what is under the finger.
    buttons = [b for b in agencies.findChildren(type(start.start)) if b.isVisible()]
    touch(buttons[0])
    stopped = controller.speech_stopped
    touch(buttons[1])
    assert controller.speech_stopped == stopped + 1
    assert controller.calls[-1] == ("speak", spoken_text(buttons[1]))
    assert chosen(controller) == ["begin"]


def test_every_change_is_said_by_itself_as_it_shows(
    kiosk: tuple[FakeController, KioskWindow], qtbot: QtBot
) -> None:
    """Queue place, call status, errors, receipts, the banner, the idle question: each is
    said with the words the screen shows, without a touch."""
    controller, window = kiosk
    hold(qtbot, window, window.screens["start"])
    said_after(qtbot, window, lambda: controller.visitChanged.emit("queued"))
    waiting = window.screens["queued"]
    place = said_after(qtbot, window, lambda: controller.queueChanged.emit(3, 5))
    assert waiting.position.text() in place, place
    closer = said_after(qtbot, window, lambda: controller.queueChanged.emit(2, 4))
    assert waiting.position.text() in closer and closer != place

    said_after(qtbot, window, lambda: controller.visitChanged.emit("in_call"))
    call = window.screens["in_call"]
    lost = said_after(qtbot, window, lambda: controller.mediaChanged.emit("clerk", "interrupted"))
    assert call.status.text() in lost, lost
    thin = said_after(qtbot, window, lambda: controller.qualityChanged.emit("audio"))
    assert call.quality.accessibleName() in thin and "▮" not in thin
    louder = said_after(qtbot, window, lambda: controller.volumeChanged.emit(3, 5))
    assert louder == "Äänenvoimakkuus 4, suurin on 5."

    offline = said_after(qtbot, window, lambda: controller.connectionChanged.emit("connecting"))
    assert window.banner.text() in offline


def test_a_language_without_a_voice_is_said_so_and_speech_goes_on_in_one_heard(
    kiosk: tuple[FakeController, KioskWindow], qtbot: QtBot
) -> None:
    controller, window = kiosk
    controller.set_language("se")
    hold(qtbot, window, window.screens["start"])
    assert controller.language == "fi", "North Sami has no voice: speech goes on in Finnish"
    assert window.voice.said[0] == "Ei puhetta kielellä Davvisámegiella."
    grid = window.screens["start"].languages
    somali = grid.buttons["so"]
    heard = said_after(qtbot, window, lambda: touch(somali))
    assert heard == "Soomaali. Ei puhetta kielellä Soomaali."
    touch(somali)  # chosen anyway: refused, and said why, in words that are heard
    qtbot.waitUntil(lambda: window.voice.said[-1] == "Ei puhetta kielellä Soomaali.")
    assert controller.language == "fi"
    swedish = said_after(qtbot, window, lambda: touch(grid.buttons["sv"]))
    assert swedish == "Svenska"
    touch(grid.buttons["sv"])
    assert controller.language == "sv", "a language with a voice is chosen as usual"


def test_codes_are_said_only_into_a_headset(
    kiosk: tuple[FakeController, KioskWindow], qtbot: QtBot
) -> None:
    controller, window = kiosk
    # A headset plugged in starts guidance, as at a cash machine (the controller's test
    # shows the sound moving to it).
    controller.privateListeningChanged.emit(True)
    assert window.voice.on
    hold(qtbot, window, window.screens["start"])  # off: here the room hears it again
    hold(qtbot, window, window.screens["start"])
    said_after(qtbot, window, lambda: controller.visitChanged.emit("in_call"))
    call = window.screens["in_call"]
    said_after(qtbot, window, lambda: touch(call.show_document))
    said_after(qtbot, window, lambda: touch(call.show_document))  # heard, then chosen
    assert call.area.currentWidget() is call.documents
    controller.documentReceipt.emit("3FA2-91C0", 1, "vero", "14:32")
    receipt = said_after(qtbot, window, lambda: controller.documentState.emit("received"))
    assert "3FA2-91C0" not in receipt and "Verohallinto" in receipt, "not to the room"
    said_after(qtbot, window, lambda: touch(call.documents.back_to_call))
    touch(call.documents.back_to_call)
    assert call.area.currentIndex() == 0, "back to the pictures"
    line = said_after(qtbot, window, lambda: controller.chatLine.emit("clerk", "55-1234", False))
    assert "55-1234" not in line and "Virkailija kirjoitti viestin." in line, line
    again = said_after(qtbot, window, lambda: controller.chatLine.emit("clerk", "55-12", False))
    assert again == "Virkailija kirjoitti viestin. Se on näytöllä.", "each message is told"
    controller.private_listening = True
    private = said_after(qtbot, window, lambda: controller.chatLine.emit("clerk", "66-99", False))
    assert "66-99" in private, "into a headset the chat is said too"


def test_the_next_customer_starts_without_guidance(
    kiosk: tuple[FakeController, KioskWindow], qtbot: QtBot
) -> None:
    controller, window = kiosk
    hold(qtbot, window, window.screens["start"])
    controller.visitChanged.emit("feedback")
    controller.visitChanged.emit("start")
    assert not window.voice.on and not window.voice_note.isVisible()


def test_whatever_the_mode_a_touch_stops_the_reading(
    kiosk: tuple[FakeController, KioskWindow], qtbot: QtBot
) -> None:
    controller, window = kiosk
    qtbot.mouseClick(window.read_aloud, Qt.MouseButton.LeftButton)
    assert controller.calls[-1][0] == "speak"
    stopped = controller.speech_stopped
    touch(window.screens["start"])
    assert controller.speech_stopped == stopped + 1


def test_a_customer_who_cannot_see_completes_a_visit_by_ear(
    kiosk: tuple[FakeController, KioskWindow], qtbot: QtBot
) -> None:
    """Issue 21, done when: with nothing but what the kiosk says and touches heard before
    they choose, a customer starts, finds Kela, waits, talks to the official, hangs up and
    rates the visit; every button they choose was said first, and every screen by itself."""
    controller, window = kiosk
    hold(qtbot, window, window.screens["start"])

    def choose(button: QWidget) -> None:
        heard = said_after(qtbot, window, lambda: touch(button))
        assert heard and heard == spoken_text(button)
        touch(button)

    start = window.screens["start"]
    choose(start.start)
    assert controller.calls[-1] == ("begin", None)
    choosing = said_after(qtbot, window, lambda: controller.visitChanged.emit("choosing"))
    assert "Kela" in choosing and "Minkä viraston" in choosing
    agencies = window.screens["choosing"]
    kela = next(
        b
        for b in agencies.findChildren(type(start.start))
        if b.isVisible() and spoken_text(b).startswith("Kela")
    )
    choose(kela)
    assert controller.calls[-1] == ("choose", "kela")
    said_after(qtbot, window, lambda: controller.visitChanged.emit("queued"))
    for ahead in (3, 2):  # each new place in the queue is said
        place = said_after(qtbot, window, lambda n=ahead: controller.queueChanged.emit(n, 4))
        assert window.screens["queued"].position.text() in place
    in_call = said_after(qtbot, window, lambda: controller.visitChanged.emit("in_call"))
    call = window.screens["in_call"]
    assert call.end.text() in in_call, "the way out of the call is said with the screen"
    choose(call.end)
    assert controller.calls[-1] == ("hang_up", None)
    rating = said_after(qtbot, window, lambda: controller.visitChanged.emit("feedback"))
    assert "Miten asiointi sujui?" in rating
    choose(window.screens["feedback"].faces[4])
    assert controller.calls[-1] == ("give_feedback", (5, None))
