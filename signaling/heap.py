"""When the server's process collects its long-lived garbage.

A full collection (CPython's oldest generation) walks every object the process holds.
With 2,000 kiosks and 200 clerks connected that takes about 150 ms, during which no
message moves: measured, it was the fan-out's tail (bench ``signalling_fanout_ms``: p99
72-116 ms with CPython's own timing, 28-47 ms with this policy, 31-41 ms with the
collector off altogether). CPython starts one whenever the objects that survived have
grown by a quarter, which in a busy hour is the middle of a burst of joins.

So at every tick the server moves what has lived through it out of the collector's sight
(``gc.freeze``: a list splice, no walk), and runs the full collection itself, at a tick,
only when the heap has doubled since its last one. Cycles among long-lived objects (a
closed connection's) are still reclaimed, the garbage kept waiting is bounded by the live
heap's own size, and the pause comes as rarely as the heap doubles: during a start-up or a
reconnect storm, not in every burst. Objects freed by their reference count leave the heap
at once, so a heap that only churns does not count as growth.

The heap's size is the interpreter's count of allocated memory blocks
(``sys.getallocatedblocks``: 0.26 ms for 2.5 million blocks here), not the frozen
objects' count: ``gc.get_freeze_count`` walks the frozen list, 12 ms a million objects,
and asked at every tick it was itself a pause of 25-35 ms once a second with 2,200
connections, all of one join's clerks late by as much (the fan-out's p99, 36-73 ms).
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HeapPolicy:
    """When a full collection is due: once the heap is ``growth`` times its size after
    the last one (the first, at start-up, before any request)."""

    growth: float = 2.0

    def full_collection_due(self, heap: int, after_last: int) -> bool:
        return heap >= after_last * self.growth


@dataclass(frozen=True)
class FullCollection:
    """One full collection the keeper ran: how long the process stood still, and the
    heap before and after (allocated blocks)."""

    seconds: float
    before: int
    after: int


class HeapKeeper:
    """Applies a HeapPolicy to this process's collector, one tick at a time. The collector
    is process-wide: one keeper per server process (``python -m signaling`` makes it)."""

    def __init__(
        self,
        policy: HeapPolicy,
        on_full: Callable[[FullCollection], None] = lambda _full: None,
        *,
        heap_size: Callable[[], int] = sys.getallocatedblocks,
    ) -> None:
        self._policy = policy
        self._on_full = on_full
        self._heap_size = heap_size
        self._after_last = 0

    def start(self) -> FullCollection:
        """Collect and freeze the heap the server starts with (modules, the app), before
        it serves: the size later growth is measured against."""
        return self._collect_all()

    def tick(self) -> FullCollection | None:
        """Freeze what lived through this tick; collect everything first when due."""
        if self._policy.full_collection_due(self._heap_size(), self._after_last):
            return self._collect_all()
        gc.freeze()
        return None

    def _collect_all(self) -> FullCollection:
        before = self._heap_size()
        started = time.perf_counter()
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._after_last = self._heap_size()
        full = FullCollection(time.perf_counter() - started, before, self._after_last)
        self._on_full(full)
        return full

    def release(self) -> None:
        """Give everything back to the collector (the server is stopping)."""
        gc.unfreeze()
