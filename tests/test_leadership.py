"""How a leader tells a database that does not answer from one that is merely busy
(signaling/leadership.py): a queue of statements that each finish, as when a whole fleet
reconnects at once, must not pause the service; one statement stuck must."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from signaling.leadership import Leadership
from signaling.store import Store
from tests.helpers import seconds


async def test_a_busy_store_is_not_a_silent_one_and_a_stuck_statement_is(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'db'}")
    silences: list[float] = []
    answered = asyncio.Event()

    async def silent() -> None:
        silences.append(time.monotonic())

    async def answering() -> bool:
        answered.set()
        return True

    leadership = Leadership(store, poll_s=0.02, silent_s=0.2)
    holding = asyncio.ensure_future(leadership.hold(silent, answering))
    try:
        await asyncio.wait_for(answered.wait(), seconds(5))
        # 300 statements of 3 ms each, queued at once: the check waits behind them for
        # about a second, yet every one of them is answered.
        started = time.monotonic()
        await asyncio.gather(*(store.call(time.sleep, 0.003) for _ in range(300)))
        assert time.monotonic() - started > 0.6
        assert silences == []
        # One statement that takes 0.5 s: that is a database not answering.
        await store.call(time.sleep, 0.5)
        assert silences, "a statement stuck for 0.5 s was not noticed"
        answered.clear()
        await asyncio.wait_for(answered.wait(), seconds(5))  # and answering again after
    finally:
        holding.cancel()
        store.close()
