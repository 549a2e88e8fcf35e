"""The supervisors' and operators' dashboard in real Chromium against the real server:
the live page as an operator and as a Kela supervisor (each sees their scope, updated by
push while the page stays), cost sharing read on the page and downloaded as CSV and as a
workbook with the same figures, a clerk turned away, every page in Finnish, Swedish and
English (screenshots kept), and axe-core's accessibility check of each."""

from __future__ import annotations

import asyncio
import csv
import io
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from openpyxl import load_workbook
from playwright.async_api import Page, async_playwright

from kiosk.agent import KioskAgent
from kiosk.visit import VisitState
from media.sources import open_local_media
from signaling.catalogue import Catalogue
from signaling.demo_data import DemoCredentials
from signaling.records import TransactionRecord
from signaling.store import Store
from tests.helpers import (
    INTERPRETER,
    RecordingListener,
    ServerProcess,
    choose_language,
    launch_console,
    require_loopback_only,
    seconds,
)
from tests.support.axe import serious_violations
from tests.test_costs import HELSINKI, helsinki

pytestmark = pytest.mark.e2e
ADMIN = ("olli", "operator-pass-2026")
SUPERVISOR = ("sofia", "supervisor-pass-2026")
COORDINATOR = ("kaisa", "coordinator-pass-2026")
WITHIN_MS = seconds(10) * 1000
WHEN_BACK = "Testataan, kun pääte palaa verkkoon"


@pytest.fixture
async def server(test_db: tuple[Path, DemoCredentials]) -> AsyncIterator[ServerProcess]:
    """Nurmes (two kiosks) and Lieksa (one), November's contacts (with Kela's Tuesday
    evening pilot at Nurmes), and a self-test of nurmes-2 that found its camera failed."""
    require_loopback_only()
    db = test_db[0]
    store = Store(f"sqlite:///{db}")
    store.add_clerk(ADMIN[0], ADMIN[1], "Olli Operaattori", [], role="admin")
    store.add_clerk(SUPERVISOR[0], SUPERVISOR[1], "Sofia Esihenkilö", ["kela"], role="supervisor")
    store.add_clerk("ville", "ville-pass-2026-x", "Ville Vero", ["vero"])
    store.add_kiosk("Nurmes", "nurmes-2")
    store.add_point("Lieksa")
    store.add_kiosk("Lieksa", "lieksa-1")
    store.add_clerk(COORDINATOR[0], COORDINATOR[1], "Kaisa Koordinaattori", [],
                    role="coordinator", point="Lieksa")  # fmt: skip
    kiosks = {k.label: k for k in store.kiosks()}
    for n, (agency, outcome) in enumerate(
        [("kela", "handled")] * 5 + [("kela", "abandoned"), ("vero", "handled")] * 2
    ):
        kiosk = kiosks["nurmes-1" if n % 2 else "lieksa-1"]
        queued = helsinki(2026, 11, 3 + n, 10, 0)
        answered = queued + 60 if outcome == "handled" else None
        store.finish_contact(
            TransactionRecord(
                f"t{n}", None, kiosk.point_id, kiosk.kiosk_id, agency, None, "fi", None,
                queued, answered, queued + 600, outcome,  # type: ignore[arg-type]
            )
        )  # fmt: skip
    for tuesday in (3, 10, 17, 24):  # Kela's evening pilot at Nurmes: Tuesdays until 18
        queued = helsinki(2026, 11, tuesday, 17, 15)
        nurmes = kiosks["nurmes-1"]
        store.finish_contact(
            TransactionRecord(
                f"pilot{tuesday}", None, nurmes.point_id, nurmes.kiosk_id, "kela", None, "fi",
                None, queued, queued + 300, queued + 900, "handled",
            )
        )  # fmt: skip
    nurmes = kiosks["nurmes-1"]
    cut_off = helsinki(2026, 11, 5, 12, 0)  # a Thursday; the network ended it
    store.finish_contact(
        TransactionRecord(
            "lost1", None, nurmes.point_id, nurmes.kiosk_id, "kela", None, "fi", None,
            cut_off, cut_off + 120, cut_off + 400, "connection_lost",
        )
    )  # fmt: skip
    for score, reason in ((2, "waiting_time"), (2, "waiting_time"), (1, "sound_or_picture"),
                          (5, None)):  # fmt: skip
        store.add_feedback(nurmes.point_id, "kela", score, reason, helsinki(2026, 11, 10, 12, 0))
    store.save_self_test(
        kiosks["nurmes-2"].kiosk_id, time.time() - 3600, 6.0, {"camera": "failed", "server": "ok"}
    )
    store.close()
    process = ServerProcess(db)
    await process.start()
    try:
        yield process
    finally:
        await process.stop()


