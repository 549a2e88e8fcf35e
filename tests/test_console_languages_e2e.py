"""The clerk's console in Finnish, Swedish and English (issue 18, item 1), in real Chromium:
chosen on the login screen and remembered in the browser, every screen in the chosen
language (names of languages and agencies too), each checked by axe-core and kept as a
picture; not changed in the middle of a call."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from kiosk.visit import VisitState
from signaling.demo_data import DemoCredentials
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    LOGIN_READY,
    choose_language,
    console_login,
    launch_console,
    seconds,
)
from tests.support.axe import serious_violations
from tests.support.kiosk_beside import kiosk_beside_server

pytestmark = pytest.mark.e2e
WITHIN_MS = seconds(10) * 1000

#: What each screen says in each language, as a clerk reads it.
SAYS = {
    "fi": {
        "login": "Virkailijan kirjautuminen",
        "queues": "Virastojesi jonot",
        "away": "Poissa – paina ottaaksesi asiakkaita",
        "offer": "Sinulle on asiakas",
        "customer": "Kela, ruotsi, Nurmes; odottanut",
        "call": "Puhelussa",
        "link": "Asiakkaan yhteys: hyvä",
        "end": "Lopeta puhelu",
    },
    "sv": {
        "login": "Inloggning för handläggare",
        "queues": "Köerna till dina myndigheter",
        "away": "Borta – tryck för att ta emot kunder",
        "offer": "En kund till dig",
        "customer": "FPA, svenska, Nurmes; har väntat",
        "call": "I samtal",
        "link": "Kundens förbindelse: bra",
        "end": "Avsluta samtalet",
    },
    "en": {
        "login": "Clerk login",
        "queues": "Queues of your agencies",
        "away": "Away – press to take customers",
        "offer": "A customer for you",
        "customer": "Kela, Swedish, at Nurmes; waited",
        "call": "In call",
        "link": "Customer's connection: good",
        "end": "End call",
    },
}


async def test_the_console_in_finnish_swedish_and_english(
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
            for language, says in SAYS.items():
                await choose_language(page, language)
                assert await page.inner_text("#login-title") == says["login"]
                assert await serious_violations(page) == [], f"login in {language}"
                await page.screenshot(path=str(screenshots / f"console-login-{language}.png"))

            # Finnish, remembered: after a reload, and after logging in.
            await choose_language(page, "fi")
            await page.reload()
            await page.wait_for_selector(LOGIN_READY)
            assert await page.inner_text("#login-title") == SAYS["fi"]["login"]
            await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
            assert await page.title() == "Etäpalvelu – virkailijan konsoli"

            # Waiting, and offered a Swedish-speaking Kela customer, in each language.
            agent.begin()
            assert await agent.join("kela", "sv")
            await listener.watch.until(lambda: agent.visit.state is VisitState.QUEUED, 10, "queued")
            for language, says in SAYS.items():
                await choose_language(page, language)
                assert await page.inner_text("#queue-title") == says["queues"]
                assert await page.inner_text("#availability") == says["away"]
                assert says["customer"].split(",")[1].strip() in await page.inner_text(
                    "#queue-table"
                ), "the customer's language named in the page's language"
                assert await serious_violations(page) == [], f"waiting in {language}"
                await page.screenshot(path=str(screenshots / f"console-waiting-{language}.png"))
            for language, says in SAYS.items():
                await choose_language(page, language)
                if await page.get_attribute("#availability", "aria-pressed") != "true":
                    await page.click("#availability")
                await page.wait_for_selector("#offer:not([hidden])", timeout=WITHIN_MS)
                assert await page.inner_text("#offer-title") == says["offer"]
                assert (await page.inner_text("#offer-text")).startswith(says["customer"])
                assert await serious_violations(page) == [], f"offer in {language}"
                await page.screenshot(path=str(screenshots / f"console-offer-{language}.png"))
                if language != "en":
                    await page.click("#offer-decline")  # and the next language offers again
                    await page.wait_for_selector("#offer", state="hidden", timeout=WITHIN_MS)

            # The call, in English; the language cannot be changed until it is over.
            await page.click("#offer-accept")
            await page.wait_for_function(FRAMES_DECODED_ABOVE, arg=10, timeout=WITHIN_MS)
            assert await page.inner_text("#call-title") == SAYS["en"]["call"]
            assert await page.inner_text("#link-quality .words") == SAYS["en"]["link"]
            assert await page.is_disabled("#language")
            await page.screenshot(path=str(screenshots / "console-call-en.png"))
            await page.click("#end-call")
            await page.wait_for_selector("#queue-view:not([hidden])", timeout=WITHIN_MS)
            assert not await page.is_disabled("#language")

            # The next customer's call in Finnish.
            await choose_language(page, "fi")
            await listener.watch.until(
                lambda: agent.visit.state is VisitState.FEEDBACK, 10, "the rating screen"
            )
            await agent.give_feedback(None)
            agent.begin()
            assert await agent.join("kela", "sv")
            if await page.get_attribute("#availability", "aria-pressed") != "true":
                await page.click("#availability")
            await page.wait_for_selector("#offer:not([hidden])", timeout=WITHIN_MS)
            await page.click("#offer-accept")
            await page.wait_for_function(FRAMES_DECODED_ABOVE, arg=10, timeout=WITHIN_MS)
            for key, where in (("call", "#call-title"), ("link", "#link-quality .words"),
                               ("end", "#end-call")):  # fmt: skip
                assert await page.inner_text(where) == SAYS["fi"][key]
            assert await serious_violations(page) == [], "call in Finnish"
            await page.screenshot(path=str(screenshots / "console-call-fi.png"))
            # From a laptop's 1280x720 to a large monitor: the picture, the chat and every
            # control of the call in view, nothing to scroll to.
            for width, height in ((1280, 720), (1920, 1080)):
                await page.set_viewport_size({"width": width, "height": height})
                for where in ("#remote-video", "#chat-input", "#mute", "#camera-off",
                              "#request-interpreter", "#transfer", "#end-call"):  # fmt: skip
                    box = await page.locator(where).bounding_box()
                    assert box is not None and box["y"] + box["height"] <= height, (where, width)
                    assert box["x"] + box["width"] <= width, (where, width)
                video = await page.locator("#remote-video").bounding_box()
                assert video is not None and video["height"] >= height * 0.45, video
                await page.screenshot(
                    path=str(screenshots / f"console-call-fi-{width}x{height}.png")
                )
            await page.click("#end-call")
            await page.wait_for_selector("#queue-view:not([hidden])", timeout=WITHIN_MS)
            await context.close()
