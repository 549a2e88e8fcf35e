"""Shared test tools: timeouts in one scalable unit, waiting on events, real peers.

Nothing here sleeps to wait: :class:`Watch` wakes waiters when a callback reports a
change, and each wait has a timeout that ``TEST_TIMEOUT_SCALE`` stretches on slow machines.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
import urllib.request
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from playwright.async_api import BrowserContext, Page, Playwright
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from kiosk.agent import AgentListener, KioskAgent
from kiosk.connection import ConnectionState
from kiosk.selftest import SelfTestReport
from kiosk.visit import VisitState
from media.documents import Document, Receipt
from media.sinks import TrackPump
from protocol import messages as p
from signaling.app import create_app
from signaling.config import ServerConfig
from signaling.demo_data import DemoCredentials
from signaling.store import Store

TIMEOUT_SCALE = float(os.environ.get("TEST_TIMEOUT_SCALE", "1"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--allow-loopback-in-peer-connection",
]


@asynccontextmanager
async def app_client(db: Path, **config: object) -> AsyncIterator[TestClient]:
    """The real app in this process on a loopback port, with ``config`` over the
    defaults, and a client for it (cookies kept)."""
    app = create_app(ServerConfig(port=0, db_url=f"sqlite:///{db}", **config))  # type: ignore[arg-type]
    async with TestClient(TestServer(app)) as client:
        yield client


def seconds(n: float) -> float:
    """A timeout of ``n`` seconds on this machine, scaled for slower ones."""
    return n * TIMEOUT_SCALE


def require_loopback_only() -> None:
    """Calls may only run where nothing can leave the machine (docs/stack-facts.md)."""
    names = [name for _, name in socket.if_nameindex()]
    if names != ["lo"]:
        raise RuntimeError(
            f"network interfaces {names}: run call tests in a loopback-only namespace"
            " (./run test does)"
        )


class Watch:
    """Wakes waiters whenever something they watch may have changed."""

    def __init__(self) -> None:
        self._changed = asyncio.Condition()

    def poke(self) -> None:
        asyncio.get_running_loop().create_task(self._notify())

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def until(self, predicate: Callable[[], bool], within: float, what: str) -> None:
        """Wait until ``predicate()`` holds; fail after ``within`` (scaled) seconds."""
        limit = seconds(within)
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(predicate), limit)
            except TimeoutError:
                raise AssertionError(f"timed out after {limit:.1f} s waiting for {what}") from None


@dataclass
class RecordingListener(AgentListener):
    """Remembers what a KioskAgent reported and pokes a Watch on every report."""

    watch: Watch = field(default_factory=Watch)
    connection: list[ConnectionState] = field(default_factory=list)
    visits: list[VisitState] = field(default_factory=list)
    agencies: list[p.AgencyInfo] = field(default_factory=list)
    positions: list[tuple[int, int]] = field(default_factory=list)
    statuses: list[p.QueueStatus] = field(default_factory=list)
    video: list[TrackPump] = field(default_factory=list)
    audio: list[TrackPump] = field(default_factory=list)
    media_states: list[str] = field(default_factory=list)
    presence: list[tuple[str, bool]] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)
    shown: list[Document] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    self_tests: list[SelfTestReport] = field(default_factory=list)
    #: member id -> the latest video / audio pump from that member
    video_from: dict[str, TrackPump] = field(default_factory=dict)
    audio_from: dict[str, TrackPump] = field(default_factory=dict)
    joined: list[p.CallPeer] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    interpreter: list[p.InterpreterStatus] = field(default_factory=list)
    chat: list[tuple[str, str, bool]] = field(default_factory=list)

    # Predicates for Watch.until, bound to this listener (no closures over loop variables).
    def welcomed(self) -> bool:
        return bool(self.agencies)

    def has_status(self) -> bool:
        return bool(self.statuses)

    def statuses_beyond(self, count: int) -> bool:
        return len(self.statuses) > count

    def connection_changed(self, state: ConnectionState) -> None:
        self.connection.append(state)
        self.watch.poke()

    def visit_changed(self, state: VisitState) -> None:
        self.visits.append(state)
        self.watch.poke()

    def agencies_changed(self, agencies: Sequence[p.AgencyInfo]) -> None:
        self.agencies = list(agencies)
        self.watch.poke()

    def queue_changed(self, status: p.QueueStatus) -> None:
        self.positions.append((status.position, status.waiting))
        self.statuses.append(status)
        self.watch.poke()

    def remote_video(self, pump: TrackPump, peer: str) -> None:
        self.video.append(pump)
        self.video_from[peer] = pump
        pump.listeners.append(lambda frame: self.watch.poke())
        self.watch.poke()

    def remote_audio(self, pump: TrackPump, peer: str) -> None:
        self.audio.append(pump)
        self.audio_from[peer] = pump
        pump.listeners.append(lambda frame: self.watch.poke())
        self.watch.poke()

    def peer_joined(self, peer: p.CallPeer) -> None:
        self.joined.append(peer)
        self.watch.poke()

    def peer_left(self, peer: str) -> None:
        self.left.append(peer)
        self.watch.poke()

    def interpreter_changed(self, status: p.InterpreterStatus) -> None:
        self.interpreter.append(status)
        self.watch.poke()

    def chat_received(self, line: p.Chat, mine: bool) -> None:
        self.chat.append((line.role, line.text, mine))
        self.watch.poke()

    def media_state_changed(self, peer: str, state: str) -> None:
        self.media_states.append(state)
        self.watch.poke()

    def peer_presence(self, peer: str, online: bool) -> None:
        self.presence.append((peer, online))
        self.watch.poke()

    def document_shown(self, document: Document) -> None:
        self.shown.append(document)
        self.watch.poke()

    def document_received(self, receipt: Receipt) -> None:
        self.receipts.append(receipt)
        self.watch.poke()

    def notice(self, code: str) -> None:
        self.notices.append(code)
        self.watch.poke()

    def self_tested(self, report: SelfTestReport) -> None:
        self.self_tests.append(report)
        self.watch.poke()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """The real server, ``python -m signaling``, on a loopback port (ephemeral by default;
    give one to restart it where its clients will look for it), on a SQLite file or a
    database URL."""

    def __init__(
        self,
        db_path: Path | str,
        *,
        port: int = 0,
        args: Sequence[str] = (),
        env: dict[str, str] | None = None,
        host: str = "127.0.0.1",
        log: Path | None = None,
    ) -> None:
        #: Where its stderr (its log) goes; the test's own stderr by default.
        self.log = log
        self.env = env
        self.host = host
        self.db_path = db_path
        self.port = port
        self.args = list(args)
        self.proc: asyncio.subprocess.Process | None = None
        self.url = ""

    async def start(self) -> str:
        command = ["-m", "signaling", "--host", self.host, "--port", str(self.port)]
        db = self.db_path if isinstance(self.db_path, str) else f"sqlite:///{self.db_path}"
        command += ["--db", db, "--log-level", "WARNING", *self.args]
        log = self.log.open("a") if self.log else None
        try:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                *command,
                stdout=asyncio.subprocess.PIPE,
                stderr=log,
                env={**os.environ, **self.env} if self.env else None,
            )
        finally:
            if log is not None:
                log.close()  # the process has its own copy of the descriptor
        assert self.proc.stdout is not None
        line = await asyncio.wait_for(self.proc.stdout.readline(), seconds(20))
        match = re.search(rb"listening on (http://\S+)", line)
        if not match:
            raise AssertionError(f"server did not start: {line!r}")
        self.url = match.group(1).decode()
        return self.url

    def show_log(self) -> None:
        """Print its log file (captured: shown only when the test fails), without the
        console's static files."""
        assert self.log is not None
        lines = [line for line in self.log.read_text().splitlines() if "GET /console/" not in line]
        print("--- the server's log ---", *lines, sep="\n")

    async def kill(self) -> None:
        """kill -9: no shutdown code runs; only what was committed survives."""
        assert self.proc is not None
        self.proc.kill()
        await asyncio.wait_for(self.proc.wait(), seconds(10))

    async def stop(self) -> int:
        if self.proc is None:
            return 0
        if self.proc.returncode is not None:
            return self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.proc.wait(), seconds(15))


