"""The sans-I/O heart of the server: connections, queues, offers and calls as events.

The WebSocket layer (signaling/hub.py) only authenticates, decodes, calls one of
:meth:`Switchboard.connect`, :meth:`Switchboard.handle`, :meth:`Switchboard.disconnect`
or :meth:`Switchboard.tick`, and carries out the returned effects: storage effects
(:class:`SaveContact`, :class:`FinishContact`) first and in order, then :class:`Send` and
:class:`Close`. Time comes from an injected clock and identifiers from an injected
factory, so tests drive it without sockets or sleeps.

Durability: every change to a contact that has not ended is a SaveContact, so that
:meth:`Switchboard.restore` can rebuild queues and calls after a crash; a contact's end
is one FinishContact (transaction written, live row removed, atomically).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from protocol import messages as p
from signaling import authz
from signaling.calls import Call, CallEvent, Member
from signaling.catalogue import Catalogue
from signaling.exceptions import NotAllowed
from signaling.ice import IcePolicy
from signaling.interpreting import InterpreterPool, Request, Void
from signaling.records import TransactionRecord
from signaling.routing import (
    APPOINTMENT,
    TRANSFERRED,
    WALK_IN,
    ClerkStatus,
    Offer,
    Router,
    Ticket,
    estimate_wait,
)
from signaling.store import Appointment, InterpreterSeat, LiveContact

log = logging.getLogger(__name__)

KIND = {TRANSFERRED: "transferred", APPOINTMENT: "appointment", WALK_IN: "walk_in"}
#: A clerk's list shows the next this many customers; the summaries count everyone.
SNAPSHOT_ENTRIES = 50


@dataclass(frozen=True)
class KioskPrincipal:
    """An authenticated kiosk: which device, at which service point."""

    kiosk_id: int
    label: str
    point_id: int
    point_name: str
    role: str = field(default="kiosk", init=False)


@dataclass(frozen=True)
class ClerkPrincipal:
    """An authenticated clerk, the agencies they serve and the languages they speak; or,
    with ``role`` "interpreter", an interpreter and the languages they interpret."""

    clerk_id: int
    display_name: str
    agencies: frozenset[str]
    languages: frozenset[str] = frozenset({"fi"})
    #: When the login behind this connection ends (Unix time); the hub closes it then.
    session_expires: float = float("inf")
    role: str = "clerk"


Principal = KioskPrincipal | ClerkPrincipal


@dataclass(frozen=True)
class Send:
    conn: str
    message: p.Message


@dataclass(frozen=True)
class Close:
    conn: str
    reason: str


@dataclass(frozen=True)
class SaveContact:
    contact: LiveContact


@dataclass(frozen=True)
class FinishContact:
    transaction: TransactionRecord


@dataclass(frozen=True)
class AppointmentUsed:
    appointment_id: int


@dataclass(frozen=True)
class Audit:
    """A line of the audit log: who joined or left which call, when it ended."""

    action: str
    actor_role: str
    actor_id: int | None
    call_id: str
    detail: str = ""


@dataclass(frozen=True)
class SaveFeedback:
    point_id: int
    agency: str
    score: int
    reason: str | None
    at: float


Effect = Send | Close | SaveContact | FinishContact | AppointmentUsed | Audit | SaveFeedback

#: How long after a call its kiosk may still send feedback on it.
FEEDBACK_WINDOW_S = 15 * 60.0


@dataclass(frozen=True)
class Timing:
    """The switchboard's time rules, in seconds."""

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


def random_id(prefix: str) -> str:
    """Unguessable identifiers: a ticket or call id must not be enumerable by a stranger."""
    return f"{prefix}-{secrets.token_urlsafe(9)}"


