"""Edge hardening on the real app: login throttling, cross-site refusal, logout
everywhere, kiosk enrolment and revocation, message budgets, the audit log."""

from __future__ import annotations

import asyncio
import json
import stat
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from signaling.app import create_app
from signaling.config import ServerConfig
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import seconds


@pytest.fixture
async def client(test_db: tuple[Path, DemoCredentials]) -> AsyncIterator[TestClient]:
    store = Store(f"sqlite:///{test_db[0]}")
    store.add_clerk("sofia", "supervisor-pass", "Sofia", ["kela"], role="supervisor")
    store.add_clerk("olli", "operator-pass", "Olli", [], role="admin")
    store.close()
    app = create_app(ServerConfig(port=0, db_url=f"sqlite:///{test_db[0]}"))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def until_closed(ws: aiohttp.ClientWebSocketResponse) -> None:
    """Read whatever is still queued until the server closes the socket (or fail)."""
    for _ in range(1000):
        frame = await ws.receive(timeout=seconds(5))
        if frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            return
    raise AssertionError("the server did not close the connection")


async def login(client: TestClient, username: str, password: str) -> aiohttp.ClientResponse:
    return await client.post("/api/login", json={"username": username, "password": password})


async def test_failed_logins_are_throttled(client: TestClient) -> None:
    for _ in range(5):
        assert (await login(client, "demo", "wrong")).status == 401
    locked = await login(client, "demo", "demo")
    assert locked.status == 429, "even the right password waits out the lock"
    assert int(locked.headers["Retry-After"]) > 0
    assert "try again" in (await locked.json())["error"]


async def test_cross_site_writes_are_refused(client: TestClient) -> None:
    evil = {"Origin": "https://evil.example"}
    response = await client.post(
        "/api/login", json={"username": "demo", "password": "demo"}, headers=evil
    )
    assert response.status == 403
    assert (await login(client, "olli", "operator-pass")).status == 200
    forged = await client.post(
        "/api/supervisor/kiosks", json={"label": "x", "point": "Nurmes"}, headers=evil
    )
    assert forged.status == 403
    same = await client.post(
        "/api/supervisor/kiosks",
        json={"label": "x", "point": "Nurmes"},
        headers={"Origin": f"http://{client.host}:{client.port}"},
    )
    assert same.status == 201


async def test_logout_everywhere_closes_open_consoles(client: TestClient) -> None:
    other = TestClient(client.server)
    await other.start_server()
    try:
        assert (await login(client, "demo", "demo")).status == 200
        assert (await login(other, "demo", "demo")).status == 200
        async with other.ws_connect("/ws") as ws:
            assert (await ws.receive_json(timeout=5))["type"] == "welcome"
            response = await client.post("/api/logout", json={"everywhere": True})
            assert (await response.json())["sessions_ended"] == 2
            await until_closed(ws)
        assert (await other.get("/api/me")).status == 401
        assert (await client.get("/api/me")).status == 401
    finally:
        await other.close()


async def test_an_expired_login_closes_the_console(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    config = ServerConfig(port=0, db_url=f"sqlite:///{test_db[0]}", session_ttl_s=1.0, tick_s=0.1)
    async with TestClient(TestServer(create_app(config))) as short:
        assert (await login(short, "demo", "demo")).status == 200
        async with short.ws_connect("/ws") as ws:
            await until_closed(ws)
            assert ws.close_code is not None
        assert (await short.get("/api/me")).status == 401


async def test_kiosk_enrols_once_with_its_code_and_revocation_cuts_it_off(
    client: TestClient, tmp_path: Path
) -> None:
    assert (await login(client, "olli", "operator-pass")).status == 200
    created = await client.post(
        "/api/supervisor/kiosks", json={"label": "lieksa-2", "point": "Nurmes"}
    )
    code = (await created.json())["enrolment_code"]
    token_file = tmp_path / "kiosk" / "token"
    base = f"http://{client.host}:{client.port}"

    def enrol(with_code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk",
                "--server",
                base,
                "--enrol",
                with_code,
                "--token-file",
                str(token_file),
            ],
            capture_output=True,
            text=True,
            check=False,
        )

    done = await asyncio.to_thread(enrol, code)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    token = token_file.read_text().strip()
    again = await asyncio.to_thread(enrol, code)
    assert again.returncode == 1 and "unknown or expired" in again.stderr, "codes work once"

    async with client.ws_connect("/ws", headers={"Authorization": f"Bearer {token}"}) as ws:
        assert (await ws.receive_json(timeout=5))["type"] == "welcome"
        revoked = await client.post("/api/supervisor/kiosks/lieksa-2/revoke")
        assert (await revoked.json()) == {"label": "lieksa-2", "revoked": True, "disconnected": 1}
        await until_closed(ws)
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers={"Authorization": f"Bearer {token}"})
    assert refused.value.status == 401
    audit = await (await client.get("/api/supervisor/audit")).json()
    assert [e["action"] for e in audit if e["action"].startswith("kiosk")] == [
        "kiosk.added",
        "kiosk.revoked",
    ]
    assert any(e["action"] == "enrolled" and e["detail"] == "lieksa-2" for e in audit)