async def launch_console(
    pw: Playwright,
    profile: Path,
    *,
    executable: str = CHROMIUM,
    extra_args: Sequence[str] = (),
) -> BrowserContext:
    """One Chromium per peer with a fresh profile (a second page would be throttled);
    ``executable`` may be a wrapper that runs it elsewhere (tests/support/netlab.py)."""
    return await pw.chromium.launch_persistent_context(
        str(profile),
        executable_path=executable,
        headless=True,
        args=[*CHROMIUM_ARGS, *extra_args],
        viewport={"width": 1280, "height": 900},
    )


#: The console's login form once its script has taken it over.
LOGIN_READY = "#login-form button[type=submit]:not([disabled])"


async def choose_language(page: Page, language: str) -> None:
    """Choose the page's language (console or dashboard) and wait until it is in it."""
    await page.select_option("#language", language)
    await page.wait_for_function("(l) => document.documentElement.lang === l", arg=language)


async def console_login(page: Page, base: str, username: str, password: str) -> None:
    """Open the console, log in, and wait until its socket is open."""
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))
    await page.goto(f"{base}/console/")
    try:  # the page's script takes the form over (views/login.js enables its button)
        await page.wait_for_selector(LOGIN_READY, timeout=seconds(10) * 1000)
    except PlaywrightTimeoutError:
        # Seen in full runs: Chromium failed the page's module requests with
        # ERR_NETWORK_CHANGED when a test link got its IPv6 address a moment after it came
        # up. Links now get none (netlab.no_ipv6_link_local); should it happen again, it
        # is said here, and the page loaded once more, as a clerk would.
        print(f"console script did not run; failed requests: {failed}", file=sys.stderr)
        await page.reload()
        await page.wait_for_selector(LOGIN_READY, timeout=seconds(10) * 1000)
    await page.fill("input[name=username]", username)
    await page.fill("input[name=password]", password)
    await page.click("#login-form button[type=submit]")
    try:
        await page.wait_for_selector(
            "#queue-view:not([hidden]), #invitations-view:not([hidden])",
            timeout=seconds(10) * 1000,
        )
    except PlaywrightTimeoutError:
        said = await page.evaluate(
            "() => [document.querySelector('#login-error')?.textContent,"
            " document.querySelector('#connection')?.dataset.state, location.href]"
        )
        raise AssertionError(f"not logged in within 10 s; the console says {said}") from None
    await page.wait_for_selector("#connection[data-state=open]", timeout=seconds(10) * 1000)


