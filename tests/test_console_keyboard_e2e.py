"""A whole call with the keyboard only, in real Chromium (issue 18, item 5): log in, take
customers, accept the offer, write in the chat, end the call, with Tab, Space, Enter and
letters; axe-core finds no serious violation on any screen on the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright

from kiosk.visit import VisitState
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    LOGIN_READY,
    launch_console,
    seconds,
)
from tests.support.axe import serious_violations
from tests.support.kiosk_beside import kiosk_beside_server

pytestmark = pytest.mark.e2e
WITHIN_MS = seconds(10) * 1000


async def focused(page: Page) -> str:
    return str(await page.evaluate("() => document.activeElement?.id || ''"))


async def tab_to(page: Page, element_id: str, limit: int = 40) -> list[str]:
    """Press Tab until ``element_id`` has the focus; the ids passed on the way."""
    passed: list[str] = []
    for _ in range(limit):
        await page.keyboard.press("Tab")
        passed.append(await focused(page))
        if passed[-1] == element_id:
            return passed
    raise AssertionError(f"Tab never reached #{element_id}: {passed}")


async def test_a_whole_call_with_the_keyboard_only(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path, screenshots: Path
) -> None:
    db, creds = test_db
    async with kiosk_beside_server(db, creds, "--tick-s", "0.2") as lab:
        server, agent, listener = lab.server, lab.agent, lab.listener
        async with async_playwright() as pw:
            context = await launch_console(pw, tmp_path / "clerk")
            page = await context.new_page()
            await page.goto(f"{server.url}/console/")
            await page.wait_for_selector(LOGIN_READY)
            assert await serious_violations(page) == [], "login"

            # Log in: Tab to the username, type, Tab, type, Enter.
            await tab_to(page, "login-username")
            await page.keyboard.type(creds.clerk_username)
            await page.keyboard.press("Tab")
            await page.keyboard.type(creds.clerk_password)
            await page.keyboard.press("Enter")
            await page.wait_for_selector("#queue-view:not([hidden])", timeout=WITHIN_MS)
            await page.wait_for_selector("#connection[data-state=open]", timeout=WITHIN_MS)
            assert await serious_violations(page) == [], "waiting"

            # Take customers: in the top bar, after the language; Space presses it.
            await tab_to(page, "availability")
            await page.keyboard.press("Space")
            await page.wait_for_selector("#availability[aria-pressed=true]")

            # A customer queues: the offer takes the focus, Enter accepts.
            agent.begin()
            assert await agent.join("kela", "fi")
            await page.wait_for_selector("#offer:not([hidden])", timeout=WITHIN_MS)
            assert await focused(page) == "offer-accept"
            assert await serious_violations(page) == [], "offer"
            await page.keyboard.press("Enter")
            await listener.watch.until(
                lambda: agent.visit.state is VisitState.IN_CALL, 10, "the call"
            )
            await page.wait_for_function(FRAMES_DECODED_ABOVE, arg=10, timeout=WITHIN_MS)
            assert await serious_violations(page) == [], "call"
            await page.screenshot(path=str(screenshots / "console-call-keyboard.png"))

            # Every control of the call is reached by Tab, the chat before the end.
            passed = await tab_to(page, "chat-input")
            await page.keyboard.type("Hei, miten voin auttaa?")
            await page.keyboard.press("Enter")
            await listener.watch.until(
                lambda: ("clerk", "Hei, miten voin auttaa?", False) in listener.chat,
                10,
                "the line at the kiosk",
            )
            # Back to the tabs, the arrow to Documents: its panel, then the controls.
            await page.keyboard.press("Shift+Tab")
            assert await focused(page) == "tab-chat"
            await page.keyboard.press("ArrowRight")
            assert await focused(page) == "tab-documents"
            assert await page.is_visible("#ask-document") and not await page.is_visible("#chat")
            passed += await tab_to(page, "end-call")
            for control in ("ask-document", "mute", "camera-off", "request-interpreter",
                            "transfer", "outcome"):  # fmt: skip
                assert control in passed, f"#{control} is not reached by Tab: {passed}"
            await page.keyboard.press("Enter")
            await page.wait_for_selector("#queue-view:not([hidden])", timeout=WITHIN_MS)
            await listener.watch.until(
                lambda: agent.visit.state is not VisitState.IN_CALL, 10, "the call over"
            )
            await context.close()
    store = Store(f"sqlite:///{db}")
    try:
        assert [t.outcome for t in store.transactions()] == ["handled"]
    finally:
        store.close()
