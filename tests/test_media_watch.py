"""The media watch: a path is interrupted when its packet count stops for 2 s."""

from __future__ import annotations

from media.watch import STALL_S, Flow, MediaWatch


def test_flowing_then_interrupted_after_two_silent_seconds_then_flowing_again() -> None:
    watch = MediaWatch()
    assert watch.observe(0, 0.0) is None and watch.flow is Flow.WAITING
    assert watch.observe(10, 0.5) is Flow.FLOWING
    changes = [watch.observe(10, 0.5 + t / 10) for t in range(1, 30)]
    first = next(i for i, change in enumerate(changes, start=1) if change is Flow.INTERRUPTED)
    assert abs(first / 10 - STALL_S) < 0.11, "noticed two seconds after the last packet"
    assert watch.stalled_for(3.6) > 3.0
    assert watch.observe(11, 4.0) is Flow.FLOWING and watch.interrupted_since is None
    assert watch.stalled_for(4.0) == 0.0


def test_a_connection_that_never_got_media_is_not_called_interrupted() -> None:
    watch = MediaWatch()
    for t in range(0, 100):
        assert watch.observe(0, t / 10) is None
    assert watch.flow is Flow.WAITING
