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
from signaling.calls import TRANSITIONS as CALL_TRANSITIONS
from signaling.calls import CallEvent, CallState, next_state
from signaling.exceptions import NotAllowed


@pytest.mark.parametrize("state", list(CallState))
@pytest.mark.parametrize("event", list(CallEvent))
def test_call_transitions(state: CallState, event: CallEvent) -> None:
    if (state, event) in CALL_TRANSITIONS:
        assert next_state(state, event) is CALL_TRANSITIONS[(state, event)]
    else:
        with pytest.raises(NotAllowed) as info:
            next_state(state, event)
        assert info.value.code == "invalid_state"
        assert state.value in info.value.message


def test_ended_call_is_final() -> None:
    assert not [key for key in CALL_TRANSITIONS if key[0] is CallState.ENDED]


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
