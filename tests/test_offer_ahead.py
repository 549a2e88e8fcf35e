"""The kiosk's offer sent ahead while its customer queues (``queue.offer``): kept with the
ticket, handed to the accepting clerk with ``call.started`` and its number to the kiosk,
and never to anyone else, never twice, never after the kiosk closed that connection."""

from __future__ import annotations

import logging

import pytest

from kiosk.agent import KioskAgent
from media.sources import open_local_media
from protocol import messages as p
from protocol.exceptions import ProtocolError
from signaling.switchboard import Switchboard
from tests.support.board import available, clerk, interpreter, kiosk, only, sent

OFFER = p.SessionDescription(type="offer", sdp="v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n")
NEWER = p.SessionDescription(type="offer", sdp="v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\n")


def queued(board: Switchboard, n: int = 1) -> str:
    """Kiosk ``n`` joins the kela queue; its ticket."""
    board.connect(f"k{n}", kiosk(n))
    status = only(
        board.handle(f"k{n}", p.QueueJoin(agency="kela", language="fi")), f"k{n}", p.QueueStatus
    )
    return status.ticket


def accepted(board: Switchboard, ticket: str) -> tuple[p.CallStarted, p.CallStarted]:
    """Clerk 1 accepts ``ticket``: (the kiosk's call.started, the clerk's)."""
    effects = board.handle("c1", p.CallAccept(ticket=ticket))
    return only(effects, "k1", p.CallStarted), only(effects, "c1", p.CallStarted)


def test_the_last_offer_sent_ahead_goes_to_the_accepting_clerk_and_its_number_to_the_kiosk(
    board: Switchboard,
) -> None:
    ticket = queued(board)
    for number, offer in ((1, OFFER), (2, NEWER)):
        answer = board.handle("k1", p.QueueOffer(ticket=ticket, number=number, description=offer))
        assert answer == [], "kept quietly, nothing announced"
    available(board, "c1", clerk(1, "kela"))
    to_kiosk, to_clerk = accepted(board, ticket)
    [kiosk_seen] = to_clerk.peers
    assert (kiosk_seen.role, kiosk_seen.offer, kiosk_seen.offer_given) == ("kiosk", NEWER, None)
    [clerk_seen] = to_kiosk.peers
    assert (clerk_seen.role, clerk_seen.offer, clerk_seen.offer_given) == ("clerk", None, 2)
    assert board.core.queue_book.offers_ahead == {}, "one call, one use"


def test_a_withdrawn_offer_goes_to_nobody(board: Switchboard) -> None:
    ticket = queued(board)
    board.handle("k1", p.QueueOffer(ticket=ticket, number=1, description=OFFER))
    board.handle("k1", p.QueueOffer(ticket=ticket, number=1))
    available(board, "c1", clerk(1, "kela"))
    to_kiosk, to_clerk = accepted(board, ticket)
    assert to_clerk.peers[0].offer is None and to_kiosk.peers[0].offer_given is None


@pytest.mark.parametrize("how", ["left", "dropped"])
def test_an_offer_is_forgotten_with_the_place_or_the_connection_it_came_over(
    board: Switchboard, how: str
) -> None:
    """A kiosk connected again closes what it prepared (its address may be new) and sends
    a new offer once prepared again: until then its clerk gets none."""
    ticket = queued(board)
    board.handle("k1", p.QueueOffer(ticket=ticket, number=1, description=OFFER))
    if how == "left":
        board.handle("k1", p.QueueLeave())
        assert board.core.queue_book.offers_ahead == {}
        return
    board.disconnect("k1")
    assert board.core.queue_book.offers_ahead == {}
    board.connect("k1", kiosk(1))  # back within its grace: the place is kept
    available(board, "c1", clerk(1, "kela"))
    _to_kiosk, to_clerk = accepted(board, ticket)
    assert to_clerk.peers[0].offer is None


