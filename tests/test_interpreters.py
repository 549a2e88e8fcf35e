"""Interpreters through the sans-I/O Switchboard: requests, invitations valid once,
joining and leaving a running call, time-outs, chat, and the transaction record."""

from __future__ import annotations

import pytest

from protocol import messages as p
from signaling.core.effects import Effect, FinishContact, SaveContact, Send
from signaling.switchboard import Switchboard
from tests.support.board import (
    Clock,
    available,
    clerk,
    interpreter,
    kiosk,
    make_board,
    of_type,
    offered_ticket,
    only,
    sent,
)


def start_call(board: Switchboard, *, language: str = "fi", needs: str | None = None) -> str:
    """Kiosk k1 and clerk c1 (Kela, Finnish and Swedish) in a call; its id."""
    board.connect("k1", kiosk(1))
    available(board, "c1", clerk(1, "kela", languages=("fi", "sv")))
    joined = board.handle("k1", p.QueueJoin(agency="kela", language=language, interpreter=needs))
    started = board.handle("c1", p.CallAccept(ticket=offered_ticket(joined, "c1")))
    call = only(started, "c1", p.CallStarted)
    assert isinstance(call, p.CallStarted)
    return call.call_id


def error_code(effects: list[Effect], conn: str) -> str:
    error = only(effects, conn, p.Error)
    assert isinstance(error, p.Error)
    return error.code


def invitation_of(effects: list[Effect], conn: str) -> p.Invitation:
    invitation = only(effects, conn, p.Invitation)
    assert isinstance(invitation, p.Invitation)
    return invitation


def test_request_reaches_only_available_interpreters_of_the_language(board: Switchboard) -> None:
    available(board, "i1", interpreter(11, "ru", "uk"))
    available(board, "i2", interpreter(12, "ru"))
    available(board, "i3", interpreter(13, "ar"))
    board.connect("i4", interpreter(14, "ru"))  # logged in but away
    call_id = start_call(board)
    asked = board.handle("c1", p.InterpreterRequest(call_id=call_id, language="ru"))
    assert invitation_of(asked, "i1").language == "ru"
    assert invitation_of(asked, "i1").requested_by == "clerk"
    invitation_of(asked, "i2")
    assert sent(asked, "i3") == [] and sent(asked, "i4") == []
    for conn in ("k1", "c1"):
        status = only(asked, conn, p.InterpreterStatus)
        assert isinstance(status, p.InterpreterStatus)
        assert (status.state, status.invited, status.language) == ("requested", 2, "ru")
    assert only(asked, "i1", p.ClerkState).status == "offered"
    # Nothing about the call is told to the invited before one of them accepts.
    assert all(call_id not in p.encode(m) for m in sent(asked, "i1"))


def test_first_to_accept_joins_and_the_invitation_is_valid_once(board: Switchboard) -> None:
    available(board, "i1", interpreter(11, "ru"))
    available(board, "i2", interpreter(12, "ru"))
    call_id = start_call(board)
    asked = board.handle("c1", p.InterpreterRequest(call_id=call_id, language="ru"))
    first, second = invitation_of(asked, "i1"), invitation_of(asked, "i2")

    joined = board.handle("i1", p.InvitationAccept(invitation=first.invitation))
    started = only(joined, "i1", p.CallStarted)
    assert isinstance(started, p.CallStarted) and started.call_id == call_id
    assert started.you == "interpreter-1"
    assert {(peer.member_id, peer.initiator) for peer in started.peers} == {
        ("kiosk", False),  # the kiosk offers to everyone
        ("clerk", True),  # the newcomer offers to the browsers already there
    }
    kiosk_side = only(joined, "k1", p.PeerJoined)
    clerk_side = only(joined, "c1", p.PeerJoined)
    assert kiosk_side.peer.initiator and not clerk_side.peer.initiator
    assert kiosk_side.peer.language == "ru"
    assert only(joined, "c1", p.InterpreterStatus).state == "joined"
    withdrawn = only(joined, "i2", p.InvitationWithdrawn)
    assert withdrawn.reason == "taken"

    late = board.handle("i2", p.InvitationAccept(invitation=second.invitation))
    assert error_code(late, "i2") == "invalid_state"  # i2 holds no invitation any more
    again = board.handle("i2", p.InvitationAccept(invitation=first.invitation))
    assert error_code(again, "i2") == "invalid_state"
    # Signalling works between the three members, and the chat reaches all three.
    relayed = board.handle(
        "i1",
        p.SignalOut(
            call_id=call_id, to="clerk", description=p.SessionDescription(type="offer", sdp="v=0")
        ),
    )
    assert only(relayed, "c1", p.SignalIn).from_ == "interpreter-1"
    chat = board.handle("k1", p.ChatSend(call_id=call_id, text="Kiitos"))
    for conn in ("k1", "c1", "i1"):
        line = only(chat, conn, p.Chat)
        assert (line.from_, line.role, line.text) == ("kiosk", "kiosk", "Kiitos")
    # Real-time text: the line being written reaches the other two, not its writer.
    drafting = board.handle("c1", p.ChatDraftSend(call_id=call_id, text="Voitteko kirj"))
    assert sent(drafting, "c1") == []
    for conn in ("k1", "i1"):
        draft = only(drafting, conn, p.ChatDraft)
        assert (draft.from_, draft.role, draft.text) == ("clerk", "clerk", "Voitteko kirj")


