"""The core's state: one object the handlers share, each part owned by one module.

    presence       who is connected (presence.py)
    router         tickets, offers and clerks' seats (routing.py), driven by queueing.py
    queue_book     what queueing.py remembers around the router
    rooms          running calls (room.py), driven by calling.py
    interpreters   interpreters' desks and requests (interpreting.py), driven by
                   interpreter_desk.py
    kiosk_book     feedback windows and device health (kiosk_reports.py)

The clock and the id factory are injected: tests drive time and ids by hand.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from protocol import messages as p
from signaling.catalogue import Catalogue
from signaling.core.presence import Presence
from signaling.core.room import Room
from signaling.ice import IcePolicy
from signaling.interpreting import InterpreterPool
from signaling.routing import Router


@dataclass(frozen=True)
class Timing:
    """The core's time rules, in seconds."""

    offer_timeout_s: float = 20.0
    booked_window_s: float = 120.0
    #: How long a queued kiosk may be offline and keep its place.
    kiosk_grace_s: float = 60.0
    #: How long a call waits for a member whose connection dropped.
    member_grace_s: float = 60.0
    #: How early before an appointment's slot its code is accepted.
    appointment_early_s: float = 30 * 60.0
    #: How late after the slot its code is still accepted.
    appointment_late_s: float = 30 * 60.0
    default_handling_s: float = 600.0
    #: How long an interpreter request waits for an interpreter to accept.
    interpreter_timeout_s: float = 60.0
    #: After a call lost to the network, how long the customer may queue again at the
    #: head of the same agency's queue.
    cut_off_priority_s: float = 10 * 60.0


def random_id(prefix: str) -> str:
    """Unguessable identifiers: a ticket or call id must not be enumerable by a stranger."""
    return f"{prefix}-{secrets.token_urlsafe(9)}"


@dataclass
class QueueBook:
    """What queueing remembers besides the router's tickets and offers."""

    #: kiosk id -> its ticket
    ticket_of_kiosk: dict[int, str] = field(default_factory=dict)
    #: ticket -> when its kiosk dropped (the kiosk grace period runs)
    offline_since: dict[str, float] = field(default_factory=dict)
    #: ticket -> the place its kiosk was last told
    told_position: dict[str, int] = field(default_factory=dict)
    #: ticket -> (number, offer) its kiosk sent ahead for its call's first connection
    #: (``queue.offer``); kept in this node's memory only, like the kiosk's connection
    offers_ahead: dict[str, tuple[int, p.SessionDescription]] = field(default_factory=dict)
    #: agency -> recent handling times, newest first (wait estimates)
    handling: dict[str, list[float]] = field(default_factory=dict)
    #: point id -> the agency list its kiosks were last sent
    sent_agencies: dict[int, list[p.AgencyInfo]] = field(default_factory=dict)
    #: the last ticket number given (FIFO order within a queue)
    seq: int = 0


@dataclass
class RoomBook:
    """Running calls, and who is in which."""

    rooms: dict[str, Room] = field(default_factory=dict)
    #: (role, principal id) -> call id
    call_of: dict[tuple[str, int], str] = field(default_factory=dict)

    def add(self, room: Room) -> None:
        self.rooms[room.call_id] = room
        for member in room.members.values():
            self.call_of[(member.role, member.principal_id)] = room.call_id

    def of(self, role: str, principal_id: int) -> Room | None:
        call_id = self.call_of.get((role, principal_id))
        return self.rooms.get(call_id) if call_id else None


@dataclass
class KioskBook:
    #: kiosk id -> (latest health report, when it came)
    health: dict[int, tuple[p.KioskHealth, float]] = field(default_factory=dict)
    #: kiosk id -> (call id, agency, point id, ended at) of its last call, for feedback
    last_call: dict[int, tuple[str, str, int, float]] = field(default_factory=dict)
    #: kiosk id -> (agency, until when) after a call lost to the network
    cut_off: dict[int, tuple[str, float]] = field(default_factory=dict)
    #: kiosks an operator asked for a self-test while they were offline
    self_test_asked: set[int] = field(default_factory=set)


@dataclass
class Core:
    clock: Callable[[], float]
    new_id: Callable[[str], str]
    timing: Timing
    catalogue: Catalogue
    ice: IcePolicy
    router: Router
    interpreters: InterpreterPool
    presence: Presence = field(default_factory=Presence)
    queue_book: QueueBook = field(default_factory=QueueBook)
    room_book: RoomBook = field(default_factory=RoomBook)
    kiosk_book: KioskBook = field(default_factory=KioskBook)

    def language_routed(self) -> frozenset[str]:
        return frozenset(a.code for a in self.catalogue.agencies.values() if a.routes_by_language)
