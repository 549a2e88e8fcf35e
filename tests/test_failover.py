"""Two server nodes on one PostgreSQL: one serves, the other waits on standby and takes
over, with everyone's place, when the leader is killed, cut off from the database or
stopped for a release (signaling/leadership.py). Real processes, a real PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from email.message import Message
from pathlib import Path

import aiohttp
import psycopg
import pytest
from playwright.async_api import async_playwright

from kiosk.agent import KioskAgent
from kiosk.connection import Backoff, ConnectionState
from kiosk.visit import VisitState
from media.network import allow_loopback_candidates
from media.sources import open_local_media
from signaling.__main__ import EXIT_LOST, EXIT_REFUSED
from signaling.codes import KEY_FILE_ENV
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.coturn import self_signed
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    RecordingListener,
    ServerProcess,
    accept_next_offer,
    console_login,
    console_opens,
    count_console_opens,
    free_port,
    launch_console,
    require_loopback_only,
    seconds,
    until_console_reopened,
)
from tests.nginx import check, main_config, nginx_in_front, rendered, spki_digest
from tests.postgres import fresh_database
from tests.test_durability import counts

pytestmark = pytest.mark.e2e
OPEN = ConnectionState.OPEN
STATS = "#media-stats"
FAST_RETRY = Backoff(initial_s=0.1, factor=2, cap_s=1.0, jitter=0.3)


def answer(url: str) -> tuple[int, Message, bytes]:
    """A GET's status, headers and body, refusals included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers, refused.read()


def health(url: str) -> tuple[int, dict[str, object]]:
    """/healthz as a load balancer reads it: the status code and the body."""
    status, _, body = answer(f"{url}/healthz")
    return status, json.loads(body)


async def until_serving(node: ServerProcess, within: float) -> float:
    """Seconds until ``node`` answers /healthz with 200; fails after ``within``."""
    started = time.monotonic()
    limit = seconds(within)
    while time.monotonic() - started < limit:
        if (await asyncio.to_thread(health, node.url))[0] == 200:
            return time.monotonic() - started
        await asyncio.sleep(0.05)  # a poll, as a load balancer's health check
    raise AssertionError(f"{node.url} did not take over within {limit:.1f} s")


@pytest.fixture
def database(
    postgres_admin_url: str, tmp_path: Path
) -> Iterator[tuple[str, list[str], DemoCredentials]]:
    """A fresh database with the test point and three kiosks; their tokens; the logins."""
    from tests.helpers import seed_test_point

    with fresh_database(postgres_admin_url) as url:
        key = {KEY_FILE_ENV: str(tmp_path / "code-key")}
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(KEY_FILE_ENV, key[KEY_FILE_ENV])
            store = Store(url)
            first = seed_test_point(store, kiosks=3)
            tokens = [first.kiosk_token] + [store.rotate_kiosk_token(f"nurmes-{n}") for n in (2, 3)]
            store.close()
        yield url, tokens, first


@pytest.fixture
async def nodes(
    database: tuple[str, list[str], DemoCredentials], tmp_path: Path
) -> AsyncIterator[tuple[ServerProcess, ServerProcess]]:
    """Node A, started first, leads; node B waits."""
    require_loopback_only()
    url = database[0]
    env = {KEY_FILE_ENV: str(tmp_path / "code-key")}
    a = ServerProcess(url, env=env, args=["--tick-s", "0.2"])
    b = ServerProcess(url, env=env, args=["--tick-s", "0.2"])
    await a.start()
    await until_serving(a, 10)
    await b.start()
    try:
        yield a, b
    finally:
        for node in (a, b):
            if node.proc is not None and node.proc.returncode is None:
                await node.kill()


async def queued_kiosks(url: str, tokens: list[str]) -> list[tuple[KioskAgent, RecordingListener]]:
    kiosks = []
    for token in tokens:
        listener = RecordingListener()
        agent = KioskAgent(
            url, token, open_local_media("test", "tone"), listener, backoff=FAST_RETRY
        )
        agent.start()
        await listener.watch.until(lambda li=listener: bool(li.agencies), 10, "welcome")
        agent.begin()
        assert await agent.join("kela", "fi")
        await listener.watch.until(
            lambda a=agent: a.visit.state is VisitState.QUEUED, 10, "a queue place"
        )
        kiosks.append((agent, listener))
    return kiosks


async def test_a_standby_refuses_everything_live_and_says_so(
    nodes: tuple[ServerProcess, ServerProcess],
) -> None:
    a, b = nodes
    assert health(a.url) == (200, {"status": "ok"})
    assert health(b.url) == (503, {"status": "standby"})
    for path in ("/ws", "/api/me", "/api/supervisor/agencies"):
        status, headers, body = answer(f"{b.url}{path}")
        assert (status, headers["Retry-After"]) == (503, "1"), path
        assert "standby" in json.loads(body)["error"]
    assert answer(f"{b.url}/console/")[0] == 200  # files need no leader


