"""A call relayed through a real coturn with per-call credentials (TURN REST API), and
only relay candidates allowed: the media path the server configures is the one used."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from kiosk.agent import KioskAgent
from kiosk.visit import VisitState
from media.network import allow_loopback_candidates
from media.sources import open_local_media
from signaling.demo_data import DemoCredentials
from signaling.ice import turn_credentials
from tests.coturn import coturn
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    RecordingListener,
    ServerProcess,
    accept_next_offer,
    console_login,
    launch_console,
    require_loopback_only,
    seconds,
)

pytestmark = pytest.mark.e2e
SECRET = "turn-test-secret"


async def test_call_through_coturn_with_relay_only(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    require_loopback_only()
    allow_loopback_candidates()
    db, creds = test_db
    with coturn(SECRET) as port:
        server = ServerProcess(
            db,
            args=["--ice-server", f"turn:127.0.0.1:{port}?transport=udp", "--relay-only"],
            env={"TURN_SECRET": SECRET},
        )
        await server.start()
        listener = RecordingListener()
        agent = KioskAgent(
            server.url, creds.kiosk_token, open_local_media("test", "tone"), listener
        )
        agent.start()
        try:
            await listener.watch.until(listener.welcomed, 10, "welcome")
            agent.begin()
            await agent.join("kela", "fi")
            async with async_playwright() as pw:
                console = await launch_console(pw, tmp_path / "clerk")
                page = await console.new_page()
                started: list[dict[str, object]] = []
                page.on(
                    "websocket",
                    lambda ws: ws.on("framereceived", lambda text: started.append(eval_json(text))),
                )
                await console_login(page, server.url, "demo", "demo")
                await accept_next_offer(page)
                await watch_frames(listener)
                await page.wait_for_function(
                    FRAMES_DECODED_ABOVE, arg=30, timeout=seconds(20) * 1000
                )
                # The console's media runs over a relay candidate of coturn.
                await page.wait_for_selector(
                    "#media-stats[data-route=relay]", timeout=seconds(10) * 1000
                )
                call = next(m for m in started if m.get("type") == "call.started")
                assert call["ice_transport_policy"] == "relay"
                [server_entry] = call["ice_servers"]  # type: ignore[misc]
                expiry, call_id, member = server_entry["username"].split(":")
                assert (call_id, member) == (call["call_id"], call["you"])
                assert (
                    server_entry["credential"]
                    == (turn_credentials(SECRET, f"{call_id}:{member}", int(expiry) - 600, 600)[1])
                ), "the clerk's own credential, valid ten minutes"
                # The kiosk made its connection to the clerk while queued, with the
                # ticket's own credentials: its offer already held coturn's relay.
                session = agent.sessions[str(call["you"])]  # the clerk, to the kiosk
                assert session.prepared, "the offer was made while the customer waited"
                assert "typ relay" in session.pc.localDescription.sdp
                queued = listener.statuses[-1]
                assert queued.ice_transport_policy == "relay" and queued.ice_servers
                [turn] = queued.ice_servers
                assert turn.username is not None
                assert turn.username.split(":")[1:] == [queued.ticket, "queued"]
                await console.close()
        finally:
            await agent.stop()
            await server.stop()
            allow_loopback_candidates(False)


def eval_json(text: str | bytes) -> dict[str, object]:
    import json

    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


async def watch_frames(listener: RecordingListener) -> None:
    await listener.watch.until(
        lambda: bool(listener.video) and listener.video[0].video.frames >= 30,
        30,
        "video through the relay at the kiosk",
    )
    assert listener.visits[-1] is VisitState.IN_CALL
