"""The authorisation table walked in full: every message, from every role, in every state.

A role the table never allows gets ``forbidden``; an allowed role in another state gets
``invalid_state``; an allowed role in an allowed state gets past the table (and then
either succeeds or meets an object check such as "not your ticket"). Also: the table in
docs/security.md is the table in the code, and nobody reaches another call's data.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from protocol import messages as p
from signaling import authz
from signaling.core.effects import Send
from signaling.switchboard import Switchboard
from tests.support.board import catalogue, clerk, interpreter, kiosk, only, sent

DOCS = Path(__file__).parents[1] / "docs" / "security.md"
STATES = {
    "kiosk": [authz.S.IDLE, authz.S.QUEUED, authz.S.IN_CALL],
    "clerk": [authz.S.IDLE, authz.S.OFFERED, authz.S.IN_CALL],
    "interpreter": [authz.S.IDLE, authz.S.OFFERED, authz.S.IN_CALL],
}


class World:
    """A switchboard with one kiosk (k1), one clerk (c1) and one interpreter (i1), put
    into the states asked (for the interpreter: invited to, or in, the call of k1 and c1)."""

    def __init__(self, role: str, state: authz.SenderState) -> None:
        counter = itertools.count(1)
        self.board = Switchboard(
            clock=lambda: 1795464000.0,
            catalogue=catalogue(),
            new_id=lambda prefix: f"{prefix}{next(counter)}",
        )
        self.board.connect("k1", kiosk(1))
        self.board.connect("c1", clerk(1, "kela", "vero"))
        self.board.connect("i1", interpreter(9, "ru"))
        self.ticket, self.call, self.invitation = "t-none", "c-none", "i-none"
        if role == "interpreter" and state is not authz.S.IDLE:
            state = authz.S.IN_CALL  # the interpreter's call needs kiosk and clerk in one
            self.board.handle("i1", p.ClerkStatusSet(status="available"))
        wants_queue = state in (authz.S.QUEUED, authz.S.OFFERED, authz.S.IN_CALL)
        if wants_queue:
            joined = self.board.handle("k1", p.QueueJoin(agency="kela", language="fi"))
            self.ticket = only(joined, "k1", p.QueueStatus).ticket
        if state in (authz.S.OFFERED, authz.S.IN_CALL):
            self.board.handle("c1", p.ClerkStatusSet(status="available"))
        if state is authz.S.IN_CALL:
            started = self.board.handle("c1", p.CallAccept(ticket=self.ticket))
            self.call = only(started, "c1", p.CallStarted).call_id
        if role == "interpreter" and state is authz.S.IN_CALL:
            asked = self.board.handle("c1", p.InterpreterRequest(call_id=self.call, language="ru"))
            self.invitation = only(asked, "i1", p.Invitation).invitation
        self.conn = {"kiosk": "k1", "clerk": "c1", "interpreter": "i1"}[role]
        self.other = "clerk" if role == "kiosk" else "kiosk"
        self.role = role

    def enter(self, state: authz.SenderState) -> None:
        """The interpreter's last step: accept the invitation (IN_CALL)."""
        if self.role == "interpreter" and state is authz.S.IN_CALL:
            self.board.handle("i1", p.InvitationAccept(invitation=self.invitation))

    def message(self, message_type: str) -> p.Message:
        offer = p.SessionDescription(type="offer", sdp="v=0")
        return {
            "queue.join": p.QueueJoin(agency="vero", language="fi"),
            "queue.leave": p.QueueLeave(),
            "queue.offer": p.QueueOffer(ticket=self.ticket, number=1, description=offer),
            "clerk.status": p.ClerkStatusSet(status="away"),
            "call.accept": p.CallAccept(ticket=self.ticket),
            "call.decline": p.CallDecline(ticket=self.ticket),
            "call.transfer": p.CallTransfer(call_id=self.call, agency="vero"),
            "call.end": p.CallEnd(call_id=self.call),
            "call.media": p.CallMediaState(call_id=self.call, peer=self.other, state="connected"),
            "call.quality": p.CallQuality(call_id=self.call, step="stills"),
            "call.document": p.CallDocument(call_id=self.call, bytes=1000),
            "feedback": p.Feedback(call_id=self.call, score=5),
            "kiosk.health": p.KioskHealth(
                camera="ok", microphone="ok", speaker="ok", document_camera="ok", version="1"
            ),
            "kiosk.self_test": p.KioskSelfTest(
                results={"server": "ok"}, started_at=1.0, took_s=0.5
            ),
            "interpreter.request": p.InterpreterRequest(call_id=self.call, language="ru"),
            "interpreter.cancel": p.InterpreterCancel(call_id=self.call),
            "invitation.accept": p.InvitationAccept(invitation=self.invitation),
            "invitation.decline": p.InvitationDecline(invitation=self.invitation),
            "call.leave": p.CallLeave(call_id=self.call),
            "chat.send": p.ChatSend(call_id=self.call, text="hello"),
            "chat.draft": p.ChatDraftSend(call_id=self.call, text="hel"),
            "call.rejoin": p.CallRejoin(call_id=self.call),
            "signal": p.SignalOut(call_id=self.call, to=self.other, description=offer),
            "ping": p.Ping(seq=1),
        }[message_type]


