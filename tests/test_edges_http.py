"""The server's edge as an attacker meets it: what an anonymous client learns, a Host it
does not serve, an Origin of the wrong scheme, a half-sent request, one address or one
login holding many sockets, and the database file's mode."""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import stat
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from signaling.app import create_runner
from signaling.config import ServerConfig
from signaling.demo_data import DemoCredentials
from signaling.edge import parse_networks
from signaling.store import Store
from signaling.supervisor import bodies
from tests.helpers import ServerProcess, app_client, seconds

PROXY = parse_networks(["127.0.0.1"])


@asynccontextmanager
async def running(config: ServerConfig) -> AsyncIterator[tuple[str, int]]:
    """The server as ``python -m signaling`` runs it (signaling.app.create_runner)."""
    runner = create_runner(config)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield runner.addresses[0][:2]
    finally:
        await runner.cleanup()


async def login(client: TestClient, **headers: str) -> aiohttp.ClientResponse:
    return await client.post(
        "/api/login", json={"username": "demo", "password": "demo"}, headers=headers
    )


async def test_anyone_learns_only_that_the_server_is_up(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    async with app_client(test_db[0], trusted_proxies=PROXY) as client:
        health = await client.get("/healthz")
        assert await health.json() == {"status": "ok"}
        assert (
            "aiohttp" not in health.headers["Server"] and "Python" not in health.headers["Server"]
        )
        scraped = await client.get("/metrics")
        text = await scraped.text()
        assert scraped.status == 200 and "remote_service_queued 0" in text
        outsider = await client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.5"})
        assert outsider.status == 403, "the counts are for the operators' scraper"
        missing = await client.get("/no-such-page")
        assert missing.status == 404 and missing.headers["Server"] == "remote-service"


async def test_a_scraper_elsewhere_reads_metrics_with_its_token_and_no_other(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    token = "a-long-random-scraper-token"
    async with app_client(test_db[0], trusted_proxies=PROXY, metrics_token=token) as client:
        away = {"X-Forwarded-For": "203.0.113.5"}
        scraped = await client.get("/metrics", headers={**away, "Authorization": f"Bearer {token}"})
        assert scraped.status == 200
        assert scraped.headers["Content-Type"].startswith("text/plain")
        assert "remote_service_leading 1.0" in await scraped.text()
        for wrong in ("Bearer nope", f"Bearer {token}x", token, ""):
            refused = await client.get("/metrics", headers={**away, "Authorization": wrong})
            assert refused.status == 403, wrong


async def test_a_host_name_this_server_does_not_serve_is_refused(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    async with app_client(test_db[0], allowed_hosts=("palvelu.example.fi",)) as client:
        rebound = await client.get("/healthz", headers={"Host": "attacker.example"})
        assert rebound.status == 421
        assert (
            await client.get("/healthz", headers={"Host": "palvelu.example.fi:8443"})
        ).status == 200
        assert (await client.get("/healthz", headers={"Host": "PALVELU.example.fi"})).status == 200


async def test_the_origins_scheme_counts_too(test_db: tuple[Path, DemoCredentials]) -> None:
    async with app_client(test_db[0], trusted_proxies=PROXY) as client:
        here = f"{client.host}:{client.port}"
        assert (await login(client, Origin=f"https://{here}")).status == 403, (
            "an https page does not act on the http site"
        )
        assert (await login(client, Origin=f"http://{here}")).status == 200
        # Behind the TLS proxy, the site is https: an http page of the same host is foreign.
        behind = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.9"}
        assert (await login(client, Origin=f"http://{here}", **behind)).status == 403
        assert (await login(client, Origin=f"https://{here}", **behind)).status == 200
        refused = await client.get(
            "/ws", headers={"Origin": f"http://{here}", "Upgrade": "websocket", **behind}
        )
        assert refused.status == 403, "no cross-scheme WebSocket with the clerk's cookie"


async def test_a_half_sent_request_is_not_held_open(test_db: tuple[Path, DemoCredentials]) -> None:
    config = ServerConfig(port=0, db_url=f"sqlite:///{test_db[0]}", header_timeout_s=0.5)
    async with running(config) as (host, port):
        reader, writer = await asyncio.open_connection(host, port)
        started = time.monotonic()
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        await writer.drain()
        assert await asyncio.wait_for(reader.read(), seconds(5)) == b""
        assert time.monotonic() - started < seconds(3)
        writer.close()
        # A whole request in time is served, then the idle connection goes the same way.
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = await asyncio.wait_for(reader.read(), seconds(5))
        assert answer.startswith(b"HTTP/1.1 200") and b'{"status": "ok"}' in answer
        writer.close()


def masked_frame(opcode: int, payload: bytes) -> bytes:
    """A client's WebSocket frame (RFC 6455: clients mask), short payloads only."""
    mask = os.urandom(4)
    return (
        bytes([0x80 | opcode, 0x80 | len(payload)])
        + mask
        + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    )


async def test_a_client_gone_while_its_ping_waits_is_let_go_quietly(
    test_db: tuple[Path, DemoCredentials], caplog: pytest.LogCaptureFixture
) -> None:
    """A kiosk whose link drops right after a message and a ping, or whose connection
    attempt gives up while the server authenticates it (a reconnect storm has thousands):
    the server answers the ping only after handling the message, and accepts the socket
    only after authenticating, when it is already closing. That must end the connection,
    not raise out of the handler ("Error handling request" with a traceback, seen in the
    storm benchmark)."""
    caplog.set_level(logging.ERROR)
    config = ServerConfig(port=0, db_url=f"sqlite:///{test_db[0]}")
    async with running(config) as (host, port):
        for _attempt in range(5):  # the same kiosk, again and again, as in a storm
            await _message_ping_and_gone(host, port, test_db[1].kiosk_token)
            await _upgrade_and_gone(host, port, test_db[1].kiosk_token)
    # The runner's cleanup waited for the handlers: whatever they logged is here.
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors


def upgrade_request(host: str, port: int, token: str) -> bytes:
    key = base64.b64encode(os.urandom(16)).decode()
    return (
        f"GET /ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
        f"Sec-WebSocket-Version: 13\r\n"
        f"Authorization: Bearer {token}\r\n\r\n"
    ).encode()


async def _upgrade_and_gone(host: str, port: int, token: str) -> None:
    """A kiosk whose connection attempt timed out while the server authenticated it."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(upgrade_request(host, port, token))
    writer.write_eof()
    await asyncio.wait_for(reader.read(), seconds(5))
    writer.close()


async def _message_ping_and_gone(host: str, port: int, token: str) -> None:
    """A kiosk's connection that sends a message and a ping and closes at once."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(upgrade_request(host, port, token))
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), seconds(5))
    assert head.startswith(b"HTTP/1.1 101"), head
    await asyncio.wait_for(reader.readuntil(b'"welcome"'), seconds(5))  # handler reading
    join = b'{"type":"queue.join","agency":"kela","language":"fi"}'
    writer.write(masked_frame(0x1, join) + masked_frame(0x9, b"ping"))
    writer.write_eof()
    await asyncio.wait_for(reader.read(), seconds(5))
    writer.close()


async def test_one_address_cannot_hold_every_socket(test_db: tuple[Path, DemoCredentials]) -> None:
    async with app_client(test_db[0], max_requests_per_address=3) as client:
        assert (await login(client)).status == 200
        sockets = [await client.ws_connect("/ws") for _ in range(3)]
        for ws in sockets:
            assert (await ws.receive_json(timeout=seconds(5)))["type"] == "welcome"
        crowded = await client.get("/healthz")
        assert crowded.status == 429 and "too many connections" in (await crowded.json())["error"]
        await sockets[0].close()
        for _ in range(100):  # the server sees the close a moment later
            if (await client.get("/healthz")).status == 200:
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the address stayed blocked after a socket closed")
        for ws in sockets[1:]:
            await ws.close()


async def test_one_login_opens_a_bounded_number_of_consoles(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    async with app_client(test_db[0], max_sockets_per_session=2) as client:
        assert (await login(client)).status == 200
        tabs = [await client.ws_connect("/ws?tab=tab-0000000" + str(n)) for n in range(2)]
        refused = await client.get(
            "/ws?tab=tab-00000009",
            headers={
                "Upgrade": "websocket",
                "Connection": "Upgrade",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            },
        )
        assert refused.status == 429 and "too many consoles" in (await refused.json())["error"]
        for ws in tabs:
            await ws.close()


def test_the_database_file_is_the_servers_alone(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    Store(f"sqlite:///{path}").close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loose = tmp_path / "loose.db"
    loose.touch(mode=0o644)
    Store(f"sqlite:///{loose}").close()
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600, "an existing database is tightened"


async def test_a_body_trickled_in_is_cut_off(
    test_db: tuple[Path, DemoCredentials], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bodies, "BODY_TIMEOUT_S", 0.5)
    config = ServerConfig(port=0, db_url=f"sqlite:///{test_db[0]}")
    async with running(config) as (host, port):
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(
            b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 60\r\n\r\n" + b'{"username": '
        )
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), seconds(5))
        assert head.startswith(b"HTTP/1.1 408")
        assert b"too slowly" in await asyncio.wait_for(reader.read(100), seconds(5))
        writer.close()
        await writer.wait_closed()


async def test_a_fleet_connecting_at_once_is_held_by_the_kernel_not_dropped(
    server: ServerProcess,
) -> None:
    """After a restart 2,000 kiosks connect within a second or two. The listening socket's
    queue (its backlog; ``ss`` shows it as Send-Q) must hold them until they are accepted:
    with aiohttp's default of 128 the kernel dropped the rest, whose TCP retries then came
    too late for their handshake limits (bench: reconnect_storm_s)."""
    port = server.url.rsplit(":", 1)[1]
    ss = await asyncio.create_subprocess_exec(
        "ss", "-Hltn", f"sport = :{port}", stdout=asyncio.subprocess.PIPE
    )
    listing = (await ss.communicate())[0].decode().split()
    _state, _queued, backlog = listing[:3]
    assert int(backlog) >= 2048, listing