async def test_the_standby_takes_over_with_everyone_in_place_when_the_leader_dies(
    nodes: tuple[ServerProcess, ServerProcess], database: tuple[str, list[str], DemoCredentials]
) -> None:
    a, b = nodes
    kiosks = await queued_kiosks(a.url, database[1])
    assert counts(a.url)["queued"] == 3
    try:
        await a.kill()
        taken_over_s = await until_serving(b, 5)
        assert counts(b.url)["queued"] == 3  # restored from the database, exactly
        # Each kiosk, pointed at the node that leads now, is put back in its place.
        for agent, _ in kiosks:
            await agent.stop()
        again = []
        for n, token in enumerate(database[1], start=1):
            listener = RecordingListener()
            agent = KioskAgent(b.url, token, open_local_media("test", "tone"), listener)
            agent.start()
            again.append(agent)
            await listener.watch.until(listener.has_status, 10, f"kiosk {n}'s place")
            assert listener.statuses[-1].position == n
            assert agent.visit.state is VisitState.QUEUED
        assert counts(b.url)["queued"] == 3
        print(f"taken over in {taken_over_s:.2f} s")
    finally:
        for agent, _ in kiosks:
            await agent.stop()
        for agent in again:
            await agent.stop()


async def test_a_leader_cut_off_from_its_session_stops_and_the_standby_leads(
    nodes: tuple[ServerProcess, ServerProcess], database: tuple[str, list[str], DemoCredentials]
) -> None:
    """pg_terminate_backend on the session holding the lock: the old leader must notice
    within a second or two and stop; it cannot write, as its session is gone."""
    a, b = nodes
    (agent, listener), *_ = await queued_kiosks(a.url, database[1][:1])
    try:
        with psycopg.connect(database[0], autocommit=True) as admin:
            holders = admin.execute(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
            ).fetchall()
            assert len(holders) == 1, "exactly one session holds the leader lock"
            admin.execute("SELECT pg_terminate_backend(%s)", (holders[0][0],))
        assert a.proc is not None
        assert await asyncio.wait_for(a.proc.wait(), seconds(3)) == EXIT_LOST
        await listener.watch.until(
            lambda: ConnectionState.RECONNECTING in listener.connection, 5, "the kiosk told"
        )
        await until_serving(b, 5)
        assert counts(b.url)["queued"] == 1
        with psycopg.connect(database[0], autocommit=True) as admin:
            holders = admin.execute(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
            ).fetchall()
            assert len(holders) == 1, "the lock moved; nobody else holds one"
    finally:
        await agent.stop()


async def test_a_leader_stopped_for_a_release_hands_over_within_two_seconds(
    nodes: tuple[ServerProcess, ServerProcess], database: tuple[str, list[str], DemoCredentials]
) -> None:
    a, b = nodes
    kiosks = await queued_kiosks(a.url, database[1][:2])
    headers = {"Authorization": f"Bearer {database[1][2]}"}
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(a.url + "/ws", headers=headers) as raw,
        ):
            assert (await raw.receive_json())["type"] == "welcome"
            assert a.proc is not None
            started = time.monotonic()
            assert await a.stop() == 0
            closing = await raw.receive()
            while closing.type is aiohttp.WSMsgType.TEXT:  # what was already on its way
                closing = await raw.receive()
            # Told why, and what to do: the code says "going away", the reason says more.
            assert (closing.type, closing.data) == (aiohttp.WSMsgType.CLOSE, 1001)
            assert closing.extra == "going away: reconnect"
        taken_over_s = await until_serving(b, 2) + (time.monotonic() - started)
        assert counts(b.url)["queued"] == 2
        assert taken_over_s <= seconds(2) + 0.5  # a.stop() itself counts
    finally:
        for agent, _ in kiosks:
            await agent.stop()


async def test_a_node_refuses_to_lead_a_database_of_a_newer_release(
    database: tuple[str, list[str], DemoCredentials], tmp_path: Path
) -> None:
    require_loopback_only()
    url = database[0]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("INSERT INTO schema_version VALUES (999)")
    node = ServerProcess(url, env={KEY_FILE_ENV: str(tmp_path / "code-key")})
    await node.start()
    assert node.proc is not None
    assert await asyncio.wait_for(node.proc.wait(), seconds(10)) == EXIT_REFUSED


def test_the_deployed_nginx_configuration_passes_nginx_t(tmp_path: Path) -> None:
    cert = self_signed(tmp_path, "127.0.0.1")
    site = tmp_path / "remote-service.conf"
    site.write_text(
        rendered(
            ("127.0.0.1:1", "127.0.0.1:2"), cert, tmp_path / "turn.key", free_port(), free_port()
        )
    )
    checked = check(main_config(tmp_path, site))
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


