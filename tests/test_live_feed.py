"""The dashboard's live feed (GET /api/supervisor/live, a WebSocket when upgraded) from an
attacker's side: only a supervisor's or operator's session opens it, never from another
site, and it ends with the session that opened it."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import app_client, seconds

LIVE = "/api/supervisor/live"


async def test_the_live_feed_opens_for_operators_only_and_ends_with_their_session(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    store = Store(f"sqlite:///{test_db[0]}")
    store.add_clerk("olli", "operator-pass-2026", "Olli", [], role="admin")
    store.close()
    async with app_client(test_db[0]) as client:
        with pytest.raises(aiohttp.WSServerHandshakeError) as anonymous:
            await client.ws_connect(LIVE)
        assert anonymous.value.status == 401
        clerk = {"username": test_db[1].clerk_username, "password": test_db[1].clerk_password}
        assert (await client.post("/api/login", json=clerk)).status == 200
        with pytest.raises(aiohttp.WSServerHandshakeError) as clerk_refused:
            await client.ws_connect(LIVE)
        assert clerk_refused.value.status == 403
        operator = {"username": "olli", "password": "operator-pass-2026"}
        assert (await client.post("/api/login", json=operator)).status == 200
        with pytest.raises(aiohttp.WSServerHandshakeError) as foreign:
            await client.ws_connect(LIVE, headers={"Origin": "https://evil.example"})
        assert foreign.value.status == 403
        snapshot = await (await client.get(LIVE)).json()
        assert [p["name"] for p in snapshot["points"]] == ["Nurmes"]
        async with client.ws_connect(LIVE) as ws:
            pushed = await ws.receive_json(timeout=seconds(5))
            assert pushed["points"] == snapshot["points"]
            assert (await client.post("/api/logout", json={})).status == 200
            closing = await ws.receive(timeout=seconds(5))
            assert closing.type is aiohttp.WSMsgType.CLOSE
            assert closing.extra == "session ended"
