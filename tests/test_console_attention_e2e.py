"""Never miss a customer (issue 18): a clerk whose console is a tab in the background is
told of an offer by a system notification (Chromium, notification permission granted), and
by the tab's title and icon; the offer is answered with the keys shown on its buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright

from kiosk.visit import VisitState
from signaling.demo_data import DemoCredentials
from tests.helpers import (
    console_login,
    launch_console,
    seconds,
)
from tests.support.kiosk_beside import kiosk_beside_server

pytestmark = pytest.mark.e2e
WITHIN_MS = seconds(10) * 1000

#: The page's notifications, as the browser is asked to show them (each is also shown);
#: and a tab put in the background. Chromium here reports every page visible whatever is
#: in front (headless, and headed under Xvfb: measured with another tab, a new window and
#: a minimised one), so the page is told it is hidden as a browser tells it.
RECORD_NOTIFICATIONS = """
let hidden = false;
Object.defineProperty(Document.prototype, 'visibilityState', {
  get: () => (hidden ? 'hidden' : 'visible'), configurable: true,
});
Object.defineProperty(Document.prototype, 'hidden', { get: () => hidden, configurable: true });
window.__background = (value) => {
  hidden = value;
  document.dispatchEvent(new Event('visibilitychange'));
};
window.__notifications = [];
const Shown = window.Notification;
window.Notification = class extends Shown {
  constructor(title, options) {
    super(title, options);
    window.__notifications.push({ title, body: options?.body || '', closed: false });
    const record = window.__notifications[window.__notifications.length - 1];
    this.addEventListener('close', () => { record.closed = true; });
    const close = this.close.bind(this);
    this.close = () => { record.closed = true; close(); };
  }
};
"""


async def icon(page: Page) -> str:
    return str(await page.eval_on_selector("link[rel=icon]", "link => link.href"))


async def test_an_offer_in_a_background_tab_is_notified_and_answered_by_key(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path, screenshots: Path
) -> None:
    db, creds = test_db
    async with kiosk_beside_server(db, creds, "--tick-s", "0.2") as lab:
        server, agent, listener = lab.server, lab.agent, lab.listener
        async with async_playwright() as pw:
            context = await launch_console(pw, tmp_path / "clerk")
            await context.grant_permissions(["notifications"], origin=server.url)
            await context.add_init_script(RECORD_NOTIFICATIONS)
            page = await context.new_page()
            await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
            assert await page.evaluate("() => Notification.permission") == "granted"
            await page.click("#availability")
            await page.wait_for_selector("#availability[aria-pressed=true]")
            title = await page.title()
            assert (await icon(page)).endswith("/console/favicon.svg")

            # The clerk reads their mail in another tab; a customer queues.
            await page.evaluate("() => window.__background(true)")
            agent.begin()
            assert await agent.join("kela", "fi")
            await page.wait_for_selector("#offer:not([hidden])", timeout=WITHIN_MS)
            notes = await page.evaluate("() => window.__notifications")
            assert [(n["title"], n["closed"]) for n in notes] == [("A customer for you", False)]
            assert "Kela" in notes[0]["body"] and "Finnish" in notes[0]["body"]
            assert (await page.title()).startswith("● A customer for you")
            assert (await icon(page)).endswith("/console/favicon-calling.svg")

            # Back to the console: the notification goes, the offer waits; "N" declines it.
            await page.evaluate("() => window.__background(false)")
            await page.wait_for_function("() => window.__notifications[0].closed")
            await page.screenshot(path=str(screenshots / "console-offer-keys.png"))
            await page.keyboard.press("n")
            await page.wait_for_selector("#offer", state="hidden", timeout=WITHIN_MS)
            await page.wait_for_selector("#availability[aria-pressed=false]")
            assert await page.title() == title
            assert (await icon(page)).endswith("/console/favicon.svg")

            # Available again, in view: no notification, and "A" accepts (not while typing).
            await page.click("#availability")
            await page.wait_for_selector("#offer:not([hidden])", timeout=WITHIN_MS)
            assert len(await page.evaluate("() => window.__notifications")) == 1
            await page.keyboard.press("a")
            await listener.watch.until(
                lambda: agent.visit.state is VisitState.IN_CALL, 10, "the call"
            )
            await page.wait_for_selector("#call-view:not([hidden])")
            assert await page.title() == title
            await context.close()
