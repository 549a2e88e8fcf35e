"""The core never half-applies an event (issue 13).

* A refused message changes nothing at all: checked on every state a random session of
  kiosks, clerks and an interpreter reaches (hypothesis), by comparing a digest of the
  whole core before and after each refusal.
* A fault in the server while applying an event to a call ends that call cleanly for
  every member (the room's FAILED state) instead of leaving it half-changed.
* A message from a connection that was replaced is dropped, not a KeyError.
* With two console tabs, the call goes to the tab that accepted it, every time.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol import messages as p
from signaling.core import calling
from signaling.core.effects import Audit, Close, FinishContact, Send
from signaling.core.room import RoomState
from signaling.core.state import Core
from signaling.switchboard import Switchboard
from tests.support.board import (
    Clock,
    available,
    clerk,
    interpreter,
    kiosk,
    make_board,
    offered_ticket,
    only,
    sent,
)


def digest(core: Core) -> Any:
    """Everything the core holds, as plain values, for before/after comparison."""
    return (
        sorted((t, repr(v)) for t, v in core.router.tickets.items()),
        sorted((t, repr(o)) for t, o in core.router.offers.items()),
        sorted((c, s.status, s.idle_since) for c, s in core.router.seats.items()),
        repr(core.queue_book),
        sorted(
            (
                call_id,
                room.state,
                sorted((m.member_id, m.conn, m.offline_since) for m in room.members.values()),
                sorted((tuple(sorted(k)), v) for k, v in room.media.items()),
                room.documents,
                room.interpreters_joined,
            )
            for call_id, room in core.room_book.rooms.items()
        ),
        sorted(core.room_book.call_of.items()),
        sorted((k, repr(r)) for k, r in core.interpreters.requests.items()),
        sorted((k, repr(d)) for k, d in core.interpreters.desks.items()),
        sorted(core.kiosk_book.last_call.items()),
    )


CONNS = ("k1", "k2", "c1", "c2", "i1")


def world(clock: Clock) -> Switchboard:
    board = make_board(clock)
    board.connect("k1", kiosk(1))
    board.connect("k2", kiosk(2))
    board.connect("c1", clerk(1, "kela", "vero"))
    board.connect("c2", clerk(2, "kela", languages=("fi", "ru")))
    board.connect("i1", interpreter(9, "ru", "fse"))
    return board


def data_prefers_queue(board: Switchboard, conn: str) -> bool:
    """An idle kiosk mostly tries to queue (for open, closed and unknown agencies), so
    that the queue's own refusals are reached often, not only the table's."""
    kiosk_id = int(conn[1:])
    core = board.core
    return (
        kiosk_id not in core.queue_book.ticket_of_kiosk
        and core.room_book.of("kiosk", kiosk_id) is None
    )


def messages_for(board: Switchboard, conn: str) -> st.SearchStrategy[p.ClientMessage]:
    """Messages that make sense to try now, and many that must be refused."""
    calls = sorted(board.core.room_book.rooms) or ["c-none"]
    tickets = sorted(board.core.router.tickets) or ["t-none"]
    invitations = [
        inv for r in board.core.interpreters.requests.values() for inv in r.invitations
    ] or ["i-none"]
    call = st.sampled_from(calls)
    if conn.startswith("k") and data_prefers_queue(board, conn):
        return st.one_of(
            st.builds(
                p.QueueJoin,
                agency=st.sampled_from(["kela", "vero", "migri", "poliisi"]),
                language=st.sampled_from(["fi", "ru"]),
            ),
            st.just(p.QueueLeave()),
        )
    return st.one_of(
        st.builds(
            p.QueueJoin,
            agency=st.sampled_from(["kela", "vero", "migri", "poliisi"]),
            language=st.sampled_from(["fi", "ru"]),
        ),
        st.just(p.QueueLeave()),
        st.builds(p.ClerkStatusSet, status=st.sampled_from(["available", "away"])),
        st.builds(p.CallAccept, ticket=st.sampled_from(tickets)),
        st.builds(p.CallDecline, ticket=st.sampled_from(tickets)),
        st.builds(p.CallTransfer, call_id=call, agency=st.sampled_from(["kela", "vero", "x"])),
        st.builds(p.CallEnd, call_id=call),
        st.builds(
            p.CallMediaState,
            call_id=call,
            peer=st.sampled_from(["kiosk", "clerk", "interpreter-1", "nobody"]),
            state=st.sampled_from(["connected", "failed"]),
        ),
        st.builds(p.CallDocument, call_id=call, bytes=st.integers(1, 10_000)),
        st.builds(p.InterpreterRequest, call_id=call, language=st.sampled_from(["ru", "fse"])),
        st.builds(p.InterpreterCancel, call_id=call),
        st.builds(p.InvitationAccept, invitation=st.sampled_from(invitations)),
        st.builds(p.InvitationDecline, invitation=st.sampled_from(invitations)),
        st.builds(p.CallLeave, call_id=call),
        st.builds(p.CallRejoin, call_id=call),
        st.builds(p.ChatSend, call_id=call, text=st.just("hei")),
        st.builds(p.Feedback, call_id=call, score=st.integers(1, 5)),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_refused_message_changes_nothing(data: st.DataObject) -> None:
    clock = Clock()
    board = world(clock)
    refusals = 0
    for _step in range(30):
        conn = data.draw(st.sampled_from(CONNS))
        message = data.draw(messages_for(board, conn))
        before = digest(board.core)
        effects = board.handle(conn, message)
        errors = [m for m in sent(effects, conn) if isinstance(m, p.Error)]
        if errors:
            refusals += 1
            assert errors[0].code != "server_error", f"a fault on {message!r}"
            assert len(effects) == 1, "a refusal is one error reply and nothing else"
            assert digest(board.core) == before, (
                f"{message.type} from {conn} was refused but changed the core"
            )
        if data.draw(st.booleans()):
            clock.now += data.draw(st.sampled_from([1.0, 21.0, 61.0]))
            board.tick()


def test_a_message_from_a_replaced_connection_is_dropped(board: Switchboard) -> None:
    board.connect("k-old", kiosk(1))
    replaced = board.connect("k-new", kiosk(1))
    assert [e.conn for e in replaced if not isinstance(e, Send)] == ["k-old"]
    assert board.handle("k-old", p.QueueJoin(agency="kela", language="fi")) == []
    assert board.disconnect("k-old") == []
    joined = board.handle("k-new", p.QueueJoin(agency="kela", language="fi"))
    assert only(joined, "k-new", p.QueueStatus).position == 1


def test_the_call_goes_to_the_tab_that_accepted_it_every_time(clock: Clock) -> None:
    """Twenty calls, each accepted from a different one of the clerk's two tabs."""
    board = make_board(clock)
    board.connect("tab-a", clerk(1, "kela"))
    board.handle("tab-a", p.ClerkStatusSet(status="available"))
    board.connect("tab-b", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    for n, tab in zip(range(20), itertools.cycle(("tab-a", "tab-b")), strict=False):
        offered = board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
        ticket = offered_ticket(offered, "tab-a")
        assert offered_ticket(offered, "tab-b") == ticket, "both tabs see the offer"
        started = board.handle(tab, p.CallAccept(ticket=ticket))
        call = only(started, tab, p.CallStarted)
        other = "tab-b" if tab == "tab-a" else "tab-a"
        assert not [m for m in sent(started, other) if isinstance(m, p.CallStarted)], n
        relayed = board.handle(
            "k1",
            p.SignalOut(
                call_id=call.call_id,
                to="clerk",
                description=p.SessionDescription(type="offer", sdp="v=0"),
            ),
        )
        assert [e.conn for e in relayed if isinstance(e, Send)] == [tab]
        board.handle(tab, p.CallEnd(call_id=call.call_id, outcome="handled"))
        clock.now += 1


def test_the_interpreter_joins_from_the_tab_that_accepted(clock: Clock) -> None:
    board = make_board(clock)
    available(board, "c1", clerk(1, "kela", languages=("fi",)))
    board.connect("k1", kiosk(1))
    board.connect("i-a", interpreter(9, "ru"))
    board.connect("i-b", interpreter(9, "ru"))
    board.handle("i-a", p.ClerkStatusSet(status="available"))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="ru")), "c1")
    started = board.handle("c1", p.CallAccept(ticket=ticket))
    invitation = only(started, "i-b", p.Invitation).invitation
    joined = board.handle("i-b", p.InvitationAccept(invitation=invitation))
    assert only(joined, "i-b", p.CallStarted).you == "interpreter-1"
    assert not [m for m in sent(joined, "i-a") if isinstance(m, p.CallStarted)]


