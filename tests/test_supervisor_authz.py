"""The supervisor API's authorisation table, walked in full on the real app (issue 12).

Every route is tried anonymously, as a clerk, an interpreter, a supervisor of Kela (in
scope, and out of it: the police's agency or every agency at once) and an admin; each
answer must be what the table says, every successful write must be in the audit log, and
docs/security.md must show the same table. Then the overreach the issue found, tried
again as an attacker would: none of it may work.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from signaling.app import create_app
from signaling.config import ServerConfig
from signaling.roles import Role
from signaling.store import Store
from signaling.supervisor.routes import PREFIX, ROUTES, Reach, markdown_table
from tests.helpers import INTERPRETER, seed_test_point

DOCS = Path(__file__).parents[1] / "docs" / "security.md"
#: An appointment's time that is still to come whenever the test runs.
SOON = f"{date.today() + timedelta(days=2)}T10:00"
DAYS = f"?from={date.today()}&to={date.today() + timedelta(days=7)}"
PEOPLE = {
    "clerk": ("kerttu", "clerk-pass-of-kela"),  # Kela's only
    "interpreter": INTERPRETER,
    "supervisor": ("sofia", "supervisor-pass"),
    "coordinator": ("kaisa", "coordinator-pass"),
    "admin": ("olli", "operator-pass"),
}


#: agency -> ids of the appointments booked for it in the fixture, to cancel
BOOKED: dict[str, list[int]] = {}


@dataclass(frozen=True)
class Probe:
    """One request to a route: within a Kela supervisor's reach, or beyond it."""

    json: dict[str, Any] | None = None
    query: str = ""
    #: the kiosk a path's {label} names: by default one of Nurmes' spares (the
    #: coordinator's point); another point's kiosk is out of a coordinator's scope
    label: str | None = None


def _clerk(name: str, agencies: list[str], role: str = "clerk") -> dict[str, Any]:
    return {
        "username": name,
        "password": "a-long-password-1",
        "display_name": name.title(),
        "agencies": agencies,
        "role": role,
    }


def _hours(agency: str) -> dict[str, Any]:
    return {
        "point": "Nurmes",
        "agency": agency,
        "weekdays": [2],
        "opens": "08:00",
        "closes": "18:00",
    }


#: route path -> (a probe in a Kela supervisor's reach, a probe outside it)
PROBES: dict[str, tuple[Probe, Probe | None]] = {
    "GET /catalogue": (Probe(), None),
    "POST /points": (Probe({"name": "Lieksa{n}"}), None),
    "POST /agencies": (Probe({"code": "ely{n}", "names": {"fi": "ELY"}}), None),
    "POST /services": (
        Probe({"agency": "kela", "code": "s{n}", "names": {"fi": "Palvelu"}}),
        Probe({"agency": "poliisi", "code": "s{n}", "names": {"fi": "Palvelu"}}),
    ),
    "POST /hours": (Probe(_hours("kela")), Probe(_hours("poliisi"))),
    "POST /exceptions": (
        Probe({"day": "2026-12-24", "agency": "kela", "note": "closed"}),
        Probe({"day": "2026-12-24", "note": "nationwide holiday"}),
    ),
    "GET /clerks": (Probe(), None),
    "POST /clerks/disable": (Probe({"username": "staff{k}"}), Probe({"username": "police{k}"})),
    "POST /clerks/agencies": (
        Probe({"username": "staff{k}", "agencies": ["kela"]}),
        Probe({"username": "police{k}", "agencies": ["poliisi"]}),
    ),
    "POST /clerks/password": (
        Probe({"username": "staff{k}", "password": "a-fresh-passphrase-{n}"}),
        Probe({"username": "police{k}", "password": "a-fresh-passphrase-{n}"}),
    ),
    "POST /clerks": (
        Probe(_clerk("kela{n}", ["kela"])),
        Probe(_clerk("poliisi{n}", ["poliisi"])),
    ),
    "POST /appointments": (
        Probe({"point": "Nurmes", "agency": "kela", "starts_at": SOON}),
        Probe({"point": "Nurmes", "agency": "poliisi", "starts_at": SOON}),
    ),
    "GET /appointments": (
        Probe(query=DAYS + "&agency=kela"),
        Probe(query=DAYS + "&agency=poliisi"),
    ),
    "POST /appointments/cancel": (
        Probe({"id": "{kela}", "agency": "kela"}),
        Probe({"id": "{poliisi}", "agency": "poliisi"}),
    ),
    "GET /report": (Probe(query="?agency=kela"), Probe(query="?agency=poliisi")),
    "GET /live": (Probe(), None),
    "GET /costs": (
        Probe(query="?from=2026-11&to=2026-11&agency=kela"),
        Probe(query="?from=2026-11&to=2026-11&agency=poliisi"),
    ),
    "POST /kiosks": (Probe({"label": "k{n}", "point": "Nurmes"}), None),
    "GET /kiosks": (Probe(), None),
    "POST /kiosks/{label}/revoke": (Probe(), None),
    "POST /kiosks/{label}/self-test": (Probe(), Probe(label="lieksa-1")),
    "GET /audit": (Probe(), None),
}