def test_an_interpreter_reaches_only_the_call_they_were_invited_to(board: Switchboard) -> None:
    available(board, "i1", interpreter(11, "ru"))
    call_id = start_call(board)
    offer = p.SessionDescription(type="offer", sdp="v=0")
    for message in (
        p.SignalOut(call_id=call_id, to="kiosk", description=offer),
        p.ChatSend(call_id=call_id, text="hello"),
        p.ChatDraftSend(call_id=call_id, text="hel"),
        p.CallLeave(call_id=call_id),
        p.InvitationAccept(invitation="i-guessed"),
        p.CallEnd(call_id=call_id),
        p.CallTransfer(call_id=call_id, agency="vero"),
        p.InterpreterRequest(call_id=call_id, language="ru"),
    ):
        effects = board.handle("i1", message)
        assert error_code(effects, "i1") in ("forbidden", "invalid_state", "not_found")
        assert len(effects) == 1, f"{message.type}: refused, and nobody else told"
    asked = board.handle("c1", p.InterpreterRequest(call_id=call_id, language="ru"))
    board.handle("i1", p.InvitationAccept(invitation=invitation_of(asked, "i1").invitation))
    for message in (
        p.CallEnd(call_id=call_id),
        p.CallDocument(call_id=call_id, bytes=10),
        p.InterpreterCancel(call_id=call_id),
    ):
        assert error_code(board.handle("i1", message), "i1") == "forbidden"


def test_leave_keeps_the_call_and_a_new_interpreter_can_join(
    board: Switchboard, clock: Clock
) -> None:
    available(board, "i1", interpreter(11, "fse"))
    call_id = start_call(board, needs="fse")
    invitation = board.interpreters.invitations_of(11)[0][0]
    board.handle("i1", p.InvitationAccept(invitation=invitation))
    clock.now += 300
    left = board.handle("i1", p.CallLeave(call_id=call_id))
    assert only(left, "k1", p.PeerLeft).member_id == "interpreter-1"
    assert only(left, "c1", p.PeerLeft).member_id == "interpreter-1"
    assert only(left, "i1", p.CallEnded).reason == "left"
    assert only(left, "c1", p.InterpreterStatus).state == "left"
    assert board.counts()["calls"] == 1
    assert only(left, "i1", p.ClerkState).status == "available"

    asked = board.handle("c1", p.InterpreterRequest(call_id=call_id, language="fse"))
    rejoined = board.handle(
        "i1", p.InvitationAccept(invitation=invitation_of(asked, "i1").invitation)
    )
    assert only(rejoined, "i1", p.CallStarted).you == "interpreter-2"
    clock.now += 120
    ended = board.handle("c1", p.CallEnd(call_id=call_id))
    assert only(ended, "i1", p.CallEnded).reason == "ended_by_clerk"
    record = next(e.transaction for e in ended if isinstance(e, FinishContact))
    assert record.interpreter_language == "fse"
    assert record.interpreter_seconds == pytest.approx(420)


def test_kiosk_request_goes_out_when_the_call_starts(board: Switchboard) -> None:
    available(board, "i1", interpreter(11, "fse", "ar"))
    board.connect("k1", kiosk(1))
    available(board, "c1", clerk(1, "kela", languages=("fi", "sv")))
    joined = board.handle("k1", p.QueueJoin(agency="kela", language="fi", interpreter="fse"))
    assert sent(joined, "i1") == [], "nobody is invited before there is a call"
    offer = only(joined, "c1", p.CallOffer)
    assert isinstance(offer, p.CallOffer) and offer.interpreter == "fse", "the need, up front"
    snapshots = [e.message for e in joined if isinstance(e, Send) and e.conn == "c1"]
    assert any(isinstance(m, p.QueueSnapshot) and m.entries for m in snapshots)
    assert "fse" not in "".join(
        m.model_dump_json() for m in snapshots if not isinstance(m, p.CallOffer)
    ), "the need is told to the offered clerk only, not in the queue every clerk sees"
    started = board.handle("c1", p.CallAccept(ticket=offered_ticket(joined, "c1")))
    assert invitation_of(started, "i1").requested_by == "kiosk"
    assert only(started, "k1", p.InterpreterStatus).state == "requested"


