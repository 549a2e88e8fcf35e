"""The facts the core hands to storage and gets back: the transaction record (one row per
customer contact, what service points are paid by and extended-hours pilots are judged
by), a contact that has not ended (what a restart rebuilds), and an appointment. No
personal data: ids, codes and times only. Plain data, no SQL."""

from __future__ import annotations

from dataclasses import dataclass

from protocol.messages import Outcome
from signaling.routing import Ticket


@dataclass(frozen=True)
class TransactionRecord:
    ticket: str
    call_id: str | None
    point_id: int
    kiosk_id: int
    agency: str
    service: str | None
    language: str
    interpreter_language: str | None
    queued_at: float
    answered_at: float | None
    ended_at: float
    outcome: Outcome
    #: Documents handed in during the contact: how many and their total size, no more.
    documents: int = 0
    document_bytes: int = 0
    #: Seconds interpreters were in the call (interpreter_language says which language).
    interpreter_seconds: float = 0.0


@dataclass(frozen=True)
class Appointment:
    appointment_id: int
    point_id: int
    agency: str
    clerk_id: int | None
    language: str
    starts_at: float
    status: str


@dataclass(frozen=True)
class InterpreterSeat:
    clerk_id: int
    member_id: str
    since: float


@dataclass(frozen=True)
class LiveContact:
    """A contact that has not ended: waiting (call_id None) or in a call."""

    ticket: Ticket
    call_id: str | None = None
    clerk_id: int | None = None
    answered_at: float | None = None
    #: The interpreter in the call, if any: who, as which member, since when; and the
    #: language and seconds of interpreting so far (for the transaction record).
    interpreter: InterpreterSeat | None = None
    interpreter_language: str | None = None
    interpreter_seconds: float = 0.0
