"""The roles of people who log in, one enum for the store, the CLI, the REST API and the
authorisation tables (docs/security.md).

    admin        an operator: everything, nationwide
    supervisor   of the agencies they belong to: their hours, exceptions, services,
                 appointments, clerks, reports, audit and feedback
    coordinator  of one service point (often the municipality's, which runs it): its
                 kiosks live, and its use and transactions across every agency; reads only
    clerk        serves customers of their agencies from the console
    interpreter  joins calls they are invited to, in their languages
"""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    COORDINATOR = "coordinator"
    CLERK = "clerk"
    INTERPRETER = "interpreter"


def parse_role(text: str) -> Role:
    """The role named ``text``; ValueError naming the choices otherwise."""
    try:
        return Role(text)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise ValueError(f"role must be one of {choices} (got '{text[:40]}')") from None
