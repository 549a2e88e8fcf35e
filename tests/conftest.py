from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from media.network import allow_loopback_candidates
from signaling.codes import KEY_FILE_ENV
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from signaling.switchboard import Switchboard
from tests.helpers import ServerProcess, require_loopback_only, seed_test_point
from tests.support.board import Clock, make_board

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture
def screenshots() -> Path:
    """Where tests save PNGs to look at (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def test_db(tmp_path: Path) -> Iterator[tuple[Path, DemoCredentials]]:
    path = tmp_path / "server.db"
    store = Store(f"sqlite:///{path}")
    credentials = seed_test_point(store)
    store.close()
    yield path, credentials


@pytest.fixture
async def server(test_db: tuple[Path, DemoCredentials]) -> AsyncIterator[ServerProcess]:
    require_loopback_only()
    allow_loopback_candidates()
    process = ServerProcess(test_db[0])
    await process.start()
    yield process
    assert await process.stop() == 0, "server did not shut down cleanly"
    allow_loopback_candidates(False)


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    from tests.postgres import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Each store test runs on SQLite and on a real PostgreSQL, in a fresh database (with
    the appointment-code key in a file of its own, as PostgreSQL deployments name it)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    from tests.postgres import fresh_database

    monkeypatch.setenv(KEY_FILE_ENV, str(tmp_path / "code-key"))
    with fresh_database(request.getfixturevalue("postgres_admin_url")) as url:
        yield url


@pytest.fixture
def clock() -> Clock:
    """The switchboard tests' settable clock (Monday 20:00 UTC)."""
    return Clock()


@pytest.fixture
def board(clock: Clock) -> Switchboard:
    """A sans-I/O switchboard on the test catalogue, with predictable ids."""
    return make_board(clock)
