"""Withdrawn credentials end open connections within a second, whoever withdrew them: the
admin CLI on the server's database (a rotated kiosk token, a disabled clerk, a reset
password) and the console's own logout. The real server process, a kiosk's socket and a
clerk's console in real Chromium."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from playwright.async_api import async_playwright

from signaling.demo_data import DemoCredentials
from tests.helpers import ServerProcess, console_login, launch_console, seconds

pytestmark = pytest.mark.e2e

WITHIN_S = 1.0
NEW_PASSWORD = "Harmaa-Kettu-Juoksee-1987"


async def admin_cli(db: Path, *args: str, stdin: str = "") -> float:
    """Run ``python -m signaling admin``; the moment it exited (monotonic)."""
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "signaling", "admin", "--db", f"sqlite:///{db}", *args),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(stdin.encode()), seconds(30))
    done = time.monotonic()
    assert process.returncode == 0, err.decode()
    return done


async def closed_after(ws: aiohttp.ClientWebSocketResponse, since: float) -> float:
    """Seconds from ``since`` until the server closed ``ws`` saying why (reading what is
    still queued before)."""
    while True:
        frame = await ws.receive(timeout=seconds(5))
        if frame.type == aiohttp.WSMsgType.CLOSE:
            assert frame.extra == "credentials withdrawn"
            return time.monotonic() - since


def browser_like() -> aiohttp.ClientSession:
    """A client that keeps the session cookie of a server at an IP address, as a browser."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def clerk_socket(
    session: aiohttp.ClientSession, url: str, username: str, password: str
) -> aiohttp.ClientWebSocketResponse:
    login = await session.post(
        f"{url}/api/login", json={"username": username, "password": password}
    )
    assert login.status == 200
    ws = await session.ws_connect(f"{url}/ws")
    assert (await ws.receive_json(timeout=seconds(5)))["type"] == "welcome"
    return ws


async def test_a_kiosk_token_rotated_by_the_cli_ends_its_open_connection(
    server: ServerProcess, test_db: tuple[Path, DemoCredentials]
) -> None:
    old = {"Authorization": f"Bearer {test_db[1].kiosk_token}"}
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(f"{server.url}/ws", headers=old)
        assert (await ws.receive_json(timeout=seconds(5)))["type"] == "welcome"
        rotated = await admin_cli(test_db[0], "kiosk-token", "nurmes-1")
        assert await closed_after(ws, rotated) < WITHIN_S
        refused = await session.get(f"{server.url}/ws", headers={**old, "Upgrade": "websocket"})
        assert refused.status == 401, "the old token opens nothing any more"


async def test_a_clerk_disabled_by_the_cli_is_logged_out_of_the_open_console(
    server: ServerProcess, test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    async with async_playwright() as pw:
        context = await launch_console(pw, tmp_path / "profile")
        try:
            page = context.pages[0] if context.pages else await context.new_page()
            await console_login(page, server.url, "demo", "demo")
            disabled = await admin_cli(test_db[0], "disable-clerk", "demo")
            await page.wait_for_selector(
                "#connection:not([data-state=open])", timeout=WITHIN_S * 1000
            )
            assert time.monotonic() - disabled < WITHIN_S
            await page.wait_for_selector("#login-view:not([hidden])", timeout=seconds(10) * 1000)
        finally:
            await context.close()
    async with aiohttp.ClientSession() as session:
        login = await session.post(
            f"{server.url}/api/login", json={"username": "demo", "password": "demo"}
        )
        assert login.status == 401, "a disabled account logs in no more"


async def test_a_password_reset_by_the_cli_ends_every_session_of_the_account(
    server: ServerProcess, test_db: tuple[Path, DemoCredentials]
) -> None:
    async with browser_like() as first, browser_like() as second:
        sockets = [
            await clerk_socket(first, server.url, "demo", "demo"),
            await clerk_socket(second, server.url, "demo", "demo"),
        ]
        reset = await admin_cli(test_db[0], "reset-password", "demo", stdin=NEW_PASSWORD + "\n")
        for ws in sockets:
            assert await closed_after(ws, reset) < WITHIN_S
        assert (await first.get(f"{server.url}/api/me")).status == 401
        again = await first.post(
            f"{server.url}/api/login", json={"username": "demo", "password": "demo"}
        )
        assert again.status == 401
    async with browser_like() as session:
        ws = await clerk_socket(session, server.url, "demo", NEW_PASSWORD)
        await ws.close()


async def test_the_cli_refuses_a_weak_new_password_and_changes_nothing(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "signaling", "admin", "--db", f"sqlite:///{test_db[0]}"),
        *("reset-password", "demo"),
        stdin=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    _, err = await process.communicate(b"demo2\n")
    assert process.returncode == 1
    assert b"password" in err and b"12 characters" in err


async def test_logging_out_closes_that_tab_and_leaves_the_other_session(
    server: ServerProcess,
) -> None:
    async with browser_like() as first, browser_like() as second:
        leaving = await clerk_socket(first, server.url, "demo", "demo")
        staying = await clerk_socket(second, server.url, "demo", "demo")
        logged_out = time.monotonic()
        assert (await first.post(f"{server.url}/api/logout")).status == 200
        assert await closed_after(leaving, logged_out) < WITHIN_S
        await staying.send_json({"type": "clerk.status", "status": "available"})
        answer = await staying.receive_json(timeout=seconds(5))
        assert answer["type"] != "error" and not staying.closed
        await staying.close()
