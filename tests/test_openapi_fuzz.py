"""The OpenAPI description, fuzzed against the real server by Schemathesis: every
operation, with data that fits the schema and data that does not, signed in as an admin
(so every supervisor route is reached). No answer may be a server error, every answer
must be documented and match its schema, and data the schema forbids must be refused."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from signaling.app import create_app
from signaling.config import ServerConfig
from signaling.openapi import document
from signaling.store import Store
from signaling.supervisor.routes import PREFIX, ROUTES
from tests.helpers import require_loopback_only, seconds, seed_test_point

ADMIN = ("olli", "Harmaa-Kettu-Juoksee-1987")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_loopback_only()
    folder = tmp_path_factory.mktemp("openapi")
    db, log = folder / "server.db", folder / "server.log"
    store = Store(f"sqlite:///{db}")
    seed_test_point(store)
    store.add_clerk(ADMIN[0], ADMIN[1], "Olli", [], role="admin")
    store.close()
    # The server's log to a file: a pipe nobody reads fills up and stops the server.
    process = subprocess.Popen(
        [sys.executable, "-m", "signaling", "--port", "0", "--db", f"sqlite:///{db}"],
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )
    assert process.stdout is not None
    match = re.search(r"listening on (http://\S+)", process.stdout.readline())
    assert match, "the server did not start"
    yield match.group(1)
    process.terminate()
    process.communicate(timeout=seconds(15))
    assert process.returncode == 0
    errors = log.read_text()
    assert "Traceback" not in errors, errors[-3000:]


@pytest.fixture(scope="module")
def admin_session(live_server: str) -> Iterator[requests.Session]:
    session = requests.Session()
    login = session.post(
        f"{live_server}/api/login", json={"username": ADMIN[0], "password": ADMIN[1]}
    )
    assert login.status_code == 200
    yield session
    session.close()


# The document as the server builds it (test_the_served_description_is_this_one checks
# that /api/openapi.json serves exactly this).
# Signed in throughout (the admin's cookie rides on every request): requests without the
# cookie are tried by tests/test_supervisor_authz.py, not generated here.
schema = schemathesis.openapi.from_dict(
    document(),
    config=schemathesis.Config.from_dict({"generation": {"with-security-parameters": False}}),
)


@schema.parametrize()
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_as_documented(
    case: schemathesis.Case, admin_session: requests.Session, live_server: str
) -> None:
    # Logging out would end the admin's session for the rest of the run: that one runs
    # without it (it answers the same shape either way).
    session = requests.Session() if case.path == "/api/logout" else admin_session
    case.call_and_validate(base_url=live_server, session=session, checks=CHECKS)


def test_the_served_description_is_this_one(live_server: str) -> None:
    served = requests.get(f"{live_server}/api/openapi.json", timeout=5)
    assert served.status_code == 200 and served.json() == document()
    assert served.json()["openapi"].startswith("3.1")


def test_the_description_covers_every_http_route() -> None:
    """Every route of the app under /api (and /healthz) is in the document."""
    documented = {(m.upper(), path) for path, ops in document()["paths"].items() for m in ops}
    app = create_app(ServerConfig(db_url="sqlite:///:memory:"))
    served = {
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.resource is not None
        and route.method != "HEAD"
        and (route.resource.canonical.startswith("/api/") or route.resource.canonical == "/healthz")
        and route.resource.canonical != "/api/openapi.json"
    }
    served |= {(r.method, PREFIX + r.path) for r in ROUTES}
    assert served <= documented, f"undocumented: {sorted(served - documented)}"
    assert len(served) == len(documented) == 27
