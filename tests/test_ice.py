"""ICE reported complete when it completes (media/ice.py), between two real aioice peers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import aioice
import pytest

from media.ice import PromptConnection
from media.network import allow_loopback_candidates
from tests.helpers import require_loopback_only, seconds

#: aioice's pacing sleep between checks (docs/stack-facts.md 15).
PACING_S = 0.02

Pair = tuple[aioice.Connection, aioice.Connection]


@pytest.fixture(autouse=True)
def loopback_candidates() -> object:
    require_loopback_only()
    allow_loopback_candidates()
    yield
    allow_loopback_candidates(False)


async def introduced(kind: type[aioice.Connection]) -> Pair:
    """A controlling and a controlled connection that know each other's candidates."""
    a, b = kind(ice_controlling=True, components=1), kind(ice_controlling=False, components=1)
    await asyncio.gather(a.gather_candidates(), b.gather_candidates())
    for near, far in ((a, b), (b, a)):
        near.remote_username, near.remote_password = far.local_username, far.local_password
        for candidate in far.local_candidates:
            await near.add_remote_candidate(candidate)
        await near.add_remote_candidate(None)
    return a, b


@pytest.fixture
async def slow_pacing(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    """aioice's pacing sleep made 30 s long: a connect() that waits for it cannot finish
    within the tests' timeouts, so the test shows whether completion is reported at once."""
    original: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def sleep(delay: float, result: object = None) -> object:
        await original(30 if delay == PACING_S else delay)
        return result

    monkeypatch.setattr(asyncio, "sleep", sleep)
    yield


async def echo(a: aioice.Connection, b: aioice.Connection) -> bytes:
    await a.send(b"ping")
    received = await asyncio.wait_for(b.recv(), seconds(5))
    await b.send(received + b"-pong")
    return await asyncio.wait_for(a.recv(), seconds(5))


async def test_connect_returns_when_checks_complete_not_at_the_next_pacing_tick(
    slow_pacing: None,
) -> None:
    a, b = await introduced(PromptConnection)
    try:
        await asyncio.wait_for(asyncio.gather(a.connect(), b.connect()), seconds(5))
        assert await echo(a, b) == b"ping-pong"
    finally:
        await asyncio.wait_for(asyncio.gather(a.close(), b.close()), seconds(5))


async def test_aioice_alone_waits_for_its_pacing_tick(slow_pacing: None) -> None:
    """What media/ice.py works around: without it the same connect() does not return."""
    a, b = await introduced(aioice.Connection)
    try:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(asyncio.gather(a.connect(), b.connect()), seconds(2))
    finally:
        await asyncio.wait_for(asyncio.gather(a.close(), b.close()), seconds(5))


async def test_consent_checks_still_start_after_a_prompt_connect() -> None:
    """aioice's own connect() finishes in the background and starts consent freshness
    (RFC 7675), which is what notices a far side that has gone away."""
    a, b = await introduced(PromptConnection)
    try:
        await asyncio.wait_for(asyncio.gather(a.connect(), b.connect()), seconds(5))
        for connection in (a, b):
            if connection._handshake is not None:  # returned before aioice's own tick
                await asyncio.wait_for(connection._handshake, seconds(5))
            assert connection._query_consent_task is not None
        assert await echo(a, b) == b"ping-pong"
    finally:
        await asyncio.wait_for(asyncio.gather(a.close(), b.close()), seconds(5))


async def test_a_failing_check_list_still_raises() -> None:
    """No far side at all: connect() fails as aioice's does, it does not hang."""
    a = PromptConnection(ice_controlling=True, components=1)
    await a.gather_candidates()
    a.remote_username, a.remote_password = "nobody", "n" * 22
    await a.add_remote_candidate(None)  # nothing to pair with, and no more to come
    try:
        with pytest.raises(ConnectionError):
            await asyncio.wait_for(a.connect(), seconds(5))
    finally:
        await a.close()