async def test_a_call_through_nginx_survives_the_leader_dying_and_a_release(
    database: tuple[str, list[str], DemoCredentials], tmp_path: Path
) -> None:
    """As deployed: nginx with TLS in front of two nodes; a kiosk over wss trusting the
    test's authority in a call with a Chromium console over https, two kiosks queued.
    kill -9 of the leader: everyone is back in place through nginx within 5 s and the
    call's media never stops. Then a release: SIGTERM to the new leader, the restarted
    old one takes over within 2 s, the same way."""
    require_loopback_only()
    allow_loopback_candidates()
    url, tokens, logins = database
    cert = self_signed(tmp_path, "127.0.0.1")
    env = {KEY_FILE_ENV: str(tmp_path / "code-key")}
    behind = ["--tick-s", "0.2", "--trusted-proxy", "127.0.0.1", "--secure-cookies"]
    a = ServerProcess(url, env=env, port=free_port(), args=behind)
    b = ServerProcess(url, env=env, port=free_port(), args=behind)
    await a.start()
    await until_serving(a, 10)
    await b.start()
    tls = ssl.create_default_context(cafile=str(cert))
    nodes = (f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}")
    agents: list[KioskAgent] = []
    try:
        with nginx_in_front(tmp_path / "nginx", nodes, cert, tmp_path / "turn.key") as front:
            listeners = []
            for token in tokens:  # one to be in the call, two queued after it
                listener = RecordingListener()
                agent = KioskAgent(
                    front, token, open_local_media("test", "tone"), listener,
                    backoff=FAST_RETRY, tls=tls,
                )  # fmt: skip
                agent.start()
                agents.append(agent)
                listeners.append(listener)
                await listener.watch.until(lambda li=listener: bool(li.agencies), 10, "welcome")
                agent.begin()
                assert await agent.join("kela", "fi")
                await listener.watch.until(
                    lambda a=agent: a.visit.state is VisitState.QUEUED, 10, "a queue place"
                )
            async with async_playwright() as pw:
                console = await launch_console(
                    pw,
                    tmp_path / "clerk",
                    extra_args=[f"--ignore-certificate-errors-spki-list={spki_digest(cert)}"],
                )
                page = await console.new_page()
                await console_login(page, front, logins.clerk_username, logins.clerk_password)
                await accept_next_offer(page)
                await count_console_opens(page)
                in_call, *queued = listeners
                await in_call.watch.until(
                    lambda: bool(in_call.video) and in_call.video[0].video.frames > 10,
                    20,
                    "the official's picture at the kiosk",
                )
                await page.wait_for_function(
                    FRAMES_DECODED_ABOVE, arg=10, timeout=seconds(20) * 1000
                )

                for leader, successor, within, end in (
                    (a, b, 5.0, ServerProcess.kill),
                    (b, a, 2.0, ServerProcess.stop),
                ):
                    if successor.proc is None or successor.proc.returncode is not None:
                        await successor.start()  # the old leader, back as a standby
                        assert health(successor.url)[0] == 503
                    opens = [li.connection.count(OPEN) for li in listeners]
                    frames = in_call.video[0].video.frames
                    decoded = int(
                        await page.get_attribute("#media-stats", "data-frames-decoded") or 0
                    )
                    media_states = list(in_call.media_states)
                    opened = await console_opens(page)
                    started = time.monotonic()
                    await end(leader)
                    for listener, before in zip(listeners, opens, strict=True):
                        await listener.watch.until(
                            lambda li=listener, n=before: (
                                li.connection.count(ConnectionState.OPEN) > n
                            ),
                            within + 5,
                            "the kiosk back through nginx",
                        )
                    await until_console_reopened(page, opened, within + 5)
                    back_s = time.monotonic() - started
                    assert back_s <= within, f"everyone back in {back_s:.1f} s, not {within}"
                    assert agents[0].visit.state is VisitState.IN_CALL
                    for place, (agent, listener) in enumerate(
                        zip(agents[1:], queued, strict=True), start=1
                    ):
                        assert agent.visit.state is VisitState.QUEUED
                        assert listener.statuses[-1].position == place  # the same order
                    assert counts(successor.url)["queued"] == 2
                    assert counts(successor.url)["calls"] == 1
                    # The media never went through the server: the same connection
                    # kept carrying it, never reported interrupted.
                    await in_call.watch.until(
                        lambda f=frames: in_call.video[0].video.frames > f + 30,
                        5,
                        "the official's picture still coming",
                    )
                    assert len(in_call.video) == 1, "no new connection was needed"
                    assert media_states == in_call.media_states
                    await page.wait_for_function(
                        FRAMES_DECODED_ABOVE, arg=decoded + 15, timeout=seconds(10) * 1000
                    )
                    print(f"{end.__name__}: everyone back in {back_s:.2f} s")
                await console.close()
    finally:
        for agent in agents:
            await agent.stop()
        for node in (a, b):
            if node.proc is not None and node.proc.returncode is None:
                await node.kill()
        allow_loopback_candidates(False)
