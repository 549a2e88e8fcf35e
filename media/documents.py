"""Documents over an RTCDataChannel, straight from the kiosk to the clerk's console.

Never through the server. One transfer at a time on the call's "documents" channel, in
the messages of :mod:`protocol.documents` (begin, have, chunks, end, received or refused).

The receiver keeps a partial document (by id and checksum) when the channel drops, so a
new channel resumes where the old one stopped. The sender keeps the channel's buffered
amount under a high-water mark (flow control), so a large scan never floods SCTP.
:class:`DocumentReceiver` is the same protocol for Python receivers and the tests; the
console implements it in agent_console/static/documents.js. docs/documents.md.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from aiortc import RTCDataChannel

from media.exceptions import MediaError
from protocol.documents import (
    Begin,
    DocumentMessage,
    End,
    Have,
    Received,
    Refused,
    Request,
    encode_document_message,
    parse_document_message,
)
from protocol.exceptions import ProtocolError

log = logging.getLogger(__name__)

CHANNEL_LABEL = "documents"
CHUNK_BYTES = 64 * 1024
MAX_BYTES = 25_000_000
ALLOWED_TYPES = frozenset({"image/jpeg", "image/png", "application/pdf"})
HIGH_WATER = 4 * 1024 * 1024
LOW_WATER = 1024 * 1024


class DocumentError(MediaError):
    """A transfer could not be completed; the message says why, for both sides."""


class TransferInterrupted(DocumentError):
    """The channel closed under the transfer: what arrived is kept on the far side, and the
    same document sent again on a new channel resumes where it stopped."""

    def __init__(self) -> None:
        super().__init__("the connection was interrupted; send again to resume")


@dataclass(frozen=True)
class Document:
    name: str
    mime: str
    data: bytes
    doc_id: str = ""

    @cached_property
    def sha256(self) -> str:
        """Worked out once: a send names it four times (the id, the announcement, the
        receipt's check and the receipt), and 5 MB take 8 ms to hash here, each time."""
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Receipt:
    """What the customer is shown once the clerk's console has verified the file."""

    doc_id: str
    name: str
    size: int
    sha256: str

    @property
    def code(self) -> str:
        """A short code to quote: the first eight hex digits of the checksum, grouped."""
        return f"{self.sha256[:4]}-{self.sha256[4:8]}".upper()


def check_document(name: str, mime: str, size: int) -> str | None:
    """Why a document cannot be sent (None when it can)."""
    if mime not in ALLOWED_TYPES:
        return f"type {mime} is not accepted (JPEG, PNG or PDF)"
    if size <= 0:
        return "the document is empty"
    if size > MAX_BYTES:
        return f"the document is {size // 1_000_000} MB, more than {MAX_BYTES // 1_000_000} MB"
    if not name or len(name) > 120:
        return "the document needs a name of at most 120 characters"
    return None


class DocumentSender:
    """Sends documents on one data channel, one at a time, awaiting the receipt."""

    def __init__(self, channel: RTCDataChannel, *, reply_timeout_s: float = 30.0) -> None:
        self.channel = channel
        self._timeout = reply_timeout_s
        #: Replies about documents; None when the channel closed.
        self._replies: asyncio.Queue[Have | Received | Refused | None] = asyncio.Queue()
        self._busy = False
        #: The clerk asked for a document ({"t":"request"} from the console).
        self.on_request: Callable[[], None] = lambda: None
        self._drained = asyncio.Event()
        self._drained.set()
        channel.bufferedAmountLowThreshold = LOW_WATER
        channel.on("message", self._on_message)
        channel.on("bufferedamountlow", self._drained.set)
        channel.on("close", self._closed)

    def _closed(self) -> None:
        """The channel (or the whole connection) closed: whatever waits for a reply or
        for the buffer to drain learns it now; the buffer never drains on a closed one."""
        self._replies.put_nowait(None)
        self._drained.set()

    def _on_message(self, message: str | bytes) -> None:
        if not isinstance(message, str):
            return  # the sender receives no binary data
        try:
            reply = parse_document_message(message)
        except ProtocolError as exc:
            log.info("documents channel: unreadable reply (%s)", exc.code)
            return
        if isinstance(reply, Request):
            self.on_request()
        elif isinstance(reply, Have | Received | Refused):
            self._replies.put_nowait(reply)

    async def _reply(self, doc_id: str) -> Have | Received | Refused:
        while True:
            try:
                reply = await asyncio.wait_for(self._replies.get(), self._timeout)
            except TimeoutError:
                raise DocumentError("the clerk's console did not answer") from None
            if reply is None:
                raise TransferInterrupted
            if reply.id == doc_id:
                return reply

    async def send(
        self, document: Document, on_progress: Callable[[int, int], None] = lambda s, t: None
    ) -> Receipt:
        """Send and wait for the receiver's verdict; DocumentError when refused or cut."""
        problem = check_document(document.name, document.mime, len(document.data))
        if problem:
            raise DocumentError(problem)
        if self._busy:
            raise DocumentError("a document is already being sent; wait for its receipt")
        if self.channel.readyState != "open":
            raise TransferInterrupted
        self._busy = True
        doc_id = document.doc_id or f"d-{document.sha256[:16]}"
        try:
            self._send(
                Begin(
                    id=doc_id,
                    name=document.name,
                    mime=document.mime,
                    size=len(document.data),
                    sha256=document.sha256,
                )
            )
            answer = await self._reply(doc_id)
            if isinstance(answer, Refused):
                raise DocumentError(answer.reason)
            if isinstance(answer, Received) and answer.sha256 == document.sha256:
                # It had all arrived before, and its receipt was lost with the old channel.
                log.info("document %s was already delivered", doc_id)
                return Receipt(doc_id, document.name, len(document.data), document.sha256)
            if not isinstance(answer, Have):
                raise DocumentError("the clerk's console answered out of turn")
            offset = answer.bytes
            data = memoryview(document.data)
            for start in range(offset, len(data), CHUNK_BYTES):
                if self.channel.bufferedAmount > HIGH_WATER:
                    self._drained.clear()
                    await self._drained.wait()
                if self.channel.readyState != "open":
                    raise TransferInterrupted
                self.channel.send(bytes(data[start : start + CHUNK_BYTES]))
                on_progress(min(start + CHUNK_BYTES, len(data)), len(data))
            self._send(End(id=doc_id))
            verdict = await self._reply(doc_id)
            if isinstance(verdict, Refused):
                raise DocumentError(verdict.reason)
            if not isinstance(verdict, Received) or verdict.sha256 != document.sha256:
                raise DocumentError("the checksum did not match")
            log.info("document %s delivered (%d bytes)", doc_id, len(document.data))
            return Receipt(doc_id, document.name, len(document.data), document.sha256)
        finally:
            self._busy = False

    def _send(self, message: DocumentMessage) -> None:
        self.channel.send(encode_document_message(message))


@dataclass
class _Partial:
    doc_id: str
    name: str
    mime: str
    size: int
    sha256: str
    data: bytearray


class DocumentReceiver:
    """The receiving side, without I/O: feed it what arrives, send what it returns."""

    def __init__(self) -> None:
        self._current: _Partial | None = None
        self._kept: dict[str, _Partial] = {}  # interrupted transfers, by id
        #: The SHA-256 of every document delivered, by id: sent again (its receipt lost
        #: with a channel), one is acknowledged at once and delivered only once.
        self._delivered: dict[str, str] = {}
        self.completed: list[Document] = []

    def on_text(self, text: str) -> list[Have | Received | Refused]:
        try:
            message = parse_document_message(text)
        except ProtocolError:
            return []  # nothing to answer to: no id to refuse
        if isinstance(message, Begin):
            return [self._begin(message)]
        if isinstance(message, End) and self._current is not None:
            if self._current.doc_id == message.id:
                return [self._end()]
        doc_id = getattr(message, "id", "")
        return [Refused(id=doc_id or "none", reason="no such transfer running")]

    def _begin(self, begin: Begin) -> Have | Received | Refused:
        if self._delivered.get(begin.id) == begin.sha256:
            return Received(id=begin.id, sha256=begin.sha256)
        if self._current is not None:
            return Refused(id=begin.id, reason="another document is on its way")
        problem = check_document(begin.name, begin.mime, begin.size)
        if problem:
            return Refused(id=begin.id, reason=problem)
        kept = self._kept.pop(begin.id, None)
        if kept is not None and kept.sha256 == begin.sha256 and kept.size == begin.size:
            self._current = kept
        else:
            self._current = _Partial(
                begin.id, begin.name, begin.mime, begin.size, begin.sha256, bytearray()
            )
        return Have(id=begin.id, bytes=len(self._current.data))

    def on_bytes(self, chunk: bytes) -> list[Have | Received | Refused]:
        current = self._current
        if current is None:
            return []
        current.data.extend(chunk)
        if len(current.data) > current.size:
            self._current = None
            return [Refused(id=current.doc_id, reason="more data than announced; nothing was kept")]
        return []

    def _end(self) -> Received | Refused:
        current = self._current
        assert current is not None
        self._current = None
        digest = hashlib.sha256(current.data).hexdigest()
        if len(current.data) != current.size or digest != current.sha256:
            return Refused(id=current.doc_id, reason="the checksum did not match; nothing was kept")
        self.completed.append(
            Document(current.name, current.mime, bytes(current.data), current.doc_id)
        )
        self._delivered[current.doc_id] = digest
        return Received(id=current.doc_id, sha256=digest)

    def interrupted(self) -> None:
        """The channel closed mid-transfer: keep what arrived for a resume."""
        if self._current is not None:
            self._kept[self._current.doc_id] = self._current
            self._current = None


def new_document_id() -> str:
    return f"d-{secrets.token_hex(8)}"


#: The channel on which the clerk shows documents on the kiosk (opened by the console).
SHOWN_LABEL = "shown"


def serve_receiver(channel: RTCDataChannel, on_document: Callable[[Document], None]) -> None:
    """Receive documents on ``channel`` (the clerk showing one on the kiosk)."""
    receiver = DocumentReceiver()

    def reply(messages: list[Have | Received | Refused]) -> None:
        for message in messages:
            if channel.readyState == "open":
                channel.send(encode_document_message(message))
            if isinstance(message, Received):
                on_document(receiver.completed.pop())

    channel.on(
        "message",
        lambda m: reply(receiver.on_text(m) if isinstance(m, str) else receiver.on_bytes(m)),
    )
    channel.on("close", receiver.interrupted)
