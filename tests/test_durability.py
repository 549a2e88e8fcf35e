"""kill -9 of the server with customers queued and a call running: after a restart
everyone is back in the same order, the call goes on, and the counts are exact."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from kiosk.agent import KioskAgent
from kiosk.connection import Backoff, ConnectionState
from kiosk.visit import VisitState
from media.network import allow_loopback_candidates
from media.sources import open_local_media
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    RecordingListener,
    ServerProcess,
    accept_next_offer,
    console_login,
    free_port,
    launch_console,
    require_loopback_only,
    seconds,
)

pytestmark = pytest.mark.e2e
FAST_RETRY = Backoff(initial_s=0.1, factor=2, cap_s=1.0, jitter=0.3)


def counts(url: str) -> dict[str, int]:
    """The server's live counts, as its Prometheus scraper reads them (/metrics)."""
    with urllib.request.urlopen(f"{url}/metrics", timeout=5) as response:
        text = response.read().decode()
    return {
        name.removeprefix("remote_service_"): int(float(value))
        for name, value in (line.split(" ") for line in text.splitlines() if line[:1] != "#")
        if "{" not in name
    }


async def test_everyone_survives_a_kill_9(tmp_path: Path) -> None:
    require_loopback_only()
    allow_loopback_candidates()
    db = tmp_path / "server.db"
    store = Store(f"sqlite:///{db}")
    from tests.helpers import seed_test_point

    creds: DemoCredentials = seed_test_point(store, kiosks=4)
    tokens = [creds.kiosk_token] + [store.rotate_kiosk_token(f"nurmes-{n}") for n in (2, 3, 4)]
    store.close()
    server = ServerProcess(db, port=free_port(), args=["--tick-s", "0.2"])
    await server.start()
    agents: list[KioskAgent] = []
    listeners: list[RecordingListener] = []
    try:
        for token in tokens:
            listener = RecordingListener()
            agent = KioskAgent(
                server.url, token, open_local_media("test", "tone"), listener, backoff=FAST_RETRY
            )
            agent.start()
            agents.append(agent)
            listeners.append(listener)
            await listener.watch.until(lambda li=listener: bool(li.agencies), 10, "welcome")
        # The first kiosk will be in a call; the other three wait, in this order.
        for agent, listener in zip(agents, listeners, strict=True):
            agent.begin()
            assert await agent.join("kela", "fi")
            await listener.watch.until(
                lambda a=agent: a.visit.state is VisitState.QUEUED, 10, "a queue place"
            )
        async with async_playwright() as pw:
            console = await launch_console(pw, tmp_path / "clerk")
            page = await console.new_page()
            await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
            await accept_next_offer(page)
            in_call, queued = listeners[0], listeners[1:]
            await in_call.watch.until(
                lambda: bool(in_call.video) and in_call.video[0].video.frames > 10, 20, "call media"
            )
            for n, listener in enumerate(queued, start=1):
                await listener.watch.until(
                    lambda li=listener, n=n: li.positions[-1][0] == n, 10, f"place {n}"
                )
            assert counts(server.url)["queued"] == 3

            await server.kill()
            for listener in listeners:
                await listener.watch.until(
                    lambda li=listener: li.connection[-1] is ConnectionState.RECONNECTING,
                    10,
                    "the kiosk to notice",
                )
            frames_before = in_call.video[0].video.frames
            statuses_before = [len(listener.statuses) for listener in queued]
            await server.start()

            # Everyone is back, in the same order, without having been told of an error.
            for n, listener in enumerate(queued, start=1):
                await listener.watch.until(
                    lambda li=listener: li.connection[-1] is ConnectionState.OPEN, 20, "reconnect"
                )
                before = statuses_before[n - 1]
                await listener.watch.until(
                    lambda li=listener, before=before: len(li.statuses) > before,
                    10,
                    f"a fresh status for place {n}",
                )
                assert listener.statuses[-1].position == n
            health = counts(server.url)
            assert (health["queued"], health["calls"]) == (3, 1)
            for agent in agents[1:]:
                assert agent.visit.state is VisitState.QUEUED
            for listener in listeners:
                assert VisitState.START not in listener.visits[2:], "nobody was sent back"
                assert not {"place_lost", "call_ended"} & set(listener.notices)

            # The call went on throughout, media and all, and the console is still in it.
            assert agents[0].visit.state is VisitState.IN_CALL
            await in_call.watch.until(
                lambda: in_call.video[0].video.frames > frames_before + 30,
                10,
                "video after the restart",
            )
            await page.wait_for_selector("#connection[data-state=open]", timeout=seconds(20) * 1000)
            assert await page.is_visible("#call-view")
            first = int(await page.get_attribute("#media-stats", "data-frames-decoded") or 0)
            await page.wait_for_function(
                FRAMES_DECODED_ABOVE, arg=first + 15, timeout=seconds(10) * 1000
            )

            # Counting is exact: the call ends once, one customer leaves, two still wait.
            await page.click("#end-call")
            await in_call.watch.until(
                lambda: agents[0].visit.state is VisitState.FEEDBACK,
                10,
                "the call's end at the kiosk",
            )
            await agents[1].leave()
            await queued[0].watch.until(
                lambda: agents[1].visit.state is VisitState.START,
                10,
                "the first in the queue leaving",
            )
            await queued[1].watch.until(
                lambda: queued[1].positions[-1][0] == 1, 10, "the next one moving up"
            )
            await console.close()
        await server.stop()
        store = Store(f"sqlite:///{db}")
        outcomes = sorted(t.outcome for t in store.transactions())
        waiting = [c.ticket.kiosk_id for c in store.live_contacts()]
        store.close()
        assert outcomes == ["abandoned", "handled"]
        assert len(waiting) == 2
    finally:
        for agent in agents:
            await agent.stop()
        await server.stop()
        allow_loopback_candidates(False)
