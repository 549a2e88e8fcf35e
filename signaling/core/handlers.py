"""Every client message: who may send it, in which state, and what handles it.

:data:`TABLE` is the one source of both the dispatch and the authorisation table
(signaling/authz.py renders it into docs/security.md, and tests/test_authorization.py
walks it for every message, role and state). A role the table does not name gets
``forbidden``; a named role in another state gets ``invalid_state``. What the table cannot
say (this ticket is offered to *you*, this call is *yours*) the handlers check next,
answering ``not_found`` so that ids cannot be probed.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from protocol import messages as p
from signaling.core import calling, interpreter_desk, kiosk_reports, members, queueing
from signaling.core.effects import Effect, Send
from signaling.core.presence import ClerkPrincipal, KioskPrincipal, Principal
from signaling.core.state import Core
from signaling.records import Appointment


class SenderState(enum.Enum):
    IDLE = "idle"  # kiosk: neither queued nor in a call; clerk: no offer, no call
    QUEUED = "queued"  # kiosk with a place in a queue
    OFFERED = "offered"  # clerk holding an offer; interpreter holding an invitation
    IN_CALL = "in_call"  # a member of a running call


@dataclass(frozen=True)
class Incoming:
    """One decoded message and who sent it. For a ``queue.join`` by appointment code the
    I/O layer has looked the booking up (None: no such code)."""

    conn: str
    principal: Principal
    message: p.ClientMessage
    appointment: Appointment | None = None

    @property
    def kiosk(self) -> KioskPrincipal:
        assert isinstance(self.principal, KioskPrincipal)
        return self.principal

    @property
    def clerk(self) -> ClerkPrincipal:
        assert isinstance(self.principal, ClerkPrincipal)
        return self.principal


Handler = Callable[[Core, Incoming], list[Effect]]


@dataclass(frozen=True)
class Permit:
    states: frozenset[SenderState]
    handler: Handler


def state_of(core: Core, principal: Principal) -> SenderState:
    """The sender's state for the table."""
    if isinstance(principal, KioskPrincipal):
        if core.room_book.of("kiosk", principal.kiosk_id) is not None:
            return SenderState.IN_CALL
        if principal.kiosk_id in core.queue_book.ticket_of_kiosk:
            return SenderState.QUEUED
        return SenderState.IDLE
    if core.room_book.of(principal.role, principal.clerk_id) is not None:
        return SenderState.IN_CALL
    if principal.role == "interpreter":
        if core.interpreters.invitations_of(principal.clerk_id):
            return SenderState.OFFERED
        return SenderState.IDLE
    if core.router.offer_of(principal.clerk_id) is not None:
        return SenderState.OFFERED
    return SenderState.IDLE


M = TypeVar("M", bound=p.Message)


def _msg(incoming: Incoming, kind: type[M]) -> M:
    assert isinstance(incoming.message, kind)
    return incoming.message


# --- the handlers, each a line from a message to the module that decides -----------------


def _queue_join(core: Core, i: Incoming) -> list[Effect]:
    return queueing.queue_join(core, i.kiosk, _msg(i, p.QueueJoin), i.appointment)


def _queue_leave(core: Core, i: Incoming) -> list[Effect]:
    return queueing.queue_leave(core, i.kiosk)


def _queue_offer(core: Core, i: Incoming) -> list[Effect]:
    return queueing.queue_offer(core, i.kiosk, _msg(i, p.QueueOffer))


def _feedback(core: Core, i: Incoming) -> list[Effect]:
    return kiosk_reports.feedback(core, i.kiosk, _msg(i, p.Feedback))


def _health(core: Core, i: Incoming) -> list[Effect]:
    return kiosk_reports.health(core, i.kiosk, _msg(i, p.KioskHealth))


def _self_test(core: Core, i: Incoming) -> list[Effect]:
    return kiosk_reports.self_test(core, i.kiosk, _msg(i, p.KioskSelfTest))


def _clerk_status(core: Core, i: Incoming) -> list[Effect]:
    return queueing.clerk_status(core, i.clerk, _msg(i, p.ClerkStatusSet).status)


def _interpreter_status(core: Core, i: Incoming) -> list[Effect]:
    return interpreter_desk.set_status(core, i.clerk, _msg(i, p.ClerkStatusSet).status)


def _call_accept(core: Core, i: Incoming) -> list[Effect]:
    return calling.call_accept(core, i.conn, i.clerk, _msg(i, p.CallAccept).ticket)


def _call_decline(core: Core, i: Incoming) -> list[Effect]:
    return queueing.call_decline(core, i.clerk, _msg(i, p.CallDecline).ticket)


def _call_transfer(core: Core, i: Incoming) -> list[Effect]:
    return calling.call_transfer(core, i.conn, _msg(i, p.CallTransfer))


def _call_end(core: Core, i: Incoming) -> list[Effect]:
    return calling.call_end(core, i.conn, i.principal, _msg(i, p.CallEnd))


def _media(core: Core, i: Incoming) -> list[Effect]:
    return calling.media_state(core, i.conn, _msg(i, p.CallMediaState))


