"""The speaking indicator's rule (media/activity.py), without audio."""

from __future__ import annotations

from media.activity import HOLD_S, SPEECH_RMS, VoiceActivity


def test_speech_shows_at_once_and_stays_through_the_pauses_between_words() -> None:
    voice = VoiceActivity()
    assert voice.observe(0.001, 0.00) is None, "a quiet room is not speech"
    assert voice.observe(0.2, 0.02) is True, "the first loud frame"
    assert voice.observe(0.2, 0.04) is None
    assert voice.observe(0.0, 0.10) is None, "a pause between words"
    assert voice.observe(0.15, 0.30) is None and voice.speaking
    assert voice.observe(0.0, 0.30 + HOLD_S - 0.01) is None
    assert voice.observe(0.0, 0.31 + HOLD_S) is False, "silence long enough ends it"
    assert voice.observe(SPEECH_RMS, 1.5) is True
