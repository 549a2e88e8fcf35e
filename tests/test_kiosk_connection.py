"""The kiosk's signalling connection against servers that misbehave the way a stalled
link makes them look."""

from __future__ import annotations

import asyncio
import time

from kiosk.connection import HANDSHAKE_S, Backoff, ConnectionState, SignalingClient, connect_timeout
from protocol import messages as p
from tests.helpers import require_loopback_only


async def test_a_handshake_that_never_answers_is_given_up_and_tried_again() -> None:
    """The TCP connection is made, the upgrade is never answered (a link that stalled
    just after the connection, as seen in CI through the relay): the kiosk used to wait
    for ever, its signalling dead for the rest of the call."""
    require_loopback_only()
    accepted: list[float] = []
    second = asyncio.Event()
    held: list[asyncio.StreamWriter] = []

    async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(time.monotonic())
        held.append(writer)  # open, silent
        if len(accepted) >= 2:
            second.set()
        await reader.read(65536)

    server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    states: list[ConnectionState] = []

    async def ignore(_message: p.ServerMessage) -> None:
        return None

    client = SignalingClient(
        f"ws://127.0.0.1:{port}/ws",
        "token",
        on_message=ignore,
        on_state=states.append,
        backoff=Backoff(initial_s=0.05, cap_s=0.05, jitter=0.0),
    )
    running = asyncio.ensure_future(client.run())
    try:
        await asyncio.wait_for(second.wait(), connect_timeout(0) + HANDSHAKE_S + 5)
        waited = accepted[1] - accepted[0]
        assert waited <= connect_timeout(0) + HANDSHAKE_S + 0.5, waited
        assert ConnectionState.OPEN not in states
    finally:
        await client.close()
        running.cancel()
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()
