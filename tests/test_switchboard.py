"""Queues, offers and calls through the sans-I/O Switchboard: events in, effects out."""

from __future__ import annotations

import itertools

import pytest

from protocol import messages as p
from signaling.catalogue import Catalogue
from signaling.core.effects import (
    Audit,
    Close,
    SaveContact,
    SaveFeedback,
    SaveSelfTest,
    Send,
)
from signaling.records import Appointment
from signaling.switchboard import Switchboard
from tests.support.board import (
    MONDAY_20H,
    NEVER,
    Clock,
    available,
    catalogue,
    clerk,
    kiosk,
    of_type,
    offered_ticket,
    only,
    outcomes,
    sent,
)


def test_kiosk_sees_open_and_closed_agencies_with_waits(board: Switchboard) -> None:
    welcome = only(board.connect("k1", kiosk(1)), "k1", p.Welcome)
    assert isinstance(welcome, p.Welcome) and welcome.resume == "none"
    by_code = {a.code: a for a in welcome.agencies}
    assert by_code["kela"].open and not by_code["poliisi"].open
    assert by_code["poliisi"].next_opening == pytest.approx(MONDAY_20H + 6 * 86400 + 14 * 3600)
    assert by_code["kela"].wait_min_s is None, "no clerk serves: the wait is unknown"
    assert of_type(board.tick(), "k1", p.AgencyList) == [], "the welcome said it all"
    available(board, "c1", clerk(1, "kela"))
    assert only(board.tick(), "k1", p.AgencyList) is not None, "kiosks learn that a clerk came"
    assert of_type(board.tick(), "k1", p.AgencyList) == [], "and only once"


def test_offer_goes_to_the_longest_idle_clerk_and_accept_starts_the_call(
    board: Switchboard, clock: Clock
) -> None:
    available(board, "c1", clerk(1, "kela"))
    clock.now += 5
    available(board, "c2", clerk(2, "kela"))
    board.connect("k1", kiosk(1))
    joined = board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    assert isinstance(joined[0], SaveContact), "a queue place is durable before it is announced"
    status = only(joined, "k1", p.QueueStatus)
    assert isinstance(status, p.QueueStatus) and (status.position, status.waiting) == (1, 1)
    assert status.wait_min_s == 0 and status.wait_max_s == 300  # 600 s default, two clerks
    ticket = offered_ticket(joined, "c1")
    assert of_type(joined, "c2", p.CallOffer) == []

    # The other clerk cannot take it; the offered one can.
    refused = only(board.handle("c2", p.CallAccept(ticket=ticket)), "c2", p.Error)
    assert isinstance(refused, p.Error) and refused.code == "invalid_state"
    effects = board.handle("c1", p.CallAccept(ticket=ticket))
    to_kiosk = only(effects, "k1", p.CallStarted)
    to_clerk = only(effects, "c1", p.CallStarted)
    assert isinstance(to_kiosk, p.CallStarted) and isinstance(to_clerk, p.CallStarted)
    assert [(x.member_id, x.initiator) for x in to_kiosk.peers] == [("clerk", True)]
    assert [(x.member_id, x.initiator) for x in to_clerk.peers] == [("kiosk", False)]
    assert to_kiosk.ice_servers[0].urls == ["turn:127.0.0.1:3478"]
    state = of_type(effects, "c1", p.ClerkState)[-1]
    assert isinstance(state, p.ClerkState) and state.status == "busy"


