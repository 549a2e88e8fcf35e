"""Three-way calls as people make them: a headless kiosk on `media`, the clerk and the
interpreter each in a real Chromium, the real server in between.

All six directions of video are checked as frames decoded on the receiving side; the
interpreter leaves (the call goes on) and a new one joins; a request nobody takes times
out cleanly and the clerk can keep waiting or cancel.
"""

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
    INTERPRETER,
    RecordingListener,
    ServerProcess,
    accept_next_offer,
    console_login,
    launch_console,
    seconds,
)

pytestmark = pytest.mark.e2e

TILE_FRAMES_ABOVE = (
    '([member, n]) => Number(document.querySelector(`#tiles [data-member="${member}"]`)'
    "?.dataset.framesDecoded || 0) > n"
)


async def tile_decodes(page: Page, member: str, frames: int = 10) -> None:
    await page.wait_for_function(
        TILE_FRAMES_ABOVE, arg=[member, frames], timeout=seconds(20) * 1000
    )


async def decodes_kiosk(page: Page, frames: int = 10) -> None:
    await page.wait_for_function(FRAMES_DECODED_ABOVE, arg=frames, timeout=seconds(20) * 1000)


async def in_queue(agent: KioskAgent, listener: RecordingListener) -> None:
    await listener.watch.until(listener.welcomed, 10, "the kiosk's agency list")
    agent.begin()
    assert await agent.join("kela", "fi")
    await listener.watch.until(lambda: agent.visit.state is VisitState.QUEUED, 10, "a place")


async def test_three_way_call_all_six_directions_leave_and_rejoin(
    server: ServerProcess,
    test_db: tuple[Path, DemoCredentials],
    tmp_path: Path,
    screenshots: Path,
) -> None:
    db_path, creds = test_db
    listener = RecordingListener()
    agent = KioskAgent(server.url, creds.kiosk_token, open_local_media("test", "tone"), listener)
    agent.start()
    watch = listener.watch
    try:
        await in_queue(agent, listener)
        async with async_playwright() as pw:
            clerk_ctx = await launch_console(pw, tmp_path / "clerk")
            interpreter_ctx = await launch_console(pw, tmp_path / "interpreter")
            clerk = await clerk_ctx.new_page()
            interpreter = await interpreter_ctx.new_page()
            await console_login(interpreter, server.url, *INTERPRETER)
            assert await interpreter.is_visible("#invitations-view")
            assert not await interpreter.is_visible("#queue-view")
            await interpreter.click("#availability")
            await interpreter.wait_for_selector("#availability[data-status=available]")
            await console_login(clerk, server.url, creds.clerk_username, creds.clerk_password)
            await accept_next_offer(clerk)
            await watch.until(lambda: agent.visit.state is VisitState.IN_CALL, 10, "the call")
            await decodes_kiosk(clerk)

            # The clerk asks for a Russian interpreter; the interpreter accepts.
            await clerk.select_option("#interpreter-language", "ru")
            await clerk.click("#request-interpreter")
            invitation = interpreter.locator(".invitation")
            await invitation.wait_for(timeout=seconds(10) * 1000)
            assert "Russian · Kela" in await invitation.inner_text(), "language and agency"
            await interpreter.screenshot(path=str(screenshots / "console-interpreter-invited.png"))
            await interpreter.click(".invitation button.primary")

            # Six directions: kiosk->clerk, kiosk->interpreter (the large picture of each
            # console), interpreter->clerk and clerk->interpreter (tiles), and both
            # browsers -> kiosk (frames decoded by aiortc).
            await decodes_kiosk(interpreter)
            await tile_decodes(interpreter, "clerk")
            await tile_decodes(clerk, "interpreter-1")
            for page in (clerk, interpreter):  # both hear the kiosk's one Opus stream
                await page.wait_for_function(
                    "() => Number(document.querySelector('#media-stats')"
                    ".dataset.audioEnergy || 0) > 0.01",
                    timeout=seconds(10) * 1000,
                )
            await watch.until(
                lambda: all(
                    member in listener.video_from and listener.video_from[member].video.frames >= 30
                    for member in ("clerk", "interpreter-1")
                ),
                20,
                "30 frames from the clerk and from the interpreter at the kiosk",
            )
            await watch.until(
                lambda: listener.audio_from["interpreter-1"].audio.peak_rms > 0.01,
                20,
                "the interpreter's voice at the kiosk",
            )
            assert [p.role for p in listener.joined] == ["interpreter"]
            await clerk.wait_for_selector("#interpreter-status[data-state=joined]")

            # Real-time text reaches every member in one order.
            assert await agent.send_chat("Voitteko kirjoittaa?")
            await interpreter.fill("#chat-input", "Пожалуйста")
            await interpreter.click("#chat-form button")
            for page in (clerk, interpreter):
                await page.wait_for_function(
                    "() => document.querySelectorAll('#chat-log li').length === 2",
                    timeout=seconds(10) * 1000,
                )
                assert "Voitteko kirjoittaa?" in await page.inner_text("#chat-log")
            await watch.until(lambda: len(listener.chat) == 2, 10, "both lines at the kiosk")
            assert listener.chat == [
                ("kiosk", "Voitteko kirjoittaa?", True),
                ("interpreter", "Пожалуйста", False),
            ]
            await clerk.screenshot(path=str(screenshots / "console-three-way-clerk.png"))
            await interpreter.screenshot(
                path=str(screenshots / "console-three-way-interpreter.png")
            )

            # The interpreter leaves: the call goes on between kiosk and clerk.
            await interpreter.click("#leave-call")
            await watch.until(lambda: listener.left == ["interpreter-1"], 10, "peer left")
            await clerk.wait_for_selector("#interpreter-status[data-state=left]")
            assert await clerk.locator("#tiles [data-member]").count() == 0
            frames = int(await clerk.get_attribute("#media-stats", "data-frames-decoded") or 0)
            await decodes_kiosk(clerk, frames + 15)
            assert agent.visit.state is VisitState.IN_CALL
            await interpreter.wait_for_selector("#invitations-view:not([hidden])")

            # A new request; the same interpreter joins again as a new member.
            await clerk.click("#request-interpreter")
            await interpreter.locator(".invitation button.primary").click(
                timeout=seconds(10) * 1000
            )
            await tile_decodes(clerk, "interpreter-2")
            await tile_decodes(interpreter, "clerk")
            await decodes_kiosk(interpreter)
            await watch.until(
                lambda: (
                    "interpreter-2" in listener.video_from
                    and listener.video_from["interpreter-2"].video.frames >= 30
                ),
                20,
                "the second interpreter's video at the kiosk",
            )

            await clerk.click("#end-call")
            await watch.until(lambda: agent.visit.state is VisitState.FEEDBACK, 10, "the end")
            await interpreter.wait_for_selector("#invitations-view:not([hidden])")
            assert await interpreter.locator("#chat-log li").count() == 0, "chat wiped"
            await clerk_ctx.close()
            await interpreter_ctx.close()
    finally:
        await agent.stop()
    store = Store(f"sqlite:///{db_path}")
    records = store.transactions()
    audit = store.audit_entries()
    store.close()
    assert [(r.outcome, r.interpreter_language) for r in records] == [("handled", "ru")]
    assert records[0].interpreter_seconds > 0
    interpreter_actions = [(a["action"], a["actor_role"]) for a in audit if a["call_id"]]
    assert interpreter_actions.count(("joined", "interpreter")) == 2
    assert interpreter_actions.count(("left", "interpreter")) == 1


