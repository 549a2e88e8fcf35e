"""Routing as a clerk meets it in Chromium: an offer with a countdown that expires and
sets them away, accepting the next, transferring to another agency, and choosing the
outcome; the records say exactly what happened."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from kiosk.agent import KioskAgent
from kiosk.visit import VisitState
from media.network import allow_loopback_candidates
from media.sources import open_local_media
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import (
    RecordingListener,
    ServerProcess,
    accept_next_offer,
    console_login,
    launch_console,
    require_loopback_only,
    seconds,
)

pytestmark = pytest.mark.e2e


async def test_offer_expiry_accept_transfer_and_outcome(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path, screenshots: Path
) -> None:
    require_loopback_only()
    allow_loopback_candidates()
    db, creds = test_db
    server = ServerProcess(db, args=["--offer-timeout-s", "2", "--tick-s", "0.2"])
    await server.start()
    listener = RecordingListener()
    agent = KioskAgent(server.url, creds.kiosk_token, open_local_media("test", "tone"), listener)
    agent.start()
    watch = listener.watch
    try:
        await watch.until(lambda: bool(listener.agencies), 10, "welcome")
        agent.begin()
        assert await agent.join("kela", "sv")
        await watch.until(lambda: agent.visit.state is VisitState.QUEUED, 10, "queued")
        async with async_playwright() as pw:
            console = await launch_console(pw, tmp_path / "clerk")
            page = await console.new_page()
            await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
            summary = page.locator("#queue-summary li")
            await summary.first.wait_for(timeout=seconds(10) * 1000)
            assert "Kela" in await summary.first.inner_text()

            # An offer nobody answers expires: the clerk is set away and told so.
            await page.click("#availability")
            await page.wait_for_selector("#offer:not([hidden])", timeout=seconds(10) * 1000)
            assert "Swedish" in await page.inner_text("#offer-text")
            await page.screenshot(path=str(screenshots / "console-offer-countdown.png"))
            await page.wait_for_selector("#offer", state="hidden", timeout=seconds(10) * 1000)
            await page.wait_for_selector("#availability[aria-pressed=false]")
            assert "expired" in await page.inner_text("#queue-error")

            # Available again: the same customer is offered again and accepted.
            offer = await accept_next_offer(page)
            assert "Kela" in offer
            await watch.until(lambda: agent.visit.state is VisitState.IN_CALL, 10, "the call")
            await page.wait_for_selector("#call-view:not([hidden])")

            # Transfer to the Tax Administration: the customer waits at the head of its
            # queue, and (serving it too) this clerk is offered them as "transferred".
            await page.select_option("#transfer-agency", "vero")
            await page.click("#transfer")
            await watch.until(lambda: agent.visit.state is VisitState.QUEUED, 10, "transferred")
            assert "transferred" in listener.notices
            assert listener.statuses[-1].agency == "vero"
            await page.wait_for_selector("#offer:not([hidden])", timeout=seconds(10) * 1000)
            assert "transferred" in await page.inner_text("#offer-text")
            await page.click("#offer-accept")
            await watch.until(lambda: agent.visit.state is VisitState.IN_CALL, 10, "call two")

            # The clerk records that the customer left, and ends the call.
            await page.wait_for_selector("#call-view:not([hidden])")
            await page.select_option("#outcome", "abandoned")
            await page.screenshot(path=str(screenshots / "console-call-controls.png"))
            await page.click("#end-call")
            await watch.until(lambda: agent.visit.state is VisitState.FEEDBACK, 10, "the end")
            await console.close()
    finally:
        await agent.stop()
        await server.stop()
        allow_loopback_candidates(False)
    store = Store(f"sqlite:///{db}")
    records = [(t.agency, t.language, t.outcome) for t in store.transactions()]
    store.close()
    assert records == [("kela", "sv", "transferred"), ("vero", "sv", "abandoned")]
