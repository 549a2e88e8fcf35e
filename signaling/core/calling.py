"""Calls: started when a clerk accepts an offer, relayed, rejoined, transferred, ended.

The call belongs to the connection (console tab) that accepted it; the other tabs of
the same clerk keep seeing the queues. Every handler checks first and changes after.
"""

from __future__ import annotations

import logging

from protocol import messages as p
from protocol.json_logs import about
from signaling.core import interpreter_desk, members, queueing
from signaling.core.effects import Audit, Effect, FinishContact, Measured, SaveContact, Send
from signaling.core.presence import ClerkPrincipal, Principal
from signaling.core.recording import live_contact, transaction
from signaling.core.room import Member, Room, RoomEvent, pair
from signaling.core.state import Core
from signaling.exceptions import NotAllowed
from signaling.records import LiveContact
from signaling.routing import TRANSFERRED

log = logging.getLogger(__name__)


def call_accept(core: Core, conn: str, clerk: ClerkPrincipal, ticket_id: str) -> list[Effect]:
    if core.room_book.of("clerk", clerk.clerk_id) is not None:
        raise NotAllowed("invalid_state", "you are already in a call")
    offer = core.router.offers.get(ticket_id)
    if offer is None or offer.clerk_id != clerk.clerk_id:
        raise NotAllowed("not_found", f"ticket '{ticket_id}' is not offered to you")
    ticket = core.router.accept(clerk.clerk_id, ticket_id)
    core.queue_book.told_position.pop(ticket_id, None)
    offer_ahead = core.queue_book.offers_ahead.pop(ticket_id, None)
    del core.queue_book.ticket_of_kiosk[ticket.kiosk_id]
    room = Room(call_id=core.new_id("c"), ticket=ticket, answered_at=core.clock())
    room.members = {
        "kiosk": Member(
            "kiosk", "kiosk", ticket.kiosk_id, core.presence.kiosk_conn(ticket.kiosk_id)
        ),
        "clerk": Member("clerk", "clerk", clerk.clerk_id, conn),
    }
    if room.members["kiosk"].conn is None:  # the kiosk dropped as the offer was taken
        room.members["kiosk"].offline_since = room.answered_at
        room.apply(RoomEvent.MEMBER_OFFLINE, room.answered_at)
        offer_ahead = None  # back, it offers anew (its prepared connection is closed)
    core.room_book.add(room)
    log.info(
        "call %s started for ticket %s",
        room.call_id,
        ticket.ticket,
        extra=about(
            "call.started",
            call_id=room.call_id,
            ticket=ticket.ticket,
            point=ticket.point_id,
            agency=ticket.agency,
        ),
    )
    now = room.answered_at
    effects: list[Effect] = [
        SaveContact(live_contact(room)),
        *(
            Audit(now, "joined", m.role, m.principal_id, room.call_id)
            for m in room.members.values()
        ),
    ]
    for member in room.members.values():
        if member.conn is not None:
            effects.append(Send(member.conn, members.call_started(core, room, member, offer_ahead)))
    effects += queueing.status_of(core, clerk.clerk_id) + queueing.queue_changed(core, ticket)
    # The customer asked for an interpreter, or speaks a language this clerk does not.
    needed = ticket.interpreter or (
        ticket.language if ticket.language not in clerk.languages else None
    )
    if needed is not None:
        effects += interpreter_desk.request(core, room, needed, "kiosk")
    return effects


def relay(core: Core, conn: str, msg: p.SignalOut) -> list[Effect]:
    room, sender = members.member_of(core, conn, msg.call_id)
    target = room.members.get(msg.to)
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
        generation=msg.generation,
        restart=msg.restart,
    )
    return [Send(target.conn, relayed)]


def media_state(core: Core, conn: str, msg: p.CallMediaState) -> list[Effect]:
    room, member = members.member_of(core, conn, msg.call_id)
    if msg.peer not in room.members or msg.peer == member.member_id:
        raise NotAllowed("not_found", f"no member '{msg.peer}' in call '{msg.call_id}'")
    up = msg.state == "connected"
    before = room.media.get(pair(member.member_id, msg.peer))
    first_up = room.connected_at is None
    room.media_reported(member.member_id, msg.peer, up, core.clock())
    measured: list[Effect] = []
    if first_up and room.connected_at is not None:
        setup_s = room.connected_at - room.answered_at
        measured.append(Measured("call_setup_s", setup_s, room.ticket.agency))
    if msg.state == "failed":
        measured.append(Measured("media_failed", 1, member.role))
    if up and before != "up":
        log.info(
            "call %s media up (%s from %s)",
            room.call_id,
            member.member_id,
            msg.peer,
            extra=about("call.media_up", call_id=room.call_id),
        )
    elif not up and before != "down":
        log.warning(
            "call %s media %s (%s from %s)",
            room.call_id,
            msg.state,
            member.member_id,
            msg.peer,
            extra=about(f"call.media_{msg.state}", call_id=room.call_id),
        )
    return measured


