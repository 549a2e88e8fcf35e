"""The call, visit and connection state machines, walked in full (no I/O)."""

from __future__ import annotations

import random

import pytest

from kiosk.connection import (
    TRANSITIONS as CONNECTION_TRANSITIONS,
)
from kiosk.connection import (
    Backoff,
    ConnectionEvent,
    ConnectionState,
    next_connection_state,
)
from kiosk.visit import TRANSITIONS as VISIT_TRANSITIONS
from kiosk.visit import InvalidTransition, Visit, VisitEvent, VisitState
from signaling.core.room import TRANSITIONS as ROOM_TRANSITIONS
from signaling.core.room import Member, Room, RoomEvent, RoomState
from signaling.exceptions import NotAllowed
from signaling.routing import Ticket

R, V = RoomState, RoomEvent
NOW = 1000.0


def room_in(state: RoomState) -> Room:
    """A call of a kiosk, a clerk and an interpreter, driven into ``state`` by its facts."""
    ticket = Ticket("t-1", 1, kiosk_id=1, point_id=1, agency="kela", language="fi", queued_at=0)
    room = Room("c-1", ticket, answered_at=NOW)
    for member in (
        Member("kiosk", "kiosk", 1, "k1"),
        Member("clerk", "clerk", 2, "c1"),
        Member("interpreter-1", "interpreter", 3, "i1", language="fse"),
    ):
        room.members[member.member_id] = member
    if state is R.SETTING_UP:
        return room
    room.media_reported("kiosk", "clerk", True, NOW)
    if state is R.INTERRUPTED:
        room.member_offline(room.members["kiosk"], NOW)
    elif state is R.ENDED:
        room.end(NOW)
    elif state is R.FAILED:
        room.fail(NOW)
    assert room.state is state
    return room


def drive(room: Room, event: RoomEvent) -> RoomState:
    """Apply ``event`` the way the core does: through the fact it stands for."""
    kiosk, clerk = room.members.get("kiosk"), room.members.get("clerk")
    assert kiosk is not None and clerk is not None
    match event:
        case V.MEDIA_UP:
            return room.media_reported("kiosk", "clerk", True, NOW + 1)
        case V.MEDIA_DOWN:
            return room.media_reported("clerk", "kiosk", False, NOW + 1)
        case V.MEMBER_OFFLINE:
            return room.member_offline(clerk, NOW + 1)
        case V.MEMBER_BACK:
            return room.member_back(kiosk, "k2", NOW + 1)
        case V.MEMBER_JOINED:
            return room.join(Member("interpreter-2", "interpreter", 4, "i2"), NOW + 1)
        case V.MEMBER_LEFT:
            return room.leave(room.members["interpreter-1"], NOW + 1)
        case V.MEDIA_RESET:
            return room.reset_media(kiosk, NOW + 1)
        case V.END:
            return room.end(NOW + 1)
        case V.FAULT:
            return room.fail(NOW + 1)
    raise AssertionError(event)


#: What each accepted event leads to from the rooms built by room_in (the facts decide
#: among the states the table allows).
EXPECTED = {
    (R.SETTING_UP, V.MEDIA_UP): R.CONNECTED,
    (R.SETTING_UP, V.MEDIA_DOWN): R.INTERRUPTED,
    (R.SETTING_UP, V.MEMBER_OFFLINE): R.INTERRUPTED,
    (R.SETTING_UP, V.MEMBER_BACK): R.SETTING_UP,
    (R.SETTING_UP, V.MEMBER_JOINED): R.SETTING_UP,
    (R.SETTING_UP, V.MEMBER_LEFT): R.SETTING_UP,
    (R.SETTING_UP, V.MEDIA_RESET): R.SETTING_UP,
    (R.CONNECTED, V.MEDIA_UP): R.CONNECTED,
    (R.CONNECTED, V.MEDIA_DOWN): R.INTERRUPTED,
    (R.CONNECTED, V.MEMBER_OFFLINE): R.INTERRUPTED,
    (R.CONNECTED, V.MEMBER_BACK): R.CONNECTED,
    (R.CONNECTED, V.MEMBER_JOINED): R.CONNECTED,
    (R.CONNECTED, V.MEMBER_LEFT): R.CONNECTED,
    (R.CONNECTED, V.MEDIA_RESET): R.SETTING_UP,  # the kiosk's only path is rebuilt
    (R.INTERRUPTED, V.MEDIA_UP): R.INTERRUPTED,  # the kiosk's signalling is still down
    (R.INTERRUPTED, V.MEDIA_DOWN): R.INTERRUPTED,
    (R.INTERRUPTED, V.MEMBER_OFFLINE): R.INTERRUPTED,
    (R.INTERRUPTED, V.MEMBER_BACK): R.CONNECTED,  # media never stopped: all well again
    (R.INTERRUPTED, V.MEMBER_JOINED): R.INTERRUPTED,
    (R.INTERRUPTED, V.MEMBER_LEFT): R.INTERRUPTED,
    (R.INTERRUPTED, V.MEDIA_RESET): R.INTERRUPTED,
    **{(state, V.END): R.ENDED for state in (R.SETTING_UP, R.CONNECTED, R.INTERRUPTED)},
    **{(state, V.FAULT): R.FAILED for state in (R.SETTING_UP, R.CONNECTED, R.INTERRUPTED)},
}


