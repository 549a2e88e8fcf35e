"""The supervisors' REST API on the real app: who may use it, what it validates, and that
a change to hours reaches a connected kiosk at once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from signaling.app import create_app
from signaling.config import ServerConfig
from signaling.demo_data import DemoCredentials
from signaling.records import TransactionRecord
from signaling.store import Store


@pytest.fixture
async def client(test_db: tuple[Path, DemoCredentials]) -> AsyncIterator[TestClient]:
    store = Store(f"sqlite:///{test_db[0]}")
    store.add_clerk("sofia", "supervisor-pass", "Sofia", ["kela", "poliisi"], role="supervisor")
    store.add_clerk("olli", "operator-pass", "Olli", [], role="admin")
    store.close()
    app = create_app(ServerConfig(port=0, db_url=f"sqlite:///{test_db[0]}", tick_s=0.1))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def login(client: TestClient, username: str, password: str) -> None:
    response = await client.post("/api/login", json={"username": username, "password": password})
    assert response.status == 200


async def test_only_supervisors_may_use_it(client: TestClient) -> None:
    assert (await client.get("/api/supervisor/catalogue")).status == 401
    await login(client, "demo", "demo")  # a clerk: the catalogue (to book), not the staff
    assert (await client.get("/api/supervisor/catalogue")).status == 200
    assert (await client.get("/api/supervisor/clerks")).status == 403
    await login(client, "sofia", "supervisor-pass")
    response = await client.get("/api/supervisor/catalogue")
    assert response.status == 200
    body = await response.json()
    assert {a["code"] for a in body["agencies"]} == {"kela", "vero", "migri", "poliisi"}
    added = await client.post(
        "/api/supervisor/services",
        json={"agency": "kela", "code": "asumistuki", "names": {"fi": "Asumistuki"}},
    )
    assert added.status == 201
    body = await (await client.get("/api/supervisor/catalogue")).json()
    kela = next(a for a in body["agencies"] if a["code"] == "kela")
    assert kela["services"] == [{"code": "asumistuki", "names": {"fi": "Asumistuki"}}]


async def test_bad_bodies_are_refused_with_the_field_named(client: TestClient) -> None:
    await login(client, "sofia", "supervisor-pass")
    cases = [
        (
            {
                "point": "Nurmes",
                "agency": "kela",
                "weekdays": [8],
                "opens": "09:00",
                "closes": "16:00",
            },
            "weekdays",
        ),
        (
            {"point": "Nurmes", "agency": "kela", "weekdays": [1], "opens": "9", "closes": "16:00"},
            "opens",
        ),
        (
            {
                "point": "Nurmes",
                "agency": "kela",
                "weekdays": [1],
                "opens": "16:00",
                "closes": "09:00",
            },
            "before closing",
        ),
        (
            {
                "point": "Kitee",
                "agency": "kela",
                "weekdays": [1],
                "opens": "09:00",
                "closes": "16:00",
            },
            "no service point",
        ),
    ]
    for payload, named in cases:
        response = await client.post("/api/supervisor/hours", json=payload)
        assert response.status == 400
        assert named in (await response.json())["error"]
    not_json = await client.post("/api/supervisor/hours", data="weekdays=1")
    assert not_json.status == 400 and "JSON" in (await not_json.json())["error"]


async def test_hours_and_exceptions_reach_the_kiosk_at_once(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    token = test_db[1].kiosk_token
    async with client.ws_connect("/ws", headers={"Authorization": f"Bearer {token}"}) as ws:
        welcome = await ws.receive_json(timeout=5)
        police = next(a for a in welcome["agencies"] if a["code"] == "poliisi")
        assert police["open"] is False
        await login(client, "sofia", "supervisor-pass")
        for weekday in range(7):
            response = await client.post(
                "/api/supervisor/hours",
                json={
                    "point": "Nurmes",
                    "agency": "poliisi",
                    "weekdays": [weekday],
                    "opens": "00:00",
                    "closes": "24:00",
                },
            )
            assert response.status == 201
        while True:
            message = await ws.receive_json(timeout=5)
            if message["type"] == "agencies":
                police = next(a for a in message["agencies"] if a["code"] == "poliisi")
                if police["open"]:
                    break


async def test_clerks_appointments_and_the_usage_report(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    db = test_db[0]
    await login(client, "sofia", "supervisor-pass")
    created = await client.post(
        "/api/supervisor/clerks",
        json={
            "username": "aino",
            "password": "long-enough-pw",
            "display_name": "Aino",
            "agencies": ["kela"],
            "languages": ["fi", "ar"],
        },
    )
    assert created.status == 201
    weak = await client.post(
        "/api/supervisor/clerks",
        json={"username": "bo", "password": "short", "display_name": "Bo", "agencies": ["kela"]},
    )
    assert weak.status == 400 and "password" in (await weak.json())["error"]
    listed = await (await client.get("/api/supervisor/clerks")).json()
    assert {"aino", "demo", "sofia"} <= {c["username"] for c in listed}
    assert all("password" not in str(c) for c in listed)

    booked = await client.post(
        "/api/supervisor/appointments",
        json={
            "point": "Nurmes",
            "agency": "kela",
            "starts_at": f"{date.today() + timedelta(days=1)}T10:30",
            "language": "sv",
            "clerk": "aino",
        },
    )
    assert booked.status == 201
    code = (await booked.json())["code"]
    assert len(code) == 8
    # Listed (without its code: only the customer holds it), cancelled once, and gone
    # from the codes a kiosk takes.
    days = f"from={date.today()}&to={date.today() + timedelta(days=2)}"
    listed = await (await client.get(f"/api/supervisor/appointments?{days}")).json()
    assert [(a["agency"], a["language"], a["status"]) for a in listed] == [("kela", "sv", "booked")]
    assert code not in str(listed)
    cancel = {"id": listed[0]["id"], "agency": "kela"}
    cancelled = await client.post("/api/supervisor/appointments/cancel", json=cancel)
    assert cancelled.status == 200 and (await cancelled.json())["status"] == "cancelled"
    again = await client.post("/api/supervisor/appointments/cancel", json=cancel)
    assert again.status == 400 and (await again.json())["code"] == "not_found"
    listed = await (await client.get(f"/api/supervisor/appointments?{days}")).json()
    assert [a["status"] for a in listed] == ["cancelled"]
    store = Store(f"sqlite:///{db}")
    try:
        assert store.appointment_by_code(code).status == "cancelled"  # type: ignore[union-attr]
    finally:
        store.close()
    past = await client.post(
        "/api/supervisor/appointments",
        json={"point": "Nurmes", "agency": "kela", "starts_at": "2026-01-05T10:00"},
    )
    assert past.status == 400
    assert (await past.json())["code"] == "in_the_past" and (await past.json())[
        "field"
    ] == "starts_at"

    report = await (await client.get("/api/supervisor/report?from=2026-01-01")).json()
    assert report["contacts"] == 0 and report["by_agency"] == {}
    for day in ("yesterday", "0001-01-01"):  # the first day of year 1 began in year 0
        bad = await client.get(f"/api/supervisor/report?from={day}")
        assert bad.status == 400 and (await bad.json())["field"] == "from", day


async def test_report_counts_contacts_by_agency_outcome_and_local_hour(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    store = Store(f"sqlite:///{test_db[0]}")
    kiosk = store.kiosks()[0]

    def at(hour: int, minute: int) -> float:  # 2026-11-24, Helsinki (UTC+2)
        return datetime(2026, 11, 24, hour - 2, minute, tzinfo=UTC).timestamp()

    for n, (agency, queued, outcome, interpreting) in enumerate(
        [
            ("kela", at(10, 15), "handled", ("fse", 420.0)),
            ("kela", at(10, 40), "abandoned", (None, 0.0)),
            ("vero", at(17, 5), "handled", ("fse", 180.0)),
        ]
    ):
        answered = queued + 60 if outcome == "handled" else None
        store.finish_contact(
            TransactionRecord(
                f"t{n}",
                None,
                kiosk.point_id,
                kiosk.kiosk_id,
                agency,
                None,
                "fi",
                interpreting[0],
                queued,
                answered,
                queued + 600,
                outcome,
                interpreter_seconds=interpreting[1],
            )
        )
    store.close()
    await login(client, "olli", "operator-pass")  # nationwide: every agency's contacts
    report = await (await client.get("/api/supervisor/report?from=2026-11-24&to=2026-11-25")).json()
    assert report["contacts"] == 3
    assert report["by_agency"] == {"kela": 2, "vero": 1}
    assert report["by_outcome"] == {"handled": 2, "abandoned": 1}
    assert report["by_hour"] == {"10": 2, "17": 1}
    assert report["by_agency_and_hour"] == {"kela": {"10": 2}, "vero": {"17": 1}}
    assert report["by_point"] == {"Nurmes": 3}
    assert report["median_wait_s"] == 60
    assert report["interpreting"] == {"fse": {"calls": 2, "minutes": 10.0}}
    vero = await client.get("/api/supervisor/report?from=2026-11-24&to=2026-11-25&agency=vero")
    assert (await vero.json())["by_agency"] == {"vero": 1}, "?agency= narrows the report"
    other_day = await (await client.get("/api/supervisor/report?from=2026-11-25")).json()
    assert other_day["contacts"] == 0


async def test_operators_see_every_kiosk_online_with_its_health(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    await login(client, "olli", "operator-pass")  # kiosks are the operators' own
    token = test_db[1].kiosk_token
    async with client.ws_connect("/ws", headers={"Authorization": f"Bearer {token}"}) as ws:
        await ws.receive_json(timeout=5)
        await ws.send_json(
            {
                "type": "kiosk.health",
                "camera": "ok",
                "microphone": "stand_in",
                "speaker": "missing",
                "document_camera": "ok",
                "version": "0.1.0",
                "last_error": "OSError",
            }
        )
        for _ in range(50):
            listed = await (await client.get("/api/supervisor/kiosks")).json()
            if listed[0]["health"] is not None:
                break
        assert listed[0]["label"] == "nurmes-1" and listed[0]["online"] is True
        assert listed[0]["health"]["speaker"] == "missing"
        assert listed[0]["health"]["last_error"] == "OSError"
    listed = await (await client.get("/api/supervisor/kiosks")).json()
    for _ in range(50):
        if not listed[0]["online"]:
            break
        listed = await (await client.get("/api/supervisor/kiosks")).json()
    assert listed[0]["online"] is False


async def test_a_clerk_moved_to_another_agency_reconnects_as_its_clerk(
    client: TestClient, test_db: tuple[Path, DemoCredentials]
) -> None:
    """Sofia (Kela and the police) moves Aapo from Kela to the police: his open console is
    closed, saying why, and comes back as a police clerk; an agency not hers is refused."""
    store = Store(f"sqlite:///{test_db[0]}")
    store.add_clerk("aapo", "a-long-passphrase-7", "Aapo", ["kela"])
    store.close()
    # unsafe=True: keep the cookies of an IP-address host such as 127.0.0.1
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(client.make_url("/"), cookie_jar=jar) as aapo:
        logged_in = await aapo.post(
            "/api/login", json={"username": "aapo", "password": "a-long-passphrase-7"}
        )
        assert logged_in.status == 200
        async with aapo.ws_connect("/ws") as console:
            welcome = await console.receive_json(timeout=5)
            assert [a["code"] for a in welcome["agencies"]] == ["kela"]
            await login(client, "sofia", "supervisor-pass")
            moved = await client.post(
                "/api/supervisor/clerks/agencies",
                json={"username": "aapo", "agencies": ["poliisi"]},
            )
            assert moved.status == 200 and (await moved.json())["consoles_closed"] == 1
            while (frame := await console.receive(timeout=5)).type is not aiohttp.WSMsgType.CLOSE:
                pass
            assert frame.extra == "agencies changed"
        async with aapo.ws_connect("/ws") as console:
            welcome = await console.receive_json(timeout=5)
            assert [a["code"] for a in welcome["agencies"]] == ["poliisi"]
    refused = await client.post(
        "/api/supervisor/clerks/agencies", json={"username": "aapo", "agencies": ["vero"]}
    )
    assert refused.status == 403 and (await refused.json())["field"] == "agency"
    listed = await (await client.get("/api/supervisor/clerks")).json()
    assert next(c for c in listed if c["username"] == "aapo")["agencies"] == ["poliisi"]