def test_a_language_the_clerk_does_not_speak_asks_for_an_interpreter(board: Switchboard) -> None:
    available(board, "i1", interpreter(11, "ar"))
    start_call(board, language="ar")
    assert [r.language for _i, r in board.interpreters.invitations_of(11)] == ["ar"]
    assert [r.requested_by for _i, r in board.interpreters.invitations_of(11)] == ["kiosk"]


def test_request_nobody_takes_times_out_and_the_clerk_can_wait_on(
    board: Switchboard, clock: Clock
) -> None:
    call_id = start_call(board)
    asked = board.handle("c1", p.InterpreterRequest(call_id=call_id, language="so"))
    status = only(asked, "c1", p.InterpreterStatus)
    assert status.invited == 0
    clock.now += 30
    available(board, "i1", interpreter(11, "so"))  # comes along while the request waits
    pending = board.interpreters.invitations_of(11)
    assert len(pending) == 1
    clock.now += 31
    timed_out = board.tick()
    assert only(timed_out, "c1", p.InterpreterStatus).state == "timed_out"
    assert only(timed_out, "i1", p.InvitationWithdrawn).reason == "expired"
    late = board.handle("i1", p.InvitationAccept(invitation=pending[0][0]))
    assert error_code(late, "i1") == "invalid_state"
    assert board.counts()["calls"] == 1, "the call goes on"
    again = board.handle("c1", p.InterpreterRequest(call_id=call_id, language="so"))
    assert of_type(again, "i1", p.Invitation)
    cancelled = board.handle("c1", p.InterpreterCancel(call_id=call_id))
    assert only(cancelled, "i1", p.InvitationWithdrawn).reason == "cancelled"
    assert only(cancelled, "k1", p.InterpreterStatus).state == "cancelled"
    assert error_code(board.handle("c1", p.InterpreterCancel(call_id=call_id)), "c1") == "not_found"


def test_an_interpreter_lost_for_the_grace_period_leaves_but_the_call_goes_on(
    board: Switchboard, clock: Clock
) -> None:
    available(board, "i1", interpreter(11, "ru"))
    call_id = start_call(board)
    asked = board.handle("c1", p.InterpreterRequest(call_id=call_id, language="ru"))
    board.handle("i1", p.InvitationAccept(invitation=invitation_of(asked, "i1").invitation))
    dropped = board.disconnect("i1")
    assert only(dropped, "c1", p.CallMember).online is False
    clock.now += 61
    gone = board.tick()
    assert only(gone, "k1", p.PeerLeft).member_id == "interpreter-1"
    assert board.counts()["calls"] == 1
    assert 11 not in board.interpreters.desks, "an interpreter with no console is not invited"


def test_call_end_withdraws_open_invitations(board: Switchboard) -> None:
    available(board, "i1", interpreter(11, "ru"))
    call_id = start_call(board)
    board.handle("c1", p.InterpreterRequest(call_id=call_id, language="ru"))
    ended = board.handle("k1", p.CallEnd(call_id=call_id))
    assert only(ended, "i1", p.InvitationWithdrawn).reason == "call_ended"
    assert only(ended, "i1", p.ClerkState).status == "available"


def test_an_interpreter_in_a_call_survives_a_server_restart(
    board: Switchboard, clock: Clock
) -> None:
    available(board, "i1", interpreter(11, "ru"))
    board.connect("k1", kiosk(1))
    available(board, "c1", clerk(1, "kela"))
    joined = board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    saved = board.handle("c1", p.CallAccept(ticket=offered_ticket(joined, "c1")))
    call_id = only(saved, "c1", p.CallStarted).call_id
    asked = board.handle("c1", p.InterpreterRequest(call_id=call_id, language="ru"))
    saved += board.handle(
        "i1", p.InvitationAccept(invitation=invitation_of(asked, "i1").invitation)
    )
    contacts = [e.contact for e in saved if isinstance(e, SaveContact)]
    clock.now += 100

    fresh = make_board(clock)  # the process was killed; this one reads the database
    fresh.restore([contacts[-1]])
    for conn, who in (("k1", kiosk(1)), ("c1", clerk(1, "kela")), ("i1", interpreter(11, "ru"))):
        welcome = only(fresh.connect(conn, who), conn, p.Welcome)
        assert welcome.resume == "in_call" and welcome.call_id == call_id
    assert fresh.interpreters.desks[11].in_call, "not invited elsewhere while in the call"
    clock.now += 50
    left = fresh.handle("i1", p.CallLeave(call_id=call_id))
    assert only(left, "k1", p.PeerLeft).member_id == "interpreter-1"
    ended = fresh.handle("c1", p.CallEnd(call_id=call_id))
    record = next(e.transaction for e in ended if isinstance(e, FinishContact))
    assert record.interpreter_language == "ru"
    assert record.interpreter_seconds == pytest.approx(150), "time before the restart counts"