@pytest.mark.parametrize("state", list(RoomState))
@pytest.mark.parametrize("event", list(RoomEvent))
def test_room_transitions_walked_on_real_rooms(state: RoomState, event: RoomEvent) -> None:
    room = room_in(state)
    if (state, event) in ROOM_TRANSITIONS:
        new = drive(room, event)
        assert new is EXPECTED[(state, event)], f"{state.value} --{event.value}--> {new.value}"
        assert new in ROOM_TRANSITIONS[(state, event)]
        assert (room.interrupted_since is not None) == (new is R.INTERRUPTED)
    else:
        members = {k: (m.conn, m.offline_since) for k, m in room.members.items()}
        media = dict(room.media)
        with pytest.raises(NotAllowed) as info:
            drive(room, event)
        assert info.value.code == "invalid_state" and state.value in info.value.message
        assert room.state is state, "a refused event changes nothing"
        assert {k: (m.conn, m.offline_since) for k, m in room.members.items()} == members
        assert room.media == media


def test_ended_and_failed_rooms_are_final() -> None:
    assert not [key for key in ROOM_TRANSITIONS if key[0] in (R.ENDED, R.FAILED)]


def test_every_expected_transition_is_in_the_table_and_the_other_way_round() -> None:
    assert set(EXPECTED) == set(ROOM_TRANSITIONS)


@pytest.mark.parametrize("state", list(VisitState))
@pytest.mark.parametrize("event", list(VisitEvent))
def test_visit_transitions(state: VisitState, event: VisitEvent) -> None:
    visit = Visit()
    visit.state = state
    if (state, event) in VISIT_TRANSITIONS:
        assert visit.apply(event) is VISIT_TRANSITIONS[(state, event)]
    else:
        with pytest.raises(InvalidTransition):
            visit.apply(event)
        assert visit.state is state, "a refused event changes nothing"


def test_every_visit_state_has_a_way_back_to_start() -> None:
    for state in VisitState:
        assert VISIT_TRANSITIONS[(state, VisitEvent.RESET)] is VisitState.START


def test_a_whole_visit() -> None:
    visit = Visit()
    for event in (
        VisitEvent.BEGIN,
        VisitEvent.QUEUED,
        VisitEvent.QUEUED,
        VisitEvent.CALL_STARTED,
        VisitEvent.CALL_ENDED,
        VisitEvent.FEEDBACK_DONE,
    ):
        visit.apply(event)
    assert visit.state is VisitState.START


@pytest.mark.parametrize("state", list(ConnectionState))
@pytest.mark.parametrize("event", list(ConnectionEvent))
def test_connection_transitions(state: ConnectionState, event: ConnectionEvent) -> None:
    if (state, event) in CONNECTION_TRANSITIONS:
        assert next_connection_state(state, event) is CONNECTION_TRANSITIONS[(state, event)]
    else:
        with pytest.raises(ValueError):
            next_connection_state(state, event)


def test_backoff_grows_is_capped_and_jittered() -> None:
    policy = Backoff(initial_s=0.25, factor=2, cap_s=10, jitter=0.5)
    rng = random.Random(7)
    delays = [policy.delay(n, rng) for n in range(12)]
    assert all(0.125 <= d <= 15 for d in delays)
    assert delays[0] < 0.4 and max(delays) <= 15 and delays[-1] >= 5
    spread = {round(policy.delay(3, rng), 3) for _ in range(20)}
    assert len(spread) > 10, "kiosks must not reconnect in lockstep"
