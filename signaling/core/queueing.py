"""Queues and offers: joining and leaving, clerks' availability, offers made and withdrawn,
places and waits told to kiosks, snapshots to clerks, each point's agency list.

Every handler checks first and changes after: a refused message (NotAllowed) leaves the
core exactly as it was (tests/test_core_atomicity.py).
"""

from __future__ import annotations

import logging

from protocol import messages as p
from protocol.json_logs import about
from signaling.core.effects import AppointmentUsed, Effect, FinishContact, SaveContact, Send
from signaling.core.presence import ClerkPrincipal, KioskPrincipal
from signaling.core.recording import transaction
from signaling.core.state import Core
from signaling.exceptions import NotAllowed
from signaling.records import Appointment, LiveContact
from signaling.routing import (
    APPOINTMENT,
    TRANSFERRED,
    WALK_IN,
    ClerkStatus,
    Offer,
    Ticket,
    estimate_wait,
)

log = logging.getLogger(__name__)

NO_APPOINTMENT = "no appointment with this code is due at this point now"

KIND: dict[int, p.QueueKind] = {
    TRANSFERRED: "transferred",
    APPOINTMENT: "appointment",
    WALK_IN: "walk_in",
}
#: A clerk's list shows the next this many customers; the summaries count everyone.
SNAPSHOT_ENTRIES = 50
#: The member name in a queued kiosk's TURN username ("<expiry>:<ticket>:queued").
QUEUED_KIOSK = "queued"


# --- kiosks ------------------------------------------------------------------------------


def queue_join(
    core: Core, kiosk: KioskPrincipal, msg: p.QueueJoin, booking: Appointment | None
) -> list[Effect]:
    book = core.queue_book
    if kiosk.kiosk_id in book.ticket_of_kiosk:
        raise NotAllowed("invalid_state", "this kiosk is already queued")
    if core.room_book.of("kiosk", kiosk.kiosk_id) is not None:
        raise NotAllowed("invalid_state", "this kiosk is in a call")
    now = core.clock()
    priority, not_before, booked, appointment_id = WALK_IN, None, None, None
    agency = msg.agency
    if msg.appointment is not None:
        timing = core.timing
        # Unknown, elsewhere, used or not due: one answer, so a guess learns nothing.
        if (
            booking is None
            or booking.point_id != kiosk.point_id
            or booking.status != "booked"
            or not (
                booking.starts_at - timing.appointment_early_s
                <= now
                <= booking.starts_at + timing.appointment_late_s
            )
        ):
            raise NotAllowed("not_found", NO_APPOINTMENT)
        agency = booking.agency
        priority, not_before = APPOINTMENT, booking.starts_at
        booked, appointment_id = booking.clerk_id, booking.appointment_id
    assert agency is not None
    if agency not in core.catalogue.agencies or (kiosk.point_id, agency) not in (
        core.catalogue.schedules
    ):
        raise NotAllowed("not_found", f"agency '{agency}' is not served at this point")
    cut_off = core.kiosk_book.cut_off.get(kiosk.kiosk_id)
    comes_back = cut_off is not None and cut_off[0] == agency and now <= cut_off[1]
    if (
        msg.appointment is None
        and not comes_back
        and not core.catalogue.is_open(kiosk.point_id, agency, now)
    ):
        raise NotAllowed("invalid_state", f"agency '{agency}' is closed now")
    if comes_back:  # their call was cut off by the network: back to the head of the queue
        priority = TRANSFERRED
        del core.kiosk_book.cut_off[kiosk.kiosk_id]
    ticket = enqueue(
        core,
        kiosk_id=kiosk.kiosk_id,
        point_id=kiosk.point_id,
        agency=agency,
        language=msg.language,
        priority=priority,
        service=msg.service,
        not_before=not_before,
        booked_clerk=booked,
        appointment_id=appointment_id,
        interpreter=msg.interpreter,
    )
    log.info(
        "ticket %s queued for %s (%s)",
        ticket.ticket,
        agency,
        KIND[priority],
        extra=about("queue.joined", ticket=ticket.ticket, point=ticket.point_id, agency=agency),
    )
    used: list[Effect] = [AppointmentUsed(appointment_id)] if appointment_id else []
    return [
        *used,
        SaveContact(LiveContact(ticket)),
        *queue_changed(core, ticket, tell=ticket.kiosk_id),
        *match(core),
    ]


