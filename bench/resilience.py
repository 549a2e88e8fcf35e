"""Silent link loss (issue 14): how soon the kiosk knows its link is gone, and how soon
pictures flow both ways again once it is back, against a Chromium kiosk page.

The kiosk side of each call sits in a network namespace of its own behind a veth pair
(tests/support/netlab.py); its link is cut silently for 8 s (nftables drops at ingress
both ways: no FIN, no RST), then restored. The clerk is a Chromium console beside the
server. Project runs (the headless aiortc kiosk, ``tests/support/headless_kiosk.py``) and
anchor runs (``bench/static/kiosk.js`` in Chromium, in a namespace of its own) alternate.

* ``silent_loss_detect_ms``: from the cut to the kiosk knowing its media path is lost. The
  project: the kiosk's media watch saying ``interrupted`` (what puts the notice on the
  customer's screen). The anchor: Chromium's own ``connectionState: disconnected`` (what
  WebRTC tells a browser page). ``anchor_same_rule`` beside it: the console's stall rule
  (agent_console/static/health.js, 2 s without a packet) run in the anchor page, which
  shows how much of the difference is the rule rather than the engine.
* ``outage_recovery_ms``: from the restore to the first new video frame on *both* sides
  (the later of the two): the kiosk's decoder (the first frame after a pause of 0.5 s or
  more) and ``requestVideoFrameCallback`` in the console, the same console for both.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from typing import Any

from playwright.async_api import Page, Playwright

from bench.harness import (
    accept_offer,
    anchor_kiosk,
    bench_state,
    chromium,
    chromium_inside,
    end_call,
    scratch,
    seeded_server,
    watch_console_video,
)
from bench.report import Metric
from tests.helpers import console_login, seconds
from tests.support.headless_kiosk import HeadlessReport, headless_kiosk
from tests.support.netlab import Host

OUTAGE_S = 8.0  # the short outage: shorter than either side's ICE consent


async def _console_frames_after(console: Page, frames: int) -> None:
    await console.wait_for_function(
        "(n) => window.__bench.frames > n", arg=frames, timeout=seconds(30) * 1000
    )


async def _resumed_after(page: Page, at: float) -> float:
    """Wall-clock seconds of the first frame a page shows after a pause, once that is
    after ``at`` (the restore)."""
    await page.wait_for_function(
        "(t) => window.__bench.resumedAt !== null && window.__bench.resumedAt > t",
        arg=at * 1000,
        timeout=seconds(20) * 1000,
    )
    return float((await bench_state(page))["resumedAt"]) / 1000


def _first_event(state: dict[str, Any], kind: str, after: float) -> float | None:
    """Wall-clock seconds of the first bench event ``kind`` at or after ``after``."""
    times = [e["at"] / 1000 for e in state["events"] if e["type"] == kind]
    later = [t for t in times if t >= after]
    return min(later) if later else None


class Runs:
    """The figures of every run, in milliseconds."""

    def __init__(self) -> None:
        self.detect: list[float] = []
        self.recovery: list[float] = []
        self.same_rule: list[float] = []
        self.not_noticed = 0


async def _project_run(console: Page, host: Host, base: str, token: str, runs: Runs) -> None:
    kiosk = headless_kiosk(base, token, join="kela", prefix=host.command([]))
    await kiosk.start()
    try:
        frames = int((await bench_state(console))["frames"])
        await accept_offer(console)
        await kiosk.until(lambda r: r.frames_from("clerk") >= 30, seconds(30), "the picture")
        await _console_frames_after(console, frames + 30)

        cut_at = time.time()
        host.cut()
        seen: HeadlessReport = await kiosk.until(
            lambda r: r.media.get("clerk") == "interrupted", seconds(15), "the kiosk noticing"
        )
        runs.detect.append((seen.media_at["clerk"] - cut_at) * 1000)
        await asyncio.sleep(max(0.0, cut_at + OUTAGE_S - time.time()))  # the outage itself
        restored_at = time.time()
        host.restore()
        back = await kiosk.until(
            lambda r: r.video_resumed_at.get("clerk", 0.0) > restored_at,
            seconds(20),
            "the clerk's picture back",
        )
        console_back = await _resumed_after(console, restored_at)
        both_back = max(back.video_resumed_at["clerk"], console_back)
        runs.recovery.append((both_back - restored_at) * 1000)
        await end_call(console)
    finally:
        await kiosk.stop()


async def _anchor_run(console: Page, page: Page, host: Host, token: str, runs: Runs) -> None:
    frames = int((await bench_state(console))["frames"])
    await page.evaluate("() => { window.__bench.events = []; window.anchor.join('kela'); }")
    await accept_offer(console)
    await page.wait_for_function("() => window.__bench.frames > 30", timeout=seconds(30) * 1000)
    await _console_frames_after(console, frames + 30)

    cut_at = time.time()
    host.cut()
    await page.wait_for_function(
        "() => window.__bench.events.some(e => e.type === 'media.interrupted')",
        timeout=seconds(15) * 1000,
    )
    await asyncio.sleep(max(0.0, cut_at + OUTAGE_S - time.time()))
    state = await bench_state(page)
    disconnected = _first_event(state, "pc.disconnected", cut_at)
    same_rule = _first_event(state, "media.interrupted", cut_at)
    if disconnected is None:
        runs.not_noticed += 1  # Chromium did not say so within the outage
    else:
        runs.detect.append((disconnected - cut_at) * 1000)
    if same_rule is not None:
        runs.same_rule.append((same_rule - cut_at) * 1000)
    restored_at = time.time()
    host.restore()
    page_back = await _resumed_after(page, restored_at)
    console_back = await _resumed_after(console, restored_at)
    runs.recovery.append((max(page_back, console_back) - restored_at) * 1000)
    await end_call(console)
    # The page has no reconnection of its own and its socket died in the outage.
    await page.evaluate("() => window.anchor.reset()")
    await page.evaluate("(token) => window.anchor.connect(token)", token)


async def silent_loss(pw: Playwright, runs: int) -> list[Metric]:
    """An 8 s silent outage of the kiosk's link, alternately with the aiortc kiosk and a
    Chromium kiosk page in its place."""
    root = scratch()
    server, tokens = seeded_server(root, args=("--host", "0.0.0.0"))
    project, anchor = Runs(), Runs()
    try:
        kiosk_host = Host.create("bk")
        anchor_host = Host.create("ba")
    except RuntimeError as exc:
        return [
            Metric.failure(name, "ms", f"cannot make a network namespace here: {exc}", "")
            for name in ("silent_loss_detect_ms", "outage_recovery_ms")
        ]
    try:
        await server.start()
        port = server.url.rsplit(":", 1)[1]
        console_ctx = await chromium(pw, root / "clerk")
        anchor_base = f"http://{anchor_host.gateway}:{port}"
        anchor_ctx = await chromium_inside(pw, root / "anchor-far-kiosk", anchor_host, anchor_base)
        try:
            console = await console_ctx.new_page()
            # On loopback, a secure context: the camera (the stamped canvas) is there.
            await console_login(console, f"http://127.0.0.1:{port}", "demo", "demo")
            await watch_console_video(console)
            await console.click("#availability")
            page = await anchor_kiosk(anchor_ctx, anchor_base, tokens[1])
            for _run in range(runs):
                await _project_run(
                    console, kiosk_host, f"http://{kiosk_host.gateway}:{port}", tokens[0], project
                )
                await _anchor_run(console, page, anchor_host, tokens[1], anchor)
        finally:
            with contextlib.suppress(Exception):
                await anchor_ctx.close()
            await console_ctx.close()
    finally:
        await server.stop()
        kiosk_host.remove()
        anchor_host.remove()
    return [
        Metric.from_samples(
            "silent_loss_detect_ms",
            "ms",
            project.detect,
            anchor.detect,
            "<= 3000 ms (anchor: Chromium's 'disconnected')",
            anchor_same_rule=statistics.median(anchor.same_rule) if anchor.same_rule else 0.0,
            anchor_not_noticed=float(anchor.not_noticed),
        ),
        Metric.from_samples(
            "outage_recovery_ms",
            "ms",
            project.recovery,
            anchor.recovery,
            "<= 3000 ms after an 8 s outage, pictures both ways",
        ),
    ]
