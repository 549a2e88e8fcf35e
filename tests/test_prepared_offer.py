"""The kiosk's first connection of a call, made while its customer waits in the queue
(media/session.py PreparedOffer; kiosk/agent.py): made when queued, used only when it fits
the call, and never left open behind a customer who left."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import aiohttp
import pytest
from aiortc import RTCConfiguration, RTCPeerConnection
from playwright.async_api import async_playwright

from kiosk import agent as agent_module
from kiosk.agent import KioskAgent
from kiosk.visit import VisitState
from media.network import allow_loopback_candidates
from media.session import IceServerConfig, PreparedOffer
from media.sources import open_local_media
from protocol import messages as p
from signaling.demo_data import DemoCredentials
from tests.coturn import coturn_server
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    RecordingListener,
    ServerProcess,
    accept_next_offer,
    console_login,
    free_port,
    launch_console,
    queue_up,
    require_loopback_only,
    seconds,
)

TURN_SECRET = "turn-test-secret"


async def prepared_while_queued(agent: KioskAgent) -> PreparedOffer:
    """The connection the queued agent is preparing, once made (the listener is told of
    no such thing, so its task is waited on)."""
    task = agent._preparing
    assert task is not None, "a queued kiosk prepares its call's connection"
    await asyncio.wait_for(asyncio.shield(task), seconds(10))
    prepared = agent.prepared_offer
    assert prepared is not None, "the preparation failed"
    return prepared


@contextlib.asynccontextmanager
async def queued_kiosk(
    server: ServerProcess, creds: DemoCredentials
) -> AsyncIterator[tuple[KioskAgent, RecordingListener]]:
    """A started kiosk whose customer holds a place in the queue; stopped at the end."""
    listener = RecordingListener()
    agent = KioskAgent(server.url, creds.kiosk_token, open_local_media("test", "tone"), listener)
    agent.start()
    try:
        await queue_up(agent, listener)
        yield agent, listener
    finally:
        await agent.stop()


async def test_a_queued_kiosk_prepares_its_connection_and_closes_it_when_the_customer_leaves(
    server: ServerProcess, test_db: tuple[Path, DemoCredentials]
) -> None:
    async with queued_kiosk(server, test_db[1]) as (agent, listener):
        watch = listener.watch
        prepared = await prepared_while_queued(agent)
        offer = prepared.pc.localDescription
        assert offer.type == "offer" and "a=candidate" in offer.sdp, "gathered already"
        assert "m=audio" in offer.sdp and "m=video" in offer.sdp and "m=application" in offer.sdp
        assert "VP8" in offer.sdp and "opus" in offer.sdp
        # Nothing is encoded for nobody: the camera's encoder waits for a call.
        assert agent.media.encoder.frames_encoded == 0

        await agent.leave()
        await watch.until(
            lambda: prepared.pc.connectionState == "closed", 10, "the prepared connection closed"
        )
        assert agent.prepared_offer is None


async def test_a_kiosk_connected_again_while_queued_prepares_anew(
    server: ServerProcess, test_db: tuple[Path, DemoCredentials]
) -> None:
    """Its signalling connection made again (as after a new address): the connection
    prepared before is closed, and the queue status that follows the welcome prepares a
    new one; the queue place is kept."""
    async with queued_kiosk(server, test_db[1]) as (agent, listener):
        watch = listener.watch
        first = await prepared_while_queued(agent)
        told = len(listener.statuses)
        await agent.client.reconnect()
        await watch.until(lambda: len(listener.statuses) > told, 10, "the place told again")
        assert first.pc.connectionState == "closed", "the old prepared one closed"
        again = await prepared_while_queued(agent)
        assert again is not first and again.pc.connectionState != "closed"
        assert agent.visit.state is VisitState.QUEUED


def call_started(policy: p.IceTransportPolicy = "all") -> p.CallStarted:
    return p.CallStarted(
        call_id="c-1",
        you="m-kiosk",
        agency="kela",
        language="fi",
        peers=[p.CallPeer(member_id="m-clerk", role="clerk", initiator=True, language="fi")],
        ice_servers=[],
        ice_transport_policy=policy,
    )


async def prepared_agent(tmp_path: Path) -> tuple[KioskAgent, PreparedOffer]:
    """An agent (not connected) holding a connection prepared with no ICE servers."""
    agent = KioskAgent("ws://127.0.0.1:9/ws", "token", open_local_media("test", "tone"))
    agent._prepare_ahead(
        p.QueueStatus(ticket="t-1", agency="kela", position=1, waiting=1, ice_servers=[])
    )
    return agent, await prepared_while_queued(agent)


@pytest.mark.parametrize("why", ["relay_only_call", "too_old"])
async def test_a_prepared_connection_that_does_not_fit_the_call_is_closed_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, why: str
) -> None:
    agent, prepared = await prepared_agent(tmp_path)
    if why == "too_old":
        monkeypatch.setattr(prepared, "made_at", prepared.made_at - agent_module.PREPARED_FOR_S - 1)
    call = call_started("relay" if why == "relay_only_call" else "all")
    assert await agent._take_prepared(call) is None
    assert prepared.pc.connectionState == "closed"
    await agent.stop()


async def test_a_fitting_prepared_connection_is_handed_to_the_call_once(tmp_path: Path) -> None:
    agent, prepared = await prepared_agent(tmp_path)
    assert await agent._take_prepared(call_started()) is prepared
    assert await agent._take_prepared(call_started()) is None, "one call, one use"
    assert prepared.pc.connectionState != "closed"
    await prepared.close()
    await agent.stop()


async def test_a_kiosk_told_nothing_of_ice_prepares_nothing(tmp_path: Path) -> None:
    """A server older than the field says nothing (None), which is not "no servers"."""
    agent = KioskAgent("ws://127.0.0.1:9/ws", "token", open_local_media("test", "tone"))
    agent._prepare_ahead(p.QueueStatus(ticket="t-1", agency="kela", position=1, waiting=1))
    assert agent._preparing is None
    await agent.stop()


async def test_a_queued_kiosk_that_finds_no_turn_tries_again_and_prepares_through_it(
    test_db: tuple[Path, DemoCredentials], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TURN server does not answer when the customer queues (restarting, say): the
    kiosk tries again while the customer waits, and once it answers, the connection
    prepared without it is made again with a relay through it. When the TURN server is
    gone again, the customer can still leave at once: closing the prepared connection does
    not wait for its allocations' deletion (aioice retries each for 63 s)."""
    require_loopback_only()
    allow_loopback_candidates()
    monkeypatch.setattr(agent_module, "TURN_RETRY_S", 0.2)
    db, creds = test_db
    port = free_port()
    url = f"turn:127.0.0.1:{port}?transport=udp"
    server = ServerProcess(db, args=["--ice-server", url], env={"TURN_SECRET": TURN_SECRET})
    await server.start()
    listener = RecordingListener()
    agent = KioskAgent(server.url, creds.kiosk_token, open_local_media("test", "tone"), listener)
    verdicts: asyncio.Queue[str | None] = asyncio.Queue()
    probe = agent._probe_turn

    async def probe_and_tell(servers: Sequence[IceServerConfig]) -> None:
        await probe(servers)
        verdicts.put_nowait(agent.turn_url)

    monkeypatch.setattr(agent, "_probe_turn", probe_and_tell)
    agent.start()
    try:
        await queue_up(agent, listener)
        assert await asyncio.wait_for(verdicts.get(), seconds(10)) is None
        without = await prepared_while_queued(agent)
        assert "typ relay" not in without.pc.localDescription.sdp
        with coturn_server(TURN_SECRET, port=port):
            while await asyncio.wait_for(verdicts.get(), seconds(10)) != url:
                pass  # a try begun before coturn was up
            assert agent._turn_probe is not None
            await asyncio.wait_for(asyncio.shield(agent._turn_probe), seconds(10))
            through = await prepared_while_queued(agent)
            assert through is not without and without.pc.connectionState == "closed"
            assert "typ relay" in through.pc.localDescription.sdp
            assert agent.visit.state is VisitState.QUEUED
        await agent.leave()
        await listener.watch.until(
            lambda: agent.visit.state is VisitState.START, 10, "the customer out of the queue"
        )
        assert agent.prepared_offer is None
    finally:
        await asyncio.wait_for(agent.stop(), seconds(10))
        await server.stop()


