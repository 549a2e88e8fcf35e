"""The database goes silent for seconds under a serving leader (a network fault between the
node and PostgreSQL that TCP survives): the leader pauses changes and says so, relays what
changes nothing, loses no write, and carries on when the database answers; the standby
does not take over. And a client that reaches a standby is sent to the node that serves.

PostgreSQL runs in a network namespace of the test's, behind a veth pair whose packets
the test drops (tests/support/netlab.py); the server nodes, the kiosks and the clerk stay
on loopback. Real processes throughout (signaling/pause.py, signaling/leadership.py).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import Any

import aiohttp
import psycopg
import pytest
from playwright.async_api import async_playwright

from kiosk.agent import KioskAgent
from kiosk.visit import VisitState
from media.sources import open_local_media
from signaling.appkeys import STORE
from signaling.codes import KEY_FILE_ENV
from signaling.core.effects import StorageEffect
from signaling.demo_data import DemoCredentials
from signaling.exceptions import DatabaseUnavailable
from signaling.store import Store
from tests.helpers import (
    RecordingListener,
    ServerProcess,
    app_client,
    console_login,
    console_opens,
    count_console_opens,
    free_port,
    launch_console,
    require_loopback_only,
    seconds,
    seed_test_point,
)
from tests.postgres import fresh_database, postgres_server
from tests.support.netlab import Host
from tests.test_durability import counts
from tests.test_failover import FAST_RETRY, answer, health, until_serving
from tests.test_revocation_e2e import browser_like, clerk_socket

pytestmark = pytest.mark.e2e


@pytest.fixture
def database_host() -> Iterator[tuple[Host, str]]:
    """PostgreSQL on a host of its own, behind a link the test can cut; its admin URL."""
    require_loopback_only()
    host = Host.create("pg")
    try:
        with postgres_server(host.address, host.command) as admin_url:
            yield host, admin_url
    finally:
        host.remove()


@pytest.fixture
def database(
    database_host: tuple[Host, str], tmp_path: Path
) -> Iterator[tuple[str, list[str], DemoCredentials]]:
    """The test point with three kiosks in a fresh database there; their tokens."""
    with fresh_database(database_host[1]) as url:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(KEY_FILE_ENV, str(tmp_path / "code-key"))
            store = Store(url)
            first = seed_test_point(store, kiosks=3)
            tokens = [first.kiosk_token] + [store.rotate_kiosk_token(f"nurmes-{n}") for n in (2, 3)]
            store.close()
        yield url, tokens, first


@pytest.fixture
async def nodes(
    database: tuple[str, list[str], DemoCredentials], tmp_path: Path
) -> AsyncIterator[tuple[ServerProcess, ServerProcess]]:
    """Node A leads and says where it is (--node-url); node B waits on standby."""
    env = {KEY_FILE_ENV: str(tmp_path / "code-key")}
    port = free_port()
    a = ServerProcess(
        database[0],
        port=port,
        env=env,
        args=["--tick-s", "0.2", "--node-url", f"http://127.0.0.1:{port}"],
    )
    b = ServerProcess(database[0], env=env, args=["--tick-s", "0.2"])
    await a.start()
    await until_serving(a, 10)
    await b.start()
    try:
        yield a, b
    finally:
        for node in (a, b):
            if node.proc is not None and node.proc.returncode is None:
                await node.kill()


async def next_of(ws: aiohttp.ClientWebSocketResponse, kind: str, within: float) -> dict[str, Any]:
    """The next message of type ``kind`` on ``ws`` (others are passed over)."""
    deadline = time.monotonic() + seconds(within)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"no {kind} within {within} s")
        frame = await ws.receive(timeout=left)
        if frame.type is not aiohttp.WSMsgType.TEXT:
            raise AssertionError(f"the connection ended waiting for {kind}: {frame.type}")
        message = json.loads(frame.data)
        if message["type"] == kind:
            return message


async def kiosk_socket(
    http: aiohttp.ClientSession, url: str, token: str
) -> aiohttp.ClientWebSocketResponse:
    ws = await http.ws_connect(f"{url}/ws", headers={"Authorization": f"Bearer {token}"})
    await next_of(ws, "welcome", 5)
    return ws


def live_contacts(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT COUNT(*) FROM live_contacts").fetchone()
    assert row is not None
    return int(row[0])


async def test_a_database_silent_for_seconds_pauses_changes_and_loses_none(
    nodes: tuple[ServerProcess, ServerProcess],
    database: tuple[str, list[str], DemoCredentials],
    database_host: tuple[Host, str],
    tmp_path: Path,
) -> None:
    a, b = nodes
    host = database_host[0]
    url, tokens, logins = database
    listener = RecordingListener()
    third = KioskAgent(a.url, tokens[2], open_local_media("test", "tone"), listener)
    third.start()
    try:
        async with (
            async_playwright() as pw,
            browser_like() as clerk_http,
            aiohttp.ClientSession() as http,
        ):
            context = await launch_console(pw, tmp_path / "console")
            console = context.pages[0]
            await console_login(console, a.url, logins.clerk_username, logins.clerk_password)
            await count_console_opens(console)
            clerk = await clerk_socket(
                clerk_http, a.url, logins.clerk_username, logins.clerk_password
            )
            first = await kiosk_socket(http, a.url, tokens[0])
            second = await kiosk_socket(http, a.url, tokens[1])
            await listener.watch.until(lambda: bool(listener.agencies), 10, "the third's welcome")
            third.begin()
            await first.send_json({"type": "queue.join", "agency": "kela", "language": "fi"})
            await next_of(first, "queue.status", 5)

            host.cut()
            cut_at = time.monotonic()
            # A change that reaches the leader as its database falls silent: its write
            # waits on the link, and it is not answered before it is durable.
            await second.send_json({"type": "queue.join", "agency": "kela", "language": "sv"})
            assert (await next_of(clerk, "service", 4))["state"] == "paused"
            paused_after = time.monotonic() - cut_at
            for kiosk in (first, second):
                assert (await next_of(kiosk, "service", 1))["state"] == "paused"
            banner = console.locator("#service-paused")
            await banner.wait_for(state="visible", timeout=seconds(2) * 1000)
            # What changes nothing still passes: the console's keep-alive is answered.
            await clerk.send_json({"type": "ping", "seq": 7})
            assert (await next_of(clerk, "pong", 1))["seq"] == 7
            # A change is refused and changes nothing; a kiosk holds it, to send again.
            await first.send_json({"type": "queue.leave"})
            refused = await next_of(first, "error", 1)
            assert (refused["code"], refused["in_reply_to"]) == ("service_paused", "queue.leave")
            assert await third.join("kela", "fi")
            await listener.watch.until(
                lambda: "change_held" in listener.notices, 2, "the third kiosk's join refused"
            )
            assert third.visit.state is VisitState.CHOOSING
            status, headers, body = await asyncio.to_thread(answer, f"{a.url}/ws")
            assert (status, headers["Retry-After"]) == (503, "2")
            assert "database does not answer" in json.loads(body)["error"]
            assert await asyncio.to_thread(health, a.url) == (503, {"status": "paused"})
            assert counts(a.url)["paused"] == 1

            host.restore()
            restored_at = time.monotonic()
            assert (await next_of(clerk, "service", 8))["state"] == "normal"
            resumed_after = time.monotonic() - restored_at
            await banner.wait_for(state="hidden", timeout=seconds(2) * 1000)
            assert await console_opens(console) == 0, "the console never lost its connection"
            # Nothing lost: the change that was under way, and the one sent again.
            assert (await next_of(second, "queue.status", 2))["position"] == 2
            await listener.watch.until(
                lambda: third.visit.state is VisitState.QUEUED, 5, "the third kiosk queued"
            )
            assert listener.statuses[-1].position == 3
            assert counts(a.url)["queued"] == 3
            assert counts(a.url)["paused"] == 0
            assert await asyncio.to_thread(live_contacts, url) == 3
            assert await asyncio.to_thread(health, a.url) == (200, {"status": "ok"})
            assert await asyncio.to_thread(health, b.url) == (503, {"status": "standby"})
            print(
                f"paused {paused_after:.2f} s after the cut; normal {resumed_after:.2f} s"
                " after the link came back"
            )
            for ws in (clerk, first, second):
                await ws.close()
            await context.close()
    finally:
        await third.stop()


async def test_a_client_that_reaches_the_standby_is_sent_to_the_node_that_serves(
    nodes: tuple[ServerProcess, ServerProcess], database: tuple[str, list[str], DemoCredentials]
) -> None:
    a, b = nodes
    status, headers, body = await asyncio.to_thread(answer, f"{b.url}/api/me")
    assert (status, headers["Serving-Node"]) == (503, a.url)
    assert json.loads(body)["serving"] == a.url
    # A kiosk configured with the standby's own address ends up queued on the leader.
    listener = RecordingListener()
    kiosk = KioskAgent(
        b.url, database[1][0], open_local_media("test", "tone"), listener, backoff=FAST_RETRY
    )
    kiosk.start()
    try:
        await listener.watch.until(lambda: bool(listener.agencies), 10, "welcome via the leader")
        kiosk.begin()
        assert await kiosk.join("kela", "fi")
        await listener.watch.until(lambda: listener.has_status(), 5, "a queue place")
        assert counts(a.url)["queued"] == 1
    finally:
        await kiosk.stop()


async def test_a_write_that_fails_waits_whole_and_is_written_when_the_database_answers(
    test_db: tuple[Path, DemoCredentials], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write the database could not take (its answer lost): the event is not announced,
    the node pauses, and the event is written and announced, in order, as soon as the
    database answers its leadership check again. The real app in this process."""
    async with app_client(test_db[0]) as client:
        store = client.app[STORE]
        failing = [DatabaseUnavailable("database unreachable: the test")]
        real_apply = store.apply

        def apply_after_one_failure(effects: Sequence[StorageEffect]) -> None:
            if failing:
                raise failing.pop()
            real_apply(effects)

        monkeypatch.setattr(store, "apply", apply_after_one_failure)
        token = {"Authorization": f"Bearer {test_db[1].kiosk_token}"}
        async with client.ws_connect("/ws", headers=token) as ws:
            await next_of(ws, "welcome", 5)
            await ws.send_json({"type": "queue.join", "agency": "kela", "language": "fi"})
            seen = [await next_kind(ws, 5) for _ in range(3)]
            assert seen == ["service", "queue.status", "service"]
            assert await asyncio.to_thread(store.live_contacts) != []


async def next_kind(ws: aiohttp.ClientWebSocketResponse, within: float) -> str:
    """The type of the next message that is not a queue snapshot or an agency list."""
    while True:
        kind = str((await ws.receive_json(timeout=seconds(within)))["type"])
        if kind not in ("queue.snapshot", "agencies"):
            return kind
