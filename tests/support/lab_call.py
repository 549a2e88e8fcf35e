"""A call in a network lab: a headless kiosk and a Chromium clerk, one of them in a
namespace of its own behind a faulty link (tests/support/netlab.py's veth pair or
tests/support/relay.py's relay), pictures flowing both ways, and what each side sees read
as a user would: the interruption banner, frames decoded, the transaction record.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from playwright.async_api import Page, async_playwright

from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import (
    FRAMES_DECODED_ABOVE,
    INTERPRETER,
    ServerProcess,
    accept_next_offer,
    bring_in_interpreter,
    console_login,
    free_port,
    launch_console,
    seconds,
)
from tests.support.headless_kiosk import HeadlessReport, headless_kiosk
from tests.support.netlab import Host
from tests.support.processes import ReportingProcess
from tests.support.relay import RelayedHost

#: A lab host: a namespace behind a veth pair or behind the relay, reached at ``gateway``.
H = TypeVar("H", Host, RelayedHost)


async def frames_counted(page: Page) -> tuple[int, float]:
    """Frames a console decoded of its main picture over the call, and when the browser
    counted them (seconds; the console counts twice a second)."""
    frames, at_ms = await page.evaluate(
        "() => { const d = document.querySelector('#media-stats').dataset;"
        " return [Number(d.framesDecoded || 0), Number(d.framesAt || 0)]; }"
    )
    return int(frames), float(at_ms) / 1000


@dataclass
class LabCall(Generic[H]):
    """A call in progress between a kiosk in its own namespace and a Chromium clerk."""

    host: H
    server: ServerProcess
    kiosk: ReportingProcess[HeadlessReport]
    page: Page
    db: Path
    call_id: str

    async def console_frames(self) -> int:
        frames, _at = await frames_counted(self.page)
        return frames

    async def console_banner(self) -> str:
        interrupted = await self.page.get_attribute("#call-status", "data-interrupted")
        return await self.page.inner_text("#call-status") if interrupted == "true" else ""

    async def _until_both(
        self,
        what: str,
        within: float,
        kiosk_sees: Callable[[HeadlessReport], bool],
        console_sees: Callable[[], Awaitable[bool]],
    ) -> tuple[float, float]:
        """Seconds until the kiosk and the console each see ``what`` (read at each of the
        kiosk's reports, four a second)."""
        started = time.monotonic()
        kiosk_at: float | None = None
        console_at: float | None = None
        #: (seconds, frames the kiosk decoded from the clerk, frames the console decoded)
        #: at each report, for the failure's message: how the pictures came back
        seen: list[tuple[float, int, int]] = []
        while kiosk_at is None or console_at is None:
            assert time.monotonic() - started < seconds(within), (
                f"{what} not within {within} s: kiosk {kiosk_at}, console {console_at}"
                f" (console decoded {await self.console_frames()} frames in all),"
                f" last kiosk report {self.kiosk.last}; frames report by report"
                f" {[(round(t, 2), k, c) for t, k, c in seen]}"
            )
            report = await self.kiosk.report(seconds(5))
            now = time.monotonic() - started
            seen.append((now, report.frames_from("clerk"), await self.console_frames()))
            if kiosk_at is None and kiosk_sees(report):
                kiosk_at = now
            if console_at is None and await console_sees():
                console_at = now
        return kiosk_at, console_at

    async def both_see_the_interruption(self, within: float) -> tuple[float, float]:
        """Seconds until the kiosk and the console each show that the link is down."""

        async def console_sees() -> bool:
            return "interrupted" in await self.console_banner()

        return await self._until_both(
            "interruption shown",
            within,
            lambda r: r.media.get("clerk") == "interrupted",
            console_sees,
        )

    async def both_see_pictures(
        self, within: float, *, flowing: bool = True
    ) -> tuple[float, float]:
        """Seconds until pictures move again at the kiosk and at the console: the first new
        frame each decodes (what the issue's "media flows again within 3 s" means to someone
        watching), then (``flowing``) that they keep coming: 10 more each within the next
        1.5 s, so that a single stray frame cannot pass for a picture that is back."""
        kiosk_base = (self.kiosk.last or await self.kiosk.report(5)).frames_from("clerk")
        console_base = await self.console_frames()

        def console_above(count: int) -> Callable[[], Awaitable[bool]]:
            async def console_sees() -> bool:
                return await self.console_frames() > count

            return console_sees

        back = await self._until_both(
            "pictures back",
            within,
            lambda r: r.frames_from("clerk") > kiosk_base,
            console_above(console_base),
        )
        if not flowing:
            return back
        await self._until_both(
            "pictures flowing after they came back",
            1.5,
            lambda r: r.frames_from("clerk") >= kiosk_base + 10,
            console_above(console_base + 9),
        )
        return back

    @contextlib.asynccontextmanager
    async def interpreter_joins(
        self, profile: Path, language: str, *, devices: bool = True
    ) -> AsyncIterator[Page]:
        """An interpreter's console (beside the server, on its loopback address: a secure
        origin) takes the clerk's request for ``language``; yields its page once it
        decodes the customer. ``devices=False``: a computer without camera or microphone."""
        port = self.server.url.rsplit(":", 1)[1]
        async with async_playwright() as pw:
            # A signer's webcam gives 30 frames a second (Chromium's fake camera gives 20
            # unless told), so that the frame rate a sign-language call keeps is measured.
            context = await launch_console(
                pw, profile, extra_args=["--use-fake-device-for-media-stream=fps=30"]
            )
            if not devices:
                await context.add_init_script(
                    "navigator.mediaDevices.getUserMedia = () => Promise.reject("
                    "new DOMException('Requested device not found', 'NotFoundError'));"
                )
            interpreter = await context.new_page()
            await console_login(interpreter, f"http://127.0.0.1:{port}", *INTERPRETER)
            await interpreter.click("#availability")
            await interpreter.wait_for_selector("#availability[data-status=available]")
            await bring_in_interpreter(self.page, interpreter, language)
            await interpreter.wait_for_function(
                FRAMES_DECODED_ABOVE, arg=30, timeout=seconds(20) * 1000
            )
            yield interpreter
            await context.close()

    def records(self) -> list[str]:
        store = Store(f"sqlite:///{self.db}")
        try:
            return [r.outcome for r in store.transactions()]
        finally:
            store.close()


@contextlib.asynccontextmanager
async def call_in_lab(
    db: Path,
    creds: DemoCredentials,
    profile: Path,
    host: H,
    *,
    kiosk_inside: bool,
    server_args: Sequence[str] = ("--tick-s", "0.2"),
    server_env: dict[str, str] | None = None,
) -> AsyncIterator[LabCall[H]]:
    """The real server on every address of the test's namespace (the lab host reaches it
    at its gateway), and a call between a headless kiosk (inside ``host`` or beside the
    server) and a Chromium clerk (beside the server, or inside ``host``), with pictures
    flowing both ways."""
    port = free_port()
    # Its log at INFO in a file, printed at the end: a failure shows what the server saw
    # (connections closed, grace periods, calls ended), a pass shows nothing (captured).
    args = [*server_args, "--log-level", "INFO"]
    server = ServerProcess(
        db,
        port=port,
        host="0.0.0.0",
        args=args,
        env=server_env,
        log=profile.parent / "server.log",
    )
    await server.start()
    try:
        far, near = f"{host.gateway}:{port}", f"127.0.0.1:{port}"
        async with _call(
            db,
            creds,
            profile,
            host,
            server,
            kiosk_via=far if kiosk_inside else near,
            console_via=near if kiosk_inside else far,
            kiosk_inside=kiosk_inside,
        ) as call:
            yield call
    finally:
        await server.stop()
        server.show_log()


@contextlib.asynccontextmanager
async def _call(
    db: Path,
    creds: DemoCredentials,
    profile: Path,
    host: H,
    server: ServerProcess,
    *,
    kiosk_via: str,
    console_via: str,
    kiosk_inside: bool,
) -> AsyncIterator[LabCall[H]]:
    kiosk = headless_kiosk(
        f"http://{kiosk_via}",
        creds.kiosk_token,
        join="kela",
        prefix=host.command([]) if kiosk_inside else (),
    )
    try:
        await kiosk.start()
        async with async_playwright() as pw:
            base = f"http://{console_via}"
            if kiosk_inside:
                console = await launch_console(pw, profile)
            else:
                # Deployed behind TLS; here plain HTTP on a lab address, which is not a
                # secure context (no camera) unless Chromium is told to treat it as one.
                console = await launch_console(
                    pw,
                    profile,
                    executable=host.wrapper("/usr/bin/chromium", profile.parent),
                    extra_args=[f"--unsafely-treat-insecure-origin-as-secure={base}"],
                )
            page = await console.new_page()
            await console_login(page, base, creds.clerk_username, creds.clerk_password)
            await accept_next_offer(page)
            report = await kiosk.until(
                lambda r: r.frames_from("clerk") >= 30, seconds(30), "the clerk at the kiosk"
            )
            await page.wait_for_function(FRAMES_DECODED_ABOVE, arg=30, timeout=seconds(20) * 1000)
            assert report.call_id is not None
            yield LabCall(host, server, kiosk, page, db, report.call_id)
            await console.close()
    finally:
        await kiosk.stop()