class Switchboard:
    """Queues and calls of one server process."""

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        catalogue: Catalogue | None = None,
        ice: IcePolicy | None = None,
        new_id: Callable[[str], str] = random_id,
        timing: Timing | None = None,
    ) -> None:
        self._clock = clock
        self._ice = ice or IcePolicy()
        self._new_id = new_id
        self.timing = timing or Timing()
        self.catalogue = catalogue or Catalogue()
        self.router = Router(
            offer_timeout_s=self.timing.offer_timeout_s,
            booked_window_s=self.timing.booked_window_s,
            language_routed=self._language_routed(),
        )
        self.interpreters = InterpreterPool(
            timeout_s=self.timing.interpreter_timeout_s, new_id=new_id
        )
        self._principals: dict[str, Principal] = {}
        self._kiosk_conn: dict[int, str] = {}
        self._kiosk_points: dict[int, tuple[int, str]] = {}
        self._clerk_conns: dict[int, set[str]] = {}
        self._ticket_of_kiosk: dict[int, str] = {}
        self._offline_since: dict[str, float] = {}  # ticket -> when its kiosk dropped
        self._calls: dict[str, Call] = {}
        self._call_of: dict[tuple[str, int], str] = {}  # (role, principal id) -> call
        self._handling: dict[str, list[float]] = {}
        self._sent_agencies: dict[int, list[p.AgencyInfo]] = {}
        self._told_position: dict[str, int] = {}  # ticket -> the place its kiosk was told
        #: kiosk id -> (latest health report, when it came)
        self.health: dict[int, tuple[p.KioskHealth, float]] = {}
        #: kiosk id -> (call id, agency, point id, ended at) of its last call, for feedback
        self._last_call: dict[int, tuple[str, str, int, float]] = {}
        self._seq = 0

    def _language_routed(self) -> frozenset[str]:
        return frozenset(a.code for a in self.catalogue.agencies.values() if a.routes_by_language)

    # --- set-up and queries --------------------------------------------------------------

    def set_catalogue(self, catalogue: Catalogue) -> list[Effect]:
        """A supervisor changed agencies or hours: kiosks get the new list."""
        self.catalogue = catalogue
        self.router.language_routed = self._language_routed()
        return self._refresh_agency_lists(force=True)

    def seed_handling_times(self, times: dict[str, list[float]]) -> None:
        self._handling = {agency: list(values)[:20] for agency, values in times.items()}

    def restore(self, contacts: Iterable[LiveContact]) -> None:
        """Rebuild queues and calls after a restart; every member is offline until it
        reconnects, and the grace periods start now."""
        now = self._clock()
        for contact in contacts:
            ticket = contact.ticket
            self._seq = max(self._seq, ticket.seq)
            if contact.call_id is None:
                self.router.add(ticket)
                self.router.hold(ticket.ticket)
                self._ticket_of_kiosk[ticket.kiosk_id] = ticket.ticket
                self._offline_since[ticket.ticket] = now
                continue
            call = Call(contact.call_id, ticket, contact.answered_at or now)
            call.members = {
                "kiosk": Member("kiosk", "kiosk", ticket.kiosk_id, None, now),
                "clerk": Member("clerk", "clerk", contact.clerk_id or 0, None, now),
            }
            call.interpreter_language = contact.interpreter_language
            call.interpreter_seconds = contact.interpreter_seconds
            seat = contact.interpreter
            if seat is not None:
                member = Member(
                    seat.member_id,
                    "interpreter",
                    seat.clerk_id,
                    None,
                    now,
                    language=contact.interpreter_language,
                )
                call.members[seat.member_id] = member
                call.interpreter_since[seat.member_id] = seat.since
                call.interpreters_joined = int(seat.member_id.rpartition("-")[2] or 1)
            self._add_call(call)
        log.info("restored %d queued and %d in calls", len(self.router.tickets), len(self._calls))

    def counts(self) -> dict[str, int]:
        kiosks = sum(1 for pr in self._principals.values() if isinstance(pr, KioskPrincipal))
        return {
            "kiosks": kiosks,
            "clerks": len(self._principals) - kiosks,
            "queued": len(self.router.tickets),
            "calls": len(self._calls),
        }

    def kiosk_online(self, kiosk_id: int) -> bool:
        return kiosk_id in self._kiosk_conn

    def queue_order(self) -> list[tuple[int, str, int]]:
        """(kiosk id, agency, position) of every queued customer, for tests and benchmarks."""
        return sorted(
            (t.kiosk_id, t.agency, self.router.position(t.ticket)[0])
            for t in self.router.tickets.values()
        )

    # --- connections ---------------------------------------------------------------------

    def connect(self, conn: str, principal: Principal) -> list[Effect]:
        self._principals[conn] = principal
        if isinstance(principal, KioskPrincipal):
            return self._connect_kiosk(conn, principal)
        if principal.role == "interpreter":
            return self._connect_interpreter(conn, principal)
        return self._connect_clerk(conn, principal)

    def _connect_kiosk(self, conn: str, kiosk: KioskPrincipal) -> list[Effect]:
        effects: list[Effect] = []
        previous = self._kiosk_conn.get(kiosk.kiosk_id)
        if previous is not None and previous != conn:
            # One live connection per kiosk: the newer one wins (a restarted kiosk).
            self._principals.pop(previous, None)
            effects.append(Close(previous, "replaced by a newer connection of this kiosk"))
        self._kiosk_conn[kiosk.kiosk_id] = conn
        self._kiosk_points[kiosk.kiosk_id] = (kiosk.point_id, kiosk.point_name)
        agencies = self._agency_list(kiosk.point_id)
        ticket_id = self._ticket_of_kiosk.get(kiosk.kiosk_id)
        call_id = self._call_of.get(("kiosk", kiosk.kiosk_id))
        if ticket_id is not None:
            self.router.release(ticket_id)
            self._offline_since.pop(ticket_id, None)
            effects.append(
                Send(
                    conn,
                    p.Welcome(
                        role="kiosk", name=kiosk.point_name, agencies=agencies, resume="queued"
                    ),
                )
            )
            effects += self._queue_changed(self.router.tickets[ticket_id], tell=kiosk.kiosk_id)
            effects += self._match()
        elif call_id is not None:
            member = self._calls[call_id].members["kiosk"]
            member.conn, member.offline_since = conn, None
            effects += self._presence(self._calls[call_id], member)
            effects.append(
                Send(
                    conn,
                    p.Welcome(
                        role="kiosk",
                        name=kiosk.point_name,
                        agencies=agencies,
                        resume="in_call",
                        call_id=call_id,
                    ),
                )
            )
        else:
            effects.append(
                Send(conn, p.Welcome(role="kiosk", name=kiosk.point_name, agencies=agencies))
            )
        return effects

    def _connect_clerk(self, conn: str, clerk: ClerkPrincipal) -> list[Effect]:
        self._clerk_conns.setdefault(clerk.clerk_id, set()).add(conn)
        seat = self.router.seat(clerk.clerk_id, clerk.agencies, clerk.languages)
        call_id = self._call_of.get(("clerk", clerk.clerk_id))
        presence: list[Effect] = []
        if call_id is not None:
            member = self._calls[call_id].members["clerk"]
            member.conn, member.offline_since = conn, None
            seat.status = ClerkStatus.BUSY
            presence = self._presence(self._calls[call_id], member)
        infos = [
            p.AgencyInfo(code=a.code, names=a.names, open=True)
            for a in self.catalogue.agencies.values()
            if a.code in clerk.agencies
        ]
        welcome = p.Welcome(
            role="clerk",
            name=clerk.display_name,
            agencies=infos,
            resume="in_call" if call_id else "none",
            call_id=call_id,
        )
        effects: list[Effect] = [
            Send(conn, welcome),
            Send(conn, p.ClerkState(status=seat.status.value)),  # type: ignore[arg-type]
            Send(conn, self._snapshot_for(clerk.agencies)),
        ]
        offer = self.router.offer_of(clerk.clerk_id)
        if offer is not None:
            effects.append(Send(conn, self._offer_message(offer)))
        return effects + presence

    def _connect_interpreter(self, conn: str, interpreter: ClerkPrincipal) -> list[Effect]:
        self._clerk_conns.setdefault(interpreter.clerk_id, set()).add(conn)
        desk = self.interpreters.seat(interpreter.clerk_id, interpreter.languages)
        call_id = self._call_of.get(("interpreter", interpreter.clerk_id))
        presence: list[Effect] = []
        if call_id is not None:
            desk.in_call = True  # e.g. back after a server restart
            member = self._calls[call_id].member_of("interpreter", interpreter.clerk_id)
            assert member is not None
            member.conn, member.offline_since = conn, None
            presence = self._presence(self._calls[call_id], member)
        welcome = p.Welcome(
            role="interpreter",
            name=interpreter.display_name,
            # Every agency's name, so that invitations can say whose customer it is.
            agencies=[
                p.AgencyInfo(code=a.code, names=a.names, open=True)
                for a in self.catalogue.agencies.values()
            ],
            resume="in_call" if call_id else "none",
            call_id=call_id,
        )
        effects: list[Effect] = [Send(conn, welcome), *self._clerk_state(interpreter.clerk_id)]
        effects += [
            Send(conn, self._invitation_message(invitation, request))
            for invitation, request in self.interpreters.invitations_of(interpreter.clerk_id)
        ]
        return effects + presence

    def disconnect(self, conn: str) -> list[Effect]:
        principal = self._principals.pop(conn, None)
        if principal is None:
            return []
        now = self._clock()
        effects: list[Effect] = []
        if isinstance(principal, KioskPrincipal):
            if self._kiosk_conn.get(principal.kiosk_id) != conn:
                return []
            del self._kiosk_conn[principal.kiosk_id]
            ticket_id = self._ticket_of_kiosk.get(principal.kiosk_id)
            if ticket_id is not None:
                self._offline_since[ticket_id] = now
                withdrawn = self.router.hold(ticket_id)
                if withdrawn is not None:
                    effects += self._withdrawn(withdrawn, "left")
                    effects += self._match()
            call_id = self._call_of.get(("kiosk", principal.kiosk_id))
            if call_id is not None:
                member = self._calls[call_id].members["kiosk"]
                member.conn, member.offline_since = None, now
                effects += self._presence(self._calls[call_id], member)
            return effects
        conns = self._clerk_conns.get(principal.clerk_id, set())
        conns.discard(conn)
        call_id = self._call_of.get((principal.role, principal.clerk_id))
        if call_id is not None:
            served = self._calls[call_id].member_of(principal.role, principal.clerk_id)
            if served is not None and served.conn == conn:
                served.conn = next(iter(conns), None)
                served.offline_since = None if served.conn else now
                if served.conn is None:
                    effects += self._presence(self._calls[call_id], served)
        if not conns:
            del self._clerk_conns[principal.clerk_id]
            if principal.role == "interpreter":
                if call_id is None:
                    self.interpreters.unseat(principal.clerk_id)  # nobody left to tell
                return effects
            withdrawn = self.router.unseat(principal.clerk_id)
            if withdrawn is not None:
                effects += self._match()
        return effects

    # --- messages ------------------------------------------------------------------------

    def handle(
        self, conn: str, message: p.ClientMessage, *, appointment: Appointment | None = None
    ) -> list[Effect]:
        """Apply one client message; a refused message yields an error reply, no change.

        For a ``queue.join`` by appointment code the I/O layer looks the booking up first
        and passes it as ``appointment`` (None: no such code).
        """
        principal = self._principals[conn]
        try:
            authz.check(message.type, principal.role, self._state_of(principal))
            return self._dispatch(conn, principal, message, appointment)
        except NotAllowed as refused:
            error = p.Error(code=refused.code, message=refused.message, in_reply_to=message.type)  # type: ignore[arg-type]
            return [Send(conn, error)]

    def _state_of(self, principal: Principal) -> authz.SenderState:
        """The sender's state for the authorisation table."""
        if isinstance(principal, KioskPrincipal):
            if ("kiosk", principal.kiosk_id) in self._call_of:
                return authz.SenderState.IN_CALL
            if principal.kiosk_id in self._ticket_of_kiosk:
                return authz.SenderState.QUEUED
            return authz.SenderState.IDLE
        if (principal.role, principal.clerk_id) in self._call_of:
            return authz.SenderState.IN_CALL
        if principal.role == "interpreter":
            if self.interpreters.invitations_of(principal.clerk_id):
                return authz.SenderState.OFFERED
            return authz.SenderState.IDLE
        if self.router.offer_of(principal.clerk_id) is not None:
            return authz.SenderState.OFFERED
        return authz.SenderState.IDLE

    def _dispatch(
        self,
        conn: str,
        principal: Principal,
        message: p.ClientMessage,
        appointment: Appointment | None,
    ) -> list[Effect]:
        if isinstance(principal, KioskPrincipal):
            match message:
                case p.QueueJoin():
                    return self._queue_join(principal, message, appointment)
                case p.Feedback():
                    return self._feedback(principal, message)
                case p.KioskHealth():
                    return self._kiosk_health(principal, message)
                case p.QueueLeave():
                    return self._queue_leave(principal)
        elif principal.role == "interpreter":
            match message:
                case p.ClerkStatusSet(status=status):
                    return self._interpreter_status(principal, status)
                case p.InvitationAccept(invitation=invitation):
                    return self._invitation_accept(principal, invitation)
                case p.InvitationDecline(invitation=invitation):
                    return self._invitation_decline(principal, invitation)
                case p.CallLeave(call_id=call_id):
                    call, member = self._member(conn, call_id)
                    return self._interpreter_leave(call, member)
        else:
            match message:
                case p.InterpreterRequest(call_id=call_id, language=language):
                    call, _member = self._member(conn, call_id)
                    return self._interpreter_request(call, language, "clerk")
                case p.InterpreterCancel(call_id=call_id):
                    call, _member = self._member(conn, call_id)
                    return self._interpreter_cancel(call)
                case p.ClerkStatusSet(status=status):
                    return self._clerk_status(principal, status)
                case p.CallAccept(ticket=ticket):
                    return self._call_accept(principal, ticket)
                case p.CallDecline(ticket=ticket):
                    return self._call_decline(principal, ticket)
                case p.CallTransfer():
                    return self._call_transfer(conn, principal, message)
        match message:
            case p.SignalOut():
                return self._relay(conn, message)
            case p.CallMediaState():
                return self._media_state(conn, message)
            case p.CallDocument():
                call, _member = self._member(conn, message.call_id)
                call.documents += 1
                call.document_bytes += message.bytes
                log.info("call %s: document of %d bytes received", call.call_id, message.bytes)
                return []
            case p.CallEnd():
                return self._call_end(conn, principal, message)
            case p.ChatSend():
                return self._chat(conn, message)
            case p.CallRejoin(call_id=call_id):
                return self._rejoin(conn, call_id)
        raise NotAllowed("forbidden", f"a {principal.role} may not send {message.type}")

    def _queue_join(
        self, kiosk: KioskPrincipal, msg: p.QueueJoin, booking: Appointment | None
    ) -> list[Effect]:
        if kiosk.kiosk_id in self._ticket_of_kiosk:
            raise NotAllowed("invalid_state", "this kiosk is already queued")
        if ("kiosk", kiosk.kiosk_id) in self._call_of:
            raise NotAllowed("invalid_state", "this kiosk is in a call")
        now = self._clock()
        priority, not_before, booked, appointment_id = WALK_IN, None, None, None
        agency = msg.agency
        if msg.appointment is not None:
            if booking is None or booking.point_id != kiosk.point_id or booking.status != "booked":
                raise NotAllowed("not_found", "no appointment with this code at this point")
            if not (
                booking.starts_at - self.timing.appointment_early_s
                <= now
                <= booking.starts_at + self.timing.appointment_late_s
            ):
                raise NotAllowed("invalid_state", "this appointment is not due now")
            agency = booking.agency
            priority, not_before = APPOINTMENT, booking.starts_at
            booked, appointment_id = booking.clerk_id, booking.appointment_id
        assert agency is not None
        if agency not in self.catalogue.agencies or (kiosk.point_id, agency) not in (
            self.catalogue.schedules
        ):
            raise NotAllowed("not_found", f"agency '{agency}' is not served at this point")
        if msg.appointment is None and not self.catalogue.is_open(kiosk.point_id, agency, now):
            raise NotAllowed("invalid_state", f"agency '{agency}' is closed now")
        self._seq += 1
        ticket = Ticket(
            ticket=self._new_id("t"),
            seq=self._seq,
            kiosk_id=kiosk.kiosk_id,
            point_id=kiosk.point_id,
            agency=agency,
            language=msg.language,
            queued_at=now,
            priority=priority,
            service=msg.service,
            not_before=not_before,
            booked_clerk=booked,
            appointment_id=appointment_id,
            interpreter=msg.interpreter,
        )
        self.router.add(ticket)
        self._ticket_of_kiosk[kiosk.kiosk_id] = ticket.ticket
        log.info("ticket %s queued for %s (%s)", ticket.ticket, agency, KIND[priority])
        used: list[Effect] = [AppointmentUsed(appointment_id)] if appointment_id else []
        return [
            *used,
            SaveContact(LiveContact(ticket)),
            *self._queue_changed(ticket, tell=ticket.kiosk_id),
            *self._match(),
        ]

    def _kiosk_health(self, kiosk: KioskPrincipal, report: p.KioskHealth) -> list[Effect]:
        previous = self.health.get(kiosk.kiosk_id)
        self.health[kiosk.kiosk_id] = (report, self._clock())
        if report.last_error or "failed" in report.model_dump().values():
            log.warning("kiosk %s reports a problem", kiosk.kiosk_id)
        call_id = self._call_of.get(("kiosk", kiosk.kiosk_id))
        if call_id is None:
            return []
        # A device lost during a call: the official is told once, and the call goes on.
        before = previous[0] if previous else None
        notices: list[p.CallNotice] = []
        if report.camera == "failed" and (before is None or before.camera != "failed"):
            notices.append(p.CallNotice(call_id=call_id, code="kiosk_camera_lost"))
        if report.microphone == "failed" and (before is None or before.microphone != "failed"):
            notices.append(p.CallNotice(call_id=call_id, code="kiosk_microphone_lost"))
        clerk = self._calls[call_id].member_by_role("clerk")
        if clerk is None or clerk.conn is None:
            return []
        return [Send(clerk.conn, notice) for notice in notices]

    def _feedback(self, kiosk: KioskPrincipal, msg: p.Feedback) -> list[Effect]:
        last = self._last_call.get(kiosk.kiosk_id)
        now = self._clock()
        if last is None or last[0] != msg.call_id or now - last[3] > FEEDBACK_WINDOW_S:
            raise NotAllowed("not_found", f"no recent call '{msg.call_id}' of this kiosk")
        del self._last_call[kiosk.kiosk_id]  # one rating per call
        _call_id, agency, point_id, _ended = last
        return [SaveFeedback(point_id, agency, msg.score, msg.reason, now)]

    def _queue_leave(self, kiosk: KioskPrincipal) -> list[Effect]:
        ticket_id = self._ticket_of_kiosk.get(kiosk.kiosk_id)
        if ticket_id is None:
            raise NotAllowed("invalid_state", "this kiosk is not queued")
        log.info("ticket %s left the queue", ticket_id)
        return self._drop_ticket(ticket_id, "left", "abandoned")

    def _drop_ticket(self, ticket_id: str, reason: str, outcome: p.Outcome) -> list[Effect]:
        offer = self.router.offers.get(ticket_id)
        ticket = self.router.remove(ticket_id)
        assert ticket is not None
        self._told_position.pop(ticket_id, None)
        del self._ticket_of_kiosk[ticket.kiosk_id]
        self._offline_since.pop(ticket_id, None)
        effects: list[Effect] = [FinishContact(self._record(ticket, None, outcome))]
        conn = self._kiosk_conn.get(ticket.kiosk_id)
        if conn is not None:
            effects.append(Send(conn, p.QueueLeft(ticket=ticket_id, reason=reason)))  # type: ignore[arg-type]
        if offer is not None:
            effects += self._withdrawn(offer, "left")
        return effects + self._queue_changed(ticket) + self._match()

    def _clerk_status(self, clerk: ClerkPrincipal, status: str) -> list[Effect]:
        if status == "available":
            self.router.set_available(clerk.clerk_id, self._clock())
        else:
            withdrawn = self.router.set_away(clerk.clerk_id)
            if withdrawn is not None:
                return [*self._withdrawn(withdrawn, "away"), *self._match()]
        return [*self._clerk_state(clerk.clerk_id), *self._match()]

    def _call_accept(self, clerk: ClerkPrincipal, ticket_id: str) -> list[Effect]:
        if ("clerk", clerk.clerk_id) in self._call_of:
            raise NotAllowed("invalid_state", "you are already in a call")
        try:
            ticket = self.router.accept(clerk.clerk_id, ticket_id)
            self._told_position.pop(ticket_id, None)
        except KeyError:
            raise NotAllowed("not_found", f"ticket '{ticket_id}' is not offered to you") from None
        del self._ticket_of_kiosk[ticket.kiosk_id]
        call = Call(call_id=self._new_id("c"), ticket=ticket, answered_at=self._clock())
        kiosk_conn = self._kiosk_conn.get(ticket.kiosk_id)
        call.members = {
            "kiosk": Member("kiosk", "kiosk", ticket.kiosk_id, kiosk_conn),
            "clerk": Member(
                "clerk", "clerk", clerk.clerk_id, next(iter(self._clerk_conns[clerk.clerk_id]))
            ),
        }
        self._add_call(call)
        log.info("call %s started for ticket %s", call.call_id, ticket.ticket)
        effects: list[Effect] = [
            SaveContact(self._contact(call)),
            *(Audit("joined", m.role, m.principal_id, call.call_id) for m in call.members.values()),
        ]
        for member in call.members.values():
            if member.conn is not None:
                effects.append(Send(member.conn, self._call_started(call, member)))
        effects += self._clerk_state(clerk.clerk_id) + self._queue_changed(ticket)
        # The customer asked for an interpreter, or speaks a language this clerk does not.
        needed = ticket.interpreter or (
            ticket.language if ticket.language not in clerk.languages else None
        )
        if needed is not None:
            effects += self._interpreter_request(call, needed, "kiosk")
        return effects

    def _call_decline(self, clerk: ClerkPrincipal, ticket_id: str) -> list[Effect]:
        offer = self.router.offers.get(ticket_id)
        if offer is None or offer.clerk_id != clerk.clerk_id:
            raise NotAllowed("not_found", f"ticket '{ticket_id}' is not offered to you")
        self.router.set_away(clerk.clerk_id)
        return [*self._withdrawn(offer, "declined"), *self._match()]

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
        if target.conn is None:
            raise NotAllowed("invalid_state", f"member '{msg.to}' is reconnecting")
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

    def _chat(self, conn: str, msg: p.ChatSend) -> list[Effect]:
        """Real-time text to every member, the sender included (one order for all).
        The text is neither stored nor logged."""
        call, sender = self._member(conn, msg.call_id)
        line = p.Chat(
            call_id=call.call_id,
            from_=sender.member_id,
            role=sender.role,  # type: ignore[arg-type]
            text=msg.text,
            at=self._clock(),
        )
        return [Send(m.conn, line) for m in call.members.values() if m.conn is not None]

    def _rejoin(self, conn: str, call_id: str) -> list[Effect]:
        """A member that lost its media (page reload, kiosk restart) is connected again:
        it gets a fresh ``call.started``, and everyone else drops their old connection to
        it and makes a new one, exactly as for someone joining (the kiosk offers; among
        browsers the one rejoining offers)."""
        call, member = self._member(conn, call_id)
        log.info("call %s: %s reconnects its media", call.call_id, member.member_id)
        left = p.PeerLeft(call_id=call.call_id, member_id=member.member_id)
        return [
            Audit("media_rejoined", member.role, member.principal_id, call.call_id),
            *(
                Send(m.conn, left)
                for m in call.members.values()
                if m is not member and m.conn is not None
            ),
            *self._arrive(call, member),
        ]

    def _call_started(self, call: Call, member: Member) -> p.CallStarted:
        """``member``'s view of the call: who else is in it, and to whom *it* offers. The
        kiosk (aiortc, which cannot roll back an offer) offers to everyone; a browser
        offers to the browsers already there when it arrives, and never to the kiosk."""
        ice, policy = self._ice.for_call(call.call_id, self._clock())
        return p.CallStarted(
            call_id=call.call_id,
            you=member.member_id,
            agency=call.ticket.agency,
            language=call.ticket.language,
            peers=[
                self._peer(other, initiator=member.role == "kiosk" or other.role != "kiosk")
                for other in call.members.values()
                if other is not member
            ],
            ice_servers=ice,
            ice_transport_policy=policy,
        )

    @staticmethod
    def _peer(member: Member, *, initiator: bool) -> p.CallPeer:
        return p.CallPeer(
            member_id=member.member_id,
            role=member.role,  # type: ignore[arg-type]
            initiator=initiator,
            language=member.language,
        )

    def _arrive(self, call: Call, member: Member) -> list[Effect]:
        """Connect a member that joins a running call (or comes back without its media)
        with everyone else: its ``call.started``, and ``call.peer_joined`` to the others
        (only the kiosk offers to it)."""
        effects: list[Effect] = []
        if member.conn is not None:
            effects.append(Send(member.conn, self._call_started(call, member)))
        for other in call.members.values():
            if other is not member and other.conn is not None:
                peer = self._peer(member, initiator=other.role == "kiosk")
                effects.append(Send(other.conn, p.PeerJoined(call_id=call.call_id, peer=peer)))
        return effects

    # --- interpreters --------------------------------------------------------------------

    def _interpreter_status(self, interpreter: ClerkPrincipal, status: str) -> list[Effect]:
        if status == "available":
            invited = self.interpreters.set_available(interpreter.clerk_id)
            effects = self._invite(invited)
        else:
            effects = self._voided(self.interpreters.set_away(interpreter.clerk_id))
        return effects + self._clerk_state(interpreter.clerk_id)

    def _interpreter_request(self, call: Call, language: str, by: str) -> list[Effect]:
        request, voided = self.interpreters.request(
            call.call_id, language, call.ticket.agency, by, self._clock()
        )
        log.info(
            "call %s: interpreter of %s requested, %d invited",
            call.call_id,
            language,
            len(request.invitations),
        )
        status = p.InterpreterStatus(
            call_id=call.call_id,
            language=language,
            state="requested",
            invited=len(request.invitations),
            expires_at=request.expires_at,
        )
        return (
            self._voided(voided)
            + self._invite([(inv, request) for inv in request.invitations])
            + self._tell_served(call, status)
        )

    def _interpreter_cancel(self, call: Call) -> list[Effect]:
        request, voided = self.interpreters.cancel(call.call_id)
        if request is None:
            raise NotAllowed("not_found", "this call has no open interpreter request")
        status = p.InterpreterStatus(
            call_id=call.call_id, language=request.language, state="cancelled"
        )
        return self._voided(voided) + self._tell_served(call, status)

    def _invitation_decline(self, interpreter: ClerkPrincipal, invitation: str) -> list[Effect]:
        try:
            void = self.interpreters.decline(interpreter.clerk_id, invitation)
        except KeyError:
            raise NotAllowed("not_found", "this invitation is not open to you") from None
        return self._voided([void])

    def _invitation_accept(self, interpreter: ClerkPrincipal, invitation: str) -> list[Effect]:
        try:
            request, voided = self.interpreters.accept(interpreter.clerk_id, invitation)
        except KeyError:
            # Taken, expired, already used or never yours: the same answer for all.
            raise NotAllowed("not_found", "this invitation is not open to you") from None
        call = self._calls[request.call_id]
        now = self._clock()
        call.interpreters_joined += 1
        member = Member(
            f"interpreter-{call.interpreters_joined}",
            "interpreter",
            interpreter.clerk_id,
            next(iter(self._clerk_conns[interpreter.clerk_id])),
            language=request.language,
        )
        call.members[member.member_id] = member
        self._call_of[("interpreter", interpreter.clerk_id)] = call.call_id
        call.interpreter_since[member.member_id] = now
        call.interpreter_language = call.interpreter_language or request.language
        log.info("call %s: %s joined", call.call_id, member.member_id)
        effects: list[Effect] = [
            SaveContact(self._contact(call)),
            Audit("joined", "interpreter", interpreter.clerk_id, call.call_id, request.language),
            *self._voided(voided),
            *self._arrive(call, member),
        ]
        status = p.InterpreterStatus(
            call_id=call.call_id, language=request.language, state="joined"
        )
        return effects + self._tell_served(call, status) + self._clerk_state(interpreter.clerk_id)

    def _interpreter_leave(self, call: Call, member: Member) -> list[Effect]:
        """The interpreter left (or was lost): the call goes on without them."""
        now = self._clock()
        del call.members[member.member_id]
        self._call_of.pop(("interpreter", member.principal_id), None)
        call.interpreter_seconds += now - call.interpreter_since.pop(member.member_id, now)
        log.info("call %s: %s left", call.call_id, member.member_id)
        effects: list[Effect] = [
            SaveContact(self._contact(call)),
            Audit("left", "interpreter", member.principal_id, call.call_id),
            *(
                Send(m.conn, p.PeerLeft(call_id=call.call_id, member_id=member.member_id))
                for m in call.members.values()
                if m.conn is not None
            ),
        ]
        if member.conn is not None:
            effects.append(Send(member.conn, p.CallEnded(call_id=call.call_id, reason="left")))
        status = p.InterpreterStatus(
            call_id=call.call_id, language=call.interpreter_language or "fi", state="left"
        )
        return effects + self._tell_served(call, status) + self._released(member.principal_id)

    def _released(self, interpreter_id: int) -> list[Effect]:
        """An interpreter out of a call: free for invitations again, or gone for good when
        no console of theirs is connected."""
        if interpreter_id not in self._clerk_conns:
            self.interpreters.unseat(interpreter_id)
            return []
        return self._invite(self.interpreters.left_call(interpreter_id)) + self._clerk_state(
            interpreter_id
        )

    def _invitation_message(self, invitation: str, request: Request) -> p.Invitation:
        return p.Invitation(
            invitation=invitation,
            language=request.language,
            agency=request.agency,
            expires_at=request.expires_at,
            requested_by=request.requested_by,  # type: ignore[arg-type]
        )

    def _invite(self, invitations: list[tuple[str, Request]]) -> list[Effect]:
        effects: list[Effect] = []
        for invitation, request in invitations:
            interpreter_id = request.invitations[invitation]
            message = self._invitation_message(invitation, request)
            effects += [Send(c, message) for c in self._clerk_conns.get(interpreter_id, ())]
            effects += self._clerk_state(interpreter_id)
        return effects

    def _voided(self, voided: list[Void]) -> list[Effect]:
        effects: list[Effect] = []
        for void in voided:
            message = p.InvitationWithdrawn(invitation=void.invitation, reason=void.reason)  # type: ignore[arg-type]
            effects += [Send(c, message) for c in self._clerk_conns.get(void.interpreter_id, ())]
            effects += self._clerk_state(void.interpreter_id)
        return effects

    def _tell_served(self, call: Call, message: p.Message) -> list[Effect]:
        """To the kiosk and the clerk of the call (not its interpreters)."""
        return [
            Send(m.conn, message)
            for m in call.members.values()
            if m.role in ("kiosk", "clerk") and m.conn is not None
        ]

    def _call_end(self, conn: str, principal: Principal, msg: p.CallEnd) -> list[Effect]:
        call, _member = self._member(conn, msg.call_id)
        reason: p.EndReason = "ended_by_clerk" if principal.role == "clerk" else "ended_by_kiosk"
        outcome: p.Outcome = msg.outcome if principal.role == "clerk" and msg.outcome else "handled"
        return self._end_call(call, reason, outcome)

    def _call_transfer(self, conn: str, clerk: ClerkPrincipal, msg: p.CallTransfer) -> list[Effect]:
        call, _member = self._member(conn, msg.call_id)
        old = call.ticket
        if msg.agency == old.agency:
            raise NotAllowed("invalid_state", "the customer is already with this agency")
        if (old.point_id, msg.agency) not in self.catalogue.schedules:
            raise NotAllowed("not_found", f"agency '{msg.agency}' is not served at this point")
        if not self.catalogue.is_open(old.point_id, msg.agency, self._clock()):
            raise NotAllowed("invalid_state", f"agency '{msg.agency}' is closed now")
        effects = self._end_call(call, "transferred", "transferred")
        self._seq += 1
        ticket = Ticket(
            ticket=self._new_id("t"),
            seq=self._seq,
            kiosk_id=old.kiosk_id,
            point_id=old.point_id,
            agency=msg.agency,
            language=old.language,
            queued_at=self._clock(),
            priority=TRANSFERRED,
            interpreter=old.interpreter,  # the customer still needs their interpreter
        )
        self.router.add(ticket)
        self._ticket_of_kiosk[ticket.kiosk_id] = ticket.ticket
        if ticket.kiosk_id not in self._kiosk_conn:
            self.router.hold(ticket.ticket)
            self._offline_since[ticket.ticket] = self._clock()
        log.info("call %s transferred to %s as ticket %s", call.call_id, msg.agency, ticket.ticket)
        return [
            *effects,
            SaveContact(LiveContact(ticket)),
            *self._queue_changed(ticket, tell=ticket.kiosk_id),
            *self._match(),
        ]

    # --- time ----------------------------------------------------------------------------

    def tick(self) -> list[Effect]:
        """Apply what time alone changes: expired offers and grace periods, due
        appointments, agencies that closed, and the kiosks' agency lists."""
        now = self._clock()
        effects: list[Effect] = []
        for offer in self.router.expire(now):
            log.info("offer of ticket %s to clerk %s expired", offer.ticket, offer.clerk_id)
            effects += self._withdrawn(offer, "expired")
        for ticket_id, since in list(self._offline_since.items()):
            if now - since >= self.timing.kiosk_grace_s and ticket_id in self.router.tickets:
                log.info("ticket %s expired: kiosk offline", ticket_id)
                effects += self._drop_ticket(ticket_id, "expired", "abandoned")
        for request, voided in self.interpreters.expire(now):
            log.info("call %s: interpreter request timed out", request.call_id)
            effects += self._voided(voided)
            status = p.InterpreterStatus(
                call_id=request.call_id, language=request.language, state="timed_out"
            )
            effects += self._tell_served(self._calls[request.call_id], status)
        for call in list(self._calls.values()):
            lost = [
                m
                for m in call.members.values()
                if m.offline_since is not None
                and now - m.offline_since >= self.timing.member_grace_s
            ]
            for member in [m for m in lost if m.role == "interpreter"]:
                effects += self._interpreter_leave(call, member)
            if any(m.role != "interpreter" for m in lost):
                effects += self._end_call(call, "member_lost", "abandoned")
        for ticket in list(self.router.tickets.values()):
            if ticket.ticket in self.router.tickets and self._nobody_will_serve(ticket, now):
                log.info("ticket %s: %s closed and no clerk left", ticket.ticket, ticket.agency)
                effects += self._drop_ticket(ticket.ticket, "no_clerk", "no_clerk")
        effects += self._match()
        effects += self._refresh_agency_lists()
        return effects

    def _nobody_will_serve(self, ticket: Ticket, now: float) -> bool:
        if ticket.priority == APPOINTMENT or self.catalogue.is_open(
            ticket.point_id, ticket.agency, now
        ):
            return False
        return not any(ticket.agency in s.agencies for s in self.router.seats.values())

    # --- helpers -------------------------------------------------------------------------

    def _presence(self, call: Call, member: Member) -> list[Effect]:
        """Tell the other members that ``member`` went offline or came back."""
        online = member.conn is not None
        message = p.CallMember(call_id=call.call_id, member_id=member.member_id, online=online)
        effects: list[Effect] = [
            Audit(
                "rejoined" if online else "dropped", member.role, member.principal_id, call.call_id
            )
        ]
        return effects + [
            Send(other.conn, message)
            for other in call.members.values()
            if other is not member and other.conn is not None
        ]

    def _contact(self, call: Call) -> LiveContact:
        """What a restart needs of a running call: its ticket, clerk and interpreter."""
        clerk = call.member_by_role("clerk")
        interpreter = call.member_by_role("interpreter")
        return LiveContact(
            call.ticket,
            call.call_id,
            clerk.principal_id if clerk else None,
            call.answered_at,
            InterpreterSeat(
                interpreter.principal_id,
                interpreter.member_id,
                call.interpreter_since.get(interpreter.member_id, call.answered_at),
            )
            if interpreter
            else None,
            call.interpreter_language,
            call.interpreter_seconds,
        )

    def _add_call(self, call: Call) -> None:
        self._calls[call.call_id] = call
        for member in call.members.values():
            self._call_of[(member.role, member.principal_id)] = call.call_id

    def _end_call(self, call: Call, reason: p.EndReason, outcome: p.Outcome) -> list[Effect]:
        now = self._clock()
        call.apply(CallEvent.END, now)
        del self._calls[call.call_id]
        call.interpreter_seconds += sum(now - t for t in call.interpreter_since.values())
        call.interpreter_since.clear()
        _request, voided = self.interpreters.cancel(call.call_id, "call_ended")
        effects: list[Effect] = [
            *self._voided(voided),
            FinishContact(self._record(call.ticket, call, outcome)),
            Audit("ended", "server", None, call.call_id, f"{reason}, {outcome}"),
        ]
        if reason != "transferred":
            ticket = call.ticket
            self._last_call[ticket.kiosk_id] = (call.call_id, ticket.agency, ticket.point_id, now)
        for member in call.members.values():
            self._call_of.pop((member.role, member.principal_id), None)
            if member.conn is not None:
                effects.append(Send(member.conn, p.CallEnded(call_id=call.call_id, reason=reason)))
        clerk = call.member_by_role("clerk")
        if clerk is not None and clerk.principal_id in self.router.seats:
            self.router.call_ended(clerk.principal_id, now)
            effects += self._clerk_state(clerk.principal_id)
        for member in call.members.values():
            if member.role == "interpreter":
                effects += self._released(member.principal_id)
        if outcome in ("handled", "transferred"):
            times = self._handling.setdefault(call.ticket.agency, [])
            times.insert(0, now - call.answered_at)
            del times[20:]
        log.info("call %s ended: %s, outcome %s", call.call_id, reason, outcome)
        return effects + self._match()

    def _record(self, ticket: Ticket, call: Call | None, outcome: p.Outcome) -> TransactionRecord:
        return TransactionRecord(
            ticket=ticket.ticket,
            call_id=call.call_id if call else None,
            point_id=ticket.point_id,
            kiosk_id=ticket.kiosk_id,
            agency=ticket.agency,
            service=ticket.service,
            language=ticket.language,
            interpreter_language=call.interpreter_language if call else None,
            interpreter_seconds=round(call.interpreter_seconds, 1) if call else 0.0,
            queued_at=ticket.queued_at,
            answered_at=call.answered_at if call else None,
            ended_at=self._clock(),
            outcome=outcome,
            documents=call.documents if call else 0,
            document_bytes=call.document_bytes if call else 0,
        )

    def _match(self) -> list[Effect]:
        effects: list[Effect] = []
        for offer in self.router.match(self._clock()):
            for conn in self._clerk_conns.get(offer.clerk_id, ()):
                effects.append(Send(conn, self._offer_message(offer)))
            effects += self._clerk_state(offer.clerk_id)
        return effects

    def _entry(self, ticket: Ticket) -> p.QueueEntry:
        point = (
            self.catalogue.points.get(ticket.point_id)
            or self._kiosk_points.get(ticket.kiosk_id, (0, ""))[1]
        )
        return p.QueueEntry(
            ticket=ticket.ticket,
            agency=ticket.agency,
            language=ticket.language,
            point=point,
            queued_at=ticket.queued_at,
            kind=KIND[ticket.priority],  # type: ignore[arg-type]
        )

    def _offer_message(self, offer: Offer) -> p.CallOffer:
        return p.CallOffer(
            entry=self._entry(self.router.tickets[offer.ticket]), expires_at=offer.expires_at
        )

    def _withdrawn(self, offer: Offer, reason: str) -> list[Effect]:
        """Tell the clerk their offer is gone, and their status after it."""
        message = p.CallOfferWithdrawn(ticket=offer.ticket, reason=reason)  # type: ignore[arg-type]
        sends: list[Effect] = [Send(c, message) for c in self._clerk_conns.get(offer.clerk_id, ())]
        return sends + self._clerk_state(offer.clerk_id)

    def _clerk_state(self, clerk_id: int) -> list[Effect]:
        desk = self.interpreters.desks.get(clerk_id)
        if desk is not None:
            status = (
                "busy"
                if desk.in_call
                else "offered"
                if self.interpreters.invitations_of(clerk_id)
                else "available"
                if desk.available
                else "away"
            )
        elif clerk_id in self.router.seats:
            status = self.router.seats[clerk_id].status.value
        else:
            return []
        state = p.ClerkState(status=status)  # type: ignore[arg-type]
        return [Send(conn, state) for conn in self._clerk_conns.get(clerk_id, ())]

    def _serving(self, agency: str) -> int:
        return sum(
            1
            for s in self.router.seats.values()
            if agency in s.agencies and s.status is not ClerkStatus.AWAY
        )

    def _wait(self, agency: str, position: int) -> tuple[float, float] | None:
        return estimate_wait(
            position,
            self._handling.get(agency, []),
            self._serving(agency),
            self.timing.default_handling_s,
        )

    def _queue_changed(self, ticket: Ticket, *, tell: int | None = None) -> list[Effect]:
        """Places and waits to the kiosks in the ticket's queue whose place changed (and to
        kiosk ``tell`` in any case), snapshots to the clerks of its agency."""
        effects: list[Effect] = []
        queue = self.router.queue_of(self.router.queue_key(ticket))
        for index, queued in enumerate(queue, start=1):
            conn = self._kiosk_conn.get(queued.kiosk_id)
            if conn is None:
                continue
            if self._told_position.get(queued.ticket) == index and queued.kiosk_id != tell:
                continue
            self._told_position[queued.ticket] = index
            wait = self._wait(queued.agency, index)
            status = p.QueueStatus(
                ticket=queued.ticket,
                agency=queued.agency,
                position=index,
                waiting=len(queue),
                wait_min_s=wait[0] if wait else None,
                wait_max_s=wait[1] if wait else None,
            )
            effects.append(Send(conn, status))
        snapshots: dict[frozenset[str], p.QueueSnapshot] = {}
        for clerk_id, conns in self._clerk_conns.items():
            seat = self.router.seats.get(clerk_id)
            if seat is not None and ticket.agency in seat.agencies:
                if seat.agencies not in snapshots:  # built once per set of agencies
                    snapshots[seat.agencies] = self._snapshot_for(seat.agencies)
                effects += [Send(conn, snapshots[seat.agencies]) for conn in conns]
        return effects

    def _snapshot_for(self, agencies: frozenset[str]) -> p.QueueSnapshot:
        waiting = self.router.waiting_for(agencies)
        summaries: dict[tuple[str, str | None], list[Ticket]] = {}
        for ticket in waiting:
            summaries.setdefault(self.router.queue_key(ticket), []).append(ticket)
        return p.QueueSnapshot(
            entries=[self._entry(t) for t in waiting[:SNAPSHOT_ENTRIES]],
            queues=[
                p.QueueSummary(
                    agency=agency,
                    language=language,
                    waiting=len(tickets),
                    oldest_queued_at=min(t.queued_at for t in tickets),
                )
                for (agency, language), tickets in sorted(
                    summaries.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
                )
            ],
        )

    def _agency_list(self, point_id: int) -> list[p.AgencyInfo]:
        now = self._clock()
        infos = []
        for status in self.catalogue.at_point(point_id, now):
            code = status.agency.code
            waiting = sum(
                1
                for t in self.router.tickets.values()
                if t.agency == code and t.point_id == point_id
            )
            wait = self._wait(code, waiting + 1) if status.open else None
            infos.append(
                p.AgencyInfo(
                    code=code,
                    names=status.agency.names,
                    open=status.open,
                    wait_min_s=round(wait[0]) if wait else None,
                    wait_max_s=round(wait[1]) if wait else None,
                    next_opening=status.next_opening,
                )
            )
        return infos

    def _refresh_agency_lists(self, *, force: bool = False) -> list[Effect]:
        """Send each point's kiosks their agency list when it changed."""
        effects: list[Effect] = []
        points = {point for point, _name in self._kiosk_points.values()}
        for point_id in points:
            infos = self._agency_list(point_id)
            if not force and self._sent_agencies.get(point_id) == infos:
                continue
            self._sent_agencies[point_id] = infos
            message = p.AgencyList(agencies=infos)
            for kiosk_id, conn in self._kiosk_conn.items():
                if self._kiosk_points.get(kiosk_id, (None,))[0] == point_id:
                    effects.append(Send(conn, message))
        return effects
