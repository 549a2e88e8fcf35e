"""A ten-minute call: does the kiosk or the server grow, or slow down, as a call goes on?

The headless kiosk (``python -m kiosk --headless``, 640x480) in a call with the clerk's
console in Chromium for ``BENCH_LONG_CALL_S`` seconds (600 unless set; set it lower only to
try the scenario). After a minute's warm-up, every 30 s: the resident memory of the kiosk
and of the server, the CPU each used in those 30 s, and the frames a second the console
decodes (that the call still runs). The figures are the growth from the first of those
samples to the last, and the CPU of the last 30 s against the first. One call: n = 1, and no
anchor (ten more minutes of Chromium would say little about our own leaks).
"""

from __future__ import annotations

import asyncio
import os

from playwright.async_api import Page, Playwright

from bench.calls import start_headless_kiosk
from bench.harness import accept_offer, chromium, pid_cpu, rss_kb, scratch, seeded_server
from bench.report import Metric
from tests.helpers import console_login, seconds

WARM_UP_S = 60.0
SAMPLE_S = 30.0


def call_length_s() -> float:
    return float(os.environ.get("BENCH_LONG_CALL_S", "600"))


async def _frames_decoded(console: Page) -> int:
    value = await console.get_attribute("#media-stats", "data-frames-decoded")
    return int(value or 0)


async def long_call(pw: Playwright, runs: int) -> list[Metric]:
    """RSS and CPU of the kiosk and the server through one long call."""
    root = scratch()
    server, tokens = seeded_server(root)
    await server.start()
    assert server.proc is not None
    context = await chromium(pw, root / "clerk")
    kiosk = await start_headless_kiosk(server.url, tokens[0], "640x480")
    samples: list[dict[str, float]] = []
    try:
        console = await context.new_page()
        await console_login(console, server.url, "demo", "demo")
        await console.click("#availability")
        await accept_offer(console)
        await console.wait_for_function(
            "() => Number(document.querySelector('#media-stats').dataset.framesDecoded || 0) > 60",
            timeout=seconds(30) * 1000,
        )
        await asyncio.sleep(WARM_UP_S)  # the call settles (ladder, buffers) before the baseline
        elapsed = 0.0
        while True:
            cpu = (pid_cpu(kiosk.pid), pid_cpu(server.proc.pid))
            frames = await _frames_decoded(console)
            await asyncio.sleep(SAMPLE_S)
            elapsed += SAMPLE_S
            samples.append(
                {
                    "kiosk_mb": rss_kb(kiosk.pid) / 1024,
                    "server_mb": rss_kb(server.proc.pid) / 1024,
                    "kiosk_cpu": (pid_cpu(kiosk.pid) - cpu[0]) / SAMPLE_S,
                    "server_cpu": (pid_cpu(server.proc.pid) - cpu[1]) / SAMPLE_S,
                    "fps": (await _frames_decoded(console) - frames) / SAMPLE_S,
                }
            )
            if elapsed + WARM_UP_S >= call_length_s():
                break
    finally:
        kiosk.terminate()
        await kiosk.wait()
        await context.close()
        await server.stop()
    first, last = samples[0], samples[-1]
    return [
        Metric.from_samples(
            "long_call_rss_growth_mb",
            "MB",
            [last["kiosk_mb"] - first["kiosk_mb"]],
            None,
            "informative: n = 1, no anchor; growth from minute 1.5 to the end of the call",
            minutes=round((WARM_UP_S + SAMPLE_S * len(samples)) / 60, 1),
            kiosk_mb_end=round(last["kiosk_mb"], 1),
            server_growth_mb=round(last["server_mb"] - first["server_mb"], 2),
            kiosk_cpu_first=round(first["kiosk_cpu"], 3),
            kiosk_cpu_last=round(last["kiosk_cpu"], 3),
            server_cpu_first=round(first["server_cpu"], 4),
            server_cpu_last=round(last["server_cpu"], 4),
            fps_first=round(first["fps"], 1),
            fps_last=round(last["fps"], 1),
        )
    ]
