"""Two server nodes on one PostgreSQL: one serves, the other waits on standby and takes
over, with everyone's place, when the leader is killed, cut off from the database or
stopped for a release (signaling/leadership.py). Real processes, a real PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from email.message import Message
from pathlib import Path

import psycopg
import pytest

from kiosk.agent import KioskAgent
from kiosk.connection import Backoff, ConnectionState
from kiosk.visit import VisitState
from media.sources import open_local_media
from signaling.__main__ import EXIT_LOST, EXIT_REFUSED
from signaling.codes import KEY_FILE_ENV
from signaling.store import Store
from tests.helpers import RecordingListener, ServerProcess, require_loopback_only, seconds
from tests.postgres import fresh_database
from tests.test_durability import counts

pytestmark = pytest.mark.e2e
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
def database(postgres_admin_url: str, tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A fresh database with the test point and three kiosks; their tokens."""
    from tests.helpers import seed_test_point

    with fresh_database(postgres_admin_url) as url:
        key = {KEY_FILE_ENV: str(tmp_path / "code-key")}
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(KEY_FILE_ENV, key[KEY_FILE_ENV])
            store = Store(url)
            first = seed_test_point(store, kiosks=3)
            tokens = [first.kiosk_token] + [store.rotate_kiosk_token(f"nurmes-{n}") for n in (2, 3)]
            store.close()
        yield url, tokens


@pytest.fixture
async def nodes(
    database: tuple[str, list[str]], tmp_path: Path
) -> AsyncIterator[tuple[ServerProcess, ServerProcess]]:
    """Node A, started first, leads; node B waits."""
    require_loopback_only()
    url, _ = database
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
    nodes: tuple[ServerProcess, ServerProcess], database: tuple[str, list[str]]
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
    nodes: tuple[ServerProcess, ServerProcess], database: tuple[str, list[str]]
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
    nodes: tuple[ServerProcess, ServerProcess], database: tuple[str, list[str]]
) -> None:
    a, b = nodes
    kiosks = await queued_kiosks(a.url, database[1][:2])
    try:
        assert a.proc is not None
        started = time.monotonic()
        assert await a.stop() == 0
        taken_over_s = await until_serving(b, 2) + (time.monotonic() - started)
        assert counts(b.url)["queued"] == 2
        assert taken_over_s <= seconds(2) + 0.5  # a.stop() itself counts
    finally:
        for agent, _ in kiosks:
            await agent.stop()


async def test_a_node_refuses_to_lead_a_database_of_a_newer_release(
    database: tuple[str, list[str]], tmp_path: Path
) -> None:
    require_loopback_only()
    url, _ = database
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("INSERT INTO schema_version VALUES (999)")
    node = ServerProcess(url, env={KEY_FILE_ENV: str(tmp_path / "code-key")})
    await node.start()
    assert node.proc is not None
    assert await asyncio.wait_for(node.proc.wait(), seconds(10)) == EXIT_REFUSED
