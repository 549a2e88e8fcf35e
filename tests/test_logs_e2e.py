"""The server's log, as deployed (``--log-format json``), read whole after a visit full
of personal data: every line one JSON object with the fields operators filter on, and
none of the names, logins, tokens, codes or chat the visit used."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from signaling.store import Store
from tests.helpers import ServerProcess, require_loopback_only, seed_test_point
from tests.test_database_outage import kiosk_socket, next_of
from tests.test_revocation_e2e import browser_like, clerk_socket

pytestmark = pytest.mark.e2e

CLERK = ("aino.virtanen", "Kirsikkapuu-Lieksa-2026", "Aino Virtanen")
CHAT = "Henkilötunnukseni on 131052-308T"
WRONG_CODE = "97531864"


async def test_a_whole_visit_leaves_json_lines_and_no_personal_data(tmp_path: Path) -> None:
    require_loopback_only()
    db = tmp_path / "rs.db"
    store = Store(f"sqlite:///{db}")
    seeded = seed_test_point(store)
    store.add_clerk(CLERK[0], CLERK[1], CLERK[2], ["kela"], languages=("fi",))
    code = store.add_appointment("Nurmes", "kela", time.time() - 30, "fi")
    store.close()
    log = tmp_path / "server.log"
    server = ServerProcess(db, log=log, args=["--log-format", "json", "--log-level", "debug"])
    await server.start()
    try:
        async with browser_like() as browser, aiohttp.ClientSession() as http:
            clerk = await clerk_socket(browser, server.url, CLERK[0], CLERK[1])
            session = next(c.value for c in browser.cookie_jar if c.key == "rs_session")
            await clerk.send_json({"type": "clerk.status", "status": "available"})
            kiosk = await kiosk_socket(http, server.url, seeded.kiosk_token)
            wrong = {"type": "queue.join", "appointment": WRONG_CODE, "language": "fi"}
            await kiosk.send_json(wrong)
            assert (await next_of(kiosk, "error", 5))["code"] == "not_found"
            await kiosk.send_json({"type": "queue.join", "appointment": code, "language": "fi"})
            offer = await next_of(clerk, "call.offer", 5)
            await clerk.send_json({"type": "call.accept", "ticket": offer["entry"]["ticket"]})
            call = await next_of(kiosk, "call.started", 5)
            await kiosk.send_json({"type": "chat.send", "call_id": call["call_id"], "text": CHAT})
            assert (await next_of(clerk, "chat", 5))["text"] == CHAT
            await clerk.send_json({"type": "call.end", "call_id": call["call_id"]})
            await next_of(kiosk, "call.ended", 5)
            await kiosk.send_json({"type": "feedback", "call_id": call["call_id"], "score": 5})
            await browser.post(f"{server.url}/api/logout", json={})
            for ws in (clerk, kiosk):
                await ws.close()
    finally:
        assert await server.stop() == 0
    text = log.read_text()
    lines = [json.loads(line) for line in text.splitlines()]  # each line one JSON object
    assert all({"at", "level", "logger", "message"} <= set(line) for line in lines)
    events = {line.get("event"): line for line in lines}
    call_id = call["call_id"]
    assert _fields(events["queue.joined"]) == ("kela", 1, None)
    assert _fields(events["call.started"]) == ("kela", 1, call_id)
    assert _fields(events["call.ended"]) == ("kela", 1, call_id)
    personal = {
        "display name": CLERK[2],
        "username": CLERK[0],
        "password": CLERK[1],
        "kiosk token": seeded.kiosk_token,
        "session cookie": session,
        "appointment code": code,
        "a mistyped code": WRONG_CODE,
        "chat": CHAT,
        "a piece of the chat": "131052",
    }
    leaked = {what for what, value in personal.items() if value.lower() in text.lower()}
    assert leaked == set(), f"the log holds: {sorted(leaked)}"
    print(f"{len(lines)} log lines, {len(events)} kinds of event, no personal data")


def _fields(line: dict[str, Any]) -> tuple[Any, ...]:
    return line.get("agency"), line.get("point"), line.get("call_id")
