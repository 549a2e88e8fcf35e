"""Interpreters in calls: requests, invitations, joining and leaving, as effects.

The bookkeeping (who is available in which language, which invitation is open to whom)
is signaling/interpreting.py; this module turns it into messages and room changes.
"""

from __future__ import annotations

import logging

from protocol import messages as p
from protocol.json_logs import about
from signaling.core import members
from signaling.core.effects import Audit, Effect, SaveContact, Send
from signaling.core.presence import ClerkPrincipal
from signaling.core.queueing import status_of
from signaling.core.recording import live_contact
from signaling.core.room import Member, Room
from signaling.core.state import Core
from signaling.exceptions import NotAllowed
from signaling.interpreting import Request, Void

log = logging.getLogger(__name__)


def set_status(core: Core, interpreter: ClerkPrincipal, status: str) -> list[Effect]:
    if status == "available":
        effects = invite(core, core.interpreters.set_available(interpreter.clerk_id))
    else:
        effects = voided(core, core.interpreters.set_away(interpreter.clerk_id))
    return effects + status_of(core, interpreter.clerk_id)


def request(core: Core, room: Room, language: str, by: p.Requester) -> list[Effect]:
    opened, void = core.interpreters.request(
        room.call_id, language, room.ticket.agency, by, core.clock()
    )
    log.info(
        "call %s: interpreter of %s requested, %d invited",
        room.call_id,
        language,
        len(opened.invitations),
        extra=about("interpreter.requested", call_id=room.call_id, agency=room.ticket.agency),
    )
    status = p.InterpreterStatus(
        call_id=room.call_id,
        language=language,
        state="requested",
        invited=len(opened.invitations),
        expires_at=opened.expires_at,
    )
    return (
        voided(core, void)
        + invite(core, [(inv, opened) for inv in opened.invitations])
        + members.served(room, status)
    )


def cancel(core: Core, room: Room) -> list[Effect]:
    if room.call_id not in core.interpreters.requests:
        raise NotAllowed("not_found", "this call has no open interpreter request")
    cancelled, void = core.interpreters.cancel(room.call_id)
    assert cancelled is not None
    status = p.InterpreterStatus(
        call_id=room.call_id, language=cancelled.language, state="cancelled"
    )
    return voided(core, void) + members.served(room, status)


def decline(core: Core, interpreter: ClerkPrincipal, invitation: str) -> list[Effect]:
    try:
        void = core.interpreters.decline(interpreter.clerk_id, invitation)
    except KeyError:
        raise NotAllowed("not_found", "this invitation is not open to you") from None
    return voided(core, [void])


def accept(core: Core, conn: str, interpreter: ClerkPrincipal, invitation: str) -> list[Effect]:
    """The interpreter joins from the tab that accepted (``conn``)."""
    try:
        taken, void = core.interpreters.accept(interpreter.clerk_id, invitation)
    except KeyError:
        # Taken, expired, already used or never yours: the same answer for all.
        raise NotAllowed("not_found", "this invitation is not open to you") from None
    room = core.room_book.rooms[taken.call_id]
    now = core.clock()
    room.interpreters_joined += 1
    member = Member(
        f"interpreter-{room.interpreters_joined}",
        "interpreter",
        interpreter.clerk_id,
        conn,
        language=taken.language,
    )
    room.join(member, now)
    core.room_book.call_of[("interpreter", interpreter.clerk_id)] = room.call_id
    room.interpreter_since[member.member_id] = now
    room.interpreter_language = room.interpreter_language or taken.language
    log.info(
        "call %s: %s joined",
        room.call_id,
        member.member_id,
        extra=about("interpreter.joined", call_id=room.call_id),
    )
    effects: list[Effect] = [
        SaveContact(live_contact(room)),
        Audit(now, "joined", "interpreter", interpreter.clerk_id, room.call_id, taken.language),
        *voided(core, void),
        *members.arrive(core, room, member),
    ]
    status = p.InterpreterStatus(call_id=room.call_id, language=taken.language, state="joined")
    return effects + members.served(room, status) + status_of(core, interpreter.clerk_id)


def leave(core: Core, room: Room, member: Member) -> list[Effect]:
    """The interpreter left (or was lost): the call goes on without them."""
    now = core.clock()
    room.leave(member, now)
    core.room_book.call_of.pop(("interpreter", member.principal_id), None)
    room.interpreter_seconds += now - room.interpreter_since.pop(member.member_id, now)
    log.info(
        "call %s: %s left",
        room.call_id,
        member.member_id,
        extra=about("interpreter.left", call_id=room.call_id),
    )
    gone = p.PeerLeft(call_id=room.call_id, member_id=member.member_id)
    effects: list[Effect] = [
        SaveContact(live_contact(room)),
        Audit(now, "left", "interpreter", member.principal_id, room.call_id),
        *members.everyone(room, gone),
    ]
    if member.conn is not None:
        effects.append(Send(member.conn, p.CallEnded(call_id=room.call_id, reason="left")))
    status = p.InterpreterStatus(
        call_id=room.call_id, language=room.interpreter_language or "fi", state="left"
    )
    return effects + members.served(room, status) + released(core, member.principal_id)


def call_closed(core: Core, room: Room) -> list[Effect]:
    """The call ended: its open request is withdrawn, its interpreters are free again."""
    _request, void = core.interpreters.cancel(room.call_id, "call_ended")
    effects = voided(core, void)
    for member in room.members.values():
        if member.role == "interpreter":
            effects += released(core, member.principal_id)
    return effects


def released(core: Core, interpreter_id: int) -> list[Effect]:
    """An interpreter out of a call: free for invitations again, or gone for good when
    no console of theirs is connected."""
    if not core.presence.is_clerk_online(interpreter_id):
        core.interpreters.unseat(interpreter_id)
        return []
    return invite(core, core.interpreters.left_call(interpreter_id)) + status_of(
        core, interpreter_id
    )


def invitation_message(invitation: str, opened: Request) -> p.Invitation:
    return p.Invitation(
        invitation=invitation,
        language=opened.language,
        agency=opened.agency,
        expires_at=opened.expires_at,
        requested_by=opened.requested_by,
    )


def invite(core: Core, invitations: list[tuple[str, Request]]) -> list[Effect]:
    effects: list[Effect] = []
    for invitation, opened in invitations:
        interpreter_id = opened.invitations[invitation]
        message = invitation_message(invitation, opened)
        effects += [Send(c, message) for c in core.presence.clerk_conns(interpreter_id)]
        effects += status_of(core, interpreter_id)
    return effects


def voided(core: Core, void: list[Void]) -> list[Effect]:
    effects: list[Effect] = []
    for one in void:
        message = p.InvitationWithdrawn(invitation=one.invitation, reason=one.reason)
        effects += [Send(c, message) for c in core.presence.clerk_conns(one.interpreter_id)]
        effects += status_of(core, one.interpreter_id)
    return effects


def expire(core: Core, now: float) -> list[Effect]:
    """Requests nobody took in time: the kiosk and the clerk are told."""
    effects: list[Effect] = []
    for timed_out, void in core.interpreters.expire(now):
        log.info(
            "call %s: interpreter request timed out",
            timed_out.call_id,
            extra=about("interpreter.timed_out", call_id=timed_out.call_id),
        )
        effects += voided(core, void)
        status = p.InterpreterStatus(
            call_id=timed_out.call_id, language=timed_out.language, state="timed_out"
        )
        effects += members.served(core.room_book.rooms[timed_out.call_id], status)
    return effects