def test_missed_offer_moves_on_and_marks_the_clerk_away(board: Switchboard, clock: Clock) -> None:
    available(board, "c1", clerk(1, "kela"))
    clock.now += 1
    available(board, "c2", clerk(2, "kela"))
    board.connect("k1", kiosk(1))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    clock.now += 19
    assert of_type(board.tick(), "c1", p.CallOfferWithdrawn) == []
    clock.now += 1
    effects = board.tick()
    withdrawn = only(effects, "c1", p.CallOfferWithdrawn)
    assert isinstance(withdrawn, p.CallOfferWithdrawn) and withdrawn.reason == "expired"
    away = of_type(effects, "c1", p.ClerkState)[-1]
    assert isinstance(away, p.ClerkState) and away.status == "away"
    assert offered_ticket(effects, "c2") == ticket
    # Declining also moves it on, and marks the decliner away.
    declined = board.handle("c2", p.CallDecline(ticket=ticket))
    assert isinstance(only(declined, "c2", p.CallOfferWithdrawn), p.CallOfferWithdrawn)
    board.handle("c1", p.ClerkStatusSet(status="available"))
    assert board.router.offers[ticket].clerk_id == 1


def test_fifo_within_a_queue_and_languages_where_the_agency_routes_by_them(
    board: Switchboard,
) -> None:
    for n, language in ((1, "ar"), (2, "fi"), (3, "ar")):
        board.connect(f"k{n}", kiosk(n))
        board.handle(f"k{n}", p.QueueJoin(agency="migri", language=language))
    arabic = board.router.queue_of(("migri", "ar"))
    assert [t.kiosk_id for t in arabic] == [1, 3]
    # An Arabic-speaking clerk is logged in (away): the Arabic queue waits for them, and
    # a Finnish-only clerk gets the Finnish customer even though two came earlier.
    board.connect("c2", clerk(2, "migri", languages=("ar", "fi")))
    fi_only = available(board, "c1", clerk(1, "migri", languages=("fi",)))
    entry = only(fi_only, "c1", p.CallOffer)
    assert isinstance(entry, p.CallOffer) and entry.entry.language == "fi"
    ar = board.handle("c2", p.ClerkStatusSet(status="available"))
    first = only(ar, "c2", p.CallOffer)
    assert isinstance(first, p.CallOffer) and first.entry.ticket == arabic[0].ticket