FRAMES_DECODED_ABOVE = (
    "(n) => Number(document.querySelector('#media-stats').dataset.framesDecoded || 0) > n"
)


#: The interpreter account of seed_test_point: username, password (Finnish Sign Language
#: and Russian).
INTERPRETER = ("tulkki", "tulkki-demo")


def seed_test_point(store: Store, *, kiosks: int = 1) -> DemoCredentials:
    """A service point whose hours do not depend on the wall clock: Kela, Vero and Migri
    (by language) serve around the clock; the police's only hours lie in the past."""
    store.add_point("Nurmes")
    for code, names, by_language in (
        ("kela", {"fi": "Kela", "sv": "FPA", "en": "Kela"}, False),
        ("vero", {"fi": "Verohallinto", "sv": "Skatteförvaltningen", "en": "Tax"}, False),
        ("migri", {"fi": "Migri", "sv": "Migri", "en": "Immigration"}, True),
        ("poliisi", {"fi": "Poliisi", "sv": "Polisen", "en": "Police"}, False),
    ):
        store.add_agency(code, names, routes_by_language=by_language)
        if code == "poliisi":
            store.add_hours("Nurmes", code, 0, "10:00", "14:00", None, "2000-01-01")
        else:
            for weekday in range(7):
                store.add_hours("Nurmes", code, weekday, "00:00", "24:00")
    store.add_clerk(
        "demo",
        "demo",
        "Demo Clerk",
        ["kela", "vero", "migri", "poliisi"],
        languages=("fi", "sv", "en"),
    )
    store.add_clerk(
        INTERPRETER[0],
        INTERPRETER[1],
        "Test Interpreter",
        [],
        languages=("fse", "ru"),
        role="interpreter",
    )
    token = store.add_kiosk("Nurmes", "nurmes-1")
    for n in range(2, kiosks + 1):
        store.add_kiosk("Nurmes", f"nurmes-{n}")
    return DemoCredentials("demo", "demo", token)