async def test_request_nobody_takes_times_out_and_the_clerk_decides(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    db_path, creds = test_db
    server = ServerProcess(db_path, args=["--interpreter-timeout-s", "2", "--tick-s", "0.2"])
    await server.start()
    listener = RecordingListener()
    agent = KioskAgent(server.url, creds.kiosk_token, open_local_media("test", "tone"), listener)
    agent.start()
    try:
        await in_queue(agent, listener)
        async with async_playwright() as pw:
            context = await launch_console(pw, tmp_path / "clerk")
            clerk = await context.new_page()
            await console_login(clerk, server.url, creds.clerk_username, creds.clerk_password)
            await accept_next_offer(clerk)
            await listener.watch.until(lambda: agent.visit.state is VisitState.IN_CALL, 10, "call")
            await clerk.select_option("#interpreter-language", "so")  # nobody speaks Somali
            await clerk.click("#request-interpreter")
            await clerk.wait_for_selector("#interpreter-status[data-state=requested]")
            assert "none is available" in await clerk.inner_text("#interpreter-status")
            await clerk.wait_for_selector(
                "#interpreter-status[data-state=timed_out]", timeout=seconds(10) * 1000
            )
            assert await clerk.inner_text("#request-interpreter") == "Keep waiting"
            assert [s.state for s in listener.interpreter] == ["requested", "timed_out"]
            assert agent.visit.state is VisitState.IN_CALL, "the call goes on"
            await clerk.click("#request-interpreter")  # keep waiting
            await clerk.wait_for_selector("#interpreter-status[data-state=requested]")
            await clerk.click("#cancel-interpreter")
            await clerk.wait_for_selector("#interpreter-status[data-state=cancelled]")
            await listener.watch.until(
                lambda: [s.state for s in listener.interpreter][-1] == "cancelled", 10, "cancel"
            )
            await clerk.click("#end-call")
            await context.close()
    finally:
        await agent.stop()
        assert await server.stop() == 0


async def test_the_offer_tells_the_official_that_the_customer_needs_a_sign_language_interpreter(
    server: ServerProcess, test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    """Issue 21: the customer asked for one at the kiosk; the official sees it before
    accepting, not only once the call has started."""
    _db_path, creds = test_db
    listener = RecordingListener()
    agent = KioskAgent(server.url, creds.kiosk_token, open_local_media("test", "tone"), listener)
    agent.start()
    try:
        await listener.watch.until(listener.welcomed, 10, "the kiosk's agency list")
        agent.begin()
        assert await agent.join("kela", "fi", interpreter="fse")
        async with async_playwright() as pw:
            context = await launch_console(pw, tmp_path / "clerk")
            page = await context.new_page()
            await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
            await page.click("#availability")
            await page.wait_for_selector("#offer:not([hidden])", timeout=seconds(15) * 1000)
            need = await page.inner_text("#offer-need")
            assert "Finnish Sign Language" in need, need
            assert "Sign" not in await page.inner_text("#queue-table"), "the offer only"
            await context.close()
    finally:
        await agent.stop()
