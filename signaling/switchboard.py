"""The sans-I/O heart of the server: connections, queues and calls as pure events.

The WebSocket layer (signaling/ws.py) only authenticates, decodes, calls one of
:meth:`Switchboard.connect`, :meth:`Switchboard.handle` or :meth:`Switchboard.disconnect`,
and carries out the returned effects: :class:`Send` a message to a connection, or
:class:`Record` a finished contact in the database. Time comes from an injected clock and
identifiers from an injected factory, so tests drive it without sockets or sleeps.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from signaling import protocol as p
from signaling.calls import Call, CallEvent, Member
from signaling.exceptions import NotAllowed
from signaling.routing import Queues, Ticket

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KioskPrincipal:
    """An authenticated kiosk: which device, at which service point."""

    kiosk_id: int
    label: str
    point_id: int
    point_name: str
    agencies: tuple[p.AgencyInfo, ...] = ()
    role: str = field(default="kiosk", init=False)


@dataclass(frozen=True)
class ClerkPrincipal:
    """An authenticated clerk and the agencies they serve."""

    clerk_id: int
    display_name: str
    agencies: frozenset[str]
    agency_info: tuple[p.AgencyInfo, ...] = ()
    role: str = field(default="clerk", init=False)


Principal = KioskPrincipal | ClerkPrincipal


@dataclass(frozen=True)
class TransactionRecord:
    """One customer contact, as counted for payment and pilots; no personal data."""

    ticket: str
    call_id: str | None
    point_id: int
    kiosk_id: int
    agency: str
    language: str
    queued_at: float
    answered_at: float | None
    ended_at: float
    outcome: p.Outcome


@dataclass(frozen=True)
class Send:
    conn: str
    message: p._Message


@dataclass(frozen=True)
class Record:
    transaction: TransactionRecord


Effect = Send | Record


def random_id(prefix: str) -> str:
    """Unguessable identifiers: a ticket or call id must not be enumerable by a stranger."""
    return f"{prefix}-{secrets.token_urlsafe(9)}"


class Switchboard:
    """Queues and calls of one server process."""

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        ice_servers: Callable[[], list[p.IceServer]] = list,
        new_id: Callable[[str], str] = random_id,
    ) -> None:
        self._clock = clock
        self._ice_servers = ice_servers
        self._new_id = new_id
        self._principals: dict[str, Principal] = {}
        self._queues = Queues()
        self._ticket_of_kiosk: dict[str, str] = {}
        self._calls: dict[str, Call] = {}
        self._call_of_conn: dict[str, str] = {}

    # --- queries used by /healthz and tests ----------------------------------------------

    def counts(self) -> dict[str, int]:
        kiosks = sum(1 for pr in self._principals.values() if isinstance(pr, KioskPrincipal))
        return {
            "kiosks": kiosks,
            "clerks": len(self._principals) - kiosks,
            "queued": len(self._queues),
            "calls": len(self._calls),
        }

    # --- events --------------------------------------------------------------------------

    def connect(self, conn: str, principal: Principal) -> list[Effect]:
        self._principals[conn] = principal
        if isinstance(principal, KioskPrincipal):
            welcome = p.Welcome(
                role="kiosk", name=principal.point_name, agencies=list(principal.agencies)
            )
            return [Send(conn, welcome)]
        return [
            Send(
                conn,
                p.Welcome(
                    role="clerk", name=principal.display_name, agencies=list(principal.agency_info)
                ),
            ),
            Send(conn, self._snapshot_for(principal)),
        ]

    def disconnect(self, conn: str) -> list[Effect]:
        principal = self._principals.pop(conn, None)
        if principal is None:
            return []
        effects: list[Effect] = []
        ticket_id = self._ticket_of_kiosk.pop(conn, None)
        if ticket_id is not None:
            ticket = self._queues.remove(ticket_id)
            if ticket is not None:
                effects += self._after_queue_change(ticket.agency)
                effects.append(Record(self._record(ticket, None, "abandoned")))
        call_id = self._call_of_conn.get(conn)
        if call_id is not None:
            effects += self._end_call(self._calls[call_id], "member_lost", "abandoned")
        return effects

    def handle(self, conn: str, message: p.ClientMessage) -> list[Effect]:
        """Apply one client message; a refused message yields an error reply, no change."""
        principal = self._principals[conn]
        try:
            if principal.role not in p.SENDERS[message.type]:
                raise NotAllowed("forbidden", f"a {principal.role} may not send {message.type}")
            return self._dispatch(conn, principal, message)
        except NotAllowed as refused:
            error = p.Error(code=refused.code, message=refused.message, in_reply_to=message.type)  # type: ignore[arg-type]
            return [Send(conn, error)]

    # --- message handlers ----------------------------------------------------------------

    def _dispatch(self, conn: str, principal: Principal, message: p.ClientMessage) -> list[Effect]:
        match message:
            case p.QueueJoin():
                assert isinstance(principal, KioskPrincipal)
                return self._queue_join(conn, principal, message)
            case p.QueueLeave():
                return self._queue_leave(conn)
            case p.CallAccept():
                assert isinstance(principal, ClerkPrincipal)
                return self._call_accept(conn, principal, message)
            case p.SignalOut():
                return self._relay(conn, message)
            case p.CallMediaState():
                return self._media_state(conn, message)
            case p.CallEnd():
                return self._call_end(conn, principal, message)
        raise NotAllowed("bad_message", f"unhandled message type {message.type}")

    def _queue_join(self, conn: str, kiosk: KioskPrincipal, msg: p.QueueJoin) -> list[Effect]:
        if conn in self._ticket_of_kiosk:
            raise NotAllowed("invalid_state", "this kiosk is already queued")
        if conn in self._call_of_conn:
            raise NotAllowed("invalid_state", "this kiosk is in a call")
        agency = next((a for a in kiosk.agencies if a.code == msg.agency), None)
        if agency is None:
            raise NotAllowed("not_found", f"agency '{msg.agency}' is not served at this point")
        if not agency.open:
            raise NotAllowed("invalid_state", f"agency '{msg.agency}' is closed now")
        ticket = Ticket(
            ticket=self._new_id("t"),
            kiosk_conn=conn,
            kiosk_id=kiosk.kiosk_id,
            point_id=kiosk.point_id,
            point_name=kiosk.point_name,
            agency=msg.agency,
            language=msg.language,
            queued_at=self._clock(),
        )
        self._queues.add(ticket)
        self._ticket_of_kiosk[conn] = ticket.ticket
        log.info("ticket %s queued for %s", ticket.ticket, ticket.agency)
        return self._after_queue_change(ticket.agency)

    def _queue_leave(self, conn: str) -> list[Effect]:
        ticket_id = self._ticket_of_kiosk.pop(conn, None)
        ticket = self._queues.remove(ticket_id) if ticket_id else None
        if ticket is None:
            raise NotAllowed("invalid_state", "this kiosk is not queued")
        log.info("ticket %s left the queue", ticket.ticket)
        return [
            Send(conn, p.QueueLeft(ticket=ticket.ticket, reason="left")),
            *self._after_queue_change(ticket.agency),
            Record(self._record(ticket, None, "abandoned")),
        ]

    def _call_accept(self, conn: str, clerk: ClerkPrincipal, msg: p.CallAccept) -> list[Effect]:
        if conn in self._call_of_conn:
            raise NotAllowed("invalid_state", "you are already in a call")
        ticket = self._queues.get(msg.ticket)
        if ticket is None:
            raise NotAllowed("not_found", f"ticket '{msg.ticket}' is not waiting (any more)")
        if ticket.agency not in clerk.agencies:
            raise NotAllowed("forbidden", f"ticket '{msg.ticket}' is not for your agencies")
        self._queues.remove(ticket.ticket)
        del self._ticket_of_kiosk[ticket.kiosk_conn]
        call = Call(call_id=self._new_id("c"), ticket=ticket, answered_at=self._clock())
        kiosk = Member("kiosk", "kiosk", ticket.kiosk_conn)
        clerk_member = Member("clerk", "clerk", conn)
        call.members = {kiosk.member_id: kiosk, clerk_member.member_id: clerk_member}
        self._calls[call.call_id] = call
        for member in call.members.values():
            self._call_of_conn[member.conn] = call.call_id
        log.info("call %s started for ticket %s", call.call_id, ticket.ticket)
        ice = self._ice_servers()
        effects: list[Effect] = []
        for member in call.members.values():
            peers = [
                p.CallPeer(
                    member_id=other.member_id,
                    role=other.role,  # type: ignore[arg-type]
                    # The kiosk (aiortc, which cannot roll back an offer) always offers.
                    initiator=member.role == "kiosk",
                )
                for other in call.members.values()
                if other is not member
            ]
            started = p.CallStarted(
                call_id=call.call_id,
                you=member.member_id,
                agency=ticket.agency,
                language=ticket.language,
                peers=peers,
                ice_servers=ice,
            )
            effects.append(Send(member.conn, started))
        return effects + self._after_queue_change(ticket.agency)

    def _member(self, conn: str, call_id: str) -> tuple[Call, Member]:
        call = self._calls.get(call_id)
        member = call.member_by_conn(conn) if call else None
        if call is None or member is None:
            # The same answer for "no such call" and "not yours": ids are not probeable.
            raise NotAllowed("not_found", f"you are not in call '{call_id}'")
        return call, member

    def _relay(self, conn: str, msg: p.SignalOut) -> list[Effect]:
        call, sender = self._member(conn, msg.call_id)
        target = call.members.get(msg.to)
        if target is None or target is sender:
            raise NotAllowed("not_found", f"no member '{msg.to}' in call '{msg.call_id}'")
        relayed = p.SignalIn(
            call_id=msg.call_id,
            from_=sender.member_id,
            description=msg.description,
            candidate=msg.candidate,
            end_of_candidates=msg.end_of_candidates,
        )
        return [Send(target.conn, relayed)]

    def _media_state(self, conn: str, msg: p.CallMediaState) -> list[Effect]:
        call, member = self._member(conn, msg.call_id)
        if msg.state == "connected":
            call.apply(CallEvent.MEDIA_CONNECTED, self._clock())
            log.info("call %s media up (%s to %s)", call.call_id, member.member_id, msg.peer)
        else:
            log.warning("call %s media failed (%s to %s)", call.call_id, member.member_id, msg.peer)
        return []

    def _call_end(self, conn: str, principal: Principal, msg: p.CallEnd) -> list[Effect]:
        call, _member = self._member(conn, msg.call_id)
        reason: p.EndReason = "ended_by_clerk" if principal.role == "clerk" else "ended_by_kiosk"
        return self._end_call(call, reason, msg.outcome or "handled")

    # --- helpers -------------------------------------------------------------------------

    def _end_call(self, call: Call, reason: p.EndReason, outcome: p.Outcome) -> list[Effect]:
        call.apply(CallEvent.END, self._clock())
        del self._calls[call.call_id]
        effects: list[Effect] = []
        for member in call.members.values():
            self._call_of_conn.pop(member.conn, None)
            if member.conn in self._principals:
                effects.append(Send(member.conn, p.CallEnded(call_id=call.call_id, reason=reason)))
        log.info("call %s ended: %s, outcome %s", call.call_id, reason, outcome)
        effects.append(Record(self._record(call.ticket, call, outcome)))
        return effects

    def _record(self, ticket: Ticket, call: Call | None, outcome: p.Outcome) -> TransactionRecord:
        return TransactionRecord(
            ticket=ticket.ticket,
            call_id=call.call_id if call else None,
            point_id=ticket.point_id,
            kiosk_id=ticket.kiosk_id,
            agency=ticket.agency,
            language=ticket.language,
            queued_at=ticket.queued_at,
            answered_at=call.answered_at if call else None,
            ended_at=self._clock(),
            outcome=outcome,
        )

    def _snapshot_for(self, clerk: ClerkPrincipal) -> p.QueueSnapshot:
        entries = [
            p.QueueEntry(
                ticket=t.ticket,
                agency=t.agency,
                language=t.language,
                point=t.point_name,
                queued_at=t.queued_at,
            )
            for t in self._queues.waiting_for(clerk.agencies)
        ]
        return p.QueueSnapshot(entries=entries)

    def _clerks_of(self, agency: str) -> Iterable[tuple[str, ClerkPrincipal]]:
        for conn, principal in self._principals.items():
            if isinstance(principal, ClerkPrincipal) and agency in principal.agencies:
                yield conn, principal

    def _after_queue_change(self, agency: str) -> list[Effect]:
        """Positions to everyone in the agency's queue, snapshots to its clerks."""
        effects: list[Effect] = []
        queue = self._queues.queue_of(agency)
        for index, ticket in enumerate(queue, start=1):
            status = p.QueueStatus(
                ticket=ticket.ticket, agency=agency, position=index, waiting=len(queue)
            )
            effects.append(Send(ticket.kiosk_conn, status))
        for conn, clerk in self._clerks_of(agency):
            effects.append(Send(conn, self._snapshot_for(clerk)))
        return effects
