"""When the kiosk replaces a peer connection (kiosk/recovery.py), walked without I/O."""

from __future__ import annotations

from kiosk.recovery import PairHealth, RecoveryTiming, reason_to_replace
from media.watch import MediaWatch

T = RecoveryTiming()


def flowing_until(last_packet_at: float) -> PairHealth:
    watch = MediaWatch()
    watch.observe(10, 0.0)
    watch.observe(20, last_packet_at)
    return PairHealth(generation=1, started_at=0.0, watch=watch)


def decide(
    pair: PairHealth, now: float, state: str = "connected", open_since: float | None = 0.0
) -> str | None:
    pair.watch.observe(pair.watch.packets, now)
    return reason_to_replace(
        pair, now=now, connection_state=state, signalling_open_since=open_since, timing=T
    )


def test_a_short_outage_on_the_same_address_keeps_the_connection() -> None:
    pair = flowing_until(10.0)
    # Signalling dropped too during the outage: nothing is replaced while it is down.
    assert decide(pair, 17.0, open_since=None) is None
    # The link is back: packets flow again before anything would be replaced.
    pair.watch.observe(30, 18.0)
    assert decide(pair, 19.8, open_since=18.2) is None


def test_a_closed_connection_is_replaced_the_moment_signalling_is_back() -> None:
    pair = flowing_until(10.0)
    assert decide(pair, 50.0, state="closed", open_since=None) is None
    assert decide(pair, 50.0, state="closed", open_since=50.0) == "connection closed"


def test_a_stalled_path_waits_for_signalling_to_settle() -> None:
    """Media resumes on the old path the moment the link is back; give it a sample."""
    pair = flowing_until(10.0)
    assert decide(pair, 18.0, open_since=17.8) is None
    assert decide(pair, 19.0, open_since=17.8) is None
    assert decide(pair, 19.4, open_since=17.8) == "media stalled", "stalled 9 s, settled"


def test_a_stall_while_signalling_works_is_a_broken_path() -> None:
    pair = flowing_until(10.0)
    assert decide(pair, 15.5) is None
    assert decide(pair, 16.1) == "media stalled"


def test_the_member_may_ask_and_replacements_are_spaced() -> None:
    pair = flowing_until(10.0)
    pair.restart_asked = True
    assert decide(pair, 10.5) == "the member asked"
    pair.started_at, pair.restart_asked = 10.5, True
    assert decide(pair, 12.0) is None, "not twice within four seconds"
    assert decide(pair, 14.6) == "the member asked"


def test_a_replacement_that_never_connects_is_tried_again() -> None:
    pair = PairHealth(generation=2, started_at=100.0)
    assert decide(pair, 105.0) is None
    assert decide(pair, 108.1) == "no media on the new connection"


def test_nothing_is_replaced_while_the_member_is_offline() -> None:
    """The clerk's link is down: our signalling works, their media stalls, but an offer
    could not reach them, and the old path may resume when they are back."""
    pair = flowing_until(10.0)
    pair.peer_online = False
    assert decide(pair, 20.0) is None
    pair.peer_online, pair.peer_back_since = True, 21.0
    pair.watch.observe(pair.watch.packets, 21.0)
    assert decide(pair, 21.5) is None, "give the old path time to resume"
    assert decide(pair, 22.6) == "media stalled"
