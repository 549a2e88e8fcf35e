"""A fleet of signalling clients in a process of its own: the reconnect storm's 2,000
kiosks and 200 clerks (bench/storm.py).

Each reconnects the way the kiosk does (kiosk.connection: its backoff, its connection and
handshake time limits); a kiosk joins the queue once, when its first welcome says it holds
no place. In a process of its own so that the fleet's load does not starve the live call
the storm also watches, nor the bench's measuring.

Line protocol: started with a JSON file of {"url", "kiosks": [tokens], "clerks": [session
ids], and for wss:// "ca_file"}; prints ``QUEUED`` once every kiosk holds a place; on
``KILL <unix time>`` (sent just before the server is killed) it waits until every member
is back (a kiosk told its place, a clerk welcomed) and prints ``BACK <json>`` with the
spread of their times since then.
"""

from __future__ import annotations

import asyncio
import json
import random
import ssl
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websockets

from bench.report import percentile
from bench.signalling import source_address
from kiosk.connection import DEFAULT_BACKOFF, HANDSHAKE_S, connect_timeout

JOIN = '{"type":"queue.join","agency":"kela","language":"fi"}'
#: How long the fleet waits for its last member after a kill before it reports who is not back.
BACK_WITHIN_S = 90.0


@dataclass
class FleetMember:
    """One kiosk or clerk of the fleet: what it last heard, and when it was back."""

    index: int
    headers: dict[str, str]
    kiosk: bool
    position: int | None = None
    #: the position told before the kill, to compare with the first one after it
    expected: int | None = None
    back_at: float | None = None
    moved: bool = False


@dataclass
class Fleet:
    """Every member's loop, and who is back since the last kill (``expect_back``)."""

    url: str
    members: list[FleetMember]
    #: The authority a wss:// server's certificate is checked against (None: ws://).
    tls: ssl.SSLContext | None = None
    rng: random.Random = field(default_factory=lambda: random.Random(2000))
    killed_at: float = 0.0
    waiting: bool = False
    missing: int = 0
    unplaced: int = 0
    attempts: int = 0
    failures: int = 0
    #: why connection attempts failed since the kill: exception name -> count
    why: Counter[str] = field(default_factory=Counter)
    all_back: asyncio.Event = field(default_factory=asyncio.Event)
    queued: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.unplaced = sum(m.kiosk for m in self.members)

    def expect_back(self, killed_at: float) -> None:
        """The server is about to die: from now on every member must come back."""
        for member in self.members:
            member.expected, member.back_at, member.moved = member.position, None, False
        self.missing = len(self.members)
        self.attempts = self.failures = 0
        self.why.clear()
        self.all_back.clear()
        self.killed_at = killed_at
        self.waiting = True

    def report(self) -> dict[str, float]:
        back = [m.back_at - self.killed_at for m in self.members if m.back_at is not None]
        self.waiting = False
        return {
            "back": float(len(back)),
            "missing": float(self.missing),
            "moved": float(sum(m.moved for m in self.members)),
            "p50_s": percentile(back, 0.5) if back else 0.0,
            "p90_s": percentile(back, 0.9) if back else 0.0,
            "last_s": max(back, default=0.0),
            "attempts": float(self.attempts),
            "failed_attempts": float(self.failures),
            **{f"failed_{name}": float(count) for name, count in self.why.most_common(3)},
        }

    def _heard(self, member: FleetMember, message: dict[str, object]) -> None:
        kind = message.get("type")
        if member.kiosk and kind == "queue.status":
            position = message.get("position")
            if member.position is None and isinstance(position, int):
                self.unplaced -= 1
                if self.unplaced == 0:
                    self.queued.set()
            member.position = position if isinstance(position, int) else None
        back = (kind == "queue.status") if member.kiosk else (kind == "welcome")
        if self.waiting and back and member.back_at is None:
            member.back_at = time.time()
            member.moved = member.kiosk and member.position != member.expected
            self.missing -= 1
            if self.missing == 0:
                self.all_back.set()

    async def run(self, member: FleetMember) -> None:
        """Connect, and on every loss connect again as the kiosk does; a kiosk joins the
        queue once, when its first welcome says it holds no place."""
        attempt = 0
        while True:
            self.attempts += 1
            opened = False
            try:
                async with websockets.connect(
                    self.url,
                    ssl=self.tls,
                    additional_headers=member.headers,
                    max_size=2**22,
                    open_timeout=connect_timeout(attempt) + HANDSHAKE_S,
                    local_addr=source_address(member.index),
                ) as socket:
                    opened = True
                    attempt = 0
                    async for data in socket:
                        text = data if isinstance(data, str) else data.decode()
                        if not member.kiosk and not text.startswith('{"type":"welcome"'):
                            continue  # a clerk's snapshots: only the welcome is awaited
                        message = json.loads(text)
                        if member.kiosk and message.get("type") == "welcome":
                            if message.get("resume") == "none" and member.position is None:
                                await socket.send(JOIN)
                        self._heard(member, message)
            except (OSError, TimeoutError, websockets.exceptions.WebSocketException) as exc:
                if not opened:
                    self.failures += 1
                    self.why[type(exc).__name__] += 1
            await asyncio.sleep(DEFAULT_BACKOFF.delay(attempt, self.rng))
            attempt += 1


async def main(spec: dict[str, Any]) -> None:
    members = [
        FleetMember(n, {"Cookie": f"rs_session={s}"}, kiosk=False)
        for n, s in enumerate(spec["clerks"])
    ]
    members += [
        FleetMember(len(members) + n, {"Authorization": f"Bearer {t}"}, kiosk=True)
        for n, t in enumerate(spec["kiosks"])
    ]
    ca_file = spec.get("ca_file")
    tls = ssl.create_default_context(cafile=ca_file) if ca_file else None
    fleet = Fleet(spec["url"], members, tls=tls)
    tasks = [asyncio.create_task(fleet.run(member)) for member in members]
    loop = asyncio.get_running_loop()
    commands = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(commands), sys.stdin)
    await fleet.queued.wait()
    print("QUEUED", flush=True)
    while line := (await commands.readline()).decode().split():
        if line[0] == "KILL":
            fleet.expect_back(float(line[1]))
            try:
                await asyncio.wait_for(fleet.all_back.wait(), BACK_WITHIN_S)
            except TimeoutError:
                pass  # reported: "missing" counts who is not back
            print("BACK", json.dumps(fleet.report()), flush=True)
    for task in tasks:
        task.cancel()


if __name__ == "__main__":
    asyncio.run(main(json.loads(Path(sys.argv[1]).read_text())))
