"""A connection's outbox under a burst: whole-state messages replace the one still waiting,
so a console busy for a moment neither falls behind nor overflows and gets cut off."""

from __future__ import annotations

import asyncio

from protocol import messages as p
from signaling.core.presence import KioskPrincipal
from signaling.hub import OUTBOX_LIMIT, _Connection
from signaling.throttle import TokenBucket
from tests.helpers import seconds


class StalledSocket:
    """A WebSocket whose peer reads nothing until ``reading`` is set."""

    def __init__(self, expected: int) -> None:
        self.reading = asyncio.Event()
        self.sent: list[str] = []
        self.expected = expected
        self.all_sent = asyncio.Event()

    async def send_str(self, text: str) -> None:
        await self.reading.wait()
        self.sent.append(text)
        if len(self.sent) >= self.expected:
            self.all_sent.set()


def snapshot(waiting: int) -> p.QueueSnapshot:
    return p.QueueSnapshot(entries=[], queues=[p.QueueSummary(agency="kela", waiting=waiting)])


async def test_a_burst_of_snapshots_leaves_the_newest_in_the_first_ones_place() -> None:
    socket = StalledSocket(expected=2)
    conn = _Connection(
        "clerk-1",
        socket,  # type: ignore[arg-type]
        KioskPrincipal(kiosk_id=1, label="k", point_id=1, point_name="Nurmes"),
        "digest",
        TokenBucket(lambda: 0.0, rate_per_s=1, burst=1),
    )
    writer = asyncio.create_task(conn.drain())
    ended = p.CallEnded(call_id="c1", reason="ended_by_clerk")
    # 2,000 kiosks coming back: far more changes than the outbox holds (before, the
    # 513th raised QueueFull and the hub closed the console as "too slow").
    for waiting in range(1, 4 * OUTBOX_LIMIT):
        conn.put(snapshot(waiting), p.encode(snapshot(waiting)))
        if waiting == 10:
            conn.put(ended, p.encode(ended))
    socket.reading.set()
    await asyncio.wait_for(socket.all_sent.wait(), seconds(5))
    assert conn.outbox.empty()
    writer.cancel()
    kinds = [p.parse_server_message(text).type for text in socket.sent]
    assert kinds == ["queue.snapshot", "call.ended"]
    newest = p.parse_server_message(socket.sent[0])
    assert isinstance(newest, p.QueueSnapshot) and newest.queues[0].waiting == 4 * OUTBOX_LIMIT - 1
