"""Every state of the clerk's console, in Finnish, Swedish and English (issue 18): signed
out, the device check, waiting, an offer (a customer who needs a sign language
interpreter), the three-way call with the interpreter's picture the large one, the chat,
a document handed in, the notes, the transfer choice; the interpreter's own screen too.
Each is checked by axe-core and kept as a picture (tests/screenshots/console-*-LANG-*.png).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright

from kiosk.visit import VisitState
from media.documents import Document
from signaling.demo_data import DemoCredentials
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    INTERPRETER,
    LOGIN_READY,
    choose_language,
    console_login,
    launch_console,
    seconds,
)
from tests.support.axe import serious_violations
from tests.support.kiosk_beside import kiosk_beside_server
from tests.test_documents_e2e import png_of_size

pytestmark = pytest.mark.e2e
WITHIN_MS = seconds(15) * 1000
MESSAGES = Path(__file__).parents[1] / "agent_console" / "static" / "i18n"


async def looked_at(page: Page, screenshots: Path, name: str) -> None:
    assert await serious_violations(page) == [], name
    await page.screenshot(path=str(screenshots / f"{name}.png"))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
async def test_every_console_state_in_each_language(
    language: str,
    test_db: tuple[Path, DemoCredentials],
    tmp_path: Path,
    screenshots: Path,
) -> None:
    db, creds = test_db
    says = json.loads((MESSAGES / f"{language}.json").read_text())
    shot = f"console-{{}}-{language}"
    async with kiosk_beside_server(db, creds, "--tick-s", "0.2") as lab:
        server, agent, listener = lab.server, lab.agent, lab.listener
        async with async_playwright() as pw:
            clerk_ctx = await launch_console(pw, tmp_path / "clerk")
            interpreter_ctx = await launch_console(pw, tmp_path / "interpreter")
            clerk = await clerk_ctx.new_page()
            interpreter = await interpreter_ctx.new_page()
            for page in (clerk, interpreter):
                await page.goto(f"{server.url}/console/")
                await page.wait_for_selector(LOGIN_READY)
                await choose_language(page, language)
            await looked_at(clerk, screenshots, shot.format("signed-out"))
            await console_login(interpreter, server.url, *INTERPRETER)
            await interpreter.click("#availability")
            await console_login(clerk, server.url, creds.clerk_username, creds.clerk_password)

            # The device check, before the first customer.
            await clerk.click("#devices-button")
            await clerk.locator("#devices-dialog").wait_for(timeout=WITHIN_MS)
            assert await clerk.inner_text("#devices-title") == says["devices.title"]
            await looked_at(clerk, screenshots, shot.format("device-check"))
            await clerk.locator("#devices-dialog button[value=save]").click()

            # A customer who needs a Finnish Sign Language interpreter waits; offered.
            agent.begin()
            assert await agent.join("kela", "sv", interpreter="fse")
            await listener.watch.until(lambda: agent.visit.state is VisitState.QUEUED, 10, "queued")
            await clerk.locator("#queue-table tbody tr").wait_for(timeout=WITHIN_MS)
            assert await clerk.inner_text("#queue-title") == says["console.queues_title"]
            await looked_at(clerk, screenshots, shot.format("waiting"))
            await clerk.click("#availability")
            await clerk.wait_for_selector("#offer:not([hidden])", timeout=WITHIN_MS)
            assert await clerk.is_visible("#offer-need")
            await looked_at(clerk, screenshots, shot.format("offer"))

            # The interpreter is invited as the call starts, and joins: three ways.
            await clerk.click("#offer-accept")
            invitation = interpreter.locator(".invitation")
            await invitation.wait_for(timeout=WITHIN_MS)
            await looked_at(interpreter, screenshots, shot.format("interpreter-invited"))
            await clerk.wait_for_function(FRAMES_DECODED_ABOVE, arg=10, timeout=WITHIN_MS)
            await looked_at(clerk, screenshots, shot.format("call-two-way"))
            await interpreter.click(".invitation button.primary")
            await clerk.wait_for_selector("#stage[data-sign=true] #tiles [data-member]")
            await clerk.wait_for_selector("#interpreter-status[data-state=joined]")
            assert await clerk.inner_text("#call-title") == says["console.call_title"]
            await looked_at(clerk, screenshots, shot.format("call-sign-language"))
            await interpreter.wait_for_function(FRAMES_DECODED_ABOVE, arg=10, timeout=WITHIN_MS)
            await looked_at(interpreter, screenshots, shot.format("interpreter-call"))

            # The chat: the customer writes, the official answers.
            assert await agent.send_chat("Hej!")
            await clerk.fill("#chat-input", "Hei, miten voin auttaa?")
            await clerk.click("#chat-form button")
            await clerk.wait_for_function(
                "() => document.querySelectorAll('#chat-log li').length === 2",
                timeout=WITHIN_MS,
            )
            await looked_at(clerk, screenshots, shot.format("chat"))

            # A document handed in: the documents tab shows it, verified.
            await listener.watch.until(
                lambda: (
                    (doc := agent.sessions["clerk"].documents) is not None
                    and doc.channel.readyState == "open"
                ),
                10,
                "the documents channel",
            )
            await clerk.click("#tab-documents")
            await agent.send_document(Document("hakemus.png", "image/png", png_of_size(600, 800)))
            await clerk.locator("#documents-list li.document").wait_for(timeout=WITHIN_MS)
            await looked_at(clerk, screenshots, shot.format("documents"))
            await clerk.click("#tab-notes")
            await clerk.fill("#call-notes", "…")
            await looked_at(clerk, screenshots, shot.format("notes"))

            # The transfer choice, then the end.
            await clerk.focus("#transfer-agency")
            await looked_at(clerk, screenshots, shot.format("transfer"))
            await clerk.click("#end-call")
            await clerk.wait_for_selector("#queue-view:not([hidden])", timeout=WITHIN_MS)
            assert await clerk.input_value("#call-notes") == "", "notes gone with the call"
            await clerk_ctx.close()
            await interpreter_ctx.close()