def quality(core: Core, conn: str, msg: p.CallQuality) -> list[Effect]:
    """A member's link changed step: the others show it and send it no more than it can
    take. Logged, so that a point's poor link shows in its operations."""
    room, member = members.member_of(core, conn, msg.call_id)
    if room.quality.get(member.member_id, "full") != msg.step:
        log.info(
            "call %s: %s's link carries %s",
            room.call_id,
            member.member_id,
            msg.step,
            extra=about("call.quality", call_id=room.call_id),
        )
    room.quality[member.member_id] = msg.step
    note = p.MemberQuality(call_id=room.call_id, member_id=member.member_id, step=msg.step)
    return members.others(room, member, note)


def document(core: Core, conn: str, msg: p.CallDocument) -> list[Effect]:
    room, _member = members.member_of(core, conn, msg.call_id)
    room.documents += 1
    room.document_bytes += msg.bytes
    log.info(
        "call %s: document of %d bytes received",
        room.call_id,
        msg.bytes,
        extra=about("call.document", call_id=room.call_id),
    )
    return []


def chat(core: Core, conn: str, msg: p.ChatSend) -> list[Effect]:
    """Real-time text to every member, the sender included (one order for all).
    The text is neither stored nor logged."""
    room, sender = members.member_of(core, conn, msg.call_id)
    line = p.Chat(
        call_id=room.call_id,
        from_=sender.member_id,
        role=sender.role,
        text=msg.text,
        at=core.clock(),
    )
    return members.everyone(room, line)


def draft(core: Core, conn: str, msg: p.ChatDraftSend) -> list[Effect]:
    """The line a member is writing, to the others only (the writer has it on screen).
    Like the lines it is neither stored nor logged."""
    room, writer = members.member_of(core, conn, msg.call_id)
    drafting = p.ChatDraft(
        call_id=room.call_id, from_=writer.member_id, role=writer.role, text=msg.text
    )
    return members.others(room, writer, drafting)


def rejoin(core: Core, conn: str, call_id: str) -> list[Effect]:
    """A member that lost its media (page reload, kiosk restart) is connected again:
    it gets a fresh ``call.started``, and everyone else drops their old connection to
    it and makes a new one, exactly as for someone joining (the kiosk offers; among
    browsers the one rejoining offers)."""
    room, member = members.member_of(core, conn, call_id)
    room.reset_media(member, core.clock())
    log.info("call %s: %s reconnects its media", room.call_id, member.member_id)
    left = p.PeerLeft(call_id=room.call_id, member_id=member.member_id)
    return [
        Audit(core.clock(), "media_rejoined", member.role, member.principal_id, room.call_id),
        *members.others(room, member, left),
        *members.arrive(core, room, member),
    ]


def call_end(core: Core, conn: str, principal: Principal, msg: p.CallEnd) -> list[Effect]:
    room, _member = members.member_of(core, conn, msg.call_id)
    reason: p.EndReason = "ended_by_clerk" if principal.role == "clerk" else "ended_by_kiosk"
    outcome: p.Outcome = msg.outcome if principal.role == "clerk" and msg.outcome else "handled"
    return end_call(core, room, reason, outcome)


def call_transfer(core: Core, conn: str, msg: p.CallTransfer) -> list[Effect]:
    room, _member = members.member_of(core, conn, msg.call_id)
    old = room.ticket
    if msg.agency == old.agency:
        raise NotAllowed("invalid_state", "the customer is already with this agency")
    if (old.point_id, msg.agency) not in core.catalogue.schedules:
        raise NotAllowed("not_found", f"agency '{msg.agency}' is not served at this point")
    if not core.catalogue.is_open(old.point_id, msg.agency, core.clock()):
        raise NotAllowed("invalid_state", f"agency '{msg.agency}' is closed now")
    effects = end_call(core, room, "transferred", "transferred")
    ticket = queueing.enqueue(
        core,
        kiosk_id=old.kiosk_id,
        point_id=old.point_id,
        agency=msg.agency,
        language=old.language,
        priority=TRANSFERRED,
        interpreter=old.interpreter,  # the customer still needs their interpreter
    )
    log.info(
        "call %s transferred to %s as ticket %s",
        room.call_id,
        msg.agency,
        ticket.ticket,
        extra=about(
            "call.transferred",
            call_id=room.call_id,
            ticket=ticket.ticket,
            point=ticket.point_id,
            agency=msg.agency,
        ),
    )
    return [
        *effects,
        SaveContact(LiveContact(ticket)),
        *queueing.queue_changed(core, ticket, tell=ticket.kiosk_id),
        *queueing.match(core),
    ]


