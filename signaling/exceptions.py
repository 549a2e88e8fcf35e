"""Errors of the signalling server, in one place.

SignalingError
├── ProtocolError      a message failed decoding or validation; carries a wire error code
├── NotAllowed         a valid message from a sender that may not send it now
├── StoreError         the database refused an operation (unknown agency, duplicate name...)
└── AuthError          credentials or a token were not accepted
"""

from __future__ import annotations


class SignalingError(Exception):
    """Base of every error this package raises on purpose."""


class ProtocolError(SignalingError):
    """A message could not be decoded or validated.

    ``code`` is the wire error code sent back (see signaling.protocol.ErrorCode).
    """

    def __init__(self, code: str, message: str, *, in_reply_to: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.in_reply_to = in_reply_to


class NotAllowed(SignalingError):
    """A well-formed message that the sender may not send in its current role or state."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class StoreError(SignalingError):
    """The store refused an operation; the message says what to change."""


class AuthError(SignalingError):
    """Credentials or a token were not accepted."""
