"""Errors of the protocol package.

ProtocolError    a message failed decoding or validation; carries the wire error code
"""

from __future__ import annotations


class ProtocolError(Exception):
    """A message could not be decoded or validated.

    ``code`` is the wire error code to send back (:data:`protocol.messages.ErrorCode`).
    """

    def __init__(self, code: str, message: str, *, in_reply_to: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.in_reply_to = in_reply_to
