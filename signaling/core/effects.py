"""What the core asks the I/O layer to do for one event.

The hub writes every storage effect of one event in one database transaction
(Store.apply), and only then sends the messages and closes connections: nothing is
announced before it is durable, and a crash never leaves half an event in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from protocol import messages as p
from signaling.records import LiveContact, TransactionRecord


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
    """A contact that has not ended changed: what a restart needs to rebuild it."""

    contact: LiveContact


@dataclass(frozen=True)
class FinishContact:
    """A contact ended: its transaction record written, its live row removed."""

    transaction: TransactionRecord


@dataclass(frozen=True)
class AppointmentUsed:
    appointment_id: int


@dataclass(frozen=True)
class Audit:
    """A line of the audit log: who joined or left which call, when it ended."""

    at: float
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


@dataclass(frozen=True)
class SaveSelfTest:
    """A kiosk's latest self-test: which checks passed, failed or could not run."""

    kiosk_id: int
    started_at: float
    took_s: float
    results: dict[str, str]


@dataclass(frozen=True)
class Measured:
    """A figure for the operators' metrics (signaling/metrics.py) that only the core sees:
    how long a call took to get its media flowing, a member's media giving up. ``label``
    names an agency or a role, never a person."""

    what: Literal["call_setup_s", "media_failed"]
    value: float
    label: str


StorageEffect = SaveContact | FinishContact | AppointmentUsed | Audit | SaveFeedback | SaveSelfTest
Effect = Send | Close | Measured | StorageEffect


def storage_effects(effects: list[Effect]) -> list[StorageEffect]:
    return [e for e in effects if not isinstance(e, Send | Close | Measured)]
