"""Spoken guidance through the real espeak-ng (installed by ./run test)."""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path

import numpy as np

from kiosk.speech import Speaker


async def test_espeak_reads_finnish_without_blocking(tmp_path: Path) -> None:
    out = tmp_path / "speech.wav"
    speaker = Speaker(player=("sh", "-c", f"cat > {out}"))
    assert speaker.can_speak("fi") and speaker.can_speak("ar")
    assert not speaker.can_speak("so") and not speaker.can_speak("se")
    process = await speaker.speak("Tervetuloa etäpalveluun. Aloita.", "fi")
    assert process is not None
    assert process.returncode is None, "speak() returns while the speech is still being made"
    await asyncio.wait_for(process.wait(), 20)
    with wave.open(str(out)) as speech:
        samples = np.frombuffer(speech.readframes(speech.getnframes()), dtype=np.int16)
        seconds = speech.getnframes() / speech.getframerate()
    assert seconds > 1.0
    assert np.sqrt(np.mean(samples.astype(np.float64) ** 2)) > 500, "audible speech"


async def test_a_new_request_stops_the_speech_still_running(tmp_path: Path) -> None:
    speaker = Speaker(player=("sh", "-c", "sleep 30"))
    first = await speaker.speak("Pitkä teksti " * 50, "fi")
    assert first is not None
    second = await speaker.speak("Lyhyt", "sv")
    assert first.returncode is not None, "the first reading was stopped"
    assert second is not None
    await speaker.stop()
    assert second.returncode is not None
    assert await speaker.speak("ignored", "so") is None