def enqueue(
    core: Core,
    *,
    kiosk_id: int,
    point_id: int,
    agency: str,
    language: str,
    priority: int,
    service: str | None = None,
    not_before: float | None = None,
    booked_clerk: int | None = None,
    appointment_id: int | None = None,
    interpreter: str | None = None,
) -> Ticket:
    """A new ticket at the back of its queue (within its priority); held while the
    kiosk is offline."""
    book = core.queue_book
    book.seq += 1
    now = core.clock()
    ticket = Ticket(
        ticket=core.new_id("t"),
        seq=book.seq,
        kiosk_id=kiosk_id,
        point_id=point_id,
        agency=agency,
        language=language,
        queued_at=now,
        priority=priority,
        service=service,
        not_before=not_before,
        booked_clerk=booked_clerk,
        appointment_id=appointment_id,
        interpreter=interpreter,
    )
    core.router.add(ticket)
    book.ticket_of_kiosk[kiosk_id] = ticket.ticket
    if core.presence.kiosk_conn(kiosk_id) is None:
        core.router.hold(ticket.ticket)
        book.offline_since[ticket.ticket] = now
    return ticket


def queue_leave(core: Core, kiosk: KioskPrincipal) -> list[Effect]:
    ticket_id = core.queue_book.ticket_of_kiosk.get(kiosk.kiosk_id)
    if ticket_id is None:
        raise NotAllowed("invalid_state", "this kiosk is not queued")
    log.info("ticket %s left the queue", ticket_id, extra=about("queue.left", ticket=ticket_id))
    return drop_ticket(core, ticket_id, "left", "abandoned")


def queue_offer(core: Core, kiosk: KioskPrincipal, msg: p.QueueOffer) -> list[Effect]:
    """Keep (or forget) the offer the kiosk made ahead for its call: the accepting clerk's
    console gets it with ``call.started``. Answered with nothing: the kiosk learns whether
    it was used from its own ``call.started``."""
    ticket_id = core.queue_book.ticket_of_kiosk.get(kiosk.kiosk_id)
    if ticket_id != msg.ticket:
        raise NotAllowed("not_found", f"ticket '{msg.ticket}' is not this kiosk's")
    if msg.description is None:
        core.queue_book.offers_ahead.pop(ticket_id, None)
    else:
        core.queue_book.offers_ahead[ticket_id] = (msg.number, msg.description)
    return []


def drop_ticket(
    core: Core, ticket_id: str, reason: p.QueueLeftReason, outcome: p.Outcome
) -> list[Effect]:
    book = core.queue_book
    offer = core.router.offers.get(ticket_id)
    ticket = core.router.remove(ticket_id)
    assert ticket is not None
    book.told_position.pop(ticket_id, None)
    book.offers_ahead.pop(ticket_id, None)
    del book.ticket_of_kiosk[ticket.kiosk_id]
    book.offline_since.pop(ticket_id, None)
    effects: list[Effect] = [FinishContact(transaction(ticket, None, outcome, core.clock()))]
    conn = core.presence.kiosk_conn(ticket.kiosk_id)
    if conn is not None:
        effects.append(Send(conn, p.QueueLeft(ticket=ticket_id, reason=reason)))
    if offer is not None:
        effects += withdrawn(core, offer, "left")
    return effects + queue_changed(core, ticket) + match(core)


def kiosk_back(core: Core, kiosk_id: int) -> None:
    """A queued kiosk reconnected within its grace period: its place is offered again."""
    ticket_id = core.queue_book.ticket_of_kiosk[kiosk_id]
    core.router.release(ticket_id)
    core.queue_book.offline_since.pop(ticket_id, None)


def kiosk_gone(core: Core, kiosk_id: int) -> list[Effect]:
    """A queued kiosk dropped: its place is kept for the grace period, its offer withdrawn."""
    ticket_id = core.queue_book.ticket_of_kiosk.get(kiosk_id)
    if ticket_id is None:
        return []
    core.queue_book.offline_since[ticket_id] = core.clock()
    # Connected again, the kiosk closes what it prepared before (its address may be new).
    core.queue_book.offers_ahead.pop(ticket_id, None)
    offer = core.router.hold(ticket_id)
    if offer is None:
        return []
    return withdrawn(core, offer, "left") + match(core)


# --- clerks ------------------------------------------------------------------------------


def clerk_status(core: Core, clerk: ClerkPrincipal, status: str) -> list[Effect]:
    if status == "available":
        core.router.set_available(clerk.clerk_id, core.clock())
    else:
        offer = core.router.set_away(clerk.clerk_id)
        if offer is not None:
            return [*withdrawn(core, offer, "away"), *match(core)]
    return [*status_of(core, clerk.clerk_id), *match(core)]


