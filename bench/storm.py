"""The reconnect storm: a country's fleet coming back at once after the server restarts.

2,000 queued kiosks and 200 clerks (bench/fleet.py, a process of its own, reconnecting the
way the kiosk does), and one live call between a real aiortc kiosk and a Chromium console.
The server is killed (-9) and started again; the figure is the time from the kill until
every kiosk has been told its place again, every clerk welcomed, and the call's two ends
back in it; beside it, who came back in another place or not at all, and the longest gap
in the call's video at the kiosk (its media never goes through the server).
"""

from __future__ import annotations

import asyncio
import functools
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import av
from playwright.async_api import BrowserContext, Page, Playwright

from bench.harness import accept_offer, chromium, scratch
from bench.report import Metric
from bench.signalling import add_fleet
from kiosk.agent import KioskAgent
from kiosk.connection import ConnectionState
from kiosk.visit import VisitState
from media.sinks import TrackPump
from media.sources import open_local_media
from signaling.store import Store
from tests.helpers import (
    RecordingListener,
    ServerProcess,
    console_login,
    console_opens,
    count_console_opens,
    free_port,
    seconds,
    seed_test_point,
    until_console_reopened,
)

KIOSKS, CLERKS = 2000, 200


class FrameGaps:
    """The longest pause in the video the kiosk received from the clerk since ``reset``,
    over every picture stream of the call (a new connection brings a new one), and counting
    the pause still going on when read: no frame at all is the longest gap of all."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.watched: set[int] = set()

    def watch(self, pumps: list[TrackPump]) -> None:
        for pump in pumps:
            if id(pump) not in self.watched:
                self.watched.add(id(pump))
                pump.listeners.append(self)

    def reset(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0

    def read(self) -> float:
        return max(self.longest, time.perf_counter() - self.last)

    def __call__(self, frame: av.VideoFrame | av.AudioFrame) -> None:
        if not isinstance(frame, av.VideoFrame):
            return
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def reopened(listener: RecordingListener, since: int) -> bool:
    """The kiosk's signalling opened again after its ``since``-th connection change."""
    return ConnectionState.OPEN in listener.connection[since:]


async def console_back(console: Page, since: int) -> float:
    """When the console was back in its call: connected again (after ``since`` openings,
    tests/helpers.py count_console_opens) and showing the call."""
    await until_console_reopened(console, since, 60)
    await console.wait_for_selector("#call-view:not([hidden])", timeout=seconds(10) * 1000)
    return time.perf_counter()


async def live_call(
    context: BrowserContext, url: str, agent: KioskAgent, listener: RecordingListener
) -> Page:
    """A clerk's console at ``url`` in a call with ``agent``'s customer, media flowing;
    the console's reconnections counted from now (tests/helpers.py count_console_opens)."""
    console = await context.new_page()
    await console_login(console, url, "demo", "demo")
    await console.click("#availability")
    agent.start()
    await listener.watch.until(listener.welcomed, 30, "the live call's kiosk welcomed")
    agent.begin()
    await agent.join("kela", "fi")
    await accept_offer(console)
    await count_console_opens(console)
    await listener.watch.until(
        lambda: bool(listener.video) and listener.video[0].video.frames > 10, 30, "call media"
    )
    return console


async def queued_fleet(spec: Path) -> asyncio.subprocess.Process:
    """bench/fleet.py started with ``spec``, once every kiosk of it holds a queue place."""
    fleet = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.fleet",
        str(spec),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert fleet.stdout is not None
    ready = await asyncio.wait_for(fleet.stdout.readline(), seconds(180))
    assert ready.strip() == b"QUEUED", ready
    return fleet


@dataclass
class Back:
    """When everyone was back after a kill, as seconds since it: the fleet's report, and
    the live call's kiosk and console."""

    report: dict[str, float]
    kiosk_s: float
    console_s: float

    @property
    def last_s(self) -> float:
        return max(self.report["last_s"], self.kiosk_s, self.console_s)


