"""Failover: the leading server node killed, the standby taking over (issue 16).

As deployed (deploy/README.md, Server pair): two server nodes on one PostgreSQL behind
nginx with TLS (deploy/nginx/remote-service.conf), 200 queued kiosks and 20 clerks
(bench/fleet.py, over wss:// through nginx), and one live call between a real aiortc
kiosk and a Chromium console. The leader is killed (-9); the figure is the time from the
kill until every kiosk has been told its place again, every clerk welcomed, and the
call's two ends back in it. The killed node is then started again, as the standby, for
the next run. No anchor: a browser-to-browser call has no server of its own to lose.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from playwright.async_api import Playwright

from bench.harness import chromium, scratch
from bench.report import Metric
from bench.signalling import add_fleet
from bench.storm import FrameGaps, console_back, everyone_back, live_call, queued_fleet
from kiosk.agent import KioskAgent
from media.sources import open_local_media
from signaling.codes import KEY_FILE_ENV
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.coturn import self_signed
from tests.helpers import (
    RecordingListener,
    ServerProcess,
    console_opens,
    free_port,
    seconds,
    seed_test_point,
)
from tests.nginx import nginx_in_front, spki_digest
from tests.postgres import fresh_database, postgres_server

KIOSKS, CLERKS = 200, 20


@contextlib.contextmanager
def code_key(root: Path) -> Iterator[dict[str, str]]:
    """The appointment-code key every node and this process share (PostgreSQL needs it
    named); the environment as it was afterwards."""
    before = os.environ.get(KEY_FILE_ENV)
    os.environ[KEY_FILE_ENV] = str(root / "code-key")
    try:
        yield {KEY_FILE_ENV: os.environ[KEY_FILE_ENV]}
    finally:
        if before is None:
            os.environ.pop(KEY_FILE_ENV, None)
        else:
            os.environ[KEY_FILE_ENV] = before


async def until_leading(node: ServerProcess) -> None:
    """Until ``node`` answers /healthz with 200 (it leads)."""
    deadline = time.monotonic() + seconds(20)
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", node.port)
        except OSError:
            await asyncio.sleep(0.05)  # a poll: not listening yet
            continue
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        status = (await reader.readline()).split()[1:2]
        writer.close()
        if status == [b"200"]:
            return
        await asyncio.sleep(0.05)  # a poll, as a load balancer's health check
    raise AssertionError(f"node on port {node.port} did not lead")


async def failover(pw: Playwright, runs: int) -> list[Metric]:
    """kill -9 of the leading node with 200 kiosks queued, 20 clerks and a live call
    through nginx: seconds until all of them are back in place on the standby."""
    root = scratch()
    with postgres_server() as admin, fresh_database(admin) as url, code_key(root) as env:
        store = Store(url)
        creds = seed_test_point(store)
        tokens, sessions = add_fleet(store, KIOSKS, CLERKS)
        store.close()
        cert = self_signed(root, "127.0.0.1")
        nodes = [
            ServerProcess(url, env=env, port=free_port(), args=["--trusted-proxy", "127.0.0.1"])
            for _ in range(2)
        ]
        await nodes[0].start()
        await until_leading(nodes[0])
        await nodes[1].start()
        addresses = (f"127.0.0.1:{nodes[0].port}", f"127.0.0.1:{nodes[1].port}")
        try:
            with nginx_in_front(root / "nginx", addresses, cert, root / "turn.key") as front:
                return await _measure(pw, runs, root, front, cert, nodes, creds, tokens, sessions)
        finally:
            for node in nodes:
                if node.proc is not None and node.proc.returncode is None:
                    await node.kill()


async def _measure(
    pw: Playwright,
    runs: int,
    root: Path,
    front: str,
    cert: Path,
    nodes: list[ServerProcess],
    creds: DemoCredentials,
    tokens: list[str],
    sessions: list[str],
) -> list[Metric]:
    import ssl

    spec = root / "fleet.json"
    spec.write_text(
        json.dumps(
            {
                "url": front.replace("https", "wss") + "/ws",
                "ca_file": str(cert),
                "kiosks": tokens,
                "clerks": sessions,
            }
        )
    )
    samples: list[float] = []
    totals = {"moved": 0.0, "missing": 0.0}
    longest_gap = 0.0
    trust = f"--ignore-certificate-errors-spki-list={spki_digest(cert)}"  # that key only
    context = await chromium(pw, root / "clerk", extra_args=(trust,))
    listener = RecordingListener()
    tls = ssl.create_default_context(cafile=str(cert))
    agent = KioskAgent(
        front, creds.kiosk_token, open_local_media("test", "tone"), listener, tls=tls
    )
    fleet: asyncio.subprocess.Process | None = None
    leader = 0
    try:
        console = await live_call(context, front, agent, listener)
        gaps = FrameGaps()
        fleet = await queued_fleet(spec)
        assert fleet.stdin is not None and fleet.stdout is not None
        for _run in range(runs):
            standby = nodes[1 - leader]
            if standby.proc is None or standby.proc.returncode is not None:
                await standby.start()  # the node killed last time, back as the standby
            gaps.watch(listener.video)
            gaps.reset()
            opened = len(listener.connection)
            console_opened = await console_opens(console)
            killed_at = time.time()
            fleet.stdin.write(f"KILL {killed_at}\n".encode())
            await fleet.stdin.drain()
            await nodes[leader].kill()
            leader = 1 - leader
            console_returned = asyncio.create_task(console_back(console, console_opened))
            back = await everyone_back(fleet, agent, listener, console_returned, opened, killed_at)
            report = back.report
            samples.append(back.last_s)
            for key in totals:
                totals[key] += report[key]
            gaps.watch(listener.video)
            longest_gap = max(longest_gap, gaps.read())
            print(
                f"# failover: {report['back']:.0f}/{KIOSKS + CLERKS} back, all within"
                f" {report['last_s']:.2f} s; the call's kiosk {back.kiosk_s:.2f} s,"
                f" console {back.console_s:.2f} s",
                file=sys.stderr,
                flush=True,
            )
    finally:
        if fleet is not None:
            fleet.kill()
            await fleet.wait()
        await agent.stop()
        await context.close()
    return [
        Metric.from_samples(
            "failover_s",
            "s",
            samples,
            None,
            "<= 5 s with nobody lost or moved (200 kiosks queued, 20 clerks, a live call;"
            " two nodes behind nginx, the leader killed)",
            kiosks=float(KIOSKS),
            clerks=float(CLERKS),
            out_of_place=totals["moved"],
            not_back=totals["missing"],
            call_video_gap_ms=round(longest_gap * 1000, 1),
        )
    ]