@pytest.fixture(scope="module")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The people, kiosks and appointments every test of this module tries its requests
    on, stored once (some eighty accounts, each password hashed as in production, take
    seconds); each test gets its own copy."""
    path = tmp_path_factory.mktemp("authz") / "template.db"
    store = Store(f"sqlite:///{path}")
    seed_test_point(store)
    store.add_clerk("sofia", "supervisor-pass", "Sofia", ["kela"], role="supervisor")
    store.add_clerk("olli", "operator-pass", "Olli", [], role="admin")
    store.add_clerk("kaisa", "coordinator-pass", "Kaisa", [], role="coordinator", point="Nurmes")
    store.add_point("Lieksa")
    store.add_kiosk("Lieksa", "lieksa-1")
    store.add_clerk("kerttu", "clerk-pass-of-kela", "Kerttu", ["kela"])
    starts = datetime.now(UTC).timestamp() + 86400
    for n in range(40):  # kiosks to revoke, accounts to disable: one per try
        store.add_kiosk("Nurmes", f"spare-{n}")
        for agency in ("kela", "poliisi"):  # and appointments to cancel
            store.add_appointment("Nurmes", agency, starts + n, "fi")
        store.add_clerk(f"staff{n}", "a-long-passphrase-1", "Staff", ["kela"])
        store.add_clerk(f"police{n}", "a-long-passphrase-2", "Police", ["poliisi"])
    BOOKED.clear()
    for row in store.appointments(0, 1e12):
        BOOKED.setdefault(row.agency, []).append(row.appointment_id)
    store.close()
    return path


@pytest.fixture
async def world(world_template: Path, tmp_path: Path) -> AsyncIterator[tuple[TestClient, Path]]:
    path = tmp_path / "server.db"
    with sqlite3.connect(world_template) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    app = create_app(ServerConfig(port=0, db_url=f"sqlite:///{path}"))
    async with TestClient(TestServer(app)) as client:
        yield client, path


class Tries:
    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


async def send(client: TestClient, key: str, probe: Probe, n: int) -> int:
    method, path = key.split(" ", 1)
    path = path.replace("{label}", probe.label or f"spare-{n % 40}")
    body = None
    if probe.json is not None:
        body = {
            k: v.replace("{n}", str(n)).replace("{k}", str(n % 40)) if isinstance(v, str) else v
            for k, v in probe.json.items()
        }
        for agency, ids in BOOKED.items():  # "{kela}": one of Kela's appointments, as a number
            if body.get("id") == f"{{{agency}}}":
                body["id"] = ids[n % 40]
    response = await client.request(method, PREFIX + path + probe.query, json=body)
    return response.status


def test_every_route_has_probes_and_the_docs_show_the_table() -> None:
    assert {f"{r.method} {r.path}" for r in ROUTES} == set(PROBES)
    assert markdown_table() in DOCS.read_text(), "docs/security.md: regenerate the HTTP table"


async def test_every_route_as_every_role_in_and_out_of_scope(
    world: tuple[TestClient, Path],
) -> None:
    client, db = world
    tries = Tries()
    writes_allowed = 0
    for route in ROUTES:
        key = f"{route.method} {route.path}"
        inside, outside = PROBES[key]
        client.session.cookie_jar.clear()
        assert await send(client, key, inside, tries.next()) == 401, f"{key} anonymously"
        for who, (username, password) in PEOPLE.items():
            client.session.cookie_jar.clear()
            login = await client.post(
                "/api/login", json={"username": username, "password": password}
            )
            assert login.status == 200
            reach = route.access.get(Role(who))
            status = await send(client, key, inside, tries.next())
            if reach is None:
                assert status == 403, f"{key} as {who}: {status}"
                continue
            assert status in (200, 201, 202), f"{key} as {who} in scope: {status}"
            writes_allowed += route.writes
            if outside is not None:
                status = await send(client, key, outside, tries.next())
                beyond_point = reach is Reach.OWN_POINT and outside.label is not None
                if reach is Reach.OWN_AGENCIES or beyond_point:
                    assert status == 403, f"{key} as {who} out of scope: {status}"
                else:
                    assert status in (200, 201, 202), f"{key} as {who}, nationwide: {status}"
                    writes_allowed += route.writes
    store = Store(f"sqlite:///{db}")
    try:
        staff = ("admin", "supervisor", "coordinator", "clerk")
        written = [e for e in store.audit_entries() if e["actor_role"] in staff]
        actions = [e["action"] for e in written if not e["action"].startswith("login")]
    finally:
        store.close()
    assert len(actions) == writes_allowed, "every successful REST write is audited, once"


async def test_a_kela_supervisor_cannot_overreach(world: tuple[TestClient, Path]) -> None:
    """What the issue found a supervisor of Kela could do; now each is refused, as often
    as it is tried, and concurrently."""
    client, _db = world
    login = await client.post(
        "/api/login", json={"username": "sofia", "password": "supervisor-pass"}
    )
    assert login.status == 200
    attempts = [
        ("POST", "/clerks", _clerk("evil-admin", [], role="admin")),
        ("POST", "/clerks", _clerk("evil-super", ["kela"], role="supervisor")),
        ("POST", "/clerks", _clerk("police-clerk", ["poliisi"])),
        ("POST", "/clerks", _clerk("both", ["kela", "poliisi"])),
        ("POST", "/hours", _hours("poliisi")),
        ("POST", "/exceptions", {"day": "2026-12-02", "agency": "poliisi", "note": "closed"}),
        ("POST", "/exceptions", {"day": "2026-12-02", "note": "all closed"}),
        (
            "POST",
            "/appointments",
            {"point": "Nurmes", "agency": "poliisi", "starts_at": SOON},
        ),
        ("POST", "/kiosks", {"label": "rogue", "point": "Nurmes"}),
        ("POST", "/clerks/disable", {"username": "police0"}),
        ("POST", "/clerks/disable", {"username": "olli"}),  # an admin
        ("POST", "/clerks/disable", {"username": "tulkki"}),  # an interpreter
        ("POST", "/clerks/disable", {"username": "nobody-at-all"}),  # the same answer
        ("POST", "/clerks/password", {"username": "olli", "password": "take-over-the-admin-9"}),
        ("POST", "/clerks/agencies", {"username": "police0", "agencies": ["kela"]}),  # take one
        ("POST", "/clerks/agencies", {"username": "staff0", "agencies": ["poliisi"]}),  # give one
        ("POST", "/clerks/agencies", {"username": "olli", "agencies": ["kela"]}),
        ("POST", "/clerks/agencies", {"username": "tulkki", "agencies": ["kela"]}),
        ("POST", "/kiosks/nurmes-1/revoke", None),
        ("POST", "/kiosks/nurmes-1/self-test", None),
        ("GET", "/report?agency=poliisi", None),
        ("GET", "/kiosks", None),
    ]
    for _round in range(3):
        statuses = await asyncio.gather(
            *(client.request(m, PREFIX + path, json=body) for m, path, body in attempts)
        )
        assert [s.status for s in statuses] == [403] * len(attempts)
    # What a supervisor does read is cut to their agencies.
    clerks = await (await client.get(PREFIX + "/clerks")).json()
    assert all(set(c["agencies"]) & {"kela"} or c["role"] == "interpreter" for c in clerks)
    assert not [c for c in clerks if c["role"] == "admin"]
    # A role that is not one is a bad request, not a new kind of account.
    odd = await client.post(PREFIX + "/clerks", json=_clerk("odd", ["kela"], role="root"))
    assert odd.status == 400 and "role" in (await odd.json())["error"]
    # Deep nesting is a 400, never a traceback.
    deep = await client.post(
        PREFIX + "/hours", data="[" * 50_000, headers={"Content-Type": "application/json"}
    )
    assert deep.status == 400


async def test_a_coordinator_tests_only_the_kiosks_of_their_point(
    world: tuple[TestClient, Path],
) -> None:
    """Kaisa coordinates Nurmes: another point's kiosk, a label that names nothing, or a
    kiosk's revocation are refused alike, as often as tried and concurrently."""
    client, _db = world
    login = await client.post(
        "/api/login", json={"username": "kaisa", "password": "coordinator-pass"}
    )
    assert login.status == 200
    attempts = [
        ("POST", "/kiosks/lieksa-1/self-test"),
        ("POST", "/kiosks/no-such-kiosk/self-test"),
        ("POST", "/kiosks/nurmes-1/revoke"),
        ("GET", "/kiosks"),
    ]
    for _round in range(3):
        answers = await asyncio.gather(*(client.request(m, PREFIX + p) for m, p in attempts))
        assert [a.status for a in answers] == [403] * len(attempts)
        bodies = [await a.json() for a in answers]
        assert bodies[0] == bodies[1], "an unknown label answers as another point's kiosk"
        assert bodies[0]["code"] == "out_of_scope"
    asked = await client.post(PREFIX + "/kiosks/nurmes-1/self-test")
    assert asked.status == 202 and (await asked.json())["label"] == "nurmes-1"