def test_appointment_goes_to_the_booked_clerk_first_then_ahead_of_walk_ins(
    board: Switchboard, clock: Clock
) -> None:
    slot = clock.now + 600
    booking = Appointment(7, 1, "kela", 2, "fi", slot, "booked")
    available(board, "c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    board.connect("k2", kiosk(2))
    walk_in = board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    walk_in_ticket = offered_ticket(walk_in, "c1")
    early = board.handle(
        "k2", p.QueueJoin(appointment="12345678", language="fi"), appointment=booking
    )
    assert any(getattr(e, "appointment_id", None) == 7 for e in early)
    board.handle("c1", p.CallDecline(ticket=walk_in_ticket))
    board.handle("c1", p.ClerkStatusSet(status="available"))
    assert board.router.offers[walk_in_ticket].clerk_id == 1, "not before the slot"
    board.handle("c1", p.CallDecline(ticket=walk_in_ticket))
    clock.now = slot
    effects = available(board, "c2", clerk(2, "kela"))
    booked = only(effects, "c2", p.CallOffer)
    assert isinstance(booked, p.CallOffer) and booked.entry.kind == "appointment"
    board.handle("c2", p.CallDecline(ticket=booked.entry.ticket))
    board.handle("c1", p.ClerkStatusSet(status="available"))
    assert board.router.offers[walk_in_ticket].clerk_id == 1, "inside the booked window"
    board.handle("c1", p.CallDecline(ticket=walk_in_ticket))
    clock.now = slot + 121
    effects = board.handle("c1", p.ClerkStatusSet(status="available"))
    after = only(effects, "c1", p.CallOffer)
    assert isinstance(after, p.CallOffer) and after.entry.kind == "appointment", "ahead of walk-ins"


def test_unknown_foreign_used_cancelled_or_early_codes_get_one_answer(
    board: Switchboard, clock: Clock
) -> None:
    """A guessed code learns nothing: unknown, another point's, used and not due are
    answered alike (a 'not due' answer would tell a guesser they hit a real code)."""
    board.connect("k1", kiosk(1))
    join = p.QueueJoin(appointment="12345678", language="fi")
    answers = set()
    for booking in (
        None,
        Appointment(1, 2, "kela", None, "fi", clock.now, "booked"),
        Appointment(1, 1, "kela", None, "fi", clock.now, "arrived"),
        Appointment(1, 1, "kela", None, "fi", clock.now, "cancelled"),
        Appointment(1, 1, "kela", None, "fi", clock.now + 86400, "booked"),
        Appointment(1, 1, "kela", None, "fi", clock.now - 3 * 3600, "booked"),
    ):
        error = only(board.handle("k1", join, appointment=booking), "k1", p.Error)
        assert isinstance(error, p.Error)
        answers.add((error.code, error.message))
    assert answers == {("not_found", "no appointment with this code is due at this point now")}


def test_transfer_puts_the_customer_at_the_head_of_the_other_queue(board: Switchboard) -> None:
    available(board, "c1", clerk(1, "kela"))
    for n in (2, 3):
        board.connect(f"k{n}", kiosk(n))
        board.handle(f"k{n}", p.QueueJoin(agency="vero", language="fi"))
    board.connect("k1", kiosk(1))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    call = only(board.handle("c1", p.CallAccept(ticket=ticket)), "c1", p.CallStarted)
    assert isinstance(call, p.CallStarted)
    effects = board.handle("c1", p.CallTransfer(call_id=call.call_id, agency="vero"))
    assert outcomes(effects) == ["transferred"]
    ended = only(effects, "k1", p.CallEnded)
    assert isinstance(ended, p.CallEnded) and ended.reason == "transferred"
    status = of_type(effects, "k1", p.QueueStatus)[-1]
    assert isinstance(status, p.QueueStatus) and (status.agency, status.position) == ("vero", 1)
    assert [t.kiosk_id for t in board.router.queue_of(("vero", None))] == [1, 2, 3]
    closed = board.handle("c1", p.CallTransfer(call_id=call.call_id, agency="poliisi"))
    assert isinstance(only(closed, "c1", p.Error), p.Error)


def test_kiosk_keeps_its_place_through_a_short_disconnect(board: Switchboard, clock: Clock) -> None:
    board.connect("c1", clerk(1, "kela"))  # a clerk who watches the queue, busy
    for n in (1, 2, 3):
        board.connect(f"k{n}", kiosk(n))
        board.handle(f"k{n}", p.QueueJoin(agency="kela", language="fi"))
    board.disconnect("k2")
    clock.now += 59
    board.tick()
    back = board.connect("k2b", kiosk(2))
    welcome = only(back, "k2b", p.Welcome)
    assert isinstance(welcome, p.Welcome) and welcome.resume == "queued"
    status = only(back, "k2b", p.QueueStatus)
    assert isinstance(status, p.QueueStatus) and status.position == 2
    # Nobody else's place changed: nobody else hears of it (after a restart, 2,000 kiosks
    # come back within seconds; a snapshot each to every clerk swamped the server).
    assert {effect.conn for effect in back if isinstance(effect, Send)} == {"k2b"}
    board.disconnect("k2b")
    clock.now += 60
    expired = board.tick()
    assert outcomes(expired) == ["abandoned"]
    moved = only(expired, "k3", p.QueueStatus)
    assert isinstance(moved, p.QueueStatus) and moved.position == 2


def test_a_second_connection_of_the_same_kiosk_replaces_the_first(board: Switchboard) -> None:
    board.connect("k1", kiosk(1))
    effects = board.connect("k1-again", kiosk(1))
    assert Close("k1", "replaced by a newer connection of this kiosk") in effects
    assert board.disconnect("k1") == [], "the old connection's close changes nothing"


def test_call_survives_a_members_short_disconnect_and_ends_after_grace(
    board: Switchboard, clock: Clock
) -> None:
    available(board, "c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    call = only(board.handle("c1", p.CallAccept(ticket=ticket)), "c1", p.CallStarted)
    assert isinstance(call, p.CallStarted)
    gone = board.disconnect("c1")
    assert sent(gone, "k1") == [p.CallMember(call_id=call.call_id, member_id="clerk", online=False)]
    clock.now += 30
    assert outcomes(board.tick()) == []
    back = board.connect("c1b", clerk(1, "kela"))
    assert p.CallMember(call_id=call.call_id, member_id="clerk", online=True) in sent(back, "k1")
    welcome = only(back, "c1b", p.Welcome)
    assert isinstance(welcome, p.Welcome) and (welcome.resume, welcome.call_id) == (
        "in_call",
        call.call_id,
    )
    offer = p.SessionDescription(type="offer", sdp="v=0")
    relayed = board.handle("k1", p.SignalOut(call_id=call.call_id, to="clerk", description=offer))
    assert sent(relayed, "c1b") == [
        p.SignalIn(call_id=call.call_id, from_="kiosk", description=offer)
    ]
    board.disconnect("k1")
    clock.now += 60
    lost = board.tick()
    assert outcomes(lost) == ["connection_lost"], "in the record and the reports"
    ended = only(lost, "c1b", p.CallEnded)
    assert isinstance(ended, p.CallEnded) and ended.reason == "connection_lost"


def test_a_member_back_or_new_in_a_call_hears_the_links_it_missed(board: Switchboard) -> None:
    """CI saw it: the clerk's WebSocket dropped on a thin link just as the kiosk's link
    stepped down; the console came back and showed the customer's link as full for good."""
    available(board, "c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    call = only(board.handle("c1", p.CallAccept(ticket=ticket)), "c1", p.CallStarted)
    assert isinstance(call, p.CallStarted)
    reduced = p.MemberQuality(call_id=call.call_id, member_id="kiosk", step="reduced")
    board.disconnect("c1")
    assert sent(board.handle("k1", p.CallQuality(call_id=call.call_id, step="reduced")), "c1") == []

    back = sent(board.connect("c1b", clerk(1, "kela")), "c1b")
    assert isinstance(back[0], p.Welcome) and back[0].resume == "in_call"
    assert back.count(reduced) == 1, "told after its welcome, once"

    stills = p.MemberQuality(call_id=call.call_id, member_id="kiosk", step="stills")
    board.handle("k1", p.CallQuality(call_id=call.call_id, step="stills"))
    reloaded = board.handle("c1b", p.CallRejoin(call_id=call.call_id))  # its media anew
    assert sent(reloaded, "c1b")[:2] == [
        only(reloaded, "c1b", p.CallStarted),
        stills,
    ], "after its call.started"

    board.handle("k1", p.CallQuality(call_id=call.call_id, step="full"))
    board.disconnect("c1b")
    again = board.connect("c1c", clerk(1, "kela"))
    assert only(again, "c1c", p.Welcome).resume == "in_call"
    assert of_type(again, "c1c", p.MemberQuality) == [], "a full link needs no word"

    board.handle("c1c", p.CallQuality(call_id=call.call_id, step="audio"))
    board.disconnect("k1")
    kiosk_back = sent(board.connect("k1b", kiosk(1)), "k1b")
    assert isinstance(kiosk_back[0], p.Welcome) and kiosk_back[0].resume == "in_call"
    assert p.MemberQuality(call_id=call.call_id, member_id="clerk", step="audio") in kiosk_back
    assert not [m for m in kiosk_back if isinstance(m, p.MemberQuality) and m.member_id == "kiosk"]


def test_a_customer_cut_off_by_the_network_comes_back_at_the_head_of_the_queue(
    board: Switchboard, clock: Clock
) -> None:
    """Beyond the grace period the call ends as connection_lost; for ten minutes the
    kiosk's next join for the same agency goes before everyone already waiting."""
    available(board, "c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    board.handle("c1", p.CallAccept(ticket=ticket))
    board.disconnect("k1")
    clock.now += 61
    assert outcomes(board.tick()) == ["connection_lost"]
    board.handle("c1", p.ClerkStatusSet(status="away"))
    for n in (2, 3):
        board.connect(f"k{n}", kiosk(n))
        board.handle(f"k{n}", p.QueueJoin(agency="kela", language="fi"))
    clock.now += 300
    board.connect("k1", kiosk(1))
    back = only(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "k1", p.QueueStatus)
    assert (back.position, back.waiting) == (1, 3), "at the head, before k2 and k3"
    board.handle("k1", p.QueueLeave())
    again = only(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "k1", p.QueueStatus)
    assert again.position == 3, "once only"
    board.handle("k1", p.QueueLeave())
    # Ten minutes on, or another agency: an ordinary place.
    available(board, "c9", clerk(9, "kela"))
    board.disconnect("k1")


def test_the_head_of_queue_place_expires_after_ten_minutes(
    board: Switchboard, clock: Clock
) -> None:
    available(board, "c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    board.handle("c1", p.CallAccept(ticket=ticket))
    board.disconnect("k1")
    clock.now += 61
    board.tick()
    board.handle("c1", p.ClerkStatusSet(status="away"))
    board.connect("k2", kiosk(2))
    board.handle("k2", p.QueueJoin(agency="kela", language="fi"))
    clock.now += 601
    board.connect("k1", kiosk(1))
    late = only(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "k1", p.QueueStatus)
    assert late.position == 2


def test_ping_is_answered_in_every_state(board: Switchboard) -> None:
    board.connect("k1", kiosk(1))
    assert only(board.handle("k1", p.Ping(seq=7)), "k1", p.Pong).seq == 7


def test_restore_rebuilds_queues_in_order_and_calls(board: Switchboard, clock: Clock) -> None:
    available(board, "c1", clerk(1, "vero"))
    saved = []
    for n in (1, 2, 3):
        board.connect(f"k{n}", kiosk(n))
        saved += board.handle(f"k{n}", p.QueueJoin(agency="kela", language="fi"))
    board.connect("k4", kiosk(4))
    ticket = offered_ticket(board.handle("k4", p.QueueJoin(agency="vero", language="fi")), "c1")
    saved += board.handle("c1", p.CallAccept(ticket=ticket))
    latest = {e.contact.ticket.ticket: e.contact for e in saved if isinstance(e, SaveContact)}

    counter = itertools.count(100)
    fresh = Switchboard(
        clock=clock, catalogue=catalogue(), new_id=lambda prefix: f"{prefix}{next(counter)}"
    )
    fresh.restore(latest.values())
    assert fresh.counts()["queued"] == 3 and fresh.counts()["calls"] == 1
    for n in (3, 1, 2):  # kiosks come back in any order; places are kept
        back = fresh.connect(f"k{n}", kiosk(n))
        status = only(back, f"k{n}", p.QueueStatus)
        assert isinstance(status, p.QueueStatus) and status.position == n
    welcome = only(fresh.connect("c1", clerk(1, "vero")), "c1", p.Welcome)
    assert isinstance(welcome, p.Welcome) and welcome.resume == "in_call"
    assert fresh.queue_order() == [(1, "kela", 1), (2, "kela", 2), (3, "kela", 3)]


def test_closed_agency_with_no_clerk_left_ends_the_wait_as_no_clerk(board: Switchboard) -> None:
    board.connect("k1", kiosk(1))
    error = only(board.handle("k1", p.QueueJoin(agency="poliisi", language="fi")), "k1", p.Error)
    assert isinstance(error, p.Error) and error.code == "invalid_state"
    board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    board.set_catalogue(
        Catalogue(
            agencies=catalogue().agencies, schedules={(1, "kela"): NEVER}, points={1: "Nurmes"}
        )
    )
    effects = board.tick()
    assert outcomes(effects) == ["no_clerk"]
    left = only(effects, "k1", p.QueueLeft)
    assert isinstance(left, p.QueueLeft) and left.reason == "no_clerk"


def test_wrong_roles_and_states_are_refused(board: Switchboard) -> None:
    board.connect("c1", clerk(1, "kela"))
    board.connect("c9", clerk(9, "vero"))
    board.connect("k1", kiosk(1))
    cases: list[tuple[str, p.Message, str]] = [
        ("c1", p.QueueJoin(agency="kela", language="fi"), "forbidden"),
        ("k1", p.CallAccept(ticket="t1"), "forbidden"),
        ("k1", p.ClerkStatusSet(status="available"), "forbidden"),
        ("k1", p.CallTransfer(call_id="c1", agency="vero"), "forbidden"),
        ("k1", p.QueueLeave(), "invalid_state"),
        ("k1", p.QueueJoin(agency="tulli", language="fi"), "not_found"),
        ("c1", p.CallAccept(ticket="t404"), "invalid_state"),
        ("c1", p.CallDecline(ticket="t404"), "invalid_state"),
        ("c1", p.CallEnd(call_id="c404"), "invalid_state"),
    ]
    for conn, message, code in cases:
        error = only(board.handle(conn, message), conn, p.Error)
        assert isinstance(error, p.Error) and error.code == code, (conn, message)
    board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
    again = only(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "k1", p.Error)
    assert isinstance(again, p.Error) and again.code == "invalid_state"
    assert board.counts()["queued"] == 1, "refusals change nothing"


def test_every_contact_is_counted_once(board: Switchboard, clock: Clock) -> None:
    available(board, "c1", clerk(1, "kela", "vero"))
    finished: list[str] = []
    board.connect("k1", kiosk(1))
    board.connect("k2", kiosk(2))
    t1 = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    board.handle("k2", p.QueueJoin(agency="kela", language="sv"))
    finished += outcomes(board.handle("k2", p.QueueLeave()))
    accepted = board.handle("c1", p.CallAccept(ticket=t1))
    call = only(accepted, "c1", p.CallStarted)
    assert isinstance(call, p.CallStarted)
    joined = [(a.action, a.actor_role, a.actor_id) for a in accepted if isinstance(a, Audit)]
    assert joined == [("joined", "kiosk", 1), ("joined", "clerk", 1)]
    clock.now += 300
    finished += outcomes(board.handle("c1", p.CallEnd(call_id=call.call_id, outcome="handled")))
    finished += outcomes(board.handle("c1", p.CallEnd(call_id=call.call_id)))
    finished += outcomes(board.handle("k1", p.CallEnd(call_id=call.call_id)))
    assert finished == ["abandoned", "handled"]
    status = board.connect("k3", kiosk(3))
    waits = {a.code: a for a in only(status, "k3", p.Welcome).agencies}
    assert waits["kela"].wait_max_s == 300, "the last call's length now shapes the estimate"


def test_feedback_once_per_call_from_its_kiosk_and_in_time(
    board: Switchboard, clock: Clock
) -> None:
    available(board, "c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    board.connect("k2", kiosk(2))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    call = only(board.handle("c1", p.CallAccept(ticket=ticket)), "c1", p.CallStarted)
    assert isinstance(call, p.CallStarted)
    board.handle("c1", p.CallEnd(call_id=call.call_id))
    rating = p.Feedback(call_id=call.call_id, score=2, reason="waiting_time")
    stranger = only(board.handle("k2", rating), "k2", p.Error)
    assert isinstance(stranger, p.Error) and stranger.code == "not_found"
    saved = board.handle("k1", rating)
    assert saved == [SaveFeedback(1, "kela", 2, "waiting_time", clock.now)]
    again = only(board.handle("k1", rating), "k1", p.Error)
    assert isinstance(again, p.Error) and again.code == "not_found", "one rating per call"


def test_a_device_lost_in_a_call_is_told_to_the_clerk_once(board: Switchboard) -> None:
    available(board, "c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    call = only(board.handle("c1", p.CallAccept(ticket=ticket)), "c1", p.CallStarted)
    assert isinstance(call, p.CallStarted)
    healthy = p.KioskHealth(
        camera="ok", microphone="ok", speaker="ok", document_camera="ok", version="1"
    )
    assert board.handle("k1", healthy) == []
    broken = healthy.model_copy(update={"camera": "failed", "last_error": "camera stopped"})
    told = board.handle("k1", broken)
    assert sent(told, "c1") == [p.CallNotice(call_id=call.call_id, code="kiosk_camera_lost")]
    assert board.handle("k1", broken) == [], "once"


def test_a_kiosk_is_told_where_turn_is_so_it_can_probe_while_its_customer_waits(
    board: Switchboard,
) -> None:
    """URLs only: the credentials are made per call and go only into call.started."""
    welcome = only(board.connect("k1", kiosk(1)), "k1", p.Welcome)
    assert isinstance(welcome, p.Welcome)
    assert welcome.turn_urls == ["turn:127.0.0.1:3478"]
    assert "credential" not in welcome.model_dump_json() and "secret" not in str(welcome)
    clerk_welcome = only(board.connect("c1", clerk(1, "kela")), "c1", p.Welcome)
    assert isinstance(clerk_welcome, p.Welcome) and clerk_welcome.turn_urls == []


def test_turn_credentials_are_each_members_own_and_renewed_while_they_stay(
    board: Switchboard, clock: Clock
) -> None:
    """Valid ten minutes, renewed five minutes in for every member still connected; a
    member whose socket is down gets theirs when they come back (call.started)."""
    available(board, "c1", clerk(1, "kela"))
    board.connect("k1", kiosk(1))
    ticket = offered_ticket(board.handle("k1", p.QueueJoin(agency="kela", language="fi")), "c1")
    accepted = board.handle("c1", p.CallAccept(ticket=ticket))
    started = {conn: only(accepted, conn, p.CallStarted) for conn in ("k1", "c1")}
    usernames = {}
    for conn, call in started.items():
        assert isinstance(call, p.CallStarted)
        [turn] = call.ice_servers
        expiry, call_id, member = str(turn.username).split(":")
        assert (call_id, member) == (call.call_id, call.you)
        assert int(expiry) == int(clock.now + 600)
        usernames[conn] = turn.username
    assert usernames["k1"] != usernames["c1"], "one member's credential is not another's"

    clock.now += 299
    assert not [e for e in board.tick() if isinstance(getattr(e, "message", None), p.CallIce)]
    board.disconnect("k1")
    clock.now += 1
    renewed = [e for e in board.tick() if isinstance(getattr(e, "message", None), p.CallIce)]
    fresh = only(renewed, "c1", p.CallIce)
    assert isinstance(fresh, p.CallIce) and [e.conn for e in renewed] == ["c1"]  # type: ignore[attr-defined]
    [turn] = fresh.ice_servers
    assert int(str(turn.username).split(":")[0]) == int(clock.now + 600)
    back = only(board.connect("k1b", kiosk(1)), "k1b", p.Welcome)
    assert isinstance(back, p.Welcome) and back.resume == "in_call"
    rejoined = only(board.handle("k1b", p.CallRejoin(call_id=fresh.call_id)), "k1b", p.CallStarted)
    assert isinstance(rejoined, p.CallStarted)
    assert int(str(rejoined.ice_servers[0].username).split(":")[0]) == int(clock.now + 600)


def test_a_self_test_asked_of_an_offline_kiosk_is_asked_when_it_connects(
    board: Switchboard,
) -> None:
    assert board.request_self_test(1) == [], "offline: nothing to send yet"
    welcomed = board.connect("k1", kiosk(1))
    assert sent(welcomed, "k1")[-1] == p.SelfTestRun()
    assert p.SelfTestRun() not in sent(board.connect("k1b", kiosk(1)), "k1b"), "asked once"
    assert sent(board.request_self_test(1), "k1b") == [p.SelfTestRun()], "online: at once"
    report = p.KioskSelfTest(results={"camera": "failed", "server": "ok"}, started_at=5, took_s=1)
    stored = board.handle("k1b", report)
    assert [(e.kiosk_id, e.results) for e in stored if isinstance(e, SaveSelfTest)] == [
        (1, {"camera": "failed", "server": "ok"})
    ]
