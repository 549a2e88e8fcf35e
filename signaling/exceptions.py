"""Errors of the signalling server, in one place (a message that fails decoding is
protocol.exceptions.ProtocolError).

SignalingError
├── NotAllowed         a valid message from a sender that may not send it now
├── StoreError         the database refused an operation (unknown agency, duplicate name...)
└── AuthError          credentials or a token were not accepted
"""

from __future__ import annotations

from protocol.messages import ErrorCode


class SignalingError(Exception):
    """Base of every error this package raises on purpose."""


class NotAllowed(SignalingError):
    """A well-formed message that the sender may not send in its current role or state."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message


class StoreError(SignalingError):
    """The store refused an operation; the message says what to change."""


class AuthError(SignalingError):
    """Credentials or a token were not accepted."""
