"""Who may send which message in which state: the authorisation table, in one place.

The switchboard checks every decoded message against :data:`RULES` before acting on it:
a role that may never send it gets ``forbidden``; an allowed role in another state gets
``invalid_state``. What the table cannot say (this ticket is offered to *you*, this call
is *yours*, that member is in it) the handlers check next, answering ``not_found`` so
that ids cannot be probed. docs/security.md shows the same table (a test keeps the two
equal) and the threat model around it.
"""

from __future__ import annotations

import enum

from signaling.exceptions import NotAllowed


class SenderState(enum.Enum):
    IDLE = "idle"  # kiosk: neither queued nor in a call; clerk: no offer, no call
    QUEUED = "queued"  # kiosk with a place in a queue
    OFFERED = "offered"  # clerk holding an offer; interpreter holding an invitation
    IN_CALL = "in_call"  # a member of a running call


S = SenderState
RULES: dict[str, dict[str, frozenset[SenderState]]] = {
    "queue.join": {"kiosk": frozenset({S.IDLE})},
    "queue.leave": {"kiosk": frozenset({S.QUEUED})},
    "clerk.status": {
        "clerk": frozenset({S.IDLE, S.OFFERED, S.IN_CALL}),
        "interpreter": frozenset({S.IDLE, S.OFFERED, S.IN_CALL}),
    },
    "call.accept": {"clerk": frozenset({S.OFFERED})},
    "call.decline": {"clerk": frozenset({S.OFFERED})},
    "call.transfer": {"clerk": frozenset({S.IN_CALL})},
    "call.end": {"kiosk": frozenset({S.IN_CALL}), "clerk": frozenset({S.IN_CALL})},
    "call.media": {
        "kiosk": frozenset({S.IN_CALL}),
        "clerk": frozenset({S.IN_CALL}),
        "interpreter": frozenset({S.IN_CALL}),
    },
    "call.document": {"clerk": frozenset({S.IN_CALL})},
    "feedback": {"kiosk": frozenset({S.IDLE})},
    "kiosk.health": {"kiosk": frozenset({S.IDLE, S.QUEUED, S.IN_CALL})},
    "interpreter.request": {"clerk": frozenset({S.IN_CALL})},
    "interpreter.cancel": {"clerk": frozenset({S.IN_CALL})},
    "invitation.accept": {"interpreter": frozenset({S.OFFERED})},
    "invitation.decline": {"interpreter": frozenset({S.OFFERED})},
    "call.leave": {"interpreter": frozenset({S.IN_CALL})},
    "call.rejoin": {
        "kiosk": frozenset({S.IN_CALL}),
        "clerk": frozenset({S.IN_CALL}),
        "interpreter": frozenset({S.IN_CALL}),
    },
    "chat.send": {
        "kiosk": frozenset({S.IN_CALL}),
        "clerk": frozenset({S.IN_CALL}),
        "interpreter": frozenset({S.IN_CALL}),
    },
    "signal": {
        "kiosk": frozenset({S.IN_CALL}),
        "clerk": frozenset({S.IN_CALL}),
        "interpreter": frozenset({S.IN_CALL}),
    },
}
ROLES = ("kiosk", "clerk", "interpreter")


def check(message_type: str, role: str, state: SenderState) -> None:
    """Raise NotAllowed unless ``role`` in ``state`` may send ``message_type``."""
    allowed = RULES.get(message_type, {})
    if role not in allowed:
        raise NotAllowed("forbidden", f"a {role} may not send {message_type}")
    if state not in allowed[role]:
        wanted = " or ".join(sorted(s.value for s in allowed[role]))
        raise NotAllowed(
            "invalid_state", f"{message_type} needs a {role} that is {wanted} (it is {state.value})"
        )


def markdown_table() -> str:
    """The table as docs/security.md shows it."""
    lines = ["| message | kiosk | clerk | interpreter |", "|---|---|---|---|"]
    for message_type, allowed in RULES.items():
        cells = [
            ", ".join(sorted(s.value for s in allowed[role])) if role in allowed else "never"
            for role in ROLES
        ]
        lines.append(f"| `{message_type}` | {' | '.join(cells)} |")
    return "\n".join(lines)
