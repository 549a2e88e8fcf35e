"""The clerk's devices (issue 18, item 4), in real Chromium: the device check lists the
browser's cameras, microphones and speakers, shows the picture and the microphone's
level, and remembers the choice in this browser; a browser with no camera at all
(Chromium's fake devices, none of them a camera) says so plainly and still takes a call,
the customer hearing the official."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright

from kiosk.visit import VisitState
from signaling.demo_data import DemoCredentials
from tests.helpers import (
    ServerProcess,
    accept_next_offer,
    console_login,
    launch_console,
    require_loopback_only,
    seconds,
)
from tests.support.axe import serious_violations
from tests.support.kiosk_beside import kiosk_beside_server

pytestmark = pytest.mark.e2e
WITHIN_MS = seconds(10) * 1000
#: Chromium's fake devices without a camera (its microphones and speakers stay).
NO_CAMERA = "--use-fake-device-for-media-stream=device-count=0"


async def chosen_label(page: Page, kind: str) -> str:
    return str(
        await page.eval_on_selector(f"#devices-{kind}", "s => s.selectedOptions[0]?.textContent")
    )


async def test_the_device_check_shows_and_remembers_the_choice(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path, screenshots: Path
) -> None:
    require_loopback_only()
    db, creds = test_db
    server = ServerProcess(db)
    await server.start()
    try:
        async with async_playwright() as pw:
            context = await launch_console(pw, tmp_path / "clerk")
            page = await context.new_page()
            await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
            assert await page.is_hidden("#device-note"), "every device works"
            await page.click("#devices-button")
            dialog = page.locator("#devices-dialog")
            await dialog.wait_for(timeout=WITHIN_MS)
            assert await chosen_label(page, "camera") == "fake_device_0"
            microphones = await page.eval_on_selector_all(
                "#devices-microphone option", "o => o.map(x => x.textContent)"
            )
            assert "Fake Audio Input 1" in microphones
            await page.select_option("#devices-microphone", label="Fake Audio Input 1")
            await page.select_option("#devices-speaker", label="Fake Audio Output 1")
            # The picture, and the microphone heard (Chromium's fake one beeps).
            await page.wait_for_function(
                "() => document.querySelector('#devices-preview').videoWidth > 0",
                timeout=WITHIN_MS,
            )
            await page.wait_for_function(
                "() => document.querySelector('#devices-level').value > 0.02", timeout=WITHIN_MS
            )
            await page.click("#devices-test-sound")
            assert await serious_violations(page) == []
            await page.screenshot(path=str(screenshots / "console-device-check.png"))
            await dialog.get_by_role("button", name="Use these").click()
            await dialog.wait_for(state="hidden")

            # Remembered in this browser: after a reload, the same ones.
            await page.reload()
            await page.wait_for_selector("#queue-view:not([hidden])", timeout=WITHIN_MS)
            await page.click("#devices-button")
            await dialog.wait_for(timeout=WITHIN_MS)
            assert await chosen_label(page, "microphone") == "Fake Audio Input 1"
            assert await chosen_label(page, "speaker") == "Fake Audio Output 1"
            await context.close()
    finally:
        await server.stop()


async def test_a_clerk_without_a_camera_is_told_and_still_heard(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path, screenshots: Path
) -> None:
    db, creds = test_db
    async with kiosk_beside_server(db, creds, "--tick-s", "0.2") as lab:
        server, agent, listener = lab.server, lab.agent, lab.listener
        async with async_playwright() as pw:
            context = await launch_console(pw, tmp_path / "clerk", extra_args=[NO_CAMERA])
            page = await context.new_page()
            await console_login(page, server.url, creds.clerk_username, creds.clerk_password)
            await page.wait_for_selector("#device-note:not([hidden])", timeout=WITHIN_MS)
            assert (await page.inner_text("#device-note")).startswith(
                "No camera: customers hear you but do not see you."
            )
            assert await serious_violations(page) == []
            await page.screenshot(path=str(screenshots / "console-no-camera.png"))
            agent.begin()
            assert await agent.join("kela", "fi")
            await accept_next_offer(page)
            await listener.watch.until(
                lambda: agent.visit.state is VisitState.IN_CALL, 10, "the call"
            )
            await listener.watch.until(
                lambda: (
                    "clerk" in listener.audio_from
                    and listener.audio_from["clerk"].audio.peak_rms > 0.01
                ),
                15,
                "the official heard at the kiosk",
            )
            await page.click("#end-call")
            await page.wait_for_selector("#queue-view:not([hidden])", timeout=WITHIN_MS)
            await context.close()
