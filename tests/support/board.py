"""The sans-I/O core's test world: a catalogue, a settable clock, principals, a board,
and typed readers of the effects it returns. Shared by the core's test files."""

from __future__ import annotations

import itertools
from datetime import time
from typing import TypeVar

from protocol import messages as p
from signaling.catalogue import AgencyEntry, Catalogue
from signaling.core.effects import Effect, FinishContact, Send
from signaling.core.presence import ClerkPrincipal, KioskPrincipal
from signaling.core.state import Timing
from signaling.hours import Schedule, WeeklyHours
from signaling.ice import IcePolicy
from signaling.switchboard import Switchboard

M = TypeVar("M", bound=p.Message)


ALWAYS = Schedule(tuple(WeeklyHours(d, time(0), time.max) for d in range(7)))
NEVER = Schedule((WeeklyHours(0, time(10), time(14), None, None),), timezone="UTC")
# 2026-11-23 is a Monday; 12:00 UTC is inside NEVER's hours only on Mondays, so use
# a clock at 20:00 UTC (closed) by default.
MONDAY_20H = 1795464000.0


def catalogue() -> Catalogue:
    agencies = {
        "kela": AgencyEntry("kela", {"fi": "Kela"}),
        "vero": AgencyEntry("vero", {"fi": "Verohallinto"}),
        "migri": AgencyEntry("migri", {"fi": "Migri"}, routes_by_language=True),
        "poliisi": AgencyEntry("poliisi", {"fi": "Poliisi"}),
    }
    schedules = {(1, code): ALWAYS for code in ("kela", "vero", "migri")}
    schedules[(1, "poliisi")] = NEVER
    return Catalogue(agencies=agencies, schedules=schedules, points={1: "Nurmes"})


class Clock:
    def __init__(self) -> None:
        self.now = MONDAY_20H

    def __call__(self) -> float:
        return self.now


def kiosk(n: int) -> KioskPrincipal:
    return KioskPrincipal(kiosk_id=n, label=f"k{n}", point_id=1, point_name="Nurmes")


def clerk(n: int, *agencies: str, languages: tuple[str, ...] = ("fi",)) -> ClerkPrincipal:
    return ClerkPrincipal(
        clerk_id=n,
        display_name=f"Clerk {n}",
        agencies=frozenset(agencies),
        languages=frozenset(languages),
    )


def interpreter(n: int, *languages: str) -> ClerkPrincipal:
    return ClerkPrincipal(
        clerk_id=n,
        display_name=f"Interpreter {n}",
        agencies=frozenset(),
        languages=frozenset(languages),
        role="interpreter",
    )


def make_board(clock: Clock) -> Switchboard:
    counter = itertools.count(1)
    return Switchboard(
        clock=clock,
        catalogue=catalogue(),
        ice=IcePolicy(turn_urls=("turn:127.0.0.1:3478",), turn_secret="s3cret"),
        new_id=lambda prefix: f"{prefix}{next(counter)}",
        timing=Timing(offer_timeout_s=20, kiosk_grace_s=60, member_grace_s=60, booked_window_s=120),
    )


def sent(effects: list[Effect], conn: str) -> list[p.Message]:
    return [e.message for e in effects if isinstance(e, Send) and e.conn == conn]


def of_type(effects: list[Effect], conn: str, kind: type[M]) -> list[M]:
    return [m for m in sent(effects, conn) if isinstance(m, kind)]


def only(effects: list[Effect], conn: str, kind: type[M]) -> M:
    """The one message of ``kind`` the effects send to ``conn`` (fails on none or two)."""
    matching = of_type(effects, conn, kind)
    assert len(matching) == 1, f"expected one {kind.__name__} to {conn}: {sent(effects, conn)}"
    return matching[0]


def outcomes(effects: list[Effect]) -> list[str]:
    return [e.transaction.outcome for e in effects if isinstance(e, FinishContact)]


def available(board: Switchboard, conn: str, principal: ClerkPrincipal) -> list[Effect]:
    board.connect(conn, principal)
    return board.handle(conn, p.ClerkStatusSet(status="available"))


def offered_ticket(effects: list[Effect], conn: str) -> str:
    return only(effects, conn, p.CallOffer).entry.ticket