def test_a_member_that_lost_its_media_rejoins_as_a_newcomer(board: Switchboard) -> None:
    """A reloaded console (or restarted kiosk) sends call.rejoin: it gets a fresh
    call.started, the others drop their old connection to it and connect anew."""
    available(board, "i1", interpreter(11, "ru"))
    call_id = start_call(board)
    asked = board.handle("c1", p.InterpreterRequest(call_id=call_id, language="ru"))
    board.handle("i1", p.InvitationAccept(invitation=invitation_of(asked, "i1").invitation))
    board.disconnect("c1")
    board.connect("c1b", clerk(1, "kela", languages=("fi", "sv")))  # the reloaded page
    effects = board.handle("c1b", p.CallRejoin(call_id=call_id))
    started = only(effects, "c1b", p.CallStarted)
    assert {(peer.member_id, peer.initiator) for peer in started.peers} == {
        ("kiosk", False),
        ("interpreter-1", True),
    }
    for conn, initiator in (("k1", True), ("i1", False)):
        left, joined = of_type(effects, conn, p.PeerLeft), of_type(effects, conn, p.PeerJoined)
        assert [m.member_id for m in left] == ["clerk"]
        assert [(m.peer.member_id, m.peer.initiator) for m in joined] == [("clerk", initiator)]
    assert board.counts()["calls"] == 1
    # The kiosk, restarted, rejoins too; nobody outside the call can.
    board.disconnect("k1")
    board.connect("k1b", kiosk(1))
    again = board.handle("k1b", p.CallRejoin(call_id=call_id))
    assert all(peer.initiator for peer in only(again, "k1b", p.CallStarted).peers)
    board.connect("k2", kiosk(2))
    refused = board.handle("k2", p.CallRejoin(call_id=call_id))
    assert only(refused, "k2", p.Error).code == "invalid_state"


def test_a_language_no_clerk_of_the_agency_speaks_gets_any_clerk_and_an_interpreter(
    board: Switchboard,
) -> None:
    """Migri routes by language: an Arabic-speaking customer waits for an Arabic-speaking
    clerk while one is logged in; when none is, any Migri clerk takes them, with an
    interpreter asked for at once."""
    available(board, "i1", interpreter(11, "ar"))
    board.connect("c2", clerk(2, "migri", languages=("fi", "ar")))  # logged in, away
    available(board, "c1", clerk(1, "migri", languages=("fi",)))
    board.connect("k1", kiosk(1))
    joined = board.handle("k1", p.QueueJoin(agency="migri", language="ar"))
    assert of_type(joined, "c1", p.CallOffer) == [], "an Arabic-speaking clerk is logged in"
    board.disconnect("c2")  # the only Arabic speaker logs out
    offered = board.tick()
    ticket = offered_ticket(offered, "c1")
    started = board.handle("c1", p.CallAccept(ticket=ticket))
    assert invitation_of(started, "i1").language == "ar"
    assert only(started, "k1", p.InterpreterStatus).state == "requested"


def test_a_transferred_customer_keeps_their_interpreter_need(board: Switchboard) -> None:
    available(board, "i1", interpreter(11, "fse"))
    call_id = start_call(board, needs="fse")
    board.handle("i1", p.InvitationAccept(invitation=board.interpreters.invitations_of(11)[0][0]))
    transferred = board.handle("c1", p.CallTransfer(call_id=call_id, agency="vero"))
    assert only(transferred, "i1", p.CallEnded).reason == "transferred"
    ticket = next(t for t in board.router.tickets.values() if t.agency == "vero")
    assert ticket.interpreter == "fse"
    offered = offered_ticket(available(board, "c2", clerk(2, "vero")), "c2")
    started = board.handle("c2", p.CallAccept(ticket=offered))
    assert invitation_of(started, "i1").language == "fse", "asked for again in the new call"
