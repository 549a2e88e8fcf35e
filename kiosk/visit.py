"""The customer's visit at the kiosk as an explicit state machine (no I/O, no Qt).

    START    --begin-----------> CHOOSING
    CHOOSING --back------------> START
    CHOOSING --queued----------> QUEUED        (the server confirmed a place)
    QUEUED   --queued----------> QUEUED        (the place changed)
    QUEUED   --left------------> START         (the customer gave up, or was removed)
    QUEUED   --call_started----> IN_CALL
    IN_CALL  --call_ended------> FEEDBACK      (five faces, then a clean start)
    FEEDBACK --feedback_done---> START
    IN_CALL  --transferred-----> QUEUED        (the clerk sent the customer to another agency)
    START    --resumed_queued--> QUEUED        (a restarted kiosk finds its place kept)
    CHOOSING --resumed_queued--> QUEUED
    START    --resumed_in_call-> IN_CALL       (a restarted kiosk finds its call kept and
    CHOOSING --resumed_in_call-> IN_CALL        connects to it again)
    any      --reset-----------> START         (idle wipe)
    any      --connection_lost-> same state    (the server keeps places and calls for a
                                                grace period; media flows on meanwhile)

Any other pair raises InvalidTransition; the controller logs it and stays put, so a stray
message can never strand a customer on a screen without a way back.
"""

from __future__ import annotations

import enum


class VisitState(enum.Enum):
    START = "start"
    CHOOSING = "choosing"
    QUEUED = "queued"
    IN_CALL = "in_call"
    FEEDBACK = "feedback"


class VisitEvent(enum.Enum):
    BEGIN = "begin"
    BACK = "back"
    QUEUED = "queued"
    LEFT = "left"
    CALL_STARTED = "call_started"
    CALL_ENDED = "call_ended"
    FEEDBACK_DONE = "feedback_done"
    TRANSFERRED = "transferred"
    RESUMED_QUEUED = "resumed_queued"
    RESUMED_IN_CALL = "resumed_in_call"
    RESET = "reset"
    CONNECTION_LOST = "connection_lost"


S, E = VisitState, VisitEvent
TRANSITIONS: dict[tuple[VisitState, VisitEvent], VisitState] = {
    (S.START, E.BEGIN): S.CHOOSING,
    (S.CHOOSING, E.BACK): S.START,
    (S.CHOOSING, E.QUEUED): S.QUEUED,
    (S.QUEUED, E.QUEUED): S.QUEUED,
    (S.QUEUED, E.LEFT): S.START,
    (S.QUEUED, E.CALL_STARTED): S.IN_CALL,
    (S.IN_CALL, E.CALL_ENDED): S.FEEDBACK,
    (S.FEEDBACK, E.FEEDBACK_DONE): S.START,
    (S.IN_CALL, E.TRANSFERRED): S.QUEUED,
    (S.START, E.RESUMED_QUEUED): S.QUEUED,
    (S.CHOOSING, E.RESUMED_QUEUED): S.QUEUED,
    (S.START, E.RESUMED_IN_CALL): S.IN_CALL,
    (S.CHOOSING, E.RESUMED_IN_CALL): S.IN_CALL,
    (S.IN_CALL, E.RESUMED_IN_CALL): S.IN_CALL,
    **{(state, E.CONNECTION_LOST): state for state in VisitState},
    **{(state, E.RESET): S.START for state in VisitState},
}


class InvalidTransition(Exception):
    def __init__(self, state: VisitState, event: VisitEvent) -> None:
        super().__init__(f"visit is {state.value}: {event.value} does not apply")
        self.state = state
        self.event = event


class Visit:
    """Holds the current state; :meth:`apply` moves it or raises InvalidTransition."""

    def __init__(self) -> None:
        self.state = VisitState.START

    def apply(self, event: VisitEvent) -> VisitState:
        try:
            self.state = TRANSITIONS[(self.state, event)]
        except KeyError:
            raise InvalidTransition(self.state, event) from None
        return self.state