def call_decline(core: Core, clerk: ClerkPrincipal, ticket_id: str) -> list[Effect]:
    offer = core.router.offers.get(ticket_id)
    if offer is None or offer.clerk_id != clerk.clerk_id:
        raise NotAllowed("not_found", f"ticket '{ticket_id}' is not offered to you")
    core.router.set_away(clerk.clerk_id)
    return [*withdrawn(core, offer, "declined"), *match(core)]


def match(core: Core) -> list[Effect]:
    """Offer waiting customers to free clerks (routing.Router decides who to whom)."""
    effects: list[Effect] = []
    for offer in core.router.match(core.clock()):
        message = offer_message(core, offer)
        effects += [Send(conn, message) for conn in core.presence.clerk_conns(offer.clerk_id)]
        effects += status_of(core, offer.clerk_id)
    return effects


def offer_message(core: Core, offer: Offer) -> p.CallOffer:
    ticket = core.router.tickets[offer.ticket]
    return p.CallOffer(
        entry=entry(core, ticket), expires_at=offer.expires_at, interpreter=ticket.interpreter
    )


def withdrawn(core: Core, offer: Offer, reason: p.WithdrawnReason) -> list[Effect]:
    """Tell the clerk their offer is gone, and their status after it."""
    message = p.CallOfferWithdrawn(ticket=offer.ticket, reason=reason)
    sends: list[Effect] = [Send(c, message) for c in core.presence.clerk_conns(offer.clerk_id)]
    return sends + status_of(core, offer.clerk_id)


def status_of(core: Core, clerk_id: int) -> list[Effect]:
    """A clerk's or interpreter's status, to each of their tabs."""
    status: p.ClerkStatus
    desk = core.interpreters.desks.get(clerk_id)
    if desk is not None:
        if desk.in_call:
            status = "busy"
        elif core.interpreters.invitations_of(clerk_id):
            status = "offered"
        else:
            status = "available" if desk.available else "away"
    elif clerk_id in core.router.seats:
        status = core.router.seats[clerk_id].status.value
    else:
        return []
    state = p.ClerkState(status=status)
    return [Send(conn, state) for conn in core.presence.clerk_conns(clerk_id)]


# --- what kiosks and clerks are told -----------------------------------------------------


def entry(core: Core, ticket: Ticket) -> p.QueueEntry:
    point = (
        core.catalogue.points.get(ticket.point_id)
        or core.presence.kiosk_points.get(ticket.kiosk_id, (0, ""))[1]
    )
    return p.QueueEntry(
        ticket=ticket.ticket,
        agency=ticket.agency,
        language=ticket.language,
        point=point,
        queued_at=ticket.queued_at,
        kind=KIND[ticket.priority],
    )


def serving(core: Core, agency: str) -> int:
    return sum(
        1
        for s in core.router.seats.values()
        if agency in s.agencies and s.status is not ClerkStatus.AWAY
    )


def wait(core: Core, agency: str, position: int) -> tuple[float, float] | None:
    return estimate_wait(
        position,
        core.queue_book.handling.get(agency, []),
        serving(core, agency),
        core.timing.default_handling_s,
    )


def queue_changed(core: Core, ticket: Ticket, *, tell: int | None = None) -> list[Effect]:
    """Places and waits to the kiosks in the ticket's queue whose place changed (and to
    kiosk ``tell`` in any case), snapshots to the clerks of its agency."""
    effects: list[Effect] = []
    book = core.queue_book
    queue = core.router.queue_of(core.router.queue_key(ticket))
    for index, queued in enumerate(queue, start=1):
        conn = core.presence.kiosk_conn(queued.kiosk_id)
        if conn is None:
            continue
        if book.told_position.get(queued.ticket) == index and queued.kiosk_id != tell:
            continue
        effects.append(Send(conn, _place(core, queued, index, len(queue))))
    snapshots: dict[frozenset[str], p.QueueSnapshot] = {}
    for clerk_id, conns in core.presence.clerks_online():
        seat = core.router.seats.get(clerk_id)
        if seat is not None and ticket.agency in seat.agencies:
            if seat.agencies not in snapshots:  # built once per set of agencies
                snapshots[seat.agencies] = snapshot_for(core, seat.agencies)
            effects += [Send(conn, snapshots[seat.agencies]) for conn in conns]
    return effects


