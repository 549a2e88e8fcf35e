"""Who may send which message in which state: the WebSocket authorisation table.

The table itself is signaling/core/handlers.py's TABLE, which also dispatches each
message to its handler, so the rules exist once. This module checks a sender against
it and renders it for docs/security.md (a test keeps the two equal; the HTTP routes have
their own table in signaling/supervisor/routes.py).
"""

from __future__ import annotations

from signaling.core.handlers import TABLE, SenderState
from signaling.exceptions import NotAllowed

S = SenderState
ROLES = ("kiosk", "clerk", "interpreter")
#: message type -> role -> the states in which that role may send it
RULES: dict[str, dict[str, frozenset[SenderState]]] = {
    message_type: {role: permit.states for role, permit in permits.items()}
    for message_type, permits in TABLE.items()
}


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
