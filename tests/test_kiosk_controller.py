"""The kiosk window's controller against a real (unconnected) agent: what a visit leaves
behind for the next customer."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from pytestqt.qtbot import QtBot

from kiosk.agent import KioskAgent
from kiosk.qt.controller import KioskController
from kiosk.qt.translator import LanguageSwitcher
from kiosk.visit import VisitState
from media.sources import open_local_media
from protocol import messages as p
from tests.helpers import seconds


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


#: An ``aplay`` that keeps what it is given to play, in a file named after its device.
RECORDING_PLAYER = """#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" = -D ] && device=$2; shift; done
exec cat >> "{out}/$(printf %s "$device" | tr -c 'A-Za-z0-9' _)"
"""


async def test_a_headset_plugged_in_takes_the_call_and_the_speech_and_is_reported(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 21 item 2 (EN 301 549 5.1.3.9, 8.1.2): plugged into the socket (its sound
    card appears), a headset plays the official's voice and the kiosk's speech, which
    may then say what is private; pulled out, both go back to the loudspeaker."""
    import av
    import numpy as np

    bin_dir, played, asound = tmp_path / "bin", tmp_path / "played", tmp_path / "asound"
    for folder in (bin_dir, played, asound):
        folder.mkdir()
    player = bin_dir / "aplay"
    player.write_text(RECORDING_PLAYER.format(out=played))
    player.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    agent = KioskAgent("http://127.0.0.1:9", "unused", open_local_media("test", "tone"))
    controller = KioskController(agent, LanguageSwitcher(), headset="Headset", asound=asound)
    plugged: list[bool] = []
    controller.privateListeningChanged.connect(plugged.append)
    assert agent.device_health().headset == "unplugged"
    loudspeaker, headset = played / "default", played / "plughw_CARD_Headset_DEV_0"

    pump = SimpleNamespace(listeners=[])
    controller.play_audio(pump, "clerk")  # type: ignore[arg-type]

    def the_official_speaks() -> None:
        t = np.arange(960) / 48_000
        samples = (0.3 * 32767 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = 48_000
        for listener in pump.listeners:
            listener(frame)

    async def heard_in(path: Path) -> None:
        """The official's voice, loud, in what ``path``'s device plays from now on."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds(5)
        start = _played(path)[0]
        while _played(path, start)[1] < 1000:
            assert loop.time() < deadline, f"nothing loud played to {path.name}"
            the_official_speaks()
            await asyncio.sleep(0.02)  # a frame's time: the call's sound goes on

    await heard_in(loudspeaker)
    assert not controller.private_listening and controller.output_device == "default"

    (asound / "Headset").mkdir()  # plugged in
    controller.look_for_headset()
    assert plugged == [True] and controller.private_listening
    assert agent.device_health().headset == "plugged"
    await heard_in(headset)
    controller.speak("Hei")
    before = _played(headset)[0]
    deadline = asyncio.get_running_loop().time() + seconds(10)
    while _played(headset)[0] < before + 10_000:  # espeak-ng's WAV into the headset
        assert asyncio.get_running_loop().time() < deadline, "speech not in the headset"
        await asyncio.sleep(0.05)

    (asound / "Headset").rmdir()  # pulled out
    controller.look_for_headset()
    assert plugged == [True, False] and controller.output_device == "default"
    assert agent.device_health().headset == "unplugged"
    await heard_in(loudspeaker)
    await controller._stop_call_media()


def _played(path: Path, since: int = 0) -> tuple[int, float]:
    """How many bytes were played to ``path``'s device, and how loud those after ``since``
    were (RMS of 16-bit samples)."""
    import numpy as np

    data = path.read_bytes() if path.exists() else b""
    pcm = data[since:]
    samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype=np.int16).astype(np.float64)
    return len(data), float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0
