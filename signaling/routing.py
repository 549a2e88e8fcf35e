"""Who waits for what, and which clerk is offered whom: pure data, no I/O, no clock.

Rules (docs/routing.md):

* One queue per agency, or per agency and language where the agency routes by language.
  Within a queue, order is by priority class, then arrival (``seq``):
  TRANSFERRED (sent on by another clerk) < APPOINTMENT (booked, due) < WALK_IN.
* An appointment is held until its slot (``not_before``); for ``booked_window_s`` after
  the slot it is offered only to the booked clerk, then to any clerk of the agency,
  still ahead of walk-ins.
* An offer goes to the *available* clerk who serves the agency (and the language, where
  the agency routes by language) and has been idle longest. A clerk holds at most one
  offer and a ticket is offered to at most one clerk. An offer not accepted within
  ``offer_timeout_s`` is withdrawn, its clerk marked away, and the ticket offered anew.
* A ticket whose kiosk is offline is held (keeps its place, offered to nobody) until the
  kiosk returns or the switchboard's grace period removes it.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

TRANSFERRED, APPOINTMENT, WALK_IN = 0, 1, 2


@dataclass(frozen=True)
class Ticket:
    """One customer's contact while it waits."""

    ticket: str
    seq: int  # arrival order across the whole server; survives restarts
    kiosk_id: int
    point_id: int
    agency: str
    language: str
    queued_at: float
    priority: int = WALK_IN
    service: str | None = None
    not_before: float | None = None  # appointments: not offered before the slot
    booked_clerk: int | None = None
    appointment_id: int | None = None
    #: An interpreter language the customer asked for at the kiosk.
    interpreter: str | None = None

    @property
    def order(self) -> tuple[int, int]:
        return (self.priority, self.seq)


class ClerkStatus(enum.Enum):
    AVAILABLE = "available"
    AWAY = "away"
    OFFERED = "offered"
    BUSY = "busy"


@dataclass
class Seat:
    """A clerk known to routing (online with at least one console)."""

    clerk_id: int
    agencies: frozenset[str]
    languages: frozenset[str]
    status: ClerkStatus = ClerkStatus.AWAY
    idle_since: float = 0.0
    #: Asked to be away while in a call: away, not available, when the call ends.
    away_after_call: bool = False


@dataclass(frozen=True)
class Offer:
    ticket: str
    clerk_id: int
    expires_at: float


@dataclass(frozen=True)
class _Ordering:
    """The tickets of a Router in order: all of them, by queue, and each one's place."""

    language_routed: frozenset[str]
    everyone: list[Ticket]
    queues: dict[tuple[str, str | None], list[Ticket]]
    places: dict[str, int]
    #: (point, agency) -> how many wait there
    at_points: Counter[tuple[int, str]]

    @classmethod
    def of(cls, router: Router) -> _Ordering:
        everyone = sorted(router.tickets.values(), key=lambda t: t.order)
        queues: dict[tuple[str, str | None], list[Ticket]] = {}
        places: dict[str, int] = {}
        for ticket in everyone:
            queue = queues.setdefault(router.queue_key(ticket), [])
            queue.append(ticket)
            places[ticket.ticket] = len(queue)
        at_points = Counter((t.point_id, t.agency) for t in everyone)
        return cls(router.language_routed, everyone, queues, places, at_points)


