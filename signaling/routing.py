"""Who waits for which agency, in what order: pure data, no I/O, no clock of its own.

Foundation rules: one first-in-first-out queue per agency; a clerk may take any customer
waiting for one of their agencies. Issue 4 adds languages, appointments, offers to the
longest-idle clerk and grace periods here, behind the same interface.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Ticket:
    """One customer waiting: which kiosk, which agency, which language, since when."""

    ticket: str
    kiosk_conn: str
    kiosk_id: int
    point_id: int
    point_name: str
    agency: str
    language: str
    queued_at: float


class Queues:
    """First-in-first-out queues, one per agency code."""

    def __init__(self) -> None:
        self._by_agency: dict[str, list[Ticket]] = {}
        self._by_id: dict[str, Ticket] = {}

    def add(self, ticket: Ticket) -> None:
        if ticket.ticket in self._by_id:
            raise ValueError(f"ticket {ticket.ticket} is already queued")
        self._by_agency.setdefault(ticket.agency, []).append(ticket)
        self._by_id[ticket.ticket] = ticket

    def remove(self, ticket_id: str) -> Ticket | None:
        """Take a ticket out of its queue; None when it was not queued."""
        ticket = self._by_id.pop(ticket_id, None)
        if ticket is not None:
            self._by_agency[ticket.agency].remove(ticket)
        return ticket

    def get(self, ticket_id: str) -> Ticket | None:
        return self._by_id.get(ticket_id)

    def queue_of(self, agency: str) -> list[Ticket]:
        """The agency's queue, next first (a copy: callers may change the queues)."""
        return list(self._by_agency.get(agency, ()))

    def position(self, ticket_id: str) -> tuple[int, int]:
        """(1-based position, number waiting) of a queued ticket."""
        ticket = self._by_id[ticket_id]
        queue = self._by_agency[ticket.agency]
        return queue.index(ticket) + 1, len(queue)

    def waiting_for(self, agencies: Iterable[str]) -> list[Ticket]:
        """Everyone waiting for any of these agencies, longest-waiting first."""
        tickets = [t for agency in set(agencies) for t in self._by_agency.get(agency, ())]
        return sorted(tickets, key=lambda t: (t.queued_at, t.ticket))

    def __len__(self) -> int:
        return len(self._by_id)
