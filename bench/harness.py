"""What every call benchmark needs: a seeded server, Chromium peers with stamped fake
media, the anchor kiosk page, and CPU readings of process trees."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import BrowserContext, Page, Playwright, Route, ViewportSize

from signaling.store import Store
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, ServerProcess, seconds, seed_test_point
from tests.support.netlab import Namespaced

STATIC = Path(__file__).parent / "static"
TYPES = {".js": "text/javascript", ".html": "text/html"}


async def serve_bench_file(route: Route) -> None:
    name = urlsplit(route.request.url).path.removeprefix("/bench/")
    path = (STATIC / name).resolve()
    if STATIC.resolve() not in path.parents or not path.is_file():
        await route.fulfill(status=404)
        return
    await route.fulfill(body=path.read_bytes(), content_type=TYPES.get(path.suffix, "text/plain"))


async def chromium(
    pw: Playwright,
    profile: Path,
    *,
    executable: str = CHROMIUM,
    extra_args: tuple[str, ...] = (),
    viewport: ViewportSize | None = None,
    measure: bool = True,
) -> BrowserContext:
    """One Chromium per peer, its camera replaced by the stamped 640x480 canvas;
    ``measure`` False: its pages read no stamps and listen for no clicks, and their
    camera and microphone are Chromium's own stand-ins (30 fps, I420, as a camera's).

    The anchor's kiosk page is served by Playwright (not by the server), which Chromium's
    Local Network Access checks would otherwise treat as a public page reaching loopback.
    """
    context = await pw.chromium.launch_persistent_context(
        str(profile),
        executable_path=executable,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--disable-features=LocalNetworkAccessChecks",
            # sound is played and made as on a kiosk or a clerk's desk, where someone has
            # touched the page: the stamped tone's AudioContext runs from the start
            "--autoplay-policy=no-user-gesture-required",
            *extra_args,
            *(() if measure else ("--use-fake-device-for-media-stream=fps=30",)),
        ],
        viewport=viewport or {"width": 1280, "height": 900},
        # the stamped tone's AudioWorklet is loaded from a blob: Playwright's routes do not
        # see worklet requests, and the console's CSP allows scripts from itself only
        bypass_csp=True,
    )
    mouth = (STATIC / "mouth.js").read_text()
    await context.add_init_script(script=f"window.__benchMouth = {json.dumps(mouth)};")
    if not measure:
        await context.add_init_script(script="window.__benchMeasure = false;")
    await context.add_init_script(path=str(STATIC / "fake_media.js"))
    await context.route("**/bench/**", serve_bench_file)
    return context


async def chromium_inside(
    pw: Playwright, profile: Path, host: Namespaced, base: str, *, measure: bool = True
) -> BrowserContext:
    """A Chromium peer inside ``host``'s network namespace, trusting ``base`` (the server's
    address as seen from there, which is not "localhost") as a secure origin."""
    return await chromium(
        pw,
        profile,
        executable=host.wrapper(CHROMIUM, profile.parent),
        extra_args=(f"--unsafely-treat-insecure-origin-as-secure={base}",),
        measure=measure,
    )


async def anchor_kiosk(context: BrowserContext, base: str, token: str) -> Page:
    page = context.pages[0] if context.pages else await context.new_page()
    await page.goto(f"{base}/bench/kiosk.html")
    await page.wait_for_function("() => window.anchor !== undefined")
    await page.evaluate("(token) => window.anchor.connect(token)", token)
    return page


async def watch_console_video(page: Page) -> None:
    await page.evaluate(
        "async () => (await import('/bench/stamp.js')).watchVideo("
        "document.querySelector('#remote-video'))"
    )


async def reset_bench(page: Page) -> None:
    await page.evaluate(
        "() => { window.__bench.firstFrameAt = null; window.__bench.latencies = [];"
        " window.__bench.decodedLatencies = []; window.__bench.displayed = []; }"
    )


#: Frames the console has decoded of the kiosk in this call (after forget_console_stats).
DECODED_FRAMES = "Number(document.querySelector('#media-stats').dataset.framesDecoded || 0)"
#: This call's kiosk picture is flowing at the console.
FRAMES_ABOVE_60 = f"() => {DECODED_FRAMES} > 60"
#: How long each CPU reading lasts.
CPU_WINDOW_S = 10.0


async def cpu_over(cpu: Callable[[], float], window_s: float = CPU_WINDOW_S) -> float:
    """CPU seconds a second of ``cpu`` (a reading of seconds used so far) over a window."""
    before = cpu()
    await asyncio.sleep(window_s)
    return (cpu() - before) / window_s


async def forget_console_stats(console: Page) -> None:
    """Clear the console's media figures of the last call (they stay on the element until
    the next call's first sample), so that a wait for this call's frames waits for them."""
    await console.evaluate(
        "() => { const s = document.querySelector('#media-stats');"
        " delete s.dataset.framesDecoded; delete s.dataset.width; }"
    )


async def bench_state(page: Page) -> dict[str, Any]:
    return await page.evaluate("() => window.__bench")  # type: ignore[no-any-return]


#: In the console: the wall time (ms) of the last click on Accept, as the page saw it.
CLICKED_AT = """() => { window.__acceptedAt = null; document.addEventListener('click', (e) => {
  if (e.target.closest('#offer-accept')) window.__acceptedAt = performance.timeOrigin + e.timeStamp;
}, { capture: true, once: true }); }"""


async def accept_offer(console: Page) -> float:
    """As the clerk: wait for the offer card and accept it; the time of the click (wall
    seconds), when the page received it. Not the time Playwright was asked to click: its
    checks before clicking (visible, stable, not covered) took milliseconds that would
    be added to both sides of every set-up."""
    await console.wait_for_selector("#offer:not([hidden])", timeout=seconds(30) * 1000)
    await console.evaluate(CLICKED_AT)
    await console.click("#offer-accept")
    clicked = await console.evaluate("() => window.__acceptedAt")
    if clicked is None:
        raise AssertionError("the console saw no click on Accept")
    return float(clicked) / 1000


async def end_call(console: Page) -> None:
    """As the clerk: End, and back at the queue."""
    await console.click("#end-call")
    await console.wait_for_selector("#queue-view:not([hidden])", timeout=seconds(10) * 1000)


#: Calls the Chromium kiosk page has heard end.
CALLS_ENDED = "() => window.__bench.events.filter(e => e.type === 'call.ended').length"


async def end_page_call(console: Page, page: Page) -> None:
    """As the clerk: End the Chromium kiosk page's call; until the page has heard so (it
    may join again only then)."""
    ended = await page.evaluate(CALLS_ENDED)
    await end_call(console)
    await page.wait_for_function(f"(n) => ({CALLS_ENDED})() > n", arg=ended)


def seeded_server(
    root: Path, *, kiosks: int = 2, args: tuple[str, ...] = ()
) -> tuple[ServerProcess, list[str]]:
    """A database with the test point and ``kiosks`` kiosks; the server (not started)."""
    db = root / "bench.db"
    store = Store(f"sqlite:///{db}")
    first = seed_test_point(store, kiosks=kiosks)
    tokens = [first.kiosk_token] + [
        store.rotate_kiosk_token(f"nurmes-{n}") for n in range(2, kiosks + 1)
    ]
    store.close()
    return ServerProcess(db, args=list(args)), tokens


def process_tree_cpu(match: str) -> float:
    """CPU seconds used so far by every process whose command line contains ``match``."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if match not in (entry / "cmdline").read_bytes().decode(errors="replace"):
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def pid_tree_cpu(pid: int) -> float:
    """CPU seconds used so far by process ``pid`` and its children (a kiosk's sound
    player is a child process)."""
    total = pid_cpu(pid)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def pid_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kb(pid: int) -> int:
    """Resident memory of process ``pid`` now, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="rs-bench-"))


async def alternating(
    runs: int, project: Callable[[], Awaitable[None]], anchor: Callable[[], Awaitable[None]]
) -> None:
    """Measure ``runs`` times each side, run by run, and which goes first alternates too:
    a host that warms up, or a neighbour that wakes, weighs on both sides alike instead of
    on whichever block ran at that moment."""
    for run in range(runs):
        first, second = (project, anchor) if run % 2 == 0 else (anchor, project)
        await first()
        await second()
