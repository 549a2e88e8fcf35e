"""One call on the server: its members, their media between each pair, and its state.

The state follows from facts (h11's way: one table gates every event):

    SETTING_UP    no media path is up yet
    CONNECTED     media flows, every member's signalling is online, no path is down
    INTERRUPTED   a member's signalling is offline or a media path is down: the grace
                  period runs (Timing.member_grace_s) and every member is told who
    ENDED         final: the call ended (by a member, a transfer, or the grace running out)
    FAILED        final: applying an event hit a fault in the server; the call is ended
                  cleanly for everyone instead of limping on half-changed

:data:`TRANSITIONS` says which events a state accepts and which states may follow; any
other pair is refused with NotAllowed("invalid_state") and changes nothing. After an
accepted event the state is recomputed from the facts and checked against the table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from protocol.messages import Role
from signaling.exceptions import NotAllowed
from signaling.routing import Ticket


class RoomState(enum.Enum):
    SETTING_UP = "setting_up"
    CONNECTED = "connected"
    INTERRUPTED = "interrupted"
    ENDED = "ended"
    FAILED = "failed"


class RoomEvent(enum.Enum):
    MEDIA_UP = "media_up"  # a member reports its media to another as connected
    MEDIA_DOWN = "media_down"  # ... as interrupted (no packets, ICE failed or closed)
    MEMBER_OFFLINE = "member_offline"  # a member's WebSocket dropped
    MEMBER_BACK = "member_back"  # ... and came back (the grace period stops for it)
    MEMBER_JOINED = "member_joined"  # an interpreter joined
    MEMBER_LEFT = "member_left"  # an interpreter left, or was lost past the grace
    MEDIA_RESET = "media_reset"  # a member rebuilds its peer connections (call.rejoin)
    END = "end"  # a member ended it, a transfer, or the grace ran out
    FAULT = "fault"  # the server failed while applying an event to this room


S, E = RoomState, RoomEvent
_LIVE = (S.SETTING_UP, S.CONNECTED, S.INTERRUPTED)
_ANY_LIVE = frozenset(_LIVE)
TRANSITIONS: dict[tuple[RoomState, RoomEvent], frozenset[RoomState]] = {
    **{(state, E.MEDIA_UP): frozenset({S.CONNECTED, S.INTERRUPTED}) for state in _LIVE},
    **{(state, E.MEDIA_DOWN): frozenset({S.INTERRUPTED}) for state in _LIVE},
    **{(state, E.MEMBER_OFFLINE): frozenset({S.INTERRUPTED}) for state in _LIVE},
    **{(state, E.MEMBER_BACK): _ANY_LIVE for state in _LIVE},
    **{(state, E.MEMBER_JOINED): _ANY_LIVE for state in _LIVE},
    **{(state, E.MEMBER_LEFT): _ANY_LIVE for state in _LIVE},
    **{(state, E.MEDIA_RESET): _ANY_LIVE for state in _LIVE},
    **{(state, E.END): frozenset({S.ENDED}) for state in _LIVE},
    **{(state, E.FAULT): frozenset({S.FAILED}) for state in _LIVE},
}


def check(state: RoomState, event: RoomEvent) -> frozenset[RoomState]:
    """The states that may follow; NotAllowed when ``state`` does not accept ``event``."""
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise NotAllowed(
            "invalid_state", f"call is {state.value}: cannot apply {event.value}"
        ) from None


@dataclass
class Member:
    """One participant: its id inside the call, role, and current connection.

    ``conn`` is None while the member's WebSocket is down; media may still flow peer to
    peer (docs/resilience.md), so the call waits for the member's return until the grace
    period ends it.
    """

    member_id: str
    role: Role
    principal_id: int  # kiosk id or clerk id
    conn: str | None
    offline_since: float | None = None
    #: For an interpreter: the language they interpret.
    language: str | None = None
    #: When this member's TURN credentials are due for renewal (ice.py; None: no TURN).
    ice_renew_at: float | None = None


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


@dataclass
class Room:
    """A running call. Change it only through :meth:`apply` and the methods that call it."""

    call_id: str
    ticket: Ticket
    answered_at: float
    members: dict[str, Member] = field(default_factory=dict)
    state: RoomState = RoomState.SETTING_UP
    connected_at: float | None = None
    #: (member, member) -> "up" or "down", as the members last reported it
    media: dict[frozenset[str], str] = field(default_factory=dict)
    #: when the room last became INTERRUPTED (None while it is not)
    interrupted_since: float | None = None
    #: member -> the step its link last said it carries ("full" until it says otherwise)
    quality: dict[str, str] = field(default_factory=dict)
    documents: int = 0
    document_bytes: int = 0
    #: The language of the first interpreter who joined, and the seconds interpreters
    #: spent in the call (those still in it are added when it ends).
    interpreter_language: str | None = None
    interpreter_seconds: float = 0.0
    #: member id -> when that interpreter joined
    interpreter_since: dict[str, float] = field(default_factory=dict)
    interpreters_joined: int = 0

    # --- the one way to change the room --------------------------------------------------

    def apply(self, event: RoomEvent, now: float) -> RoomState:
        """Re-derive the state after ``event`` (whose facts the caller has just changed
        through the methods below); NotAllowed if the state does not accept it."""
        allowed = check(self.state, event)
        if event is RoomEvent.END:
            new = RoomState.ENDED
        elif event is RoomEvent.FAULT:
            new = RoomState.FAILED
        else:
            new = self._derived()
        if new not in allowed:  # a fact changed in a way the table does not foresee
            new = RoomState.FAILED
        if new is RoomState.INTERRUPTED and self.state is not RoomState.INTERRUPTED:
            self.interrupted_since = now
        elif new is not RoomState.INTERRUPTED:
            self.interrupted_since = None
        if new is RoomState.CONNECTED and self.connected_at is None:
            self.connected_at = now
        self.state = new
        return new

    def _derived(self) -> RoomState:
        live = {m for m in self.members}
        paths = {k: v for k, v in self.media.items() if k <= live}
        if any(m.conn is None for m in self.members.values()) or "down" in paths.values():
            return RoomState.INTERRUPTED
        if "up" in paths.values():
            return RoomState.CONNECTED
        return RoomState.SETTING_UP

    @property
    def live(self) -> bool:
        return self.state in _LIVE

    # --- facts ---------------------------------------------------------------------------

    def check(self, event: RoomEvent) -> None:
        """Refuse now, before any fact changes, an event this state does not accept."""
        check(self.state, event)

    def media_reported(self, reporter: str, peer: str, up: bool, now: float) -> RoomState:
        event = RoomEvent.MEDIA_UP if up else RoomEvent.MEDIA_DOWN
        self.check(event)
        self.media[pair(reporter, peer)] = "up" if up else "down"
        return self.apply(event, now)

    def member_offline(self, member: Member, now: float) -> RoomState:
        self.check(RoomEvent.MEMBER_OFFLINE)
        member.conn, member.offline_since = None, now
        return self.apply(RoomEvent.MEMBER_OFFLINE, now)

    def member_back(self, member: Member, conn: str, now: float) -> RoomState:
        self.check(RoomEvent.MEMBER_BACK)
        member.conn, member.offline_since = conn, None
        return self.apply(RoomEvent.MEMBER_BACK, now)

    def join(self, member: Member, now: float) -> RoomState:
        self.check(RoomEvent.MEMBER_JOINED)
        self.members[member.member_id] = member
        return self.apply(RoomEvent.MEMBER_JOINED, now)

    def leave(self, member: Member, now: float) -> RoomState:
        self.check(RoomEvent.MEMBER_LEFT)
        del self.members[member.member_id]
        self._forget_paths_of(member.member_id)
        return self.apply(RoomEvent.MEMBER_LEFT, now)

    def reset_media(self, member: Member, now: float) -> RoomState:
        """The member rebuilds its peer connections: its paths start again from nothing."""
        self.check(RoomEvent.MEDIA_RESET)
        self._forget_paths_of(member.member_id)
        return self.apply(RoomEvent.MEDIA_RESET, now)

    def end(self, now: float) -> RoomState:
        return self.apply(RoomEvent.END, now)

    def fail(self, now: float) -> RoomState:
        return self.apply(RoomEvent.FAULT, now)

    def _forget_paths_of(self, member_id: str) -> None:
        for key in [k for k in self.media if member_id in k]:
            del self.media[key]

    # --- queries -------------------------------------------------------------------------

    def member_by_conn(self, conn: str) -> Member | None:
        return next((m for m in self.members.values() if m.conn == conn), None)

    def member_by_role(self, role: str) -> Member | None:
        return next((m for m in self.members.values() if m.role == role), None)

    def member_of(self, role: str, principal_id: int) -> Member | None:
        return next(
            (m for m in self.members.values() if m.role == role and m.principal_id == principal_id),
            None,
        )

    def lost(self, now: float, grace_s: float) -> list[Member]:
        """Members whose signalling has been offline for the whole grace period."""
        return [
            m
            for m in self.members.values()
            if m.offline_since is not None and now - m.offline_since >= grace_s
        ]
