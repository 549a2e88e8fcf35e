"""A call outlives the loss of a member's media: the clerk's console page is reloaded,
or the kiosk's process restarts, in the middle of a call. The member comes back through
``call.rejoin`` and the pictures flow again both ways; the call is never cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright

from kiosk.agent import KioskAgent
from kiosk.visit import VisitState
from media.sources import open_local_media
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    RecordingListener,
    ServerProcess,
    accept_next_offer,
    console_login,
    launch_console,
    seconds,
)

pytestmark = pytest.mark.e2e

#: 30 frames past n, or a new connection counting from zero that has decoded 10 already.
FRAMES_DECODED_ABOVE_OR_RESET = (
    "(n) => { const f = Number(document.querySelector('#media-stats').dataset.framesDecoded"
    " || 0); return f >= n + 30 || (f < n && f >= 10); }"
)


async def frames_decoded(page: Page) -> int:
    return int(await page.get_attribute("#media-stats", "data-frames-decoded") or 0)


async def call_between(
    server: ServerProcess, creds: DemoCredentials, page: Page
) -> tuple[KioskAgent, RecordingListener]:
    listener = RecordingListener()
    agent = KioskAgent(server.url, creds.kiosk_token, open_local_media("test", "tone"), listener)
    agent.start()
    await listener.watch.until(listener.welcomed, 10, "the kiosk's agency list")
    agent.begin()
    assert await agent.join("kela", "fi")
    await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
    await accept_next_offer(page)
    await listener.watch.until(
        lambda: "clerk" in listener.video_from and listener.video_from["clerk"].video.frames >= 30,
        20,
        "the clerk's video at the kiosk",
    )
    await page.wait_for_function(FRAMES_DECODED_ABOVE, arg=30, timeout=seconds(20) * 1000)
    return agent, listener


async def test_a_reloaded_console_rejoins_its_call(
    server: ServerProcess, test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    db_path, creds = test_db
    async with async_playwright() as pw:
        context = await launch_console(pw, tmp_path / "clerk")
        page = await context.new_page()
        agent, listener = await call_between(server, creds, page)
        try:
            first_pump = listener.video_from["clerk"]
            await page.reload()
            await page.wait_for_selector("#call-view:not([hidden])", timeout=seconds(10) * 1000)
            await page.wait_for_function(FRAMES_DECODED_ABOVE, arg=10, timeout=seconds(20) * 1000)
            await listener.watch.until(
                lambda: (
                    listener.video_from["clerk"] is not first_pump
                    and listener.video_from["clerk"].video.frames >= 30
                ),
                20,
                "the reloaded console's video at the kiosk",
            )
            assert "clerk" in listener.left, "the kiosk replaced its connection to the clerk"
            assert agent.visit.state is VisitState.IN_CALL
            await page.click("#end-call")
            await listener.watch.until(
                lambda: agent.visit.state is VisitState.FEEDBACK, 10, "the end of the call"
            )
        finally:
            await agent.stop()
            await context.close()
    store = Store(f"sqlite:///{db_path}")
    records = store.transactions()
    actions = [e["action"] for e in store.audit_entries()]
    store.close()
    assert [r.outcome for r in records] == ["handled"], "one call, not cut by the reload"
    assert "media_rejoined" in actions


async def test_a_restarted_kiosk_rejoins_its_call(
    server: ServerProcess, test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    db_path, creds = test_db
    async with async_playwright() as pw:
        context = await launch_console(pw, tmp_path / "clerk")
        page = await context.new_page()
        agent, _listener = await call_between(server, creds, page)
        await agent.stop()  # the kiosk process dies; systemd starts a new one
        listener = RecordingListener()
        restarted = KioskAgent(
            server.url, creds.kiosk_token, open_local_media("test", "tone"), listener
        )
        restarted.start()
        try:
            await listener.watch.until(
                lambda: restarted.visit.state is VisitState.IN_CALL, 10, "back in the call"
            )
            await listener.watch.until(
                lambda: (
                    "clerk" in listener.video_from
                    and listener.video_from["clerk"].video.frames >= 30
                ),
                20,
                "the clerk's video at the restarted kiosk",
            )
            # The dead kiosk's connection decodes nothing more: frames growing again are
            # the restarted kiosk's, over the connection the console made for it.
            now = await frames_decoded(page)
            await page.wait_for_function(
                FRAMES_DECODED_ABOVE_OR_RESET, arg=now, timeout=seconds(20) * 1000
            )
            await page.click("#end-call")
            await listener.watch.until(
                lambda: restarted.visit.state is VisitState.FEEDBACK, 10, "the end of the call"
            )
        finally:
            await restarted.stop()
            await context.close()
    store = Store(f"sqlite:///{db_path}")
    records = store.transactions()
    store.close()
    assert [r.outcome for r in records] == ["handled"]
