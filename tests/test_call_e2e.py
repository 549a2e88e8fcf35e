"""A whole call, as users make it: headless kiosk on `media`, clerk in real Chromium.

Runs the real server process on an ephemeral port inside the loopback-only namespace.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from playwright.async_api import BrowserContext, Page, async_playwright

from kiosk.agent import KioskAgent
from kiosk.visit import VisitState
from media.sources import open_local_media
from protocol import messages as protocol
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    RecordingListener,
    ServerProcess,
    console_login,
    launch_console,
    queue_up,
    scrape,
    seconds,
    until_stored,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
async def console(tmp_path: Path) -> AsyncIterator[BrowserContext]:
    async with async_playwright() as pw:
        context = await launch_console(pw, tmp_path / "clerk-profile")
        yield context
        await context.close()


def client_schema() -> dict[str, Any]:
    schema = protocol.json_schema()
    return {"$ref": "#/$defs/ClientMessage", "$defs": schema["$defs"]}


def record_sent_frames(page: Page) -> list[str]:
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    return sent


def record_received_frames(page: Page) -> list[str]:
    received: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda text: received.append(text)))
    return received


async def test_kiosk_and_clerk_see_and_hear_each_other(
    server: ServerProcess,
    test_db: tuple[Path, DemoCredentials],
    console: BrowserContext,
    screenshots: Path,
) -> None:
    db_path, creds = test_db
    listener = RecordingListener()
    agent = KioskAgent(server.url, creds.kiosk_token, open_local_media("test", "tone"), listener)
    agent.start()
    try:
        watch = listener.watch
        await queue_up(agent, listener)
        assert listener.positions[-1] == (1, 1)
        assert listener.statuses[-1].ice_servers == [], "none configured here, and said so"

        page = console.pages[0] if console.pages else await console.new_page()
        sent = record_sent_frames(page)
        received = record_received_frames(page)
        await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
        row = page.locator("#queue-table tbody tr")
        await row.first.wait_for(timeout=seconds(10) * 1000)
        assert await row.count() == 1
        assert "Nurmes" in await row.first.inner_text()
        await page.screenshot(path=str(screenshots / "console-queue.png"))
        await page.click("#availability")
        await page.wait_for_selector("#offer:not([hidden])", timeout=seconds(10) * 1000)
        assert "Kela" in await page.inner_text("#offer-text")
        await page.screenshot(path=str(screenshots / "console-offer.png"))
        await page.click("#offer-accept")

        # The kiosk decodes the clerk's fake camera and hears its fake microphone.
        await watch.until(lambda: agent.visit.state is VisitState.IN_CALL, 10, "the call")
        await watch.until(
            lambda: bool(listener.video) and listener.video[0].video.frames >= 30,
            20,
            "30 video frames from Chromium decoded at the kiosk",
        )
        await watch.until(
            lambda: bool(listener.audio) and listener.audio[0].audio.peak_rms > 0.01,
            20,
            "audio with energy from Chromium at the kiosk",
        )
        assert listener.video[0].video.width > 0
        [session] = agent.sessions.values()
        assert session.prepared, "the kiosk's offer was made while its customer queued"
        # ... and handed to the server then: the console got it with the call's start
        # (queue.offer), and the kiosk sent it no other.
        [started] = [json.loads(text) for text in received if '"type":"call.started"' in text]
        [kiosk_entry] = started["peers"]
        assert kiosk_entry["offer"]["sdp"] == session.pc.localDescription.sdp
        assert session.offer_given and session.generation == 1

        # The console decodes the kiosk's 640x480 test pattern, and keeps decoding.
        stats = page.locator("#media-stats")
        await page.wait_for_function(FRAMES_DECODED_ABOVE, arg=10, timeout=seconds(20) * 1000)
        assert await stats.get_attribute("data-width") == "640"
        assert await page.evaluate("document.querySelector('#remote-video').videoWidth") == 640
        first = int(await stats.get_attribute("data-frames-decoded") or 0)
        await page.wait_for_function(
            FRAMES_DECODED_ABOVE, arg=first + 15, timeout=seconds(10) * 1000
        )
        await page.screenshot(path=str(screenshots / "console-call.png"))
        # What an operator's Prometheus scrapes meanwhile: one call, one kiosk at Nurmes.
        live = await asyncio.to_thread(scrape, server.url)
        assert live["remote_service_calls"] == 1
        assert live['remote_service_kiosks_online{point="Nurmes"}'] == 1
        assert live['remote_service_connections_by_role{role="clerk"}'] == 1
        assert live['remote_service_clerks_by_status{status="busy"}'] == 1
        assert live['remote_service_call_setup_seconds_count{agency="kela"}'] == 1
        assert 0 < live['remote_service_call_setup_seconds_sum{agency="kela"}'] < 10
        assert live["remote_service_leading"] == 1

        # The kiosk's camera stops: the clerk is told, and the call goes on with sound.
        agent.media.video_source.stop()
        await page.wait_for_function(
            "() => document.querySelector('#call-status').textContent.includes('camera stopped')",
            timeout=seconds(10) * 1000,
        )
        assert agent.visit.state is VisitState.IN_CALL
        # ... and the operators see a kiosk whose device failed, at its point.
        broken = await asyncio.to_thread(scrape, server.url)
        assert broken['remote_service_kiosks_unhealthy{point="Nurmes"}'] == 1

        # The clerk ends the call: both sides return to idle, one record is written.
        await page.click("#end-call")
        await watch.until(lambda: agent.visit.state is VisitState.FEEDBACK, 10, "the feedback")
        await agent.give_feedback(4, "waiting_time")
        assert agent.visit.state is VisitState.START
        await page.wait_for_selector("#queue-view:not([hidden])", timeout=seconds(10) * 1000)
        assert "call_ended" in listener.notices

        ratings = await until_stored(db_path, Store.feedback, 5, "the customer's rating")
        store = Store(f"sqlite:///{db_path}")
        records = store.transactions()
        store.close()
        assert [(r[2], r[3], r[4]) for r in ratings] == [("kela", 4, "waiting_time")]
        assert [(r.agency, r.language, r.outcome) for r in records] == [("kela", "fi", "handled")]
        assert records[0].answered_at is not None

        # Counted once it was durable: a handled Kela contact, its wait, its handling.
        after = await asyncio.to_thread(scrape, server.url)
        assert after['remote_service_contacts_total{agency="kela",outcome="handled"}'] == 1
        assert after['remote_service_wait_seconds_count{agency="kela"}'] == 1
        assert after['remote_service_handling_seconds_count{agency="kela"}'] == 1
        assert after["remote_service_calls"] == 0
        assert after["remote_service_offers_expired_total"] == 0
        assert after["remote_service_database_seconds_count"] > 10

        # Everything the console sent matches the protocol's JSON Schema.
        schema = client_schema()
        assert sent, "the console sent nothing"
        types = set()
        for frame in sent:
            message = json.loads(frame)
            jsonschema.validate(message, schema)
            types.add(message["type"])
        assert {"call.accept", "signal", "call.end", "call.media"} <= types
    finally:
        await agent.stop()


async def test_a_console_opened_over_plain_http_still_connects(
    test_db: tuple[Path, DemoCredentials], console: BrowserContext
) -> None:
    """A console reached by an address that is not a secure context (plain HTTP to a
    machine's address, as in a demo opened from another computer) lacks some browser APIs;
    it must still log in and open its socket instead of failing silently."""
    db_path, creds = test_db
    server = ServerProcess(db_path, host="0.0.0.0")
    await server.start()
    try:
        page = console.pages[0] if console.pages else await console.new_page()
        await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
        assert not await page.evaluate("() => window.isSecureContext")
        assert await page.get_attribute("#connection", "data-state") == "open"
    finally:
        await server.stop()
