"""The console in a second browser (issue 18, item 6): a whole call in Firefox ESR, driven
over WebDriver BiDi (tests/support/firefox.py), with a headless kiosk: the clerk logs in,
takes the customer, each sees and hears the other, the clerk ends the call; the record
says handled."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.visit import VisitState
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.support.firefox import firefox_page
from tests.support.kiosk_beside import kiosk_beside_server
from tests.support.netlab import routed_address

pytestmark = pytest.mark.e2e
FRAMES_DECODED = "Number(document.querySelector('#media-stats').dataset.framesDecoded || 0)"


async def test_a_call_in_firefox(test_db: tuple[Path, DemoCredentials], tmp_path: Path) -> None:
    db, creds = test_db
    async with kiosk_beside_server(db, creds, "--tick-s", "0.2") as lab:
        server, agent, listener = lab.server, lab.agent, lab.listener
        with routed_address():
            async with firefox_page(tmp_path / "firefox") as page:
                await page.goto(f"{server.url}/console/")
                await page.wait_for("!document.querySelector('#login-form button').disabled", 20)
                assert "Firefox" in await page.evaluate("navigator.userAgent")
                await page.fill("#login-username", creds.clerk_username)
                await page.fill("input[name=password]", creds.clerk_password)
                await page.click("#login-form button[type=submit]")
                await page.wait_for(
                    "document.querySelector('#connection').dataset.state === 'open'", 20
                )
                assert await page.evaluate("document.querySelector('#device-note').hidden")
                await page.click("#availability")
                agent.begin()
                assert await agent.join("kela", "fi")
                await page.wait_for("!document.querySelector('#offer').hidden", 20)
                await page.click("#offer-accept")
                await listener.watch.until(
                    lambda: agent.visit.state is VisitState.IN_CALL, 15, "the call"
                )
                # The official seen and heard at the kiosk; the customer seen in Firefox.
                await listener.watch.until(
                    lambda: (
                        "clerk" in listener.video_from
                        and listener.video_from["clerk"].video.frames >= 30
                        and listener.audio_from.get("clerk") is not None
                        and listener.audio_from["clerk"].audio.peak_rms > 0.01
                    ),
                    30,
                    "Firefox's picture and sound at the kiosk",
                )
                await page.wait_for(f"{FRAMES_DECODED} > 30", 30)
                await page.click("#end-call")
                await page.wait_for("!document.querySelector('#queue-view').hidden", 20)
        await listener.watch.until(
            lambda: agent.visit.state is not VisitState.IN_CALL, 10, "the call over"
        )
    store = Store(f"sqlite:///{db}")
    try:
        assert [t.outcome for t in store.transactions()] == ["handled"]
    finally:
        store.close()