CASES = [
    (message_type, role, state)
    for message_type in authz.RULES
    for role in authz.ROLES
    for state in STATES[role]
]


@pytest.mark.parametrize(
    ("message_type", "role", "state"), CASES, ids=[f"{m}-{r}-{s.value}" for m, r, s in CASES]
)
def test_every_message_from_every_role_in_every_state(
    message_type: str, role: str, state: authz.SenderState
) -> None:
    world = World(role, state)
    world.enter(state)
    effects = world.board.handle(world.conn, world.message(message_type))  # type: ignore[arg-type]
    errors = [m for m in sent(effects, world.conn) if isinstance(m, p.Error)]
    allowed = authz.RULES[message_type]
    if role not in allowed:
        assert [e.code for e in errors] == ["forbidden"]
        assert len(effects) == 1, "a refused message changes nothing and tells nobody else"
    elif state not in allowed[role]:
        assert [e.code for e in errors] == ["invalid_state"]
        assert len(effects) == 1
    else:  # past the table: success, or an object check such as "not your call"
        assert not {e.code for e in errors} & {"forbidden", "invalid_state"}, errors


def test_docs_show_the_table_in_the_code() -> None:
    assert authz.markdown_table() in DOCS.read_text()


def test_nobody_reaches_another_calls_data() -> None:
    counter = itertools.count(1)
    board = Switchboard(
        clock=lambda: 1795464000.0,
        catalogue=catalogue(),
        new_id=lambda prefix: f"{prefix}{next(counter)}",
    )
    calls = []
    for n in (1, 2):
        board.connect(f"k{n}", kiosk(n))
        board.connect(f"c{n}", clerk(n, "kela"))
        board.handle(f"c{n}", p.ClerkStatusSet(status="available"))
        joined = board.handle(f"k{n}", p.QueueJoin(agency="kela", language="fi"))
        offer = next(
            m for e in joined if isinstance(e, Send) and isinstance(m := e.message, p.CallOffer)
        )
        clerk_conn = next(
            e.conn for e in joined if isinstance(e, Send) and isinstance(e.message, p.CallOffer)
        )
        started = board.handle(clerk_conn, p.CallAccept(ticket=offer.entry.ticket))
        calls.append(
            next(
                e.message.call_id
                for e in started
                if isinstance(e, Send) and isinstance(e.message, p.CallStarted)
            )
        )
    offer_sdp = p.SessionDescription(type="offer", sdp="v=0")
    for intruder in ("k1", "c1"):
        for message in (
            p.SignalOut(call_id=calls[1], to="clerk", description=offer_sdp),
            p.SignalOut(call_id=calls[1], to="kiosk", description=offer_sdp),
            p.CallEnd(call_id=calls[1]),
            p.CallMediaState(call_id=calls[1], peer="kiosk", state="failed"),
        ):
            effects = board.handle(intruder, message)
            assert [e.conn for e in effects if isinstance(e, Send)] == [intruder]
            error = effects[0].message  # type: ignore[union-attr]
            assert isinstance(error, p.Error) and error.code == "not_found"
            assert calls[1] not in error.message or "not in call" in error.message
    assert board.counts()["calls"] == 2