def end_call(core: Core, room: Room, reason: p.EndReason, outcome: p.Outcome) -> list[Effect]:
    now = core.clock()
    room.end(now)
    return _close(core, room, reason, outcome, now)


def fail_call(core: Core, room: Room) -> list[Effect]:
    """Applying an event to this room hit a fault in the server: end it cleanly for
    everyone (h11's ERROR state) rather than leave it half-changed."""
    now = core.clock()
    room.fail(now)
    log.error(
        "call %s failed in the server: ended",
        room.call_id,
        extra=about("call.failed", call_id=room.call_id),
    )
    return _close(core, room, "server_error", "abandoned", now)


def _close(
    core: Core, room: Room, reason: p.EndReason, outcome: p.Outcome, now: float
) -> list[Effect]:
    del core.room_book.rooms[room.call_id]
    room.interpreter_seconds += sum(now - t for t in room.interpreter_since.values())
    room.interpreter_since.clear()
    effects: list[Effect] = [
        *interpreter_desk.call_closed(core, room),
        FinishContact(transaction(room.ticket, room, outcome, now)),
        Audit(now, "ended", "server", None, room.call_id, f"{reason}, {outcome}"),
    ]
    if reason != "transferred":
        ticket = room.ticket
        core.kiosk_book.last_call[ticket.kiosk_id] = (
            room.call_id,
            ticket.agency,
            ticket.point_id,
            now,
        )
    if reason == "connection_lost":
        # The customer did nothing wrong: for a while, their next join for this agency
        # goes to the head of its queue (queueing.queue_join).
        core.kiosk_book.cut_off[room.ticket.kiosk_id] = (
            room.ticket.agency,
            now + core.timing.cut_off_priority_s,
        )
    for member in room.members.values():
        core.room_book.call_of.pop((member.role, member.principal_id), None)
        if member.conn is not None:
            effects.append(Send(member.conn, p.CallEnded(call_id=room.call_id, reason=reason)))
    clerk = room.member_by_role("clerk")
    if clerk is not None and clerk.principal_id in core.router.seats:
        core.router.call_ended(clerk.principal_id, now)
        effects += queueing.status_of(core, clerk.principal_id)
    if outcome in ("handled", "transferred"):
        times = core.queue_book.handling.setdefault(room.ticket.agency, [])
        times.insert(0, now - room.answered_at)
        del times[20:]
    log.info(
        "call %s ended: %s, outcome %s",
        room.call_id,
        reason,
        outcome,
        extra=about(
            "call.ended",
            call_id=room.call_id,
            ticket=room.ticket.ticket,
            point=room.ticket.point_id,
            agency=room.ticket.agency,
        ),
    )
    return effects + queueing.match(core)


# --- members' connections ----------------------------------------------------------------


def member_back(core: Core, room: Room, member: Member, conn: str) -> list[Effect]:
    """A member's connection is back (its media may have gone on): the others are told,
    and it hears what it missed of their links. Send these after its welcome."""
    room.member_back(member, conn, core.clock())
    return [*members.presence(core, room, member), *members.links_of_others(room, member)]


def member_gone(core: Core, room: Room, member: Member) -> list[Effect]:
    room.member_offline(member, core.clock())
    return members.presence(core, room, member)


def expire(core: Core, now: float) -> list[Effect]:
    """Members offline for the whole grace period: an interpreter leaves, the kiosk or the
    clerk ends the call for everyone."""
    effects: list[Effect] = []
    for room in list(core.room_book.rooms.values()):
        lost = room.lost(now, core.timing.member_grace_s)
        for member in [m for m in lost if m.role == "interpreter"]:
            effects += interpreter_desk.leave(core, room, member)
        if any(m.role != "interpreter" for m in lost):
            effects += end_call(core, room, "connection_lost", "connection_lost")
    return effects
