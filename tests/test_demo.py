"""``./run demo`` as a person uses it: start it, open the console, take the virtual
kiosk's call, see its video, press Ctrl-C, and everything stops."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    accept_next_offer,
    console_login,
    launch_console,
    require_loopback_only,
    seconds,
)

pytestmark = pytest.mark.e2e


async def start_demo(
    var: Path, *args: str, env: dict[str, str] | None = None
) -> asyncio.subprocess.Process:
    """``./run demo`` as a person starts it, on a free port, its banner on a pipe."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "signaling.demo",
        "--port",
        "0",
        "--var",
        str(var),
        *args,
        stdout=asyncio.subprocess.PIPE,
        env=env,
    )


async def test_demo_console_takes_the_virtual_kiosks_call(tmp_path: Path) -> None:
    require_loopback_only()
    demo = await start_demo(tmp_path, "--headless")
    assert demo.stdout is not None
    try:
        banner = b""
        while b"Ctrl-C" not in banner:
            banner += await asyncio.wait_for(demo.stdout.readline(), seconds(30))
        text = banner.decode()
        url = re.search(r"clerk console:\s+(\S+)", text)
        login = re.search(r"username (\S+), password (\S+)\)", text)
        assert url and login, text
        async with async_playwright() as pw:
            console = await launch_console(pw, tmp_path / "profile")
            page = await console.new_page()
            base = url.group(1).removesuffix("/console/")
            await console_login(page, base, login.group(1), login.group(2))
            await accept_next_offer(page)
            await page.wait_for_function(FRAMES_DECODED_ABOVE, arg=30, timeout=seconds(20) * 1000)
            await page.click("#end-call")
            # The virtual customer queues again by itself, and is offered again.
            await page.wait_for_selector("#offer:not([hidden])", timeout=seconds(30) * 1000)
            await console.close()
    finally:
        if demo.returncode is None:
            demo.send_signal(signal.SIGINT)
        code = await asyncio.wait_for(demo.wait(), seconds(20))
    assert code == 0


async def test_a_kiosk_window_that_cannot_open_leaves_the_demo_running_headless(
    tmp_path: Path,
) -> None:
    """On a machine whose display cannot be opened (here: a DISPLAY with no X server, the
    real xcb platform), the window kiosk dies at once; the demo says why in one line, goes
    on with the headless virtual kiosk, and the server stays up: the clerk is offered its
    customer."""
    require_loopback_only()
    env = {**os.environ, "DISPLAY": ":87", "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    demo = await start_demo(tmp_path, env=env)
    assert demo.stdout is not None
    try:
        said = b""
        while b"using the headless kiosk" not in said:
            said += await asyncio.wait_for(demo.stdout.readline(), seconds(30))
        text = said.decode()
        why = re.search(r"the kiosk window did not open \((.+)\); using", text)
        assert why and "display" in why.group(1), text
        url = re.search(r"clerk console:\s+(\S+)", text)
        login = re.search(r"username (\S+), password (\S+)\)", text)
        assert url and login, text
        async with async_playwright() as pw:
            console = await launch_console(pw, tmp_path / "profile")
            page = await console.new_page()
            await console_login(page, url.group(1).removesuffix("/console/"), *login.groups())
            await page.click("#availability")
            await page.wait_for_selector("#offer:not([hidden])", timeout=seconds(30) * 1000)
            await console.close()
    finally:
        if demo.returncode is None:
            demo.send_signal(signal.SIGINT)
        code = await asyncio.wait_for(demo.wait(), seconds(20))
    assert code == 0
