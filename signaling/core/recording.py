"""What each contact leaves behind: the live row a restart rebuilds it from, and the one
transaction record written when it ends. Pure functions of the core's state."""

from __future__ import annotations

from protocol import messages as p
from signaling.core.room import Room
from signaling.records import InterpreterSeat, LiveContact, TransactionRecord
from signaling.routing import Ticket


def live_contact(room: Room) -> LiveContact:
    """What a restart needs of a running call: its ticket, clerk and interpreter."""
    clerk = room.member_by_role("clerk")
    interpreter = room.member_by_role("interpreter")
    return LiveContact(
        room.ticket,
        room.call_id,
        clerk.principal_id if clerk else None,
        room.answered_at,
        InterpreterSeat(
            interpreter.principal_id,
            interpreter.member_id,
            room.interpreter_since.get(interpreter.member_id, room.answered_at),
        )
        if interpreter
        else None,
        room.interpreter_language,
        room.interpreter_seconds,
    )


def transaction(
    ticket: Ticket, room: Room | None, outcome: p.Outcome, ended_at: float
) -> TransactionRecord:
    """The one record of a contact: queued only (room None) or called."""
    return TransactionRecord(
        ticket=ticket.ticket,
        call_id=room.call_id if room else None,
        point_id=ticket.point_id,
        kiosk_id=ticket.kiosk_id,
        agency=ticket.agency,
        service=ticket.service,
        language=ticket.language,
        interpreter_language=room.interpreter_language if room else None,
        interpreter_seconds=round(room.interpreter_seconds, 1) if room else 0.0,
        queued_at=ticket.queued_at,
        answered_at=room.answered_at if room else None,
        ended_at=ended_at,
        outcome=outcome,
        documents=room.documents if room else 0,
        document_bytes=room.document_bytes if room else 0,
    )
