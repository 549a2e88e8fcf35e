"""Displayed latency both ways, the headline figures of issue 15: the real PySide6 kiosk
window (bench/window_kiosk.py, offscreen) against a Chromium kiosk page, each calling the
same clerk console through the same server, run by run in turn.

Clerk to kiosk: the clerk's stamped picture until the kiosk has painted it (the window's
backing store) against the page's expectedDisplayTime. Kiosk to clerk: the kiosk's stamped
picture until the console's expectedDisplayTime, the same receiver for both sides."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time

from playwright.async_api import Playwright

from bench.harness import (
    accept_offer,
    alternating,
    anchor_kiosk,
    bench_state,
    chromium,
    end_call,
    reset_bench,
    scratch,
    seeded_server,
    watch_console_video,
)
from bench.report import Metric
from tests.helpers import console_login, seconds

STEADY_S = 3.0  # seconds of each call sampled, after the first 30 frames
TARGET = "p95 <= 45 ms and ratio <= 0.9"


class PaintLog:
    """The window kiosk's PAINT lines as they come: (wall ms, latency ms)."""

    def __init__(self) -> None:
        self.painted: list[tuple[int, int]] = []
        self.unreadable = 0
        self.ready = asyncio.Event()
        self._grown = asyncio.Event()

    async def until(self, count: int) -> None:
        """Until ``count`` pictures have been painted in all."""
        while len(self.painted) < count:
            self._grown.clear()
            await asyncio.wait_for(self._grown.wait(), seconds(20))

    async def follow(self, stream: asyncio.StreamReader) -> None:
        async for raw in stream:
            words = raw.decode().split()
            if words[:1] == ["PAINT"]:
                self.painted.append((int(words[1]), int(words[2])))
                self._grown.set()
            elif words[:1] == ["UNREADABLE"]:
                self.unreadable += 1
            elif words[:1] == ["READY"]:
                self.ready.set()


async def displayed_latency(pw: Playwright, runs: int) -> list[Metric]:
    root = scratch()
    server, tokens = seeded_server(root)
    await server.start()
    console_ctx = await chromium(pw, root / "clerk")
    anchor_ctx = await chromium(pw, root / "anchor-kiosk")
    log = PaintLog()
    window = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.window_kiosk",
        server.url,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "KIOSK_TOKEN": tokens[0], "QT_QPA_PLATFORM": "offscreen"},
    )
    assert window.stdout is not None and window.stdin is not None
    following = asyncio.create_task(log.follow(window.stdout))
    kinds = ("k2c", "c2k")
    project: dict[str, list[float]] = {kind: [] for kind in kinds}
    anchor: dict[str, list[float]] = {kind: [] for kind in kinds}
    try:
        await asyncio.wait_for(log.ready.wait(), seconds(30))
        console = await console_ctx.new_page()
        await console_login(console, server.url, "demo", "demo")
        await watch_console_video(console)
        await console.click("#availability")
        kiosk = await anchor_kiosk(anchor_ctx, server.url, tokens[1])

        async def project_run() -> None:
            await reset_bench(console)
            assert window.stdin is not None
            window.stdin.write(b"JOIN\n")
            await window.stdin.drain()
            await accept_offer(console)
            first = len(log.painted)
            await log.until(first + 30)  # the first 30 pictures are left out
            since = int(time.time() * 1000)
            await asyncio.sleep(STEADY_S)
            project["c2k"] += [lat for at, lat in log.painted[first:] if at >= since]
            project["k2c"] += (await bench_state(console))["latencies"][30:]
            await end_call(console)

        async def anchor_run() -> None:
            await reset_bench(console)
            await reset_bench(kiosk)
            await kiosk.evaluate("() => window.anchor.join('kela')")
            await accept_offer(console)
            await kiosk.wait_for_function("() => window.__bench.firstFrameAt !== null")
            await asyncio.sleep(STEADY_S)
            anchor["c2k"] += (await bench_state(kiosk))["latencies"][30:]
            anchor["k2c"] += (await bench_state(console))["latencies"][30:]
            await end_call(console)
            await kiosk.wait_for_function(
                "() => window.__bench.events.some(e => e.type === 'call.ended'"
                " && e.at > Date.now() - 10000)"
            )

        await alternating(runs, project_run, anchor_run)
    finally:
        following.cancel()
        window.terminate()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(window.wait(), seconds(10))
        await console_ctx.close()
        await anchor_ctx.close()
        await server.stop()
    return [
        Metric.from_samples(
            "latency_clerk_to_kiosk_ms",
            "ms",
            project["c2k"],
            anchor["c2k"],
            TARGET,
            unreadable=float(log.unreadable),
        ),
        Metric.from_samples(
            "latency_kiosk_to_clerk_ms", "ms", project["k2c"], anchor["k2c"], TARGET
        ),
    ]
