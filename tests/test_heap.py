"""The server's own garbage policy (signaling/heap.py): long-lived objects out of
CPython's automatic full collections, and collected whole at a tick when the heap has
doubled. The collector is process-wide, so each test gives everything back at its end."""

from __future__ import annotations

import gc
import re
import sys
import weakref
from collections.abc import Iterator

import aiohttp
import pytest

from signaling.heap import FullCollection, HeapKeeper, HeapPolicy
from tests.helpers import ServerProcess


class Cycle:
    """An object that only the cycle collector can free."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()


def test_a_full_collection_is_due_when_the_heap_has_doubled() -> None:
    policy = HeapPolicy()
    assert not policy.full_collection_due(heap=199_999, after_last=100_000)
    assert policy.full_collection_due(heap=200_000, after_last=100_000)
    assert HeapPolicy(growth=3.0).full_collection_due(heap=300_000, after_last=100_000)
    assert not HeapPolicy(growth=3.0).full_collection_due(heap=299_999, after_last=100_000)


def test_a_tick_measures_the_heap_without_walking_what_is_frozen(
    unfrozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heap's size is read from the allocator, never by counting the frozen objects:
    ``gc.get_freeze_count`` walks them all (12 ms a million here), and at every tick of a
    server holding 2,200 connections that walk was a 25-35 ms pause once a second."""
    sizes = iter([100_000, 100_000, 150_000, 199_999, 200_000, 200_000, 120_000])
    fulls: list[FullCollection] = []
    keeper = HeapKeeper(HeapPolicy(), on_full=fulls.append, heap_size=lambda: next(sizes))
    keeper.start()  # 100,000 blocks before and after
    assert fulls[0].before == fulls[0].after == 100_000

    def walk() -> int:
        raise AssertionError("a tick counted the frozen objects")

    monkeypatch.setattr(gc, "get_freeze_count", walk)
    assert keeper.tick() is None  # 150,000
    assert keeper.tick() is None  # 199,999
    full = keeper.tick()  # 200,000: doubled
    assert full is not None and (full.before, full.after) == (200_000, 120_000)


def test_start_up_collects_everything_and_freezes_what_lives(unfrozen: None) -> None:
    garbage = Cycle()
    gone = weakref.ref(garbage)
    del garbage
    fulls: list[FullCollection] = []
    keeper = HeapKeeper(HeapPolicy(), on_full=fulls.append)
    keeper.start()
    assert gone() is None
    assert len(fulls) == 1 and gc.get_freeze_count() > 0
    assert fulls[0].after > 0 and fulls[0].after <= sys.getallocatedblocks()


def test_what_outlived_a_tick_waits_for_the_heap_to_double(unfrozen: None) -> None:
    fulls: list[FullCollection] = []
    keeper = HeapKeeper(HeapPolicy(growth=1_000.0), on_full=fulls.append)
    keeper.start()
    lived = Cycle()
    gone = weakref.ref(lived)
    assert keeper.tick() is None  # frozen: CPython's own collections no longer walk it
    del lived
    gc.collect()
    assert gone() is not None, "a frozen cycle was walked by an automatic collection"
    assert len(fulls) == 1

    due = HeapKeeper(HeapPolicy(growth=0.0), on_full=fulls.append)
    full = due.tick()
    assert full is not None
    assert gone() is None, "the full collection did not reclaim the frozen cycle"
    assert len(fulls) == 2


async def test_the_server_process_counts_its_full_collections(server: ServerProcess) -> None:
    async with aiohttp.ClientSession() as http, http.get(f"{server.url}/metrics") as response:
        assert response.status == 200
        text = await response.text()
    count = re.search(r"^remote_service_full_collection_seconds_count (\S+)$", text, re.M)
    assert count is not None, "the server does not report its full collections"
    assert float(count.group(1)) >= 1  # the start-up heap's, before the first request
