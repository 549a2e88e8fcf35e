"""Cost sharing (GET /api/supervisor/costs): a seeded month of contacts at two points,
counted by the report as the database holds them, and the same figures in the CSV and
the Excel workbook, read back. Month boundaries are Finnish time."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient, TestServer
from openpyxl import load_workbook

from signaling.app import create_app
from signaling.config import ServerConfig
from signaling.demo_data import DemoCredentials
from signaling.records import TransactionRecord
from signaling.store import Store

HELSINKI = ZoneInfo("Europe/Helsinki")
OUTCOMES = ["handled"] * 6 + ["transferred", "abandoned", "no_clerk", "connection_lost"]
NOVEMBER = "?from=2026-11&to=2026-11"


def helsinki(*when: int) -> float:
    return datetime(*when, tzinfo=HELSINKI).timestamp()


@pytest.fixture
async def client(test_db: tuple[Path, DemoCredentials]) -> AsyncIterator[TestClient]:
    """Two points, two agencies and a month of contacts (and some just outside it)."""
    store = Store(f"sqlite:///{test_db[0]}")
    store.add_point("Lieksa")
    store.add_kiosk("Lieksa", "lieksa-1")
    store.add_clerk("sofia", "supervisor-pass-1", "Sofia", ["kela"], role="supervisor")
    store.add_clerk("olli", "operator-pass-1", "Olli", [], role="admin")
    kiosks = store.kiosks()
    rng = random.Random(2026)
    times = [helsinki(2026, 11, rng.randint(1, 30), rng.randint(8, 17), 30) for _ in range(150)]
    times += [helsinki(2026, 10, 31, 23, 30), helsinki(2026, 11, 30, 23, 50)]
    times += [helsinki(2026, 12, 1, 0, 10)]
    for n, queued in enumerate(times):
        kiosk = rng.choice(kiosks)
        outcome = rng.choice(OUTCOMES)
        answered = queued + 120 if outcome in ("handled", "transferred") else None
        store.finish_contact(
            TransactionRecord(
                f"t{n}", None, kiosk.point_id, kiosk.kiosk_id, rng.choice(["kela", "vero"]),
                None, "fi", None, queued, answered, queued + 900, outcome,  # type: ignore[arg-type]
            )
        )  # fmt: skip
    store.close()
    app = create_app(ServerConfig(port=0, db_url=f"sqlite:///{test_db[0]}"))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


def database_counts(db: Path) -> Counter[tuple[str, str, str, str]]:
    """(month, point, agency, outcome) -> contacts, straight from the table."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT t.queued_at, p.name, t.agency, t.outcome FROM transactions t"
            " JOIN service_points p ON p.id = t.point_id"
        ).fetchall()
    for queued, point, agency, outcome in rows:
        month = datetime.fromtimestamp(queued, UTC).astimezone(HELSINKI).strftime("%Y-%m")
        counts[(month, point, agency, outcome)] += 1
    return counts


async def login(client: TestClient, username: str, password: str) -> None:
    answer = await client.post("/api/login", json={"username": username, "password": password})
    assert answer.status == 200


async def test_the_months_figures_are_the_databases_in_every_form(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    await login(client, "olli", "operator-pass-1")
    report = await (await client.get(f"/api/supervisor/costs{NOVEMBER}")).json()
    rows = report["rows"]
    counts = database_counts(test_db[0])
    assert {(r["point"], r["agency"]) for r in rows} == {
        (p, a) for p in ("Nurmes", "Lieksa") for a in ("kela", "vero")
    }
    for row in rows:
        key = ("2026-11", row["point"], row["agency"])
        for outcome in ("handled", "transferred", "abandoned", "no_clerk", "connection_lost"):
            assert row[outcome] == counts[(*key, outcome)], (key, outcome)
        assert row["served"] == counts[(*key, "handled")] + counts[(*key, "transferred")]
    assert sum(r[o] for r in rows for o in ("handled", "transferred", "abandoned", "no_clerk",
                                           "connection_lost")) == 151  # fmt: skip
    assert report["served"] == sum(r["served"] for r in rows)

    downloaded = await client.get(f"/api/supervisor/costs{NOVEMBER}&format=csv")
    assert downloaded.content_type == "text/csv"
    assert "transactions-2026-11-2026-11.csv" in downloaded.headers["Content-Disposition"]
    text = (await downloaded.read()).decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [{k: _number(v) for k, v in line.items()} for line in table] == rows

    workbook = await client.get(f"/api/supervisor/costs{NOVEMBER}&format=xlsx")
    assert workbook.content_type.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(await workbook.read())).active
    assert sheet is not None
    values = [list(line) for line in sheet.iter_rows(values_only=True)]
    header = values[1]
    assert [dict(zip(header, line, strict=True)) for line in values[2:-1]] == rows
    assert values[-1][0] == "total" and values[-1][3] == report["served"]


async def test_a_supervisor_sees_their_agency_only_and_bad_months_are_named(
    client: TestClient,
) -> None:
    await login(client, "sofia", "supervisor-pass-1")
    report = await (await client.get(f"/api/supervisor/costs{NOVEMBER}")).json()
    assert {r["agency"] for r in report["rows"]} == {"kela"}
    assert (await client.get(f"/api/supervisor/costs{NOVEMBER}&agency=vero")).status == 403
    for query in (
        "?from=2026-13&to=2026-11",
        "?from=2026-11",
        "?from=2026-11&to=2026-11&format=pdf",
        "?from=0001-01&to=0001-01",  # began in year 0, which has no time (found by fuzzing)
        "?from=9999-12&to=9999-12",
    ):
        refused = await client.get(f"/api/supervisor/costs{query}")
        assert refused.status == 400, query
        assert (await refused.json())["field"] in ("from", "to", "format"), query
    backwards = await client.get("/api/supervisor/costs?from=2026-11&to=2026-10")
    assert backwards.status == 400
    assert "before the first" in (await backwards.json())["error"]


def _number(text: str) -> str | int:
    return int(text) if text.isdigit() else text
