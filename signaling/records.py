"""The transaction record: one row per customer contact, what service points are paid by
and extended-hours pilots are judged by. No personal data: ids, codes and times only."""

from __future__ import annotations

from dataclasses import dataclass

from protocol.messages import Outcome


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
