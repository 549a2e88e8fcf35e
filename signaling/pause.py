"""What a leader does while its database does not answer (seconds: a network fault
between the node and PostgreSQL that TCP survives, a slow failover of the database).

The node keeps serving what needs no database and refuses what would change the record,
so that nothing is announced that is not durable and nothing is lost: calls go on (their
media never went through the server) and their signalling is still relayed; a change is
refused with ``service_paused`` and the client sends it again once told ``normal``. What
cannot be refused (a connection that closed, so its customer leaves the queue) waits, in
order, with its messages, and is written before anything else when the database answers.
signaling/hub.py applies this policy; signaling/leadership.py notices the silence.
"""

from __future__ import annotations

from protocol import messages as p
from signaling.core.effects import Effect

#: Messages relayed while paused: they change nothing in the database.
PASSES_WHILE_PAUSED: tuple[type[p.Message], ...] = (
    p.Ping,
    p.SignalOut,
    p.CallMediaState,
    p.CallQuality,
    p.ChatSend,
    p.ChatDraftSend,
    p.KioskHealth,
    p.QueueOffer,  # kept in memory until the call starts
)

REFUSAL = "the service is paused for a moment (its database does not answer): send it again"


def passes_while_paused(message: p.Message) -> bool:
    return isinstance(message, PASSES_WHILE_PAUSED)


class Backlog:
    """Events that happened while paused and must be written: each event's effects
    whole (storage and messages), oldest first."""

    def __init__(self) -> None:
        self._events: list[list[Effect]] = []

    def __len__(self) -> int:
        return len(self._events)

    def add(self, effects: list[Effect]) -> None:
        self._events.append(effects)

    def oldest(self) -> list[Effect] | None:
        return self._events[0] if self._events else None

    def written(self) -> None:
        """The oldest event is durable now (and announced)."""
        self._events.pop(0)
