"""The window kiosk (its own event loop, kiosk/qt/loop.py) through a silent outage.

The resilience suite pulls the network from under the headless kiosk, which runs on
asyncio's own loop; the window kiosk runs its agent and media on the Qt loop of its own
making. Here the real window kiosk sits in a network namespace of its own, in a call
with a Chromium clerk beside the server; its link drops every packet for 8 s (no FIN, no
RST). What the customer must see: the clerk's picture dimmed while nothing comes, never
passed off as live, and the call coming back by itself, pictures both ways again.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from signaling.demo_data import DemoCredentials
from tests.helpers import (
    ServerProcess,
    accept_next_offer,
    console_login,
    free_port,
    launch_console,
    require_loopback_only,
    seconds,
)
from tests.support.netlab import Host
from tests.support.processes import ReportingProcess
from tests.support.window_kiosk import (
    KioskReport,
    frames_decoded,
    pictures_move_both_ways,
    until_in_call,
)

pytestmark = pytest.mark.e2e

OUTAGE_S = 8.0


async def test_the_window_kiosk_dims_the_picture_in_an_outage_and_comes_back_by_itself(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    require_loopback_only()
    db, creds = test_db
    host = Host.create("w")
    port = free_port()
    server = ServerProcess(db, port=port, host="0.0.0.0", args=("--tick-s", "0.2"))
    await server.start()
    kiosk = ReportingProcess(
        "tests.support.window_kiosk",
        [
            "--server",
            f"http://{host.gateway}:{port}",
            f"--token={creds.kiosk_token}",
            "--join",
            "kela",
            "--report-s",
            "0.25",
        ],
        KioskReport.parse,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        prefix=host.command([]),
    )
    try:
        await kiosk.start()
        async with async_playwright() as pw:
            console = await launch_console(pw, tmp_path / "clerk")
            page = await console.new_page()
            await console_login(
                page, f"http://127.0.0.1:{port}", creds.clerk_username, creds.clerk_password
            )
            await accept_next_offer(page)
            flowing = await until_in_call(kiosk, page, "the call's start")
            await pictures_move_both_ways(kiosk, page, flowing, 10)

            host.cut()
            cut_at = time.monotonic()
            line = await kiosk.report(seconds(10))
            while not line.remote_frozen:
                assert time.monotonic() - cut_at < seconds(5), "the stopped picture looks live"
                line = await kiosk.report(seconds(10))
            dimmed_after = time.monotonic() - cut_at
            frozen_frames, frozen_decoded = line.remote_frames, await frames_decoded(page)
            await asyncio.sleep(max(0.0, OUTAGE_S - dimmed_after))  # the outage itself
            line = await kiosk.report(seconds(10))
            assert line.remote_frozen and line.screen == "in_call", "still the call, dimmed"
            assert line.remote_frames <= frozen_frames + 1, "no pictures came through a cut"
            assert await frames_decoded(page) <= frozen_decoded + 1

            host.restore()
            restored_at = time.monotonic()
            while line.remote_frozen or line.remote_frames < frozen_frames + 10:
                assert time.monotonic() - restored_at < seconds(10), (
                    f"no pictures back at the kiosk (last report {line})"
                )
                line = await kiosk.report(seconds(10))
            back_after = time.monotonic() - restored_at
            await pictures_move_both_ways(kiosk, page, line, 10)
            print(
                f"window kiosk, {OUTAGE_S:.0f} s outage: picture dimmed after"
                f" {dimmed_after:.1f} s, back {back_after:.1f} s after the link returned"
            )
            await page.click("#end-call")
            await console.close()
    finally:
        await kiosk.stop()
        await server.stop()
        host.remove()
