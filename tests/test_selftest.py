"""The kiosk's self-test judges (kiosk/selftest.py), on pictures and sounds made here:
what a working, a covered, a frozen and a missing device give."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from kiosk import selftest
from media.playback import RATE

RNG = np.random.default_rng(7)


def noise_frames(n: int) -> list[np.ndarray]:
    return [RNG.integers(0, 255, (48, 64), dtype=np.uint8) for _ in range(n)]


def test_a_camera_is_judged_by_its_pictures() -> None:
    assert selftest.judge_frames(noise_frames(8)) == "ok"
    black = [np.zeros((48, 64), np.uint8) for _ in range(8)]
    assert selftest.judge_frames(black) == "failed", "covered or dark"
    frozen = noise_frames(1) * 8
    assert selftest.judge_frames(frozen) == "failed", "one frame repeated by a stuck driver"
    assert selftest.judge_frames(noise_frames(2)) == "failed", "too few frames"
    assert selftest.judge_still(noise_frames(1)[0]) == "ok"
    assert selftest.judge_still(np.full((48, 64), 200, np.uint8)) == "failed"
    assert selftest.judge_still(None) == "failed"


def test_a_microphone_is_judged_by_its_level() -> None:
    room = (RNG.normal(0, 40, 48000)).astype(np.int16)  # a quiet room: about -58 dBFS
    assert -65 < selftest.level_dbfs(room) < -50
    assert selftest.judge_level(room) == "ok"
    assert selftest.judge_level(np.zeros(48000, np.int16)) == "failed", "digital silence"
    assert selftest.judge_level(np.zeros(0, np.int16)) == "failed", "nothing came"


def test_the_speaker_is_judged_by_its_tone_heard_back() -> None:
    stereo = np.frombuffer(selftest.tone_pcm(1.0), np.int16)
    assert stereo.size == 2 * RATE
    tone = stereo[::2]
    room = RNG.normal(0, 300, tone.size)
    heard = (tone * 0.05 + room).astype(np.int16)  # faint, across a room, with noise
    assert selftest.judge_tone(heard, RATE) == "ok"
    assert selftest.judge_tone(room.astype(np.int16), RATE) == "failed", "only the room"


def test_the_daily_self_test_comes_before_opening() -> None:
    at = selftest.parse_daily_time("07:00")
    tz = dt.timezone(dt.timedelta(hours=2))
    night = dt.datetime(2026, 12, 4, 3, 0, tzinfo=tz)
    assert selftest.next_run(night, at) == dt.datetime(2026, 12, 4, 7, 0, tzinfo=tz)
    noon = dt.datetime(2026, 12, 4, 12, 0, tzinfo=tz)
    assert selftest.next_run(noon, at) == dt.datetime(2026, 12, 5, 7, 0, tzinfo=tz)
    with pytest.raises(ValueError, match="HH:MM"):
        selftest.parse_daily_time("7 am")


async def test_a_check_that_breaks_is_a_failed_check_and_stand_ins_are_skipped() -> None:
    async def ok() -> selftest.p.SelfTestResult:
        return "ok"

    async def broken() -> selftest.p.SelfTestResult:
        raise OSError("device vanished")

    checks = selftest.Checks(
        camera=ok,
        microphone=broken,
        speaker=ok,
        document_camera=None,
        printer=None,
        server=ok,
        turn=None,
    )
    report = await selftest.run(checks, stand_ins=["speaker"])
    assert report.results == {
        "server": "ok",
        "camera": "ok",
        "microphone": "failed",
        "speaker": "skipped",
        "document_camera": "absent",
        "printer": "absent",
        "turn": "absent",
    }
    assert report.failed == ["microphone"]
    assert report.message().results["microphone"] == "failed"


async def test_turn_that_does_not_answer_fails_the_check() -> None:
    """A TURN URL nobody answers at: failed (it once passed, since the probe's list keeps
    its order when nothing answers)."""
    from kiosk.agent import KioskAgent
    from media.sources import open_local_media
    from tests.helpers import require_loopback_only

    require_loopback_only()
    agent = KioskAgent("http://127.0.0.1:9", "t", open_local_media("test", "tone"))
    agent._turn_urls = ("turn:127.0.0.1:9?transport=udp", "turn:127.0.0.1:9?transport=tcp")
    check = agent._self_checks().turn
    assert check is not None
    assert await check() == "failed"