async def queue_up(agent: KioskAgent, listener: RecordingListener, agency: str = "kela") -> None:
    """As a customer at a started kiosk: once it lists the agencies, Start, the agency in
    Finnish, until the kiosk holds a queue place."""
    watch = listener.watch
    await watch.until(lambda: bool(listener.agencies), 10, "the kiosk's agency list")
    agent.begin()
    assert await agent.join(agency, "fi")
    await watch.until(lambda: agent.visit.state is VisitState.QUEUED, 10, "a queue place")


async def bring_in_interpreter(clerk: Page, interpreter: Page, language: str) -> None:
    """The clerk asks for an interpreter of ``language``; the interpreter's console, logged
    in and available, accepts the invitation. (What each side then decodes is the
    caller's to wait for.)"""
    await clerk.select_option("#interpreter-language", language)
    await clerk.click("#request-interpreter")
    await interpreter.locator(".invitation button.primary").click(timeout=seconds(20) * 1000)


async def accept_next_offer(page: Page) -> str:
    """As a clerk: be available, wait for the offer card, accept it; returns its text."""
    if await page.get_attribute("#availability", "aria-pressed") != "true":
        await page.click("#availability")
    await page.wait_for_selector("#offer:not([hidden])", timeout=seconds(15) * 1000)
    text = await page.inner_text("#offer-text")
    await page.click("#offer-accept")
    return text


def fake_printer(root: Path) -> Path:
    """Stand-in CUPS commands (lpstat with a default printer, lp that records the file
    and its title) put first on PATH; returns where lp puts what it prints. The caller
    restores PATH."""
    bin_dir = root / "cups"
    bin_dir.mkdir(exist_ok=True)
    printed = root / "printed"
    (bin_dir / "lpstat").write_text("#!/bin/sh\necho 'system default destination: kiosk'\n")
    (bin_dir / "lp").write_text(f'#!/bin/sh\necho "$2" > {printed}.title\ncat "$3" > {printed}\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    os.environ["PATH"] = f"{bin_dir}:{os.environ['PATH']}"
    return printed


#: The console's connection badge watched: how many times it has turned "open" since.
_COUNT_CONSOLE_OPENS = """() => {
  const badge = document.querySelector('#connection');
  window.__opens = 0;
  new MutationObserver(() => { if (badge.dataset.state === 'open') window.__opens += 1; })
    .observe(badge, { attributes: true, attributeFilter: ['data-state'] });
}"""


async def count_console_opens(page: Page) -> None:
    """From now on, count each time the console's connection opens again (the badge
    alone would say "open" before the console has even noticed a server go)."""
    await page.evaluate(_COUNT_CONSOLE_OPENS)


async def console_opens(page: Page) -> int:
    return int(await page.evaluate("() => window.__opens"))


async def until_console_reopened(page: Page, since: int, within: float) -> None:
    """Until the console's connection has opened again after ``since`` openings."""
    await page.wait_for_function(
        "(n) => window.__opens > n", arg=since, timeout=seconds(within) * 1000
    )


def scrape(url: str) -> dict[str, float]:
    """/metrics as Prometheus reads it, through the client library's own parser: each
    sample as ``name{label="value",...}`` (labels sorted) -> value."""
    from prometheus_client.parser import text_string_to_metric_families

    with urllib.request.urlopen(f"{url}/metrics", timeout=5) as response:
        text = response.read().decode()
    samples: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return samples


async def until_stored(
    db_path: Path, read: Callable[[Store], list], within: float, what: str
) -> list:
    """What ``read`` finds in the database once it finds something. For a write that
    nothing announces (a customer's rating: the kiosk is not answered), so the test
    polls the database as an operator's report reads it, with a timeout."""
    limit = seconds(within)
    loop = asyncio.get_running_loop()
    started = loop.time()
    while True:
        store = Store(f"sqlite:///{db_path}", migrate=False)
        try:
            rows = await asyncio.to_thread(read, store)
        finally:
            store.close()
        if rows:
            return rows
        if loop.time() - started > limit:
            raise AssertionError(f"timed out after {limit:.1f} s waiting for {what}")
        await asyncio.sleep(0.05)  # a poll of the database: no message announces the write
