"""The life of one call on the server, as an explicit state machine (no I/O).

    SETTING_UP --media_connected--> CONNECTED
    SETTING_UP --end--------------> ENDED
    CONNECTED  --media_connected--> CONNECTED   (another peer pair came up)
    CONNECTED  --end--------------> ENDED

ENDED is final. Any other (state, event) pair is refused with NotAllowed("invalid_state"),
which the server answers with an error message and no change.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from signaling.exceptions import NotAllowed
from signaling.routing import Ticket


class CallState(enum.Enum):
    SETTING_UP = "setting_up"
    CONNECTED = "connected"
    ENDED = "ended"


class CallEvent(enum.Enum):
    MEDIA_CONNECTED = "media_connected"
    END = "end"


TRANSITIONS: dict[tuple[CallState, CallEvent], CallState] = {
    (CallState.SETTING_UP, CallEvent.MEDIA_CONNECTED): CallState.CONNECTED,
    (CallState.SETTING_UP, CallEvent.END): CallState.ENDED,
    (CallState.CONNECTED, CallEvent.MEDIA_CONNECTED): CallState.CONNECTED,
    (CallState.CONNECTED, CallEvent.END): CallState.ENDED,
}


def next_state(state: CallState, event: CallEvent) -> CallState:
    """The state after ``event``; NotAllowed when the event does not apply in ``state``."""
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise NotAllowed(
            "invalid_state", f"call is {state.value}: cannot apply {event.value}"
        ) from None


@dataclass
class Member:
    """One participant of a call: its id inside the call, role, and current connection.

    ``conn`` is None while the member's WebSocket is down; media may still flow peer to
    peer (../shared/FACTS.md item 9), so the call waits for the member's return until
    the switchboard's grace period ends it.
    """

    member_id: str
    role: str
    principal_id: int  # kiosk id or clerk id
    conn: str | None
    offline_since: float | None = None
    #: For an interpreter: the language they interpret.
    language: str | None = None


@dataclass
class Call:
    """A running call; ``members`` maps member id to member."""

    call_id: str
    ticket: Ticket
    answered_at: float
    members: dict[str, Member] = field(default_factory=dict)
    state: CallState = CallState.SETTING_UP
    connected_at: float | None = None
    documents: int = 0
    document_bytes: int = 0
    #: The language of the first interpreter who joined, and the seconds interpreters
    #: spent in the call (those still in it are added when it ends).
    interpreter_language: str | None = None
    interpreter_seconds: float = 0.0
    #: member id -> when that interpreter joined
    interpreter_since: dict[str, float] = field(default_factory=dict)
    interpreters_joined: int = 0

    def apply(self, event: CallEvent, now: float) -> None:
        self.state = next_state(self.state, event)
        if event is CallEvent.MEDIA_CONNECTED and self.connected_at is None:
            self.connected_at = now

    def member_by_conn(self, conn: str) -> Member | None:
        return next((m for m in self.members.values() if m.conn == conn), None)

    def member_by_role(self, role: str) -> Member | None:
        return next((m for m in self.members.values() if m.role == role), None)

    def member_of(self, role: str, principal_id: int) -> Member | None:
        return next(
            (m for m in self.members.values() if m.role == role and m.principal_id == principal_id),
            None,
        )
