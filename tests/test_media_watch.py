"""The media watch: a path is interrupted when its packet count stops for 2 s."""

from __future__ import annotations

from media.watch import OUTAGE_REPORTS_S, STALL_S, Flow, MediaWatch


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


def test_a_path_back_from_an_outage_tells_nothing_of_the_link_until_its_reports_pass() -> None:
    """The first receiver reports after an outage count what was sent into it as lost:
    the quality ladder is not to take that for a thin link."""
    watch = MediaWatch()
    watch.observe(10, 0.0)
    assert watch.tells_of_the_link(0.5), "a path that never stopped"
    watch.observe(10, STALL_S + 0.1)
    assert watch.flow is Flow.INTERRUPTED and not watch.tells_of_the_link(STALL_S + 0.1)
    assert watch.observe(20, 10.0) is Flow.FLOWING
    assert not watch.tells_of_the_link(10.0 + OUTAGE_REPORTS_S - 0.1)
    assert watch.tells_of_the_link(10.0 + OUTAGE_REPORTS_S)
    watch.observe(30, 20.0)
    assert watch.resumed_at == 10.0, "packets that keep coming are no new return"


def test_a_new_connection_starting_to_flow_is_no_return_from_an_outage() -> None:
    watch = MediaWatch()
    watch.observe(0, 0.0)
    assert watch.observe(5, 3.0) is Flow.FLOWING
    assert watch.resumed_at is None and watch.tells_of_the_link(3.0)
