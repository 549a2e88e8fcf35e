"""Which server node serves: the one whose database session holds the leader lock.

Any number of nodes start with the same PostgreSQL URL; PostgreSQL's advisory lock
decides which one serves, and the others wait on standby (docs/architecture.md says
why PostgreSQL decides and not a consensus of our own). The lock is taken by the
store's own session, the one every write goes through: when that session ends (the
node died, its host vanished and the keepalives noticed, or an operator terminated it)
the lock and the node's ability to write end together, so two nodes can never both
write as leader, not even for the second it takes the old one to notice.

SQLite is one file on one machine: its only node leads at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from signaling.exceptions import StoreError
from signaling.store import Store

log = logging.getLogger(__name__)

#: How often a standby tries to take the lock, and a leader checks that it still holds
#: it: a dead leader is replaced, and a cut-off one stops, within about this long.
POLL_S = 0.5
#: A leader whose database has not answered a statement within this long pauses changes
#: (signaling/pause.py). A session whose link is silent is given up by TCP after about
#: 5 s (db.PG_SESSION_KEEPALIVE): shorter faults pause, longer ones end leadership.
SILENT_S = 1.0


class Leadership:
    """A node's claim to serve: :meth:`acquire` waits for it, :meth:`hold` returns when
    it is lost. ``serving`` is what the HTTP edge asks before letting a request in."""

    def __init__(self, store: Store, *, poll_s: float = POLL_S, silent_s: float = SILENT_S) -> None:
        self._store = store
        self._poll_s = poll_s
        self._silent_s = silent_s
        #: True from when this node has taken the lock and restored its state until it
        #: loses the lock or stops.
        self.serving = False
        #: Set when leadership, once held, was lost or refused: the process must stop.
        self.lost = asyncio.Event()
        #: Why this node refused to lead although it could (a newer release's schema).
        self.refused: str | None = None
        #: While on standby: where the leading node said it can be reached, if it did.
        self.leader_url: str | None = None

    async def acquire(self) -> None:
        """Wait until this node holds the lock (at once on SQLite)."""
        waited = False
        while not await self._store.call(self._store.try_lead):
            if not waited:
                log.info("standby: another node leads; trying again every %.1f s", self._poll_s)
                waited = True
            await self.note_leader()
            await asyncio.sleep(self._poll_s)
        self.leader_url = None

    async def note_leader(self) -> None:
        """Read where the leading node said it is, to send clients there."""
        with contextlib.suppress(StoreError):  # unreachable: the next poll asks again
            self.leader_url = await self._store.call(self._store.leader_url)

    async def hold(
        self,
        silent: Callable[[], Awaitable[None]],
        answering: Callable[[], Awaitable[bool]],
    ) -> None:
        """Return when the lock is no longer this node's (its session ended). Call
        ``silent`` when one statement has waited longer than ``silent_s`` for the
        database (every write waits as long), and ``answering`` each time the check has
        been answered."""
        while True:
            check = asyncio.ensure_future(self._store.call(self._store.still_leading))
            while not check.done():
                await asyncio.wait({check}, timeout=self._silent_s / 4)
                # One statement without an answer for that long, not a long queue of
                # statements that each finish (a fleet reconnecting at once).
                if not check.done() and self._store.stalled_s() >= self._silent_s:
                    await silent()
            if not check.result():
                break
            await answering()
            await asyncio.sleep(self._poll_s)  # a poll: there is nothing to be told by
        self.serving = False
        log.error("leadership lost: the database session that held it ended")
        self.lost.set()

    def refuse(self, reason: str) -> None:
        """Give up leading for good: this release must not serve this database."""
        self.serving = False
        self.refused = reason
        log.error("refusing to lead: %s", reason)
        self.lost.set()
