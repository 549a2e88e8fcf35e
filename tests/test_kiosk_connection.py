"""The kiosk's signalling connection against servers that misbehave the way a stalled
link makes them look."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

from aiohttp import web

from kiosk.connection import (
    HANDSHAKE_S,
    SERVING_NODE,
    Backoff,
    ConnectionState,
    SignalingClient,
    connect_timeout,
    serving_node_url,
)
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


async def _ignore(_message: p.ServerMessage) -> None:
    return None


async def test_a_close_during_the_handshake_ends_the_client() -> None:
    """stop() while the upgrade was under way: the connection it opened a moment later
    was read for ever, and the kiosk's stop() never returned."""
    require_loopback_only()
    upgrading, go_on = asyncio.Event(), asyncio.Event()

    async def slow_upgrade(request: web.Request) -> web.WebSocketResponse:
        upgrading.set()
        await go_on.wait()
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for _ in ws:
            pass
        return ws

    async with _server(web.get("/ws", slow_upgrade)) as url:
        client = SignalingClient(f"{url}/ws", "token", on_message=_ignore)
        running = asyncio.ensure_future(client.run())
        await asyncio.wait_for(upgrading.wait(), 5)
        await client.close()
        go_on.set()
        await asyncio.wait_for(running, 5)
        assert client.state is ConnectionState.CLOSED


async def test_a_standby_that_names_the_serving_node_sends_the_kiosk_there() -> None:
    require_loopback_only()
    served: list[str] = []

    async def leader(request: web.Request) -> web.WebSocketResponse:
        served.append(request.headers["Authorization"])
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for _ in ws:
            pass
        return ws

    async with _server(web.get("/ws", leader)) as leader_url:

        async def standby(_request: web.Request) -> web.Response:
            return web.json_response(
                {"error": "standby", "serving": leader_url},
                status=503,
                headers={"Retry-After": "1", SERVING_NODE: leader_url},
            )

        async with _server(web.get("/ws", standby)) as standby_url:
            states: list[ConnectionState] = []
            opened = asyncio.Event()

            def on_state(state: ConnectionState) -> None:
                states.append(state)
                if state is ConnectionState.OPEN:
                    opened.set()

            client = SignalingClient(
                f"{standby_url}/ws", "token", on_message=_ignore, on_state=on_state
            )
            running = asyncio.ensure_future(client.run())
            try:
                await asyncio.wait_for(opened.wait(), 5)
                assert served == ["Bearer token"]
                assert ConnectionState.RECONNECTING not in states  # no wait, no failure shown
            finally:
                await client.close()
                await asyncio.wait_for(running, 5)


def test_a_named_node_is_followed_only_as_a_bare_origin_that_keeps_tls() -> None:
    assert serving_node_url("wss://rs.example.fi/ws", "https://node-b.example.fi:8443") == (
        "wss://node-b.example.fi:8443/ws"
    )
    assert serving_node_url("ws://127.0.0.1:1/ws", "http://127.0.0.1:2") == "ws://127.0.0.1:2/ws"
    for named in (
        "http://node-b.example.fi",  # would drop TLS: the token would travel in clear
        "https://node-b.example.fi/elsewhere",
        "https://user@node-b.example.fi",
        "ftp://node-b.example.fi",
        "node-b.example.fi",
        "https://node-b.example.fi?x=1",
    ):
        assert serving_node_url("wss://rs.example.fi/ws", named) is None, named


@contextlib.asynccontextmanager
async def _server(*routes: web.RouteDef) -> AsyncIterator[str]:
    app = web.Application()
    app.add_routes(routes)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def test_a_connection_that_ends_under_a_ping_is_made_again() -> None:
    """Seen in CI on a flapping link: the server pinged and its side of the connection
    closed at once; the kiosk's answer to the ping, written to a closing transport, raised
    ClientConnectionResetError out of the open connection, the client took it for a
    failed connect (a transition an open connection does not have), and its task died:
    the kiosk said "open" for the rest of the call with no connection at all, and never
    heard that the clerk had ended it."""
    require_loopback_only()
    connections = 0
    back = asyncio.Event()

    async def ping_and_go(request: web.Request) -> web.WebSocketResponse:
        nonlocal connections
        connections += 1
        ws = web.WebSocketResponse(autoping=connections > 1)
        await ws.prepare(request)
        if connections == 1:
            await ws.ping()
            assert request.transport is not None
            request.transport.close()  # the ping and the end of the connection together
            return ws
        back.set()
        async for _ in ws:
            pass
        return ws

    async with _server(web.get("/ws", ping_and_go)) as url:
        states: list[ConnectionState] = []
        reopened = asyncio.Event()

        def on_state(state: ConnectionState) -> None:
            states.append(state)
            if states.count(ConnectionState.OPEN) == 2:
                reopened.set()

        client = SignalingClient(
            f"{url}/ws",
            "token",
            on_message=_ignore,
            on_state=on_state,
            backoff=Backoff(initial_s=0.05, cap_s=0.05, jitter=0.0),
        )
        running = asyncio.ensure_future(client.run())
        try:
            done, _ = await asyncio.wait(
                {running, asyncio.ensure_future(reopened.wait())}, timeout=5
            )
            assert running not in done, f"the client's task ended: {running.exception()!r}"
            assert reopened.is_set(), f"not open again: {states}"
            assert states[:2] == [ConnectionState.OPEN, ConnectionState.RECONNECTING], states
            assert back.is_set() and connections == 2, (connections, states)
        finally:
            await client.close()
            await asyncio.wait_for(running, 5)
