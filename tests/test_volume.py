"""The call's volume steps (media/volume.py) and what they do to the samples played."""

from __future__ import annotations

import itertools

import numpy as np

from media.playback import scaled
from media.volume import STEPS_DB, Volume


def test_at_least_18_db_in_steps_of_at_most_6_db_and_back_to_normal() -> None:
    """EN 301 549 5.1.3.12-13 and 8.2.1.1."""
    assert max(STEPS_DB) - min(STEPS_DB) >= 18
    assert all(b - a <= 6 for a, b in itertools.pairwise(STEPS_DB))
    volume = Volume()
    assert volume.db == 0 and volume.gain == 1.0
    while volume.louder():
        pass
    assert volume.db == max(STEPS_DB) and not volume.louder()
    volume.reset()
    assert volume.db == 0
    assert volume.quieter() and volume.db == -6


def test_louder_samples_are_louder_and_clipped_not_wrapped() -> None:
    tone = (12000 * np.sin(np.linspace(0, 20 * np.pi, 960))).astype(np.int16)
    louder = np.frombuffer(scaled(tone.tobytes(), 10 ** (12 / 20)), dtype=np.int16)
    assert np.sqrt(np.mean(louder.astype(float) ** 2)) > 3 * np.sqrt(
        np.mean(tone.astype(float) ** 2)
    )
    assert louder.max() == 32767 and louder.min() == -32768, "clipped at full scale"
    assert (np.sign(louder) == np.sign(tone)).all(), "no wrap-around to the other sign"
