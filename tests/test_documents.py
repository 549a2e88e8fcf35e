"""The document protocol without a network: sender and receiver joined by a fake channel
that can drop mid-transfer, to show flow control, verification and resuming."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest

from media.documents import (
    CHUNK_BYTES,
    Document,
    DocumentError,
    DocumentReceiver,
    DocumentSender,
    Receipt,
)
from protocol.documents import Refused, encode_document_message


class FakeChannel:
    """Delivers to a DocumentReceiver; can be cut after a number of binary chunks."""

    def __init__(self, receiver: DocumentReceiver, cut_after: int | None = None) -> None:
        self.receiver = receiver
        self.readyState = "open"
        self.bufferedAmount = 0
        self.bufferedAmountLowThreshold = 0
        self.cut_after = cut_after
        self.chunks = 0
        self.handlers: dict[str, Callable[..., Any]] = {}

    def on(self, event: str, handler: Callable[..., Any]) -> None:
        self.handlers[event] = handler

    def send(self, data: str | bytes) -> None:
        if self.readyState != "open":
            raise ConnectionError("closed")
        if isinstance(data, bytes):
            self.chunks += 1
            replies = self.receiver.on_bytes(data)
            if self.cut_after is not None and self.chunks >= self.cut_after:
                self.readyState = "closed"
                self.receiver.interrupted()
                asyncio.get_running_loop().call_soon(self.handlers["close"])
        else:
            replies = self.receiver.on_text(data)
        for reply in replies:
            asyncio.get_running_loop().call_soon(
                self.handlers["message"], encode_document_message(reply)
            )


def document(size: int) -> Document:
    return Document("scan.pdf", "application/pdf", bytes(range(256)) * (size // 256))


async def test_a_document_arrives_verified() -> None:
    receiver = DocumentReceiver()
    sender = DocumentSender(FakeChannel(receiver))  # type: ignore[arg-type]
    doc = document(300_000)
    progress: list[int] = []
    receipt = await sender.send(doc, lambda sent, total: progress.append(sent))
    assert receipt == Receipt(receipt.doc_id, "scan.pdf", len(doc.data), doc.sha256)
    assert receiver.completed[0].data == doc.data
    assert progress[-1] == len(doc.data) and len(progress) == -(-len(doc.data) // CHUNK_BYTES)
    assert receipt.code == f"{doc.sha256[:4]}-{doc.sha256[4:8]}".upper()


async def test_a_document_is_hashed_once_per_send(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sender's own checksum is worked out once, not at each of its four uses (the
    receiver's hashing of what arrived is its own and counted apart)."""
    receiver = DocumentReceiver()
    sender = DocumentSender(FakeChannel(receiver))  # type: ignore[arg-type]
    doc = document(300_000)
    hashed: list[int] = []
    real = hashlib.sha256

    def counting(data: bytes = b"") -> Any:
        if data is doc.data:
            hashed.append(len(data))
        return real(data)

    monkeypatch.setattr("media.documents.hashlib.sha256", counting)
    receipt = await sender.send(doc)
    assert receipt.sha256 == real(doc.data).hexdigest()
    assert hashed == [len(doc.data)]


async def test_a_cut_transfer_resumes_where_it_stopped_on_a_new_channel() -> None:
    receiver = DocumentReceiver()
    doc = document(1_000_000)
    first = DocumentSender(FakeChannel(receiver, cut_after=5), reply_timeout_s=5)  # type: ignore[arg-type]
    with pytest.raises(DocumentError, match="interrupted"):
        await first.send(doc)
    assert receiver.completed == [], "nothing half-written is delivered"
    channel = FakeChannel(receiver)
    second = DocumentSender(channel)  # type: ignore[arg-type]
    receipt = await second.send(doc)
    assert receipt.sha256 == hashlib.sha256(receiver.completed[0].data).hexdigest()
    expected = -(-len(doc.data) // CHUNK_BYTES) - 5
    assert channel.chunks == expected, "only the missing part travelled again"


async def test_a_channel_that_closes_while_its_buffer_is_full_interrupts_the_transfer() -> None:
    """The sender waits for the buffer to drain; a connection closed meanwhile never
    drains it: the transfer is interrupted at once (to resume on a new one), not left
    waiting for ever (seen: a kiosk whose whole connection was made again mid-scan)."""
    receiver = DocumentReceiver()
    channel = FakeChannel(receiver)
    sender = DocumentSender(channel, reply_timeout_s=5)  # type: ignore[arg-type]
    original = channel.send

    def fill_the_buffer(data: str | bytes) -> None:
        original(data)
        if isinstance(data, bytes) and channel.chunks == 3:
            channel.bufferedAmount = 10**9  # the link stalled: nothing drains
            loop = asyncio.get_running_loop()
            loop.call_later(0.05, lambda: setattr(channel, "readyState", "closed"))
            loop.call_later(0.05, channel.handlers["close"])

    channel.send = fill_the_buffer  # type: ignore[method-assign]
    with pytest.raises(DocumentError, match="interrupted"):
        await asyncio.wait_for(sender.send(document(1_000_000)), 2)


async def test_one_transfer_at_a_time_and_clear_refusals() -> None:
    receiver = DocumentReceiver()
    sender = DocumentSender(FakeChannel(receiver))  # type: ignore[arg-type]
    big = document(2_000_000)
    running = asyncio.ensure_future(sender.send(big))
    await asyncio.sleep(0)  # the first transfer has begun
    with pytest.raises(DocumentError, match="already being sent"):
        await sender.send(document(1000))
    await running
    with pytest.raises(DocumentError, match="empty"):
        await sender.send(Document("e.pdf", "application/pdf", b""))
    assert isinstance(receiver.on_text(json.dumps({"t": "end", "id": "nope"}))[0], Refused)
    assert receiver.on_text("not json") == []


async def test_a_document_sent_again_after_its_receipt_was_lost_is_delivered_once() -> None:
    """All of it arrived, then the channel closed before the receipt got back: sent again
    on the next channel, it is acknowledged at once, nothing travels, nothing doubles."""
    receiver = DocumentReceiver()
    doc = document(300_000)
    await DocumentSender(FakeChannel(receiver)).send(doc)  # type: ignore[arg-type]
    channel = FakeChannel(receiver)
    receipt = await DocumentSender(channel).send(doc)  # type: ignore[arg-type]
    assert receipt.sha256 == doc.sha256
    assert channel.chunks == 0
    assert len(receiver.completed) == 1
    other = Document("scan.pdf", "application/pdf", b"%PDF other", doc_id=receipt.doc_id)
    assert (await DocumentSender(FakeChannel(receiver)).send(other)).sha256 == other.sha256  # type: ignore[arg-type]
    assert len(receiver.completed) == 2, "the same id with other contents is a new document"
