"""How smoothly pictures were shown, from the times they were shown: frames a second,
the frame intervals' jitter, and freezes as Chromium counts them (webrtc-stats
``freezeCount``: an interval longer than three average intervals and than the average
plus 150 ms). One pure function, applied alike to the window kiosk's paints and to the
Chromium pages' frame callbacks, so that both sides are counted the same way."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Smoothness:
    fps: float
    #: Standard deviation of the intervals between shown frames.
    jitter_ms: float
    freezes: int


def smoothness(shown_ms: Sequence[float]) -> Smoothness | None:
    """From the wall times (ms) at which successive frames were shown, in order; None
    when there are fewer than three."""
    if len(shown_ms) < 3:
        return None
    intervals = [later - earlier for earlier, later in itertools.pairwise(shown_ms)]
    span_s = (shown_ms[-1] - shown_ms[0]) / 1000
    mean = statistics.fmean(intervals)
    frozen = max(3 * mean, mean + 150)
    return Smoothness(
        fps=len(intervals) / span_s if span_s > 0 else 0.0,
        jitter_ms=statistics.pstdev(intervals),
        freezes=sum(interval > frozen for interval in intervals),
    )


def summary(runs: Sequence[Smoothness | None], prefix: str = "") -> dict[str, float]:
    """The median of each figure over the runs, named for a Metric's extras."""
    measured = [run for run in runs if run is not None]
    if not measured:
        return {}
    return {
        f"{prefix}fps": round(statistics.median(run.fps for run in measured), 1),
        f"{prefix}jitter_ms": round(statistics.median(run.jitter_ms for run in measured), 1),
        f"{prefix}freezes": statistics.median(run.freezes for run in measured),
    }
