"""Calls from behind firewalls (issue 14): with UDP dropped between the kiosk and everyone,
the call connects through coturn over TCP; with the plain TURN port dropped too, over TLS
on 443. The kiosk chooses the transport itself (aiortc uses only the first TURN URL it is
given: media/turn_probe.py), and the setup time through each path is printed.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from signaling.demo_data import DemoCredentials
from tests.coturn import coturn_server, self_signed
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    ServerProcess,
    accept_next_offer,
    console_login,
    free_port,
    launch_console,
    require_loopback_only,
    seconds,
)
from tests.support.headless_kiosk import headless_kiosk
from tests.support.netlab import Host

pytestmark = pytest.mark.e2e
SECRET = "turn-test-secret"


@pytest.mark.parametrize(
    ("firewall", "path"),
    [
        ("none", "?transport=udp"),
        ("udp", "?transport=tcp"),
        ("udp and the turn port", "turns:"),
    ],
)
async def test_a_kiosk_behind_a_firewall_calls_through_turn(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path, firewall: str, path: str
) -> None:
    require_loopback_only()
    db, creds = test_db
    host = Host.create("f")
    certificate = self_signed(tmp_path, host.gateway)
    try:
        with coturn_server(
            SECRET,
            listen=("127.0.0.1", host.gateway),
            tls_certificate=certificate,
            tls_port=443,
        ) as turn:
            urls = [
                f"turn:{host.gateway}:{turn.port}?transport=udp",
                f"turn:{host.gateway}:{turn.port}?transport=tcp",
                f"turns:{host.gateway}:443?transport=tcp",
            ]
            server = ServerProcess(
                db,
                port=free_port(),
                host="0.0.0.0",
                args=[
                    *(arg for url in urls for arg in ("--ice-server", url)),
                    "--log-level",
                    "INFO",
                ],
                env={"TURN_SECRET": SECRET},
                log=tmp_path / "server.log",
            )
            await server.start()
            port = server.url.rsplit(":", 1)[1]
            if firewall != "none":
                host.block_udp()
            if firewall == "udp and the turn port":
                host.block_tcp_port(turn.port)
            kiosk = headless_kiosk(
                f"http://{host.gateway}:{port}",
                creds.kiosk_token,
                join="kela",
                prefix=host.command([]),
                env={"SSL_CERT_FILE": str(certificate)},  # trusts the test's TURN certificate
            )
            try:
                await kiosk.start()
                async with async_playwright() as pw:
                    console = await launch_console(pw, tmp_path / "clerk")
                    page = await console.new_page()
                    await console_login(
                        page, f"http://127.0.0.1:{port}", creds.clerk_username, creds.clerk_password
                    )
                    # The transport that gets through is found while the customer waits.
                    queued = await kiosk.until(
                        lambda r: r.visit == "queued" and r.turn is not None,
                        seconds(20),
                        "queued, TURN probed",
                    )
                    assert queued.turn is not None and path in queued.turn, queued.turn
                    accepted = time.monotonic()
                    await accept_next_offer(page)
                    report = await kiosk.until(
                        lambda r: r.frames_from("clerk") >= 1, seconds(30), "the clerk's picture"
                    )
                    kiosk_first = time.monotonic() - accepted
                    await page.wait_for_function(
                        FRAMES_DECODED_ABOVE, arg=0, timeout=seconds(20) * 1000
                    )
                    console_first = time.monotonic() - accepted
                    assert report.turn is not None and path in report.turn, report.turn
                    await kiosk.until(
                        lambda r: r.frames_from("clerk") >= 30, seconds(20), "pictures flowing"
                    )
                    await page.wait_for_function(
                        FRAMES_DECODED_ABOVE, arg=30, timeout=seconds(20) * 1000
                    )
                    print(
                        f"firewall {firewall!r}: TURN {report.turn}; first frame"
                        f" {kiosk_first * 1000:.0f} ms (kiosk), {console_first * 1000:.0f} ms"
                        " (console) after the clerk accepted"
                    )
                    await console.close()
            finally:
                await kiosk.stop()
                await server.stop()
                server.show_log()
                print("--- coturn's last lines ---", *turn.log, sep="\n")
    finally:
        host.remove()