def clerk_agencies(db: Path, username: str) -> set[str]:
    store = Store(f"sqlite:///{db}")
    try:
        return set(next(c for c in store.clerks() if c.username == username).agencies)
    finally:
        store.close()


async def log_in(page: Page, base: str, who: tuple[str, str]) -> None:
    await page.goto(f"{base}/dashboard/")
    await page.wait_for_selector("#login-form button[type=submit]:not([disabled])")
    await page.fill("input[name=username]", who[0])
    await page.fill("input[name=password]", who[1])
    await page.click("#login-form button[type=submit]")


def load_catalogue(db: Path) -> Catalogue:
    store = Store(f"sqlite:///{db}")
    try:
        return store.load_catalogue()
    finally:
        store.close()


def read_qr(png: bytes) -> str:
    """What a phone's camera reads from a QR code's picture (OpenCV's detector)."""
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    text, _points, _straight = cv2.QRCodeDetector().detectAndDecode(image)
    return str(text)


async def test_the_dashboard_as_an_operator_a_supervisor_and_a_clerk(
    server: ServerProcess,
    test_db: tuple[Path, DemoCredentials],
    tmp_path: Path,
    screenshots: Path,
) -> None:
    listener = RecordingListener()
    agent = KioskAgent(
        server.url, test_db[1].kiosk_token, open_local_media("test", "tone"), listener
    )
    agent.start()
    try:
        await listener.watch.until(lambda: bool(listener.agencies), 10, "the kiosk's welcome")
        agent.begin()
        assert await agent.join("kela", "fi")
        await listener.watch.until(lambda: agent.visit.state is VisitState.QUEUED, 10, "queued")
        async with async_playwright() as pw:
            context = await launch_console(pw, tmp_path / "operator")
            page = context.pages[0]
            await log_in(page, server.url, ADMIN)
            await choose_language(page, "fi")
            nurmes_1 = page.locator("tr[data-kiosk='nurmes-1']")
            await nurmes_1.wait_for(timeout=WITHIN_MS)
            assert "Asiakas jonossa" in await nurmes_1.inner_text()
            assert "kamera" in await page.inner_text("tr[data-kiosk='nurmes-2']")
            assert "Ei verkossa" in await page.inner_text("tr[data-kiosk='lieksa-1']")
            assert await page.locator("#queues tbody tr").count() == 1  # Kela's queue
            assert "Päätteitä verkossa 1/2" in await page.inner_text("#points")
            await page.screenshot(path=str(screenshots / "dashboard-live-fi.png"), full_page=True)
            assert await serious_violations(page) == []

            # The operator asks nurmes-1 for a self-test while its customer waits: it runs
            # once the customer has gone, never during a visit.
            await nurmes_1.get_by_role("button", name="Testaa pääte nurmes-1 nyt").click()
            await nurmes_1.get_by_text("Testi pyydetty").wait_for(timeout=WITHIN_MS)
            assert listener.self_tests == []

            # Pushed, not polled: the customer leaves and the page follows by itself.
            await agent.leave()
            await page.wait_for_function(
                "() => document.querySelector(\"tr[data-kiosk='nurmes-1']\")"
                ".textContent.includes('Vapaa')",
                timeout=WITHIN_MS,
            )
            assert await page.locator("#queues tbody tr").count() == 0
            await page.wait_for_function(
                "() => document.querySelector(\"tr[data-kiosk='nurmes-1']\")"
                ".textContent.includes('Läpäisty klo')",
                timeout=WITHIN_MS,
            )
            assert len(listener.self_tests) == 1

            # A Kela appointment booked on the page, whose code the customer then types
            # at the kiosk: they are queued as an appointment.
            await page.click("#tab-booking")
            await page.select_option("#booking-point", "Nurmes")
            await page.select_option("#booking-agency", "kela")
            soon = datetime.now(HELSINKI) + timedelta(minutes=5)
            await page.fill("#booking-day", soon.strftime("%Y-%m-%d"))
            await page.fill("#booking-time", soon.strftime("%H:%M"))
            await page.click("#booking-form button[type=submit]")
            code_shown = page.locator("#booked-code")
            await code_shown.wait_for(timeout=WITHIN_MS)
            code = await code_shown.get_attribute("data-code")
            assert code is not None and len(code) == 8
            # in Finnish time, whatever the browser's zone (this one's is UTC)
            assert soon.strftime("%H.%M") in await page.inner_text("#booked-what")
            # Listed below (no code there), booked; a second one is booked and cancelled
            # (the customer cannot come): its code is refused at the kiosk.
            listed = page.locator("#appointments tbody tr")
            await listed.first.wait_for(timeout=WITHIN_MS)
            assert "Varattu" in await listed.first.inner_text()
            assert code not in await page.inner_text("#appointments")
            later = soon + timedelta(minutes=10)
            await page.fill("#booking-time", later.strftime("%H:%M"))
            await page.click("#booking-form button[type=submit]")
            await page.wait_for_function(
                "(c) => document.querySelector('#booked-code').dataset.code !== c", arg=code
            )
            cancelled_code = await code_shown.get_attribute("data-code")
            await listed.nth(1).wait_for(timeout=WITHIN_MS)
            page.once("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
            await listed.nth(1).get_by_role("button", name="Peru varaus").click()
            await listed.nth(1).get_by_text("Peruttu").wait_for(timeout=WITHIN_MS)
            assert await page.inner_text("#appointments-said") == "Varaus peruttu."
            await page.screenshot(
                path=str(screenshots / "dashboard-booking-fi.png"), full_page=True
            )
            assert await serious_violations(page) == []
            agent.begin()
            assert await agent.join(None, "fi", appointment=cancelled_code)
            await listener.watch.until(
                lambda: "appointment_refused" in listener.notices, 10, "the code refused"
            )
            assert agent.visit.state is VisitState.CHOOSING
            assert await agent.join(None, "fi", appointment=code)
            await listener.watch.until(
                lambda: agent.visit.state is VisitState.QUEUED, 10, "queued by the code"
            )
            await page.click("#tab-live")
            await page.wait_for_function(
                "() => document.querySelector(\"tr[data-kiosk='nurmes-1']\")"
                ".textContent.includes('Asiakas jonossa')",
                timeout=WITHIN_MS,
            )
            await agent.leave()
            await listener.watch.until(
                lambda: agent.visit.state is not VisitState.QUEUED, 10, "left"
            )

            # A new kiosk: its one-time code as text and as a QR code that reads the same,
            # taken by the terminal (as `python -m kiosk --enrol` does); then revoked.
            await page.click("#tab-kiosks")
            await page.fill("#kiosk-label", "lieksa-2")
            await page.select_option("#kiosk-point", "Lieksa")
            await page.click("#kiosk-form button[type=submit]")
            await page.locator("#enrolment").wait_for(timeout=WITHIN_MS)
            enrolment = await page.inner_text("#enrolment-code")
            qr_png = await page.locator("#enrolment-qr").screenshot()
            assert read_qr(qr_png) == enrolment
            await page.screenshot(path=str(screenshots / "dashboard-kiosks-fi.png"), full_page=True)
            assert await serious_violations(page) == []
            async with aiohttp.ClientSession() as terminal:
                taken = await terminal.post(
                    f"{server.url}/api/kiosks/enrol", json={"code": enrolment}
                )
                assert taken.status == 200 and (await taken.json())["label"] == "lieksa-2"
            await page.fill("#kiosk-label", "lieksa-2")  # taken now: said so, in Finnish
            await page.select_option("#kiosk-point", "Lieksa")
            await page.click("#kiosk-form button[type=submit]")
            await page.locator("#kiosk-error").wait_for(timeout=WITHIN_MS)
            assert await page.inner_text("#kiosk-error") == (
                "Päätettä ei luotu: Nimi on jo käytössä. Tarkista kenttä: Tunnus."
            )
            assert await page.evaluate("document.activeElement.id") == "kiosk-label"
            page.once("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
            await page.get_by_role("button", name="Poista pääte lieksa-2 käytöstä").click()
            await page.locator("#kiosk-list tr[data-label='lieksa-2']").wait_for(
                state="detached", timeout=WITHIN_MS
            )

            for language, served in (("sv", "Betjänade"), ("en", "Served")):
                await choose_language(page, language)
                await page.screenshot(
                    path=str(screenshots / f"dashboard-live-{language}.png"), full_page=True
                )
                await page.click("#tab-costs")
                await page.fill("#costs-from", "2026-11")
                await page.fill("#costs-to", "2026-11")
                await page.click("#costs-form button[type=submit]")
                await page.wait_for_function(
                    "() => document.querySelector('#costs-total').textContent === '11'"
                )
                assert served in await page.inner_text("#costs thead")
                await page.screenshot(
                    path=str(screenshots / f"dashboard-costs-{language}.png"), full_page=True
                )
                assert await serious_violations(page) == []
                await page.click("#tab-live")

            # "How did Kela's Tuesday pilot go in Nurmes last month?" Reports, the point
            # and the agency, show: Tuesday 17-18 is the darkest hour of the week.
            await choose_language(page, "fi")
            await page.click("#tab-reports")
            await page.select_option("#reports-point", "Nurmes")
            await page.select_option("#reports-agency", "kela")
            await page.fill("#reports-from", "2026-11-01")
            await page.fill("#reports-to", "2026-12-01")
            await page.click("#reports-form button[type=submit]")
            contacts = page.locator("[data-figure='reports.contacts']")
            await page.wait_for_function(
                "() => document.querySelector(\"[data-figure='reports.contacts']\")"
                "?.textContent === '9'"
            )
            assert await page.inner_text("[data-figure='reports.handled']") == "6"
            assert await page.inner_text("[data-figure='reports.lost']") == "1"
            # What customers said went wrong, the most chosen first, and the point's calls
            # the network cut off: 1 of its 9.
            reasons = page.locator("#feedback-reasons tbody tr")
            assert await reasons.all_inner_texts() == [
                "Liian pitkä odotus\t2",
                "Huono ääni tai kuva\t1",
            ]
            assert await page.inner_text("#lost-by-point tr[data-point='Nurmes']") == (
                "Nurmes\t1\t9\t11,1\xa0%"
            )
            pilot = page.locator("#week td[data-slot='2-17']")
            assert (await pilot.inner_text(), await pilot.get_attribute("data-level")) == ("4", "4")
            assert await page.inner_text("#week td[data-slot='2-10']") == "1"
            assert await page.locator("#per-day canvas").count() == 1, "uPlot drew the days"
            assert await contacts.is_visible()
            await page.screenshot(
                path=str(screenshots / "dashboard-reports-fi.png"), full_page=True
            )
            assert await serious_violations(page) == []

            # Ville of the Tax Administration is to serve Kela's customers too.
            await page.click("#tab-clerks")
            ville = page.locator("#clerk-list tr[data-username='ville']")
            await ville.get_by_role("button", name="Muuta käyttäjän ville virastoja").click()
            dialog = page.locator("#agencies-dialog")
            await dialog.get_by_label("Kela").check()
            assert await dialog.get_by_label("Verohallinto").is_checked()
            await page.screenshot(path=str(screenshots / "dashboard-clerk-agencies-fi.png"))
            assert await serious_violations(page) == []
            await dialog.get_by_role("button", name="Tallenna").click()
            await page.wait_for_function(
                "() => document.querySelector('#clerks-said')"
                ".textContent.startsWith('Virastot muutettu')"
            )
            await ville.get_by_text("KELA, VERO").wait_for(timeout=WITHIN_MS)
            moved = await asyncio.to_thread(clerk_agencies, test_db[0], "ville")
            assert moved == {"kela", "vero"}

            # Every page in every language, each checked by axe-core and kept as a picture.
            for language in ("fi", "sv", "en"):
                await choose_language(page, language)
                for section in ("live", "reports", "costs", "booking", "hours", "clerks", "kiosks"):
                    await page.click(f"#tab-{section}")
                    await page.locator(f"#{section}-view").wait_for(timeout=WITHIN_MS)
                    await page.screenshot(
                        path=str(screenshots / f"dashboard-{section}-{language}.png"),
                        full_page=True,
                    )
                    assert await serious_violations(page) == [], f"{section} in {language}"
            await choose_language(page, "fi")

            # The figures on the page, the CSV and the workbook are the same.
            await page.click("#tab-costs")
            shown = await page.eval_on_selector_all(
                "#costs tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
            )
            assert [(r[1], r[2], r[3]) for r in shown] == [
                ("Lieksa", "KELA", "3"), ("Lieksa", "VERO", "2"), ("Nurmes", "KELA", "6"),
            ]  # fmt: skip
            async with page.expect_download() as csv_download:
                await page.click("#download-csv")
            text = await asyncio.to_thread(
                Path(await (await csv_download.value).path()).read_text, "utf-8-sig"
            )
            table = [
                (r["point"], r["agency"].upper(), r["served"])
                for r in csv.DictReader(io.StringIO(text))
            ]
            assert table == [(r[1], r[2], r[3]) for r in shown]
            async with page.expect_download() as xlsx_download:
                await page.click("#download-xlsx")
            data = await asyncio.to_thread(
                Path(await (await xlsx_download.value).path()).read_bytes
            )
            sheet = load_workbook(io.BytesIO(data)).active
            assert sheet is not None
            lines = list(sheet.iter_rows(min_row=3, values_only=True))
            assert [(p, a.upper(), str(s)) for _m, p, a, s, *_ in lines[:-1]] == table
            await context.close()

            # A Kela supervisor: Kela's figures only, and only Kela to choose.
            context = await launch_console(pw, tmp_path / "supervisor")
            page = context.pages[0]
            await log_in(page, server.url, SUPERVISOR)
            await choose_language(page, "fi")
            await page.locator("tr[data-kiosk='nurmes-1']").wait_for(timeout=WITHIN_MS)
            await page.click("#tab-costs")
            options = await page.eval_on_selector_all(
                "#costs-agency option", "options => options.map(o => o.value)"
            )
            assert options == ["", "kela"]
            await page.fill("#costs-from", "2026-11")
            await page.fill("#costs-to", "2026-11")
            await page.click("#costs-form button[type=submit]")
            await page.wait_for_function(
                "() => document.querySelector('#costs-total').textContent === '9'"
            )

            # The Kela supervisor opens a Tuesday evening pilot at Lieksa for December and
            # closes Christmas Eve at Nurmes; a day closed for every agency is not theirs.
            await page.click("#tab-hours")
            await page.select_option("#hours-point", "Lieksa")
            await page.select_option("#hours-agency", "kela")
            await page.check("#weekday-boxes input[value='1']")
            await page.fill("#hours-opens", "16:00")
            await page.fill("#hours-closes", "18:00")
            await page.fill("#hours-from", "2026-12-01")
            await page.fill("#hours-until", "2026-12-31")
            await page.click("#hours-form button[type=submit]")
            said = page.locator("#hours-said")
            await page.wait_for_function(
                "() => document.querySelector('#hours-said').textContent.startsWith('Tallennettu')"
            )
            await page.fill("#exception-day", "2026-12-24")
            await page.select_option("#exception-point", "Nurmes")
            await page.select_option("#exception-agency", "kela")
            await page.fill("#exception-note", "Jouluaatto")
            await page.click("#exception-form button[type=submit]")
            await page.wait_for_function(
                "() => document.querySelector('#hours-said').textContent.startsWith('Tallennettu')"
                " && document.querySelector('#exception-note').value === 'Jouluaatto'"
            )
            await page.screenshot(path=str(screenshots / "dashboard-hours-fi.png"), full_page=True)
            assert await serious_violations(page) == []
            await page.select_option("#exception-agency", "")
            await page.click("#exception-form button[type=submit]")
            await page.wait_for_function(
                "() => document.querySelector('#hours-said')"
                ".textContent.startsWith('Ei tallennettu')"
            )
            # Said in Finnish, the field at fault named and marked (the API's code).
            assert await said.inner_text() == (
                "Ei tallennettu: Tämä ei kuulu virastoihisi tai palvelupisteeseesi."
                " Tarkista kenttä: Virasto."
            )
            assert await page.get_attribute("#exception-agency", "aria-invalid") == "true"
            catalogue = await asyncio.to_thread(load_catalogue, test_db[0])
            lieksa = next(i for i, name in catalogue.points.items() if name == "Lieksa")
            nurmes = next(i for i, name in catalogue.points.items() if name == "Nurmes")
            pilot = [w for w in catalogue.schedules[(lieksa, "kela")].weekly if w.valid_from]
            assert [
                (w.weekday, str(w.opens), str(w.closes), str(w.valid_until)) for w in pilot
            ] == [(1, "16:00:00", "18:00:00", "2026-12-31")]
            closed = catalogue.schedules[(nurmes, "kela")].exceptions
            assert [(str(e.day), e.opens) for e in closed] == [("2026-12-24", None)]
            # The supervisor adds a Kela clerk, gives her a new password, then disables her.
            await page.click("#tab-clerks")
            await page.fill("#clerk-username", "anna.k")
            await page.fill("#clerk-name", "Anna Kela")
            await page.fill("#clerk-password", "Kuusikymmentä-Kirjainta-77")
            await page.check("#clerk-agencies input[value='kela']")
            await page.click("#clerk-form button[type=submit]")
            anna = page.locator("#clerk-list tr[data-username='anna.k']")
            await anna.wait_for(timeout=WITHIN_MS)
            demo = page.locator("#clerk-list tr[data-username='demo']")
            assert await demo.get_by_role("button").count() == 0, "not all Kela: not hers"
            page.once(
                "dialog", lambda d: asyncio.ensure_future(d.accept("Uusi-Salasana-Nurmekseen-42"))
            )
            await anna.get_by_role("button", name="Anna tunnukselle anna.k uusi salasana").click()
            await page.wait_for_function(
                "() => document.querySelector('#clerks-said')"
                ".textContent.includes('Salasana vaihdettu')"
            )
            await page.screenshot(path=str(screenshots / "dashboard-clerks-fi.png"), full_page=True)
            assert await serious_violations(page) == []
            async with aiohttp.ClientSession() as other:
                login = {"username": "anna.k", "password": "Uusi-Salasana-Nurmekseen-42"}
                assert (await other.post(f"{server.url}/api/login", json=login)).status == 200
                page.once("dialog", lambda d: asyncio.ensure_future(d.accept()))
                await anna.get_by_role("button", name="Poista tunnus anna.k käytöstä").click()
                await page.wait_for_function(
                    "() => document.querySelector('#clerks-said').textContent.includes('ei voi')"
                )
                assert (await other.post(f"{server.url}/api/login", json=login)).status == 401
            await context.close()

            # Lieksa's coordinator: Lieksa only, every agency there.
            context = await launch_console(pw, tmp_path / "coordinator")
            page = context.pages[0]
            await log_in(page, server.url, COORDINATOR)
            await choose_language(page, "fi")
            await page.locator("tr[data-kiosk='lieksa-1']").wait_for(timeout=WITHIN_MS)
            assert await page.locator("tr[data-kiosk='nurmes-1']").count() == 0
            # She asks her point's offline kiosk for a self-test: it runs when it is back.
            lieksa_1 = page.locator("tr[data-kiosk='lieksa-1']")
            await lieksa_1.get_by_role("button", name="Testaa pääte lieksa-1 nyt").click()
            await lieksa_1.get_by_text(WHEN_BACK).wait_for(timeout=WITHIN_MS)
            await page.click("#tab-reports")
            points = await page.eval_on_selector_all(
                "#reports-point option", "options => options.map(o => o.value)"
            )
            assert points == ["Lieksa"]
            await page.click("#tab-costs")
            await page.fill("#costs-from", "2026-11")
            await page.fill("#costs-to", "2026-11")
            await page.click("#costs-form button[type=submit]")
            await page.wait_for_function(
                "() => document.querySelector('#costs-total').textContent === '5'"
            )
            assert await serious_violations(page) == []
            await context.close()

            # A clerk books appointments here, and finds nothing else; an interpreter is
            # told this page is not theirs.
            context = await launch_console(pw, tmp_path / "clerk")
            page = context.pages[0]
            await log_in(page, server.url, (test_db[1].clerk_username, test_db[1].clerk_password))
            await page.locator("#booking-form").wait_for(timeout=WITHIN_MS)
            await choose_language(page, "fi")
            tabs = await page.locator("#tabs button:visible").all_inner_texts()
            assert tabs == ["Ajanvaraus"]
            await page.locator("#appointments tbody tr").first.wait_for(timeout=WITHIN_MS)
            assert await serious_violations(page) == []
            # Logging out reloads the page; going to it again before that reload has
            # come aborts one of the two (net::ERR_ABORTED, seen once in CI).
            async with page.expect_navigation(timeout=WITHIN_MS):
                await page.click("#logout")
            await log_in(page, server.url, INTERPRETER)
            await page.locator("#not-for-you").wait_for(timeout=WITHIN_MS)
            assert await page.locator("#tabs").is_hidden()
            await context.close()
    finally:
        await agent.stop()
