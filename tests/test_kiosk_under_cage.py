"""The kiosk as a locked-down terminal runs it (issue 19, item 5): full screen under cage,
Debian's Wayland kiosk compositor, unprivileged, on the Wayland platform; seen
through grim, as the customer would see the panel. When the kiosk dies, cage goes with
it, so that systemd restarts the pair (deploy/kiosk.service), and the restarted kiosk
is back on its start screen; one that crashes mid-call is back in its call.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.qt.style import STANDARD
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import (
    ServerProcess,
    accept_next_offer,
    console_login,
    launch_console,
    require_loopback_only,
    seconds,
)
from tests.support.cage import CageSeat, cage_seat
from tests.support.processes import ReportingProcess
from tests.support.window_kiosk import (
    KioskReport,
    pictures_move_both_ways,
    until_in_call,
    window_kiosk,
)

pytestmark = pytest.mark.e2e


async def welcomed_on_start(kiosk: ReportingProcess[KioskReport]) -> KioskReport:
    return await kiosk.until(
        lambda r: r.screen == "start" and r.welcomed, seconds(30), "the start screen, welcomed"
    )


def the_kiosk_in(cage: ReportingProcess[KioskReport]) -> int:
    """The kiosk's process id: cage's one child."""
    assert cage.proc is not None
    children = Path(f"/proc/{cage.proc.pid}/task/{cage.proc.pid}/children").read_text().split()
    assert len(children) == 1, f"cage runs {len(children)} programs"
    return int(children[0])


async def panel_shows_the_kiosk(
    kiosk: ReportingProcess[KioskReport], seat: CageSeat, path: Path
) -> QImage:
    """What the panel shows once the full-screen window has reached it: the kiosk edge to
    edge, nothing around it (cage's black) and nothing over it. Taken at each of the
    kiosk's reports: the compositor shows a resized window a few frames after Qt has it."""
    background = QColor(STANDARD.background).rgb()
    for _ in range(int(seconds(20))):
        await kiosk.report(seconds(5))
        image = QImage(str(seat.screenshot(path)))
        assert not image.isNull(), "grim's PNG does not load"
        corners = (image.pixel(0, image.height() - 1), image.pixel(image.width() - 1, 0))
        bottom_right = image.pixel(image.width() - 1, image.height() - 1)
        if corners[0] == background and bottom_right == background:
            return image
    raise AssertionError(f"the panel does not show the kiosk edge to edge: see {path}")


@pytest.mark.parametrize("portrait", [False, True], ids=["landscape", "portrait"])
async def test_the_kiosk_runs_full_screen_under_cage_and_comes_back_after_a_crash(
    test_db: tuple[Path, DemoCredentials], screenshots: Path, portrait: bool
) -> None:
    require_loopback_only()
    db, creds = test_db
    server = ServerProcess(db)
    await server.start()
    try:
        with cage_seat(portrait=portrait) as seat:
            kiosk = window_kiosk(server.url, creds.kiosk_token, seat)
            await kiosk.start()
            try:
                shown = await welcomed_on_start(kiosk)
                assert shown.platform == "wayland", "the Wayland platform, as on a terminal"
                shape = "portrait" if portrait else "landscape"
                image = await panel_shows_the_kiosk(
                    kiosk, seat, screenshots / f"kiosk-cage-start-{shape}.png"
                )
                assert (image.width(), image.height()) == (shown.width, shown.height)
                colours = {
                    image.pixel(x, y)
                    for x in range(0, image.width(), 8)
                    for y in range(0, image.height(), 8)
                }
                assert len(colours) > 3, "the start screen is drawn, not an empty surface"

                # A crash: cage ends with its one client, so systemd restarts the pair.
                os.kill(the_kiosk_in(kiosk), signal.SIGABRT)
                assert kiosk.proc is not None
                await kiosk.proc.wait()
            finally:
                await kiosk.stop()
            restarted = window_kiosk(server.url, creds.kiosk_token, seat)
            await restarted.start()
            try:
                again = await welcomed_on_start(restarted)
                assert (again.width, again.height) == (shown.width, shown.height)
            finally:
                await restarted.stop()
    finally:
        await server.stop()


async def test_a_kiosk_under_cage_that_crashes_mid_call_is_back_in_its_call(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path, screenshots: Path
) -> None:
    """The terminal's whole path: the customer starts a call on the panel under cage, the
    kiosk dies mid-call (cage with it), the pair is started again as systemd does, and
    the customer is back in the same call with pictures both ways; one record, handled."""
    from playwright.async_api import async_playwright

    require_loopback_only()
    db, creds = test_db
    server = ServerProcess(db)
    await server.start()
    try:
        with cage_seat() as seat:
            kiosk = window_kiosk(server.url, creds.kiosk_token, seat, join="kela")
            restarted: ReportingProcess[KioskReport] | None = None
            await kiosk.start()
            try:
                async with async_playwright() as pw:
                    console = await launch_console(pw, tmp_path / "clerk")
                    page = await console.new_page()
                    await console_login(
                        page, server.url, creds.clerk_username, creds.clerk_password
                    )
                    await accept_next_offer(page)
                    first = await until_in_call(kiosk, page, "the call under cage")
                    assert first.platform == "wayland"
                    await panel_shows_the_kiosk(kiosk, seat, screenshots / "kiosk-cage-in-call.png")

                    os.kill(the_kiosk_in(kiosk), signal.SIGABRT)
                    assert kiosk.proc is not None
                    await kiosk.proc.wait()
                    restarted = window_kiosk(server.url, creds.kiosk_token, seat)
                    await restarted.start()
                    back = await until_in_call(restarted, page, "the call after the restart")
                    await pictures_move_both_ways(restarted, page, back, 5)

                    await page.click("#end-call")
                    await page.wait_for_selector(
                        "#queue-view:not([hidden])", timeout=seconds(15) * 1000
                    )
                    await console.close()
            finally:
                await kiosk.stop()
                if restarted is not None:
                    await restarted.stop()
    finally:
        await server.stop()
    store = Store(f"sqlite:///{db}")
    try:
        outcomes = [r.outcome for r in store.transactions()]
    finally:
        store.close()
    assert outcomes == ["handled"], "one call, through the crash"
