"""The kiosk window's controller against a real (unconnected) agent: what a visit leaves
behind for the next customer."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.agent import KioskAgent
from kiosk.qt.controller import KioskController
from kiosk.qt.translator import LanguageSwitcher
from kiosk.visit import VisitState
from media.sources import open_local_media
from protocol import messages as p


@pytest.fixture
async def controller(qtbot: QtBot) -> KioskController:
    # Never started: nothing connects anywhere.
    agent = KioskAgent("http://127.0.0.1:9", "unused", open_local_media("test", "tone"))
    return KioskController(agent, LanguageSwitcher())


async def test_the_next_customer_does_not_inherit_a_sign_language_interpreter_request(
    controller: KioskController,
) -> None:
    """Issue 21: the request was cleared only by the idle reset, so after a normal end the
    next customer's call asked for a sign-language interpreter too."""
    controller.needs_sign_language = True
    controller.sign_language = "fss"
    controller.set_language("sv")
    controller.louder()
    controller.louder()
    controller.on_visit(VisitState.FEEDBACK)
    assert controller.needs_sign_language, "kept for as long as the visit lasts"
    controller.on_visit(VisitState.START)  # the feedback given: the visit is over
    assert not controller.needs_sign_language and controller.interpreter_wanted() is None
    assert controller.sign_language == "fse" and controller.language == "fi"
    assert controller.volume.db == 0, "the next customer hears at the normal level"


async def test_the_officials_voice_is_seen_as_speech(controller: KioskController) -> None:
    """Issue 21 item 4: the controller watches each member's sound (the rule itself, with
    its pause between words, is tests/test_activity.py's)."""
    import av
    import numpy as np

    seen: list[tuple[str, bool]] = []
    controller.speakingChanged.connect(lambda member, on: seen.append((member, on)))
    heard = controller._voice_of("clerk")

    def frame(level: float) -> av.AudioFrame:
        t = np.arange(960) / 48_000
        samples = (level * 32767 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)
        audio = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        audio.sample_rate = 48_000
        return audio

    heard(frame(0.0))
    assert seen == [], "silence is not speech"
    heard(frame(0.3))
    assert seen == [("clerk", True)]
    heard(frame(0.0))
    assert seen == [("clerk", True)], "a pause between words does not end it"


async def test_fresh_turn_credentials_replace_the_calls_own(controller: KioskController) -> None:
    """A connection the kiosk makes later in the call (a replacement after an outage)
    must not use credentials that expired minutes ago."""
    agent = controller.agent
    old = p.IceServer(urls=["turn:127.0.0.1:3478"], username="100:c1:kiosk", credential="a")
    new = p.IceServer(urls=["turn:127.0.0.1:3478"], username="700:c1:kiosk", credential="b")
    agent.call = p.CallStarted(
        call_id="c1", you="kiosk", agency="kela", language="fi", peers=[], ice_servers=[old]
    )
    await agent._on_message(p.CallIce(call_id="other", ice_servers=[]))
    assert agent.call.ice_servers == [old], "another call's credentials are not ours"
    await agent._on_message(p.CallIce(call_id="c1", ice_servers=[new]))
    assert agent.call.ice_servers == [new] and agent.call.call_id == "c1"
