"""How loud the kiosk plays the call: a few steps the customer can take with the buttons.

EN 301 549 5.1.3.12-13 and 8.2.1.1: a volume control with at least 18 dB of range in
steps of at most 6 dB, and the level back to normal for each visit (the next customer
must not be deafened by the last one's setting). Pure.
"""

from __future__ import annotations

#: The steps in dB from normal: 24 dB of range, 6 dB apart.
STEPS_DB = (-12.0, -6.0, 0.0, 6.0, 12.0)
NORMAL = STEPS_DB.index(0.0)


class Volume:
    def __init__(self) -> None:
        self.index = NORMAL

    @property
    def db(self) -> float:
        return STEPS_DB[self.index]

    @property
    def gain(self) -> float:
        """The factor a sample is multiplied by."""
        return float(10 ** (self.db / 20))

    def louder(self) -> bool:
        """One step up; False at the top."""
        if self.index + 1 >= len(STEPS_DB):
            return False
        self.index += 1
        return True

    def quieter(self) -> bool:
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def reset(self) -> None:
        self.index = NORMAL