def tell_place(core: Core, ticket: Ticket, conn: str) -> list[Effect]:
    """Its place, to a kiosk back on a new connection. Nobody else's place changed, so
    nobody else is told: a fleet reconnecting after a restart would otherwise send every
    clerk a snapshot per kiosk."""
    position, waiting = core.router.position(ticket.ticket)
    return [Send(conn, _place(core, ticket, position, waiting))]


def _place(core: Core, ticket: Ticket, position: int, waiting: int) -> p.QueueStatus:
    core.queue_book.told_position[ticket.ticket] = position
    estimate = wait(core, ticket.agency, position)
    # TURN credentials of the ticket's own (coturn checks them only when an allocation
    # is made, so the one the kiosk makes now carries its call however long it waits).
    ice, policy = core.ice.for_member(ticket.ticket, QUEUED_KIOSK, core.clock())
    return p.QueueStatus(
        ticket=ticket.ticket,
        agency=ticket.agency,
        position=position,
        waiting=waiting,
        wait_min_s=estimate[0] if estimate else None,
        wait_max_s=estimate[1] if estimate else None,
        ice_servers=ice,
        ice_transport_policy=policy,
    )


def snapshot_for(core: Core, agencies: frozenset[str]) -> p.QueueSnapshot:
    waiting = core.router.waiting_for(agencies)
    summaries: dict[tuple[str, str | None], list[Ticket]] = {}
    for ticket in waiting:
        summaries.setdefault(core.router.queue_key(ticket), []).append(ticket)
    return p.QueueSnapshot(
        entries=[entry(core, t) for t in waiting[:SNAPSHOT_ENTRIES]],
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


def agency_list(core: Core, point_id: int) -> list[p.AgencyInfo]:
    now = core.clock()
    infos = []
    for status in core.catalogue.at_point(point_id, now):
        code = status.agency.code
        waiting = core.router.waiting_at(point_id, code)
        estimate = wait(core, code, waiting + 1) if status.open else None
        infos.append(
            p.AgencyInfo(
                code=code,
                names=status.agency.names,
                open=status.open,
                wait_min_s=round(estimate[0]) if estimate else None,
                wait_max_s=round(estimate[1]) if estimate else None,
                next_opening=status.next_opening,
            )
        )
    return infos


def refresh_agency_lists(core: Core, *, force: bool = False) -> list[Effect]:
    """Send each point's kiosks their agency list when it changed."""
    effects: list[Effect] = []
    book = core.queue_book
    points = {point for point, _name in core.presence.kiosk_points.values()}
    for point_id in points:
        infos = agency_list(core, point_id)
        if not force and book.sent_agencies.get(point_id) == infos:
            continue
        book.sent_agencies[point_id] = infos
        message = p.AgencyList(agencies=infos)
        for kiosk_id, conn in core.presence.kiosk_conns():
            if core.presence.kiosk_points.get(kiosk_id, (None,))[0] == point_id:
                effects.append(Send(conn, message))
    return effects


def nobody_will_serve(core: Core, ticket: Ticket, now: float) -> bool:
    if ticket.priority == APPOINTMENT or core.catalogue.is_open(
        ticket.point_id, ticket.agency, now
    ):
        return False
    return not any(ticket.agency in s.agencies for s in core.router.seats.values())


def expire(core: Core, now: float) -> list[Effect]:
    """What time alone changes in the queues: offers not taken, kiosks gone past their
    grace, customers of an agency that closed with no clerk left to serve them."""
    effects: list[Effect] = []
    for offer in core.router.expire(now):
        log.info(
            "offer of ticket %s to clerk %s expired",
            offer.ticket,
            offer.clerk_id,
            extra=about("offer.expired", ticket=offer.ticket),
        )
        effects += withdrawn(core, offer, "expired")
    for ticket_id, since in list(core.queue_book.offline_since.items()):
        if now - since >= core.timing.kiosk_grace_s and ticket_id in core.router.tickets:
            log.info(
                "ticket %s expired: kiosk offline",
                ticket_id,
                extra=about("queue.expired", ticket=ticket_id),
            )
            effects += drop_ticket(core, ticket_id, "expired", "abandoned")
    for ticket in list(core.router.tickets.values()):
        if ticket.ticket in core.router.tickets and nobody_will_serve(core, ticket, now):
            log.info(
                "ticket %s: %s closed and no clerk left",
                ticket.ticket,
                ticket.agency,
                extra=about("queue.no_clerk", ticket=ticket.ticket, agency=ticket.agency),
            )
            effects += drop_ticket(core, ticket.ticket, "no_clerk", "no_clerk")
    return effects