async def test_a_console_given_an_offer_the_kiosk_closed_since_gets_a_new_generation(
    server: ServerProcess,
    test_db: tuple[Path, DemoCredentials],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The race of a preparation replaced as the clerk clicks: the server hands the
    console the offer it holds, whose connection the kiosk has closed; the kiosk then
    offers the next generation (over the connection it prepared since), which replaces
    the console's, and the call has pictures both ways."""
    creds = test_db[1]
    async with queued_kiosk(server, creds) as (agent, listener), async_playwright() as pw:
        watch = listener.watch
        first = await prepared_while_queued(agent)
        assert agent._sent_ahead is not None and agent._sent_ahead.prepared is first
        # Replaced, and the server has not heard of the replacement when the clerk accepts.
        monkeypatch.setattr(agent, "_send_ahead", lambda prepared, ticket: asyncio.sleep(0))
        await agent._discard_prepared(withdraw=False)
        assert agent._queue_status is not None
        agent._prepare_ahead(agent._queue_status)
        second = await prepared_while_queued(agent)
        assert first.pc.connectionState == "closed"

        context = await launch_console(pw, tmp_path / "clerk-profile")
        page = await context.new_page()
        await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
        await accept_next_offer(page)
        await page.wait_for_function(FRAMES_DECODED_ABOVE, arg=10, timeout=seconds(20) * 1000)
        await watch.until(
            lambda: bool(listener.video) and listener.video[-1].video.frames >= 10,
            20,
            "10 video frames from Chromium decoded at the kiosk",
        )
        [session] = agent.sessions.values()
        assert session.pc is second.pc and session.generation == 2
        assert not session.offer_given, "the console had the closed one: this one was sent"
        await context.close()


async def test_a_console_given_an_offer_that_never_connects_still_shows_the_call(
    server: ServerProcess, test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    """The console draws the call once the offer sent ahead has connected, or after a
    moment: a kiosk gone silent must not leave the clerk on the offer card."""
    creds = test_db[1]
    made = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    made.createDataChannel("documents")
    made.addTransceiver("video")
    await made.setLocalDescription(await made.createOffer())
    sdp = made.localDescription.sdp
    await made.close()  # nothing will answer its candidates
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(f"{server.url}/ws", protocols=("rs-kiosk-token", creds.kiosk_token)) as ws,
        async_playwright() as pw,
    ):
        await ws.receive_json()  # welcome
        await ws.send_str(p.encode(p.QueueJoin(agency="kela", language="fi")))
        status = None
        while status is None:
            message = p.parse_server_message((await ws.receive()).data)
            status = message if isinstance(message, p.QueueStatus) else None
        description = p.SessionDescription(type="offer", sdp=sdp)
        await ws.send_str(
            p.encode(p.QueueOffer(ticket=status.ticket, number=1, description=description))
        )
        context = await launch_console(pw, tmp_path / "clerk-profile")
        page = await context.new_page()
        await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
        await accept_next_offer(page)
        await page.wait_for_selector("#call-view:not([hidden])", timeout=seconds(3) * 1000)
        assert await page.locator("#offer").is_hidden()
        await context.close()