async def test_a_point_with_an_unknown_time_zone_is_refused(world: tuple[TestClient, Path]) -> None:
    client, _db = world
    await client.post("/api/login", json={"username": "olli", "password": "operator-pass"})
    bad = await client.post(
        PREFIX + "/points", json={"name": "Atlantis", "timezone": "Mars/Olympus"}
    )
    assert bad.status == 400 and "time zone" in (await bad.json())["error"]


async def test_a_coordinator_reads_their_point_across_agencies_and_no_other(
    world: tuple[TestClient, Path],
) -> None:
    client, _db = world
    login = await client.post(
        "/api/login", json={"username": "kaisa", "password": "coordinator-pass"}
    )
    assert login.status == 200
    assert (await login.json())["point"] == "Nurmes"
    month = "from=2026-11&to=2026-11"
    for path in (
        f"/costs?{month}",
        f"/costs?{month}&point=Nurmes",
        f"/costs?{month}&agency=poliisi",  # every agency of the point
        "/report?point=Nurmes",
        "/live",
    ):
        assert (await client.get(PREFIX + path)).status == 200, path
    live = await (await client.get(PREFIX + "/live")).json()
    assert [p["name"] for p in live["points"]] == ["Nurmes"]
    for path in (f"/costs?{month}&point=Lieksa", "/report?point=Lieksa"):
        refused = await client.get(PREFIX + path)
        assert refused.status == 403, path
        assert "not yours" in (await refused.json())["error"]
    for path in ("/kiosks", "/clerks", "/audit"):
        assert (await client.get(PREFIX + path)).status == 403, path
