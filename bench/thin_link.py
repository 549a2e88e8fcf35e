"""A link that binds: the customer's picture over 300 kbit/s with a 150 ms round trip and
bursts of loss both ways, as a rural 4G kiosk has it (issue 15, item 4). EN 301 549 asks
20 frames a second or more for sign language.

The kiosk sits in a network namespace reached only through the tests' delaying relay
(tests/support/relay.py: a rate, a queue, a delay and Gilbert-Elliott loss, each way; the
kernel here has no netem). The project is the headless kiosk (``python -m kiosk
--headless``), the anchor a Chromium kiosk page in the same namespace; both call the same
clerk console beside the server, run by run in turn. What the clerk's console decodes of
the customer is counted: frames a second, the picture's width, Chromium's freezes, and
how much of the sound had to be concealed. ``BENCH_KIOSK_LOG=INFO`` shows the kiosk's
quality ladder as it moves.

Not yet a sign-language call: the kiosk calls the clerk alone, and its ladder keeps the
frame rate only with a signing interpreter in the call (media/quality.py, SIGN_STEPS);
here it may choose stills past 10 % loss, as in any ordinary call. tests/test_thin_links_e2e.py
runs the sign-language call itself; docs/benchmarks.md says what this figure is."""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
from collections.abc import Awaitable, Callable

from playwright.async_api import Page, Playwright
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from bench.harness import (
    alternating,
    anchor_kiosk,
    chromium,
    chromium_inside,
    scratch,
    seeded_server,
)
from bench.report import Metric
from tests.helpers import console_login, seconds
from tests.support.relay import BurstLoss, RelayedHost

RATE_KBIT = 300
ONE_WAY_MS = 75.0
#: About 1.2 % of packets, in bursts of 2.5 on average.
BURSTS = BurstLoss(enter=0.005, leave=0.4)
SETTLE_S = 8.0  # the ladder steps down and the senders fit the link before counting
WINDOW_S = 10.0
NAME = "fps_sign_language_300kbps_150ms"


async def _stats(console: Page) -> dict[str, float]:
    names = ("framesDecoded", "width", "freezes", "audioSamples", "audioConcealed")
    values = await console.evaluate(
        "(names) => names.map((n) => Number("
        "document.querySelector('#media-stats').dataset[n] || 0))",
        list(names),
    )
    return dict(zip(names, values, strict=True))


async def _measure(console: Page) -> dict[str, float]:
    """One call's customer picture at the console, once it has settled on the link."""
    await console.wait_for_function(
        "() => Number(document.querySelector('#media-stats').dataset.framesDecoded || 0) > 10",
        timeout=seconds(30) * 1000,
    )
    await asyncio.sleep(SETTLE_S)
    before = await _stats(console)
    await asyncio.sleep(WINDOW_S)
    after = await _stats(console)
    samples = after["audioSamples"] - before["audioSamples"]
    return {
        "fps": (after["framesDecoded"] - before["framesDecoded"]) / WINDOW_S,
        "width": after["width"],
        "freezes": after["freezes"] - before["freezes"],
        "concealed": (after["audioConcealed"] - before["audioConcealed"]) / samples
        if samples > 0
        else 1.0,
    }


async def thin_link_fps(pw: Playwright, runs: int) -> list[Metric]:
    root = scratch()
    try:
        host = await RelayedHost.create("bth")
    except (OSError, RuntimeError) as exc:
        return [Metric.failure(NAME, "fps", f"cannot make the relayed namespace: {exc}")]
    server, tokens = seeded_server(root, args=("--host", "0.0.0.0"))
    found: dict[str, list[dict[str, float]]] = {"project": [], "anchor": []}
    try:
        await host.set(rate_kbit=RATE_KBIT, delay_ms=ONE_WAY_MS, burst_loss=BURSTS)
        await server.start()
        port = server.url.rsplit(":", 1)[1]
        far_base = f"http://{host.gateway}:{port}"
        console_ctx = await chromium(pw, root / "clerk")
        anchor_ctx = await chromium_inside(pw, root / "anchor-far-kiosk", host, far_base)
        try:
            console = await console_ctx.new_page()
            await console_login(console, server.url, "demo", "demo")
            await console.click("#availability")
            page = await anchor_kiosk(anchor_ctx, far_base, tokens[1])

            async def one_call(side: str, start: Callable[[], Awaitable[None]]) -> None:
                await start()
                try:
                    await console.wait_for_selector(
                        "#offer:not([hidden])", timeout=seconds(30) * 1000
                    )
                except PlaywrightTimeoutError:
                    state = await page.evaluate(
                        "() => ({open: window.anchor.connected(),"
                        " events: window.__bench.events.slice(-5)})"
                    )
                    raise AssertionError(
                        f"no offer for the {side} kiosk in 30 s (anchor page: {state})"
                    ) from None
                await console.click("#offer-accept")
                found[side].append(await _measure(console))
                await console.click("#end-call")
                await console.wait_for_selector(
                    "#queue-view:not([hidden])", timeout=seconds(10) * 1000
                )

            async def project_run() -> None:
                kiosk = await asyncio.create_subprocess_exec(
                    *host.command(
                        [
                            sys.executable,
                            "-m",
                            "kiosk",
                            "--server",
                            far_base,
                            "--headless",
                            "--agency",
                            "kela",
                            "--log-level",
                            os.environ.get("BENCH_KIOSK_LOG", "WARNING"),
                        ]
                    ),
                    env={**os.environ, "KIOSK_TOKEN": tokens[0]},
                )

                async def started() -> None:
                    return None  # the headless kiosk queues by itself (--agency)

                try:
                    await one_call("project", started)
                finally:
                    kiosk.terminate()
                    await kiosk.wait()

            async def anchor_run() -> None:
                async def join() -> None:
                    if not await page.evaluate("() => window.anchor.connected()"):
                        # its socket died in the last call: connect again, as the aiortc
                        # kiosk does by itself
                        await page.evaluate("() => window.anchor.reset()")
                        await page.evaluate("(t) => window.anchor.connect(t)", tokens[1])
                    await page.evaluate("() => window.anchor.join('kela')")

                await one_call("anchor", join)
                # The page may join again only once it has heard that the call ended (a
                # round trip of the thin link later).
                await page.wait_for_function(
                    "() => window.__bench.events.some(e => e.type === 'call.ended'"
                    " && e.at > Date.now() - 10000)",
                    timeout=seconds(10) * 1000,
                )

            await alternating(runs, project_run, anchor_run)
        finally:
            await anchor_ctx.close()
            await console_ctx.close()
    finally:
        await server.stop()
        await host.remove()

    def median(side: str, key: str) -> float:
        values = [run[key] for run in found[side]]
        return statistics.median(values) if values else 0.0

    return [
        Metric.from_samples(
            NAME,
            "fps",
            [run["fps"] for run in found["project"]],
            [run["fps"] for run in found["anchor"]],
            ">= 20 fps (the customer's picture at the clerk; 300 kbit/s, 150 ms, bursts both ways)",
            width=median("project", "width"),
            anchor_width=median("anchor", "width"),
            freezes=median("project", "freezes"),
            anchor_freezes=median("anchor", "freezes"),
            audio_concealed=median("project", "concealed"),
            anchor_audio_concealed=median("anchor", "concealed"),
        )
    ]
