"""Queues and calls through the sans-I/O Switchboard: events in, effects out, no sockets."""

from __future__ import annotations

import itertools

import pytest

from signaling import protocol as p
from signaling.switchboard import (
    ClerkPrincipal,
    Effect,
    KioskPrincipal,
    Record,
    Send,
    Switchboard,
)

AGENCIES = (
    p.AgencyInfo(code="kela", names={"fi": "Kela"}, open=True),
    p.AgencyInfo(code="vero", names={"fi": "Verohallinto"}, open=True),
    p.AgencyInfo(code="migri", names={"fi": "Migri"}, open=False),
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def kiosk(n: int) -> KioskPrincipal:
    return KioskPrincipal(
        kiosk_id=n, label=f"k{n}", point_id=1, point_name="Nurmes", agencies=AGENCIES
    )


def clerk(n: int, *agencies: str) -> ClerkPrincipal:
    return ClerkPrincipal(clerk_id=n, display_name=f"Clerk {n}", agencies=frozenset(agencies))


@pytest.fixture
def board() -> Switchboard:
    counter = itertools.count(1)
    return Switchboard(
        clock=Clock(),
        ice_servers=lambda: [p.IceServer(urls=["turn:127.0.0.1:3478"])],
        new_id=lambda prefix: f"{prefix}{next(counter)}",
    )


def sent(effects: list[Effect], conn: str) -> list[p._Message]:
    return [e.message for e in effects if isinstance(e, Send) and e.conn == conn]


def only(effects: list[Effect], conn: str, kind: type[p._Message]) -> p._Message:
    matching = [m for m in sent(effects, conn) if isinstance(m, kind)]
    assert len(matching) == 1, f"expected one {kind.__name__} to {conn}: {sent(effects, conn)}"
    return matching[0]


def records(effects: list[Effect]) -> list[Record]:
    return [e for e in effects if isinstance(e, Record)]


def test_kiosk_is_welcomed_with_its_agencies(board: Switchboard) -> None:
    welcome = only(board.connect("k1", kiosk(1)), "k1", p.Welcome)
    assert isinstance(welcome, p.Welcome)
    assert [a.code for a in welcome.agencies] == ["kela", "vero", "migri"]


def test_queue_positions_and_clerk_snapshots(board: Switchboard) -> None:
    board.connect("c1", clerk(1, "kela"))
    board.connect("c2", clerk(2, "vero"))
    for n in (1, 2, 3):
        board.connect(f"k{n}", kiosk(n))
    first = board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    assert only(first, "k1", p.QueueStatus) == p.QueueStatus(
        ticket="t1", agency="kela", position=1, waiting=1
    )
    snapshot = only(first, "c1", p.QueueSnapshot)
    assert isinstance(snapshot, p.QueueSnapshot) and [e.ticket for e in snapshot.entries] == ["t1"]
    assert sent(first, "c2") == [], "a clerk of another agency hears nothing"
    board.handle("k2", p.QueueJoin(agency="kela", language="sv"))
    third = board.handle("k3", p.QueueJoin(agency="kela", language="en"))
    status = only(third, "k3", p.QueueStatus)
    assert isinstance(status, p.QueueStatus) and (status.position, status.waiting) == (3, 3)

    # The first leaves: the others move up, and the contact is counted as abandoned.
    left = board.handle("k1", p.QueueLeave())
    assert isinstance(only(left, "k1", p.QueueLeft), p.QueueLeft)
    moved = only(left, "k3", p.QueueStatus)
    assert isinstance(moved, p.QueueStatus) and moved.position == 2
    assert [r.transaction.outcome for r in records(left)] == ["abandoned"]


def test_accept_starts_a_call_and_relays_signals_only_inside_it(board: Switchboard) -> None:
    board.connect("c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    board.connect("k2", kiosk(2))
    board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    board.handle("k2", p.QueueJoin(agency="kela", language="fi"))
    effects = board.handle("c1", p.CallAccept(ticket="t1"))
    to_kiosk = only(effects, "k1", p.CallStarted)
    to_clerk = only(effects, "c1", p.CallStarted)
    assert isinstance(to_kiosk, p.CallStarted) and isinstance(to_clerk, p.CallStarted)
    assert to_kiosk.call_id == to_clerk.call_id == "c3"
    assert [(peer.member_id, peer.initiator) for peer in to_kiosk.peers] == [("clerk", True)]
    assert [(peer.member_id, peer.initiator) for peer in to_clerk.peers] == [("kiosk", False)]
    assert to_kiosk.ice_servers[0].urls == ["turn:127.0.0.1:3478"]
    moved = only(effects, "k2", p.QueueStatus)
    assert isinstance(moved, p.QueueStatus) and moved.position == 1

    offer = p.SessionDescription(type="offer", sdp="v=0")
    relayed = board.handle("k1", p.SignalOut(call_id="c3", to="clerk", description=offer))
    assert sent(relayed, "c1") == [p.SignalIn(call_id="c3", from_="kiosk", description=offer)]

    # A kiosk that is not in the call can neither signal into it nor end it.
    for message in (
        p.SignalOut(call_id="c3", to="clerk", description=offer),
        p.CallEnd(call_id="c3"),
    ):
        refused = board.handle("k2", message)
        error = only(refused, "k2", p.Error)
        assert isinstance(error, p.Error) and error.code == "not_found"
        assert sent(refused, "c1") == []


def test_clerk_ends_call_and_one_record_is_written(board: Switchboard) -> None:
    clock = Clock()
    board._clock = clock
    board.connect("c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    clock.now += 30
    board.handle("c1", p.CallAccept(ticket="t1"))
    board.handle("k1", p.CallMediaState(call_id="c2", peer="clerk", state="connected"))
    clock.now += 300
    effects = board.handle("c1", p.CallEnd(call_id="c2", outcome="handled"))
    assert only(effects, "k1", p.CallEnded) == p.CallEnded(call_id="c2", reason="ended_by_clerk")
    assert isinstance(only(effects, "c1", p.CallEnded), p.CallEnded)
    (record,) = records(effects)
    tx = record.transaction
    assert (tx.agency, tx.language, tx.outcome) == ("kela", "fi", "handled")
    assert (tx.queued_at, tx.answered_at, tx.ended_at) == (1000.0, 1030.0, 1330.0)
    assert board.counts()["calls"] == 0
    # Ending twice is refused, not double counted.
    again = board.handle("c1", p.CallEnd(call_id="c2"))
    assert records(again) == [] and isinstance(only(again, "c1", p.Error), p.Error)


def test_wrong_roles_and_states_are_refused(board: Switchboard) -> None:
    board.connect("c1", clerk(1, "kela"))
    board.connect("c9", clerk(9, "vero"))
    board.connect("k1", kiosk(1))
    cases: list[tuple[str, p._Message, str]] = [
        ("c1", p.QueueJoin(agency="kela", language="fi"), "forbidden"),
        ("k1", p.CallAccept(ticket="t1"), "forbidden"),
        ("k1", p.QueueLeave(), "invalid_state"),
        ("k1", p.QueueJoin(agency="tulli", language="fi"), "not_found"),
        ("k1", p.QueueJoin(agency="migri", language="fi"), "invalid_state"),
        ("c1", p.CallAccept(ticket="t404"), "not_found"),
    ]
    for conn, message, code in cases:
        error = only(board.handle(conn, message), conn, p.Error)
        assert isinstance(error, p.Error) and error.code == code, (conn, message)
    board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    again = only(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "k1", p.Error)
    assert isinstance(again, p.Error) and again.code == "invalid_state"
    other = only(board.handle("c9", p.CallAccept(ticket="t1")), "c9", p.Error)
    assert isinstance(other, p.Error) and other.code == "forbidden"
    assert board.counts()["queued"] == 1, "refusals change nothing"


def test_lost_kiosk_leaves_the_queue_and_lost_member_ends_the_call(board: Switchboard) -> None:
    board.connect("c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    board.connect("k2", kiosk(2))
    board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    board.handle("k2", p.QueueJoin(agency="kela", language="fi"))
    gone = board.disconnect("k1")
    assert [r.transaction.outcome for r in records(gone)] == ["abandoned"]
    snapshot = only(gone, "c1", p.QueueSnapshot)
    assert isinstance(snapshot, p.QueueSnapshot) and [e.ticket for e in snapshot.entries] == ["t2"]

    board.handle("c1", p.CallAccept(ticket="t2"))
    lost = board.disconnect("c1")
    assert only(lost, "k2", p.CallEnded) == p.CallEnded(call_id="c3", reason="member_lost")
    assert [r.transaction.outcome for r in records(lost)] == ["abandoned"]
    assert board.counts() == {"kiosks": 1, "clerks": 0, "queued": 0, "calls": 0}
    assert board.disconnect("c1") == [], "a second disconnect is harmless"
