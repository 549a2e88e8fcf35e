from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from media.network import allow_loopback_candidates
from signaling.demo_data import DemoCredentials, seed_demo
from signaling.store import Store
from tests.helpers import ServerProcess, require_loopback_only

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture
def screenshots() -> Path:
    """Where tests save PNGs to look at (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def demo_db(tmp_path: Path) -> Iterator[tuple[Path, DemoCredentials]]:
    path = tmp_path / "server.db"
    store = Store(f"sqlite:///{path}")
    credentials = seed_demo(store)
    store.close()
    yield path, credentials


@pytest.fixture
async def server(demo_db: tuple[Path, DemoCredentials]) -> AsyncIterator[ServerProcess]:
    require_loopback_only()
    allow_loopback_candidates()
    process = ServerProcess(demo_db[0])
    await process.start()
    yield process
    assert await process.stop() == 0, "server did not shut down cleanly"
    allow_loopback_candidates(False)
