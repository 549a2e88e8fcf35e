"""Spoken guidance: a screen's text read aloud with espeak-ng, on request.

For customers who cannot read the screen well. Speech runs in a child process (the text
to speech piped into the same kind of player as the call's sound), so the UI never
waits for it; a new request stops what is still being said. Where espeak-ng is not
installed, or has no voice for the language (North Sami and Somali have none in
espeak-ng 1.51), the kiosk offers no reading aloud rather than a wrong voice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shlex
import shutil
import signal
from collections.abc import Sequence

log = logging.getLogger(__name__)

#: Kiosk language -> espeak-ng voice.
VOICES = {
    "fi": "fi",
    "sv": "sv",
    "en": "en-gb",
    "ru": "ru",
    "uk": "uk",
    "et": "et",
    "ar": "ar",
}
#: How the WAV that espeak-ng writes to its stdout is played (alsa-utils).
DEFAULT_PLAYER = ("aplay", "-q")


class Speaker:
    def __init__(self, player: Sequence[str] = DEFAULT_PLAYER, program: str = "espeak-ng") -> None:
        self._player = list(player)
        self._program = shutil.which(program)
        self._current: asyncio.subprocess.Process | None = None

    def can_speak(self, language: str) -> bool:
        return self._program is not None and language in VOICES

    async def speak(self, text: str, language: str) -> asyncio.subprocess.Process | None:
        """Start reading ``text`` aloud and return at once (None: no voice for it)."""
        await self.stop()
        if not self.can_speak(language) or not text.strip():
            return None
        assert self._program is not None
        # The text is an argument of its own ("$1"), never part of the shell command.
        command = f'"$0" -v "$2" --stdout -- "$1" | {shlex.join(self._player)}'
        self._current = await asyncio.create_subprocess_exec(
            "sh",
            "-c",
            command,
            self._program,
            text[:2000],
            VOICES[language],
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
            start_new_session=True,
        )
        log.info("reading the screen aloud (%s)", language)
        return self._current

    async def stop(self) -> None:
        process, self._current = self._current, None
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)  # the shell, espeak-ng and the player
            await process.wait()