def test_a_fault_while_changing_a_call_ends_it_cleanly_for_everyone(
    board: Switchboard, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    available(board, "c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    call_id = only(board.handle("c1", p.CallAccept(ticket=ticket)), "c1", p.CallStarted).call_id
    room = board.core.room_book.rooms[call_id]

    def broken(*_args: object) -> list[object]:
        room.documents += 1  # half a change...
        raise ZeroDivisionError("a bug")  # ...and then the bug

    monkeypatch.setattr(calling, "document", broken)
    effects = board.handle("c1", p.CallDocument(call_id=call_id, bytes=10))
    assert room.state is RoomState.FAILED
    assert only(effects, "c1", p.Error).code == "server_error"
    for conn in ("k1", "c1"):
        assert only(effects, conn, p.CallEnded).reason == "server_error"
    assert [e.transaction.outcome for e in effects if isinstance(e, FinishContact)] == ["abandoned"]
    assert any(isinstance(e, Audit) and e.action == "ended" for e in effects)
    assert call_id not in board.core.room_book.rooms
    # The clerk is free again and the kiosk can queue anew: nothing limps on.
    assert only(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1", p.CallOffer)


def test_audit_entries_take_the_injected_clock(board: Switchboard, clock: Clock) -> None:
    available(board, "c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    clock.now += 123.0
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    started = board.handle("c1", p.CallAccept(ticket=ticket))
    audits = [e for e in started if isinstance(e, Audit)]
    assert audits and {a.at for a in audits} == {clock.now}


def test_a_tab_that_reconnects_before_its_old_connection_is_noticed_takes_its_call_back(
    clock: Clock,
) -> None:
    """A console whose link dropped reconnects before the server's heartbeat has found
    the old socket dead: the same tab gets its call back (and can end it), the old socket
    is closed; another tab of the same clerk would not."""
    board = make_board(clock)
    tab = dataclasses.replace(clerk(1, "kela"), tab="tab-one-1234")
    board.connect("old", tab)
    board.handle("old", p.ClerkStatusSet(status="available"))
    board.connect("k1", kiosk(1))
    offered = board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    started = board.handle("old", p.CallAccept(ticket=offered_ticket(offered, "old")))
    call = only(started, "old", p.CallStarted)

    other = dataclasses.replace(clerk(1, "kela"), tab="tab-two-5678")
    welcome = only(board.connect("elsewhere", other), "elsewhere", p.Welcome)
    assert welcome.resume == "none", "another tab leaves the call where it is"

    effects = board.connect("new", tab)
    welcome = only(effects, "new", p.Welcome)
    assert welcome.resume == "in_call" and welcome.call_id == call.call_id
    assert [e.conn for e in effects if isinstance(e, Close)] == ["old"]
    ended = board.handle("new", p.CallEnd(call_id=call.call_id, outcome="handled"))
    assert only(ended, "k1", p.CallEnded).call_id == call.call_id


def test_the_old_socket_of_a_reconnected_tab_going_does_not_take_the_clerk_offline(
    clock: Clock,
) -> None:
    board = make_board(clock)
    tab = dataclasses.replace(clerk(1, "kela"), tab="tab-one-1234")
    board.connect("old", tab)
    board.handle("old", p.ClerkStatusSet(status="available"))
    board.connect("k1", kiosk(1))
    offered = board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    board.handle("old", p.CallAccept(ticket=offered_ticket(offered, "old")))
    board.connect("new", tab)
    gone = board.disconnect("old")
    offline = [e for e in gone if isinstance(e, Send) and isinstance(e.message, p.CallMember)]
    assert offline == [], "the kiosk is not told the official went away"