async def everyone_back(
    fleet: asyncio.subprocess.Process,
    agent: KioskAgent,
    listener: RecordingListener,
    console_returned: asyncio.Task[float],
    opened: int,
    killed_at: float,
) -> Back:
    """Wait for the fleet's report and for the live call's two ends to be back in it."""
    assert fleet.stdout is not None
    line = await asyncio.wait_for(fleet.stdout.readline(), seconds(120))
    report: dict[str, float] = json.loads(line.decode().removeprefix("BACK "))
    await listener.watch.until(
        functools.partial(reopened, listener, opened), 60, "the live call's kiosk back"
    )
    opened_at = agent.client.open_since
    assert opened_at is not None
    kiosk_back = time.time() - (time.monotonic() - opened_at)
    assert agent.visit.state is VisitState.IN_CALL, agent.visit.state
    console_at = time.time() - (time.perf_counter() - await console_returned)
    return Back(report, kiosk_back - killed_at, console_at - killed_at)


async def reconnect_storm(pw: Playwright, runs: int) -> list[Metric]:
    """kill -9 with 2,000 kiosks queued, 200 clerks and a live call: seconds until all of
    them are back in place."""
    root = scratch()
    db = root / "bench.db"
    store = Store(f"sqlite:///{db}")
    creds = seed_test_point(store)
    tokens, sessions = add_fleet(store, KIOSKS, CLERKS)
    store.close()
    server = ServerProcess(db, port=free_port())
    await server.start()
    spec = root / "fleet.json"
    spec.write_text(
        json.dumps(
            {"url": server.url.replace("http", "ws") + "/ws", "kiosks": tokens, "clerks": sessions}
        )
    )
    samples: list[float] = []
    totals = {"moved": 0.0, "missing": 0.0, "attempts": 0.0, "failed_attempts": 0.0}
    longest_gap = 0.0
    context = await chromium(pw, root / "clerk")
    listener = RecordingListener()
    agent = KioskAgent(server.url, creds.kiosk_token, open_local_media("test", "tone"), listener)
    fleet: asyncio.subprocess.Process | None = None
    try:
        # The live call first, so that the clerk is offered the call's customer, not the
        # fleet's (whose clerks stay away: the fleet only waits).
        console = await live_call(context, server.url, agent, listener)
        gaps = FrameGaps()
        fleet = await queued_fleet(spec)
        assert fleet.stdin is not None and fleet.stdout is not None
        for _run in range(runs):
            gaps.watch(listener.video)
            gaps.reset()
            opened = len(listener.connection)
            console_opened = await console_opens(console)
            killed_at = time.time()
            fleet.stdin.write(f"KILL {killed_at}\n".encode())
            await fleet.stdin.drain()
            await server.kill()
            await server.start()
            started_after = time.time() - killed_at
            console_returned = asyncio.create_task(console_back(console, console_opened))
            back = await everyone_back(fleet, agent, listener, console_returned, opened, killed_at)
            report = back.report
            samples.append(back.last_s)
            for key in totals:
                totals[key] += report[key]
            gaps.watch(listener.video)
            longest_gap = max(longest_gap, gaps.read())
            why = ", ".join(
                f"{count:.0f} {name.removeprefix('failed_')}"
                for name, count in report.items()
                if name.startswith("failed_") and name != "failed_attempts"
            )
            print(
                f"# storm: {report['back']:.0f}/{KIOSKS + CLERKS} back, half within"
                f" {report['p50_s']:.1f} s, 90 % {report['p90_s']:.1f} s, all"
                f" {report['last_s']:.1f} s ({report['attempts']:.0f} attempts,"
                f" {report['failed_attempts']:.0f} failed: {why}; server up after"
                f" {started_after:.1f} s); the call's kiosk"
                f" {back.kiosk_s:.1f} s, console {back.console_s:.1f} s",
                file=sys.stderr,
                flush=True,
            )
    finally:
        if fleet is not None:
            fleet.kill()
            await fleet.wait()
        await agent.stop()
        await context.close()
        await server.stop()
    return [
        Metric.from_samples(
            "reconnect_storm_s",
            "s",
            samples,
            None,
            "<= 5 s with nobody lost or moved (2,000 kiosks queued, 200 clerks, a live call)",
            kiosks=float(KIOSKS),
            clerks=float(CLERKS),
            out_of_place=totals["moved"],
            not_back=totals["missing"],
            attempts_per_run=totals["attempts"] / max(1, len(samples)),
            failed_per_run=totals["failed_attempts"] / max(1, len(samples)),
            call_video_gap_ms=round(longest_gap * 1000, 1),
        )
    ]
