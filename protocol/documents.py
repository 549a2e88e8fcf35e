"""The messages of the documents data channel, between the kiosk and the clerk's console.

Documents never pass through the server: they travel on an RTCDataChannel of the call
(docs/documents.md). Text messages on that channel are JSON objects whose ``t`` field
selects the model; the file itself travels as binary chunks between ``begin`` and ``end``.

    sender                                   receiver
    begin {id, name, mime, size, sha256}  ->
                                          <- have {id, bytes}         (0, or what it kept)
    binary chunks from ``bytes`` on       ->
    end {id}                              ->
                                          <- received {id, sha256} | refused {id, reason}
    (the clerk, to the kiosk)             <- request                   "please hand one in"

Both ends decode with :func:`parse_document_message`, which raises
:class:`~protocol.exceptions.ProtocolError` naming the field, like the WebSocket messages.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from protocol.exceptions import ProtocolError

#: Largest text message on the channel; the file itself travels as binary chunks.
MAX_TEXT_BYTES = 4096
DocumentId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class DocumentMessage(BaseModel):
    """Base of the channel's text messages: frozen, unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Begin(DocumentMessage):
    """Sender: a document of ``size`` bytes follows (or resumes, when the id was seen)."""

    t: Literal["begin"] = "begin"
    id: DocumentId
    name: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    mime: Annotated[str, StringConstraints(max_length=100)]
    size: Annotated[int, Field(ge=0)]
    sha256: Sha256


class Have(DocumentMessage):
    """Receiver: send from byte ``bytes`` on (0, or what an interrupted transfer kept)."""

    t: Literal["have"] = "have"
    id: DocumentId
    bytes: Annotated[int, Field(ge=0)]


class End(DocumentMessage):
    """Sender: every byte has been sent."""

    t: Literal["end"] = "end"
    id: DocumentId


class Received(DocumentMessage):
    """Receiver: kept, and the checksum it computed matches."""

    t: Literal["received"] = "received"
    id: DocumentId
    sha256: Sha256


class Refused(DocumentMessage):
    """Receiver: not kept; ``reason`` is shown to the customer and the clerk."""

    t: Literal["refused"] = "refused"
    id: DocumentId
    reason: Annotated[str, StringConstraints(max_length=300)]


class Request(DocumentMessage):
    """Clerk's console to the kiosk: please hand in a document (opens the capture)."""

    t: Literal["request"] = "request"


AnyDocumentMessage = Annotated[
    Begin | Have | End | Received | Refused | Request, Field(discriminator="t")
]
_adapter: TypeAdapter[Any] = TypeAdapter(AnyDocumentMessage)


def parse_document_message(text: str) -> Begin | Have | End | Received | Refused | Request:
    """Decode one text message of the documents channel; ProtocolError when malformed."""
    if len(text) > MAX_TEXT_BYTES:
        raise ProtocolError("too_large", f"document message of {len(text)} bytes")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ProtocolError("bad_message", f"document message is not JSON: {exc}") from None
    except RecursionError:
        raise ProtocolError("bad_message", "document message is nested too deeply") from None
    try:
        return _adapter.validate_python(data)  # type: ignore[no-any-return]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "t"
        raise ProtocolError(
            "bad_message", f"document message field '{where}': {first['msg']}"
        ) from None


def encode_document_message(message: DocumentMessage) -> str:
    return message.model_dump_json()


def json_schema() -> dict[str, Any]:
    """JSON Schema of the channel's text messages, for the console's tests."""
    return _adapter.json_schema()