def _quality(core: Core, i: Incoming) -> list[Effect]:
    return calling.quality(core, i.conn, _msg(i, p.CallQuality))


def _document(core: Core, i: Incoming) -> list[Effect]:
    return calling.document(core, i.conn, _msg(i, p.CallDocument))


def _interpreter_request(core: Core, i: Incoming) -> list[Effect]:
    message = _msg(i, p.InterpreterRequest)
    room, _member = members.member_of(core, i.conn, message.call_id)
    return interpreter_desk.request(core, room, message.language, "clerk")


def _interpreter_cancel(core: Core, i: Incoming) -> list[Effect]:
    room, _member = members.member_of(core, i.conn, _msg(i, p.InterpreterCancel).call_id)
    return interpreter_desk.cancel(core, room)


def _invitation_accept(core: Core, i: Incoming) -> list[Effect]:
    invitation = _msg(i, p.InvitationAccept).invitation
    return interpreter_desk.accept(core, i.conn, i.clerk, invitation)


def _invitation_decline(core: Core, i: Incoming) -> list[Effect]:
    return interpreter_desk.decline(core, i.clerk, _msg(i, p.InvitationDecline).invitation)


def _call_leave(core: Core, i: Incoming) -> list[Effect]:
    room, member = members.member_of(core, i.conn, _msg(i, p.CallLeave).call_id)
    return interpreter_desk.leave(core, room, member)


def _rejoin(core: Core, i: Incoming) -> list[Effect]:
    return calling.rejoin(core, i.conn, _msg(i, p.CallRejoin).call_id)


def _chat(core: Core, i: Incoming) -> list[Effect]:
    return calling.chat(core, i.conn, _msg(i, p.ChatSend))


def _draft(core: Core, i: Incoming) -> list[Effect]:
    return calling.draft(core, i.conn, _msg(i, p.ChatDraftSend))


def _signal(core: Core, i: Incoming) -> list[Effect]:
    return calling.relay(core, i.conn, _msg(i, p.SignalOut))


def _ping(core: Core, i: Incoming) -> list[Effect]:
    return [Send(i.conn, p.Pong(seq=_msg(i, p.Ping).seq))]


S = SenderState
_CALL = frozenset({S.IN_CALL})
_ANY_CLERK_STATE = frozenset({S.IDLE, S.OFFERED, S.IN_CALL})


def _all_members(handler: Handler) -> dict[p.Role, Permit]:
    return {role: Permit(_CALL, handler) for role in ("kiosk", "clerk", "interpreter")}


#: message type -> role -> (the states in which that role may send it, its handler)
TABLE: dict[str, dict[p.Role, Permit]] = {
    "queue.join": {"kiosk": Permit(frozenset({S.IDLE}), _queue_join)},
    "queue.leave": {"kiosk": Permit(frozenset({S.QUEUED}), _queue_leave)},
    "queue.offer": {"kiosk": Permit(frozenset({S.QUEUED}), _queue_offer)},
    "clerk.status": {
        "clerk": Permit(_ANY_CLERK_STATE, _clerk_status),
        "interpreter": Permit(_ANY_CLERK_STATE, _interpreter_status),
    },
    "call.accept": {"clerk": Permit(frozenset({S.OFFERED}), _call_accept)},
    "call.decline": {"clerk": Permit(frozenset({S.OFFERED}), _call_decline)},
    "call.transfer": {"clerk": Permit(_CALL, _call_transfer)},
    "call.end": {"kiosk": Permit(_CALL, _call_end), "clerk": Permit(_CALL, _call_end)},
    "call.media": _all_members(_media),
    "call.quality": _all_members(_quality),
    "call.document": {"clerk": Permit(_CALL, _document)},
    "feedback": {"kiosk": Permit(frozenset({S.IDLE}), _feedback)},
    "kiosk.health": {"kiosk": Permit(frozenset({S.IDLE, S.QUEUED, S.IN_CALL}), _health)},
    # A self-test started between visits may end after the next customer has begun.
    "kiosk.self_test": {"kiosk": Permit(frozenset({S.IDLE, S.QUEUED, S.IN_CALL}), _self_test)},
    "interpreter.request": {"clerk": Permit(_CALL, _interpreter_request)},
    "interpreter.cancel": {"clerk": Permit(_CALL, _interpreter_cancel)},
    "invitation.accept": {"interpreter": Permit(frozenset({S.OFFERED}), _invitation_accept)},
    "invitation.decline": {"interpreter": Permit(frozenset({S.OFFERED}), _invitation_decline)},
    "call.leave": {"interpreter": Permit(_CALL, _call_leave)},
    "call.rejoin": _all_members(_rejoin),
    "chat.send": _all_members(_chat),
    "chat.draft": _all_members(_draft),
    "signal": _all_members(_signal),
    "ping": {
        role: Permit(frozenset({S.IDLE, S.QUEUED, S.OFFERED, S.IN_CALL}), _ping)
        for role in ("kiosk", "clerk", "interpreter")
    },
}
