"""Is the other side speaking? From the loudness of the audio frames that arrive.

A hard-of-hearing customer needs to *see* that the official (or the interpreter) is
speaking (EN 301 549 6.2.2.4 and 6.5.5: a visual indicator of audio activity). Pure: fed
the loudness of each frame with its time, it says when speech starts and stops. It starts
at the first loud frame and stops only after a pause of :data:`HOLD_S`, so that the
indicator does not flicker between words.
"""

from __future__ import annotations

#: Loudness (RMS of samples in -1..1) above which a frame counts as speech; the test tone
#: and speech at a normal level are 0.05-0.3, a quiet room under 0.01.
SPEECH_RMS = 0.02
#: Silence this long ends the speech.
HOLD_S = 0.4


class VoiceActivity:
    def __init__(self, *, threshold: float = SPEECH_RMS, hold_s: float = HOLD_S) -> None:
        self.threshold = threshold
        self.hold_s = hold_s
        self.speaking = False
        self._loud_at = -1e9

    def observe(self, rms: float, now: float) -> bool | None:
        """One frame's loudness at ``now`` (seconds); the new state if it changed."""
        if rms >= self.threshold:
            self._loud_at = now
            if not self.speaking:
                self.speaking = True
                return True
        elif self.speaking and now - self._loud_at >= self.hold_s:
            self.speaking = False
            return False
        return None