@dataclass
class Router:
    offer_timeout_s: float = 20.0
    booked_window_s: float = 120.0
    #: agencies whose queues are split by language
    language_routed: frozenset[str] = frozenset()
    tickets: dict[str, Ticket] = field(default_factory=dict)
    held: set[str] = field(default_factory=set)
    seats: dict[int, Seat] = field(default_factory=dict)
    offers: dict[str, Offer] = field(default_factory=dict)  # by ticket
    #: Every queue in order and every ticket's place, built on first use after a change
    #: (tickets change only through the methods below): 2,000 kiosks told their places
    #: after a restart each sorted the whole queue.
    _ordered: _Ordering | None = field(default=None, init=False, repr=False, compare=False)

    # --- tickets -------------------------------------------------------------------------

    def queue_key(self, ticket: Ticket) -> tuple[str, str | None]:
        return (ticket.agency, ticket.language if ticket.agency in self.language_routed else None)

    def add(self, ticket: Ticket) -> None:
        if ticket.ticket in self.tickets:
            raise ValueError(f"ticket {ticket.ticket} is already queued")
        self.tickets[ticket.ticket] = ticket
        self._ordered = None

    def remove(self, ticket_id: str) -> Ticket | None:
        """Take a ticket out (left, expired, answered); withdraw its offer if any."""
        ticket = self.tickets.pop(ticket_id, None)
        self._ordered = None
        self.held.discard(ticket_id)
        offer = self.offers.pop(ticket_id, None)
        if offer is not None and offer.clerk_id in self.seats:
            self.seats[offer.clerk_id].status = ClerkStatus.AVAILABLE
        return ticket

    def hold(self, ticket_id: str) -> Offer | None:
        """The kiosk went offline: keep the place, offer to nobody. Returns a withdrawn offer."""
        if ticket_id not in self.tickets:
            return None
        self.held.add(ticket_id)
        offer = self.offers.pop(ticket_id, None)
        if offer is not None and offer.clerk_id in self.seats:
            self.seats[offer.clerk_id].status = ClerkStatus.AVAILABLE
        return offer

    def release(self, ticket_id: str) -> None:
        self.held.discard(ticket_id)

    def _ordering(self) -> _Ordering:
        ordered = self._ordered
        if ordered is None or ordered.language_routed != self.language_routed:
            ordered = self._ordered = _Ordering.of(self)
        return ordered

    def queue_of(self, key: tuple[str, str | None]) -> list[Ticket]:
        """One queue, next first."""
        return list(self._ordering().queues.get(key, ()))

    def position(self, ticket_id: str) -> tuple[int, int]:
        """(1-based place in its queue, number in that queue)."""
        ordered = self._ordering()
        return ordered.places[ticket_id], len(
            ordered.queues[self.queue_key(self.tickets[ticket_id])]
        )

    def waiting_at(self, point_id: int, agency: str) -> int:
        """How many wait for ``agency`` at service point ``point_id``."""
        return self._ordering().at_points[(point_id, agency)]

    def waiting_for(self, agencies: Iterable[str]) -> list[Ticket]:
        wanted = set(agencies)
        return [t for t in self._ordering().everyone if t.agency in wanted]

    def promote(self, ticket_id: str, priority: int) -> None:
        self.tickets[ticket_id] = replace(self.tickets[ticket_id], priority=priority)
        self._ordered = None

    # --- clerks --------------------------------------------------------------------------

    def seat(self, clerk_id: int, agencies: frozenset[str], languages: frozenset[str]) -> Seat:
        """A clerk came online (or opened another console): away until they say otherwise.
        A seat kept (another console, a call) takes the agencies and languages the clerk
        now has: a supervisor may have changed them, which is why the console reconnected."""
        seat = self.seats.get(clerk_id)
        if seat is None:
            seat = self.seats[clerk_id] = Seat(clerk_id, agencies, languages)
        seat.agencies, seat.languages = agencies, languages
        return seat

    def unseat(self, clerk_id: int) -> Offer | None:
        """The clerk went offline; returns the offer withdrawn from them, if any."""
        self.seats.pop(clerk_id, None)
        return self._withdraw_offer_of(clerk_id)

    def set_available(self, clerk_id: int, now: float) -> None:
        seat = self.seats[clerk_id]
        if seat.status is ClerkStatus.BUSY:
            seat.away_after_call = False
        elif seat.status is ClerkStatus.AWAY:
            seat.status = ClerkStatus.AVAILABLE
            seat.idle_since = now

    def set_away(self, clerk_id: int) -> Offer | None:
        seat = self.seats[clerk_id]
        offer = self._withdraw_offer_of(clerk_id)
        if seat.status is ClerkStatus.BUSY:
            seat.away_after_call = True
        else:
            seat.status = ClerkStatus.AWAY
        return offer

    def call_ended(self, clerk_id: int, now: float) -> None:
        """The clerk's call is over: available again, unless they asked to be away."""
        seat = self.seats.get(clerk_id)
        if seat is not None and seat.status is ClerkStatus.BUSY:
            seat.status = ClerkStatus.AWAY if seat.away_after_call else ClerkStatus.AVAILABLE
            seat.away_after_call = False
            seat.idle_since = now

    def set_busy(self, clerk_id: int) -> None:
        if clerk_id in self.seats:
            self.seats[clerk_id].status = ClerkStatus.BUSY

    def _withdraw_offer_of(self, clerk_id: int) -> Offer | None:
        for ticket_id, offer in list(self.offers.items()):
            if offer.clerk_id == clerk_id:
                del self.offers[ticket_id]
                return offer
        return None

    # --- offers --------------------------------------------------------------------------

    def offer_of(self, clerk_id: int) -> Offer | None:
        return next((o for o in self.offers.values() if o.clerk_id == clerk_id), None)

    def accept(self, clerk_id: int, ticket_id: str) -> Ticket:
        """The clerk takes the ticket offered to them; KeyError when it is not theirs."""
        offer = self.offers.get(ticket_id)
        if offer is None or offer.clerk_id != clerk_id:
            raise KeyError(ticket_id)
        del self.offers[ticket_id]
        ticket = self.tickets.pop(ticket_id)
        self._ordered = None
        self.held.discard(ticket_id)
        self.seats[clerk_id].status = ClerkStatus.BUSY
        return ticket

    def expire(self, now: float) -> list[Offer]:
        """Withdraw offers past their time; their clerks are marked away."""
        expired = [o for o in self.offers.values() if o.expires_at <= now]
        for offer in expired:
            del self.offers[offer.ticket]
            if offer.clerk_id in self.seats:
                self.seats[offer.clerk_id].status = ClerkStatus.AWAY
        return expired

    def may_serve(self, seat: Seat, ticket: Ticket, now: float) -> bool:
        if ticket.agency not in seat.agencies:
            return False
        if (
            ticket.agency in self.language_routed
            and ticket.language not in seat.languages
            and self.speaks(ticket.agency, ticket.language)
        ):
            return False  # someone of the agency speaks it: wait for them
        if ticket.booked_clerk is not None and ticket.not_before is not None:
            if (
                now < ticket.not_before + self.booked_window_s
                and ticket.booked_clerk != seat.clerk_id
            ):
                return False
        return True

    def speaks(self, agency: str, language: str) -> bool:
        """Whether a logged-in clerk of ``agency`` speaks ``language``. When none does, a
        language queue is served by any clerk of the agency, with an interpreter."""
        return any(agency in s.agencies and language in s.languages for s in self.seats.values())

    def eligible(self, ticket: Ticket, now: float) -> bool:
        return (
            ticket.ticket not in self.held
            and ticket.ticket not in self.offers
            and (ticket.not_before is None or ticket.not_before <= now)
        )

    def match(self, now: float) -> list[Offer]:
        """Make every offer the rules allow now; the caller tells the clerks."""
        made: list[Offer] = []
        # Only free clerks can take an offer: a join while every clerk is busy (the common
        # case in a long queue) costs nothing per waiting ticket.
        free = [s for s in self.seats.values() if s.status is ClerkStatus.AVAILABLE]
        for ticket in self._ordering().everyone if free else ():
            if not free:
                break
            if not self.eligible(ticket, now):
                continue
            candidates = [s for s in free if self.may_serve(s, ticket, now)]
            if not candidates:
                continue
            seat = min(candidates, key=lambda s: (s.idle_since, s.clerk_id))
            offer = Offer(ticket.ticket, seat.clerk_id, now + self.offer_timeout_s)
            self.offers[ticket.ticket] = offer
            seat.status = ClerkStatus.OFFERED
            free.remove(seat)
            made.append(offer)
        return made

    def next_deadline(self) -> float | None:
        """The earliest moment at which time alone changes something (offer expiry, slot)."""
        moments = [o.expires_at for o in self.offers.values()]
        for t in self.tickets.values():
            if t.not_before is not None:
                moments.append(t.not_before)
                if t.booked_clerk is not None:
                    moments.append(t.not_before + self.booked_window_s)
        return min(moments, default=None)


def estimate_wait(
    position: int, handling_times: list[float], clerks: int, default_handling_s: float = 600.0
) -> tuple[float, float] | None:
    """Expected wait as a (low, high) range in seconds, or None when no clerk serves.

    ``position`` is the place the customer has (or would get). With ``clerks`` serving
    in parallel, the people ahead are handled in about ahead/clerks handling times;
    the lower and upper quartiles of recent handling times give the range.
    """
    if clerks <= 0:
        return None
    times = sorted(handling_times) or [default_handling_s]
    low = times[len(times) // 4]
    high = times[min(len(times) - 1, (3 * len(times)) // 4)]
    ahead = max(0, position - 1)
    return (ahead * low / clerks, (ahead + 1) * high / clerks)