async def test_wrong_enrolment_codes_are_throttled(client: TestClient) -> None:
    assert (await client.post("/api/kiosks/enrol", data="{")).status == 400
    for _ in range(5):
        response = await client.post("/api/kiosks/enrol", json={"code": "WRONGCODE1"})
        assert response.status == 401
    assert (await client.post("/api/kiosks/enrol", json={"code": "WRONGCODE1"})).status == 429


async def test_a_flooding_connection_is_slowed_then_closed(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    token = test_db[1].kiosk_token
    async with client.ws_connect("/ws", headers={"Authorization": f"Bearer {token}"}) as ws:
        await ws.receive_json(timeout=5)
        for _ in range(150):
            await ws.send_str(json.dumps({"type": "queue.leave"}))
        codes = []
        while len(codes) < 101:
            message = await ws.receive_json(timeout=5)
            codes.append(message["code"])
        assert codes.count("invalid_state") == 100, "the burst is served"
        assert "rate_limited" in codes
        for _ in range(400):
            await ws.send_str(json.dumps({"type": "queue.leave"}))
        await until_closed(ws)


async def test_single_sign_on_seam_starts_the_same_kind_of_session(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    """The OIDC seam: an identity linked to a clerk (admin link-identity) and a relying
    party that has verified an ID token get the very session a password login gets:
    the same cookie, role and WebSocket; an unlinked identity gets nothing."""
    from aiohttp import web

    from signaling.appkeys import STORE
    from signaling.sessions import start_session

    db_url = f"sqlite:///{test_db[0]}"
    admin = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "signaling", "admin", "--db", db_url, "link-identity", "tulkki"),
        *("--issuer", "https://login.example.fi", "--subject", "248289761001"),
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await admin.communicate()
    assert admin.returncode == 0 and b"linked" in out

    async def verified_callback(request: web.Request) -> web.Response:
        # Stands in for an OIDC relying party after it verified the ID token's claims.
        store = request.app[STORE]
        clerk = await store.call(
            store.clerk_by_identity, "https://login.example.fi", request.query["sub"]
        )
        if clerk is None:
            return web.json_response({"error": "not linked"}, status=403)
        return await start_session(request, clerk, "login.sso")

    app = create_app(ServerConfig(port=0, db_url=db_url))
    app.router.add_get("/test/sso-callback", verified_callback)
    async with TestClient(TestServer(app)) as client:
        refused = await client.get("/test/sso-callback", params={"sub": "someone-else"})
        assert refused.status == 403
        assert (await client.get("/api/me")).status == 401
        response = await client.get("/test/sso-callback", params={"sub": "248289761001"})
        assert response.status == 200
        assert "HttpOnly" in response.headers["Set-Cookie"]
        me = await (await client.get("/api/me")).json()
        assert me["role"] == "interpreter"
        ws = await client.ws_connect("/ws")
        welcome = json.loads((await ws.receive(timeout=seconds(5))).data)
        assert (welcome["type"], welcome["role"]) == ("welcome", "interpreter")
        await ws.close()
    store = Store(db_url)
    actions = [e["action"] for e in store.audit_entries()]
    store.close()
    assert "login.sso" in actions


async def test_a_malformed_console_tab_id_is_a_clear_error(client: TestClient) -> None:
    assert (await login(client, "demo", "demo")).status == 200
    refused = await client.get("/ws?tab=" + "x" * 3, headers={"Upgrade": "websocket"})
    assert refused.status == 400
    assert "tab must be 8 to 64" in (await refused.json())["error"]
    async with client.ws_connect("/ws?tab=tab-12345678") as ws:
        welcome = await ws.receive_json(timeout=5)
        assert welcome["type"] == "welcome"


async def test_guessing_appointment_codes_is_bounded_across_reconnects(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    """One kiosk token, reconnecting to reset its message budget as an attacker would:
    five wrong codes, then waits; the lock-out is audited; the real code is not revealed
    by a different answer, and the kiosk beside it keeps its own tries."""
    store = Store(f"sqlite:///{test_db[0]}")
    second = store.add_kiosk("Nurmes", "nurmes-2")
    store.close()
    bearer = {"Authorization": f"Bearer {test_db[1].kiosk_token}"}

    async def guess(headers: dict[str, str], code: str) -> dict[str, str]:
        async with client.ws_connect("/ws", headers=headers) as ws:
            await ws.receive_json(timeout=seconds(5))  # welcome
            await ws.send_json({"type": "queue.join", "appointment": code, "language": "fi"})
            while True:
                answer = await ws.receive_json(timeout=seconds(5))
                if answer["type"] == "error":
                    return answer

    answers = [await guess(bearer, f"{n:08d}") for n in range(1, 8)]
    codes = [a["code"] for a in answers]
    assert codes == ["not_found"] * 5 + ["rate_limited"] * 2
    assert len({a["message"] for a in answers[:5]}) == 1
    assert "try again in" in answers[5]["message"]
    neighbour = await guess({"Authorization": f"Bearer {second}"}, "00000009")
    assert neighbour["code"] == "not_found", "the next kiosk keeps its own tries"
    assert (await login(client, "olli", "operator-pass")).status == 200
    audit = await (await client.get("/api/supervisor/audit")).json()
    assert [e["detail"] for e in audit if e["action"] == "appointment.codes_locked"] == ["nurmes-1"]
