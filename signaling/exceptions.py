"""Errors of the signalling server, in one place (a message that fails decoding is
protocol.exceptions.ProtocolError).

SignalingError
├── NotAllowed         a valid message from a sender that may not send it now
├── StoreError         the database refused an operation (unknown agency, duplicate name...)
│   ├── DatabaseUnavailable  the database did not answer (its session was lost)
│   └── SchemaTooNew   the database was migrated by a newer release
└── AuthError          credentials or a token were not accepted
"""

from __future__ import annotations

from protocol.messages import ErrorCode
from signaling.problems import ProblemCode


class SignalingError(Exception):
    """Base of every error this package raises on purpose."""


class NotAllowed(SignalingError):
    """A well-formed message that the sender may not send in its current role or state."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message


class StoreError(SignalingError):
    """The store refused an operation; the message says what to change, ``code`` and
    ``field`` say it to a page that translates (signaling/problems.py)."""

    def __init__(
        self, message: str, code: ProblemCode = ProblemCode.INVALID, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.field = field


class DatabaseUnavailable(StoreError):
    """The database could not be reached, or the session to it was lost: nothing the
    caller asked for was done. Waiting helps; changing the request does not."""


class SchemaTooNew(StoreError):
    """The database's schema is newer than this release's: a newer release has run on
    it, and this one must not write to it."""


class AuthError(SignalingError):
    """Credentials or a token were not accepted."""