async def test_an_offer_that_arrives_after_the_clerk_accepted_changes_nothing(
    board: Switchboard, caplog: pytest.LogCaptureFixture
) -> None:
    """On a slow link a waiting clerk can accept before the kiosk's offer arrives: the
    server refuses it as out of place, the call goes on to make its offer the usual way,
    and the kiosk takes the refusal as the race it is (no warning for the operators)."""
    ticket = queued(board)
    available(board, "c1", clerk(1, "kela"))
    _to_kiosk, to_clerk = accepted(board, ticket)
    assert to_clerk.peers[0].offer is None
    late = p.QueueOffer(ticket=ticket, number=1, description=OFFER)
    refused = only(board.handle("k1", late), "k1", p.Error)
    assert (refused.code, refused.in_reply_to) == ("invalid_state", "queue.offer")

    agent = KioskAgent("http://127.0.0.1:9", "token", open_local_media("test", "tone"))
    error = p.Error(code="invalid_state", message="not queued", in_reply_to="queue.offer")
    with caplog.at_level(logging.INFO, logger="kiosk.agent"):
        await agent._on_message(error)
    assert [r.levelno for r in caplog.records] == [logging.INFO]


def test_an_interpreter_joining_later_gets_no_offer(board: Switchboard) -> None:
    ticket = queued(board)
    board.handle("k1", p.QueueOffer(ticket=ticket, number=1, description=OFFER))
    available(board, "c1", clerk(1, "kela"))
    board.connect("i1", interpreter(1, "fse"))
    board.handle("i1", p.ClerkStatusSet(status="available"))
    _to_kiosk, to_clerk = accepted(board, ticket)
    effects = board.handle("c1", p.InterpreterRequest(call_id=to_clerk.call_id, language="fse"))
    invitation = only(effects, "i1", p.Invitation)
    joined = board.handle("i1", p.InvitationAccept(invitation=invitation.invitation))
    started = only(joined, "i1", p.CallStarted)
    assert all(peer.offer is None and peer.offer_given is None for peer in started.peers)
    told = [m for conn in ("k1", "c1") for m in sent(joined, conn) if isinstance(m, p.PeerJoined)]
    assert told and all(m.peer.offer is None and m.peer.offer_given is None for m in told)


def test_nobody_else_can_place_or_replace_a_kiosks_offer(board: Switchboard) -> None:
    """Another kiosk naming this ticket, a clerk, a kiosk not queued: refused, and the
    offer kept is still the kiosk's own."""
    ticket = queued(board, 1)
    queued(board, 2)
    board.handle("k1", p.QueueOffer(ticket=ticket, number=1, description=OFFER))
    forged = p.QueueOffer(ticket=ticket, number=9, description=NEWER)
    refused = only(board.handle("k2", forged), "k2", p.Error)
    assert (refused.code, refused.in_reply_to) == ("not_found", "queue.offer")
    available(board, "c1", clerk(1, "kela"))
    assert only(board.handle("c1", forged), "c1", p.Error).code == "forbidden"
    board.connect("k3", kiosk(3))
    assert only(board.handle("k3", forged), "k3", p.Error).code == "invalid_state"
    withdrawal = p.QueueOffer(ticket=ticket, number=1)
    assert only(board.handle("k2", withdrawal), "k2", p.Error).code == "not_found"
    assert board.core.router.offers[ticket].clerk_id == 1
    _to_kiosk, to_clerk = accepted(board, ticket)
    assert to_clerk.peers[0].offer == OFFER


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (
            '{"type":"queue.offer","ticket":"t-1","number":1,'
            '"description":{"type":"answer","sdp":"v=0"}}',
            "description must be an offer",
        ),
        ('{"type":"queue.offer","ticket":"t-1","number":0}', "number"),
        ('{"type":"queue.offer","number":1}', "ticket"),
        (
            '{"type":"queue.offer","ticket":"t-1","number":1,'
            '"description":{"type":"offer","sdp":""}}',
            "sdp",
        ),
    ],
)
def test_a_malformed_offer_is_refused_where_it_enters(raw: str, why: str) -> None:
    with pytest.raises(ProtocolError, match=why):
        p.parse_client_message(raw)
