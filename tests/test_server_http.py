"""The real aiohttp app in-process: health, login, the console, the WebSocket's edge."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from signaling.app import SESSION_COOKIE, create_app
from signaling.config import ServerConfig
from signaling.demo_data import DemoCredentials
from signaling.store import Store


@pytest.fixture
async def client(test_db: tuple[Path, DemoCredentials]) -> AsyncIterator[TestClient]:
    app = create_app(ServerConfig(port=0, db_url=f"sqlite:///{test_db[0]}"))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def test_healthz_reports_status(client: TestClient) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"status": "ok"}


async def test_console_is_served_with_security_headers(client: TestClient) -> None:
    response = await client.get("/console/")
    assert response.status == 200
    assert "<title>" in await response.text()
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    script = await client.get("/console/app.js")
    assert script.status == 200 and "javascript" in script.headers["Content-Type"]
    assert (await client.get("/console/../signaling/app.py")).status in (403, 404)


async def test_the_login_form_cannot_put_a_password_in_an_address(client: TestClient) -> None:
    """Clicked before the console's script has loaded (seen in CI: the page went to
    /console/?username=...&password=...), the browser submits the form itself: it must be
    a POST, and its button starts disabled until views/login.js has taken the form over."""
    page = await (await client.get("/console/")).text()
    form = re.search(r"<form id=\"login-form\"[^>]*>", page)
    assert form is not None and 'method="post"' in form.group(0)
    button = re.search(r"<button type=\"submit\" class=\"primary\"[^>]*>Log in", page)
    assert button is not None and "disabled" in button.group(0)
    script = await (await client.get("/console/views/login.js")).text()
    assert ".disabled = false" in script


async def test_login_sets_a_strict_httponly_cookie(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    creds = test_db[1]
    bad = await client.post("/api/login", json={"username": "demo", "password": "wrong"})
    assert bad.status == 401 and "wrong" in (await bad.json())["error"]
    assert (await client.post("/api/login", data=b"{not json")).status == 400
    assert (await client.post("/api/login", json={"username": 1})).status == 400
    assert (await client.get("/api/me")).status == 401

    ok = await client.post(
        "/api/login", json={"username": creds.clerk_username, "password": creds.clerk_password}
    )
    assert ok.status == 200
    cookie = ok.headers["Set-Cookie"]
    assert SESSION_COOKIE in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    me = await client.get("/api/me")
    assert me.status == 200 and "kela" in (await me.json())["agencies"]

    await client.post("/api/logout")
    assert (await client.get("/api/me")).status == 401


async def test_websocket_needs_credentials_and_a_matching_origin(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as anonymous:
        await client.ws_connect("/ws")
    assert anonymous.value.status == 401
    with pytest.raises(aiohttp.WSServerHandshakeError) as forged:
        await client.ws_connect("/ws", headers={"Authorization": "Bearer not-a-token"})
    assert forged.value.status == 401
    token = test_db[1].kiosk_token
    with pytest.raises(aiohttp.WSServerHandshakeError) as foreign:
        await client.ws_connect(
            "/ws", headers={"Authorization": f"Bearer {token}", "Origin": "http://evil.example"}
        )
    assert foreign.value.status == 403


async def test_browser_kiosk_authenticates_with_the_token_subprotocol(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    token = test_db[1].kiosk_token
    async with client.ws_connect("/ws", protocols=("rs-kiosk-token", token)) as ws:
        assert ws.protocol == "rs-kiosk-token"
        welcome = await ws.receive_json(timeout=5)
        assert welcome["type"] == "welcome" and welcome["role"] == "kiosk"
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", protocols=("rs-kiosk-token", "forged-token"))
    assert refused.value.status == 401


async def test_bad_messages_get_error_replies_and_the_connection_lives_on(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    token = test_db[1].kiosk_token
    async with client.ws_connect("/ws", headers={"Authorization": f"Bearer {token}"}) as ws:
        welcome = await ws.receive_json(timeout=5)
        assert welcome["type"] == "welcome" and welcome["name"] == "Nurmes"
        for bad in ("{", '{"type":"call.accept","ticket":"t1"}', "x" * 70_000):
            await ws.send_str(bad)
            reply = await ws.receive_json(timeout=5)
            assert reply["type"] == "error" and reply["message"]
        codes = []
        await ws.send_str('{"type":"queue.join","agency":"kela","language":"fi"}')
        status = await ws.receive_json(timeout=5)
        codes.append(status["type"])
        assert codes == ["queue.status"] and status["position"] == 1


async def test_too_large_gets_its_own_code(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    token = test_db[1].kiosk_token
    async with client.ws_connect("/ws", headers={"Authorization": f"Bearer {token}"}) as ws:
        await ws.receive_json(timeout=5)
        await ws.send_str(json.dumps({"type": "queue.leave", "pad": "x" * 70_000}))
        assert (await ws.receive_json(timeout=5))["code"] == "too_large"


def test_admin_cli_adds_what_an_operator_needs(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'admin.db'}"

    def admin(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "signaling", "admin", "--db", db, *args],
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
        )

    assert admin("add-point", "Lieksa").returncode == 0
    assert admin("add-agency", "kela", "--name", "fi=Kela", "--name", "sv=FPA").returncode == 0
    kiosk = admin("add-kiosk", "lieksa-1", "--point", "Lieksa")
    assert kiosk.returncode == 0
    token = kiosk.stdout.strip().splitlines()[-1]
    assert (
        admin(
            "add-clerk", "anna", "--name", "Anna", "--agency", "kela", stdin="Lieksan-kela-2026!\n"
        ).returncode
        == 0
    )
    unknown = admin(
        "add-clerk", "bob", "--name", "Bob", "--agency", "tulli", stdin="Lieksan-kela-2026!\n"
    )
    assert unknown.returncode == 1 and "tulli" in unknown.stderr
    duplicate = admin("add-point", "Lieksa")
    assert duplicate.returncode == 1 and "error" in duplicate.stderr
    hours = admin(
        "add-hours",
        "--point",
        "Lieksa",
        "--agency",
        "kela",
        "--weekday",
        "0",
        "--weekday",
        "1",
        "--opens",
        "09:00",
        "--closes",
        "16:00",
    )
    assert hours.returncode == 0, hours.stderr
    backwards = admin(
        "add-hours",
        "--point",
        "Lieksa",
        "--agency",
        "kela",
        "--weekday",
        "2",
        "--opens",
        "16:00",
        "--closes",
        "09:00",
    )
    assert backwards.returncode == 1 and "before closing" in backwards.stderr
    assert admin("add-exception", "2026-12-24", "--note", "Christmas Eve").returncode == 0
    booked = admin(
        "add-appointment",
        "--point",
        "Lieksa",
        "--agency",
        "kela",
        "--at",
        "2026-12-01T10:30",
        "--clerk",
        "anna",
    )
    assert booked.returncode == 0, booked.stderr
    appointment_code = booked.stdout.strip().split()[-1]
    listing = admin("list")
    assert "clerk anna" in listing.stdout

    store = Store(db)
    row = store.kiosk_by_token(token)
    assert row is not None and row.point_name == "Lieksa"
    assert store.verify_clerk("anna", "Lieksan-kela-2026!") is not None
    booking = store.appointment_by_code(appointment_code)
    assert booking is not None and booking.agency == "kela"
    catalogue = store.load_catalogue()
    assert (store.point_id("Lieksa"), "kela") in catalogue.schedules
    # Only digests of secrets are stored.
    dump = "\n".join(store.db._conn.iterdump())
    assert token not in dump and "Lieksan-kela-2026!" not in dump
    store.close()


def test_the_admin_cli_refuses_what_the_rest_api_refuses_in_the_same_words(
    tmp_path: Path,
) -> None:
    """Issue 12: the CLI skipped the limits REST enforces (a 121-character agency name
    stopped interpreters and kiosks from connecting; a 4-character password was taken)."""
    from signaling.supervisor.bodies import NewAgency, NewClerk, NewPoint, validated

    db = f"sqlite:///{tmp_path / 'admin.db'}"

    def admin(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "signaling", "admin", "--db", db, *args],
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
        )

    cases = [
        (
            ("add-point", "Atlantis", "--timezone", "Mars/Olympus"),
            "",
            NewPoint,
            {"name": "Atlantis", "timezone": "Mars/Olympus"},
        ),
        (
            ("add-agency", "ely", "--name", "fi=" + "x" * 121),
            "",
            NewAgency,
            {"code": "ely", "names": {"fi": "x" * 121}},
        ),
        (
            ("add-agency", "Bad Code", "--name", "fi=ELY"),
            "",
            NewAgency,
            {"code": "Bad Code", "names": {"fi": "ELY"}},
        ),
    ]
    assert admin("add-point", "Nurmes").returncode == 0
    assert admin("add-agency", "kela", "--name", "fi=Kela").returncode == 0
    for password, why in (
        ("pw12", "at least 12 characters"),
        ("password123456", "too easy to guess"),
        ("anna-anna-anna-1", "username"),
    ):
        cases.append(
            (
                ("add-clerk", "anna", "--name", "Anna", "--agency", "kela"),
                password + "\n",
                NewClerk,
                {
                    "username": "anna",
                    "display_name": "Anna",
                    "password": password,
                    "agencies": ["kela"],
                },
            )
        )
        refused = admin("add-clerk", "anna", "--name", "Anna", "--agency", "kela", stdin=password)
        assert refused.returncode == 1 and why in refused.stderr, refused.stderr
    for argv, stdin, model, fields in cases:
        refused = admin(*argv, stdin=stdin)
        with pytest.raises(ValueError) as rest:
            validated(model, **fields)
        assert refused.returncode == 1, argv
        assert refused.stderr.strip() == f"error: {rest.value}", "the same words as REST"
    assert "Atlantis" not in admin("list").stdout
