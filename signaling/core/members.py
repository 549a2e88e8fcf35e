"""What the members of a call are told: their view of the call, who arrived, who is
online. Shared by calling.py and interpreter_desk.py, which both bring members in."""

from __future__ import annotations

from protocol import messages as p
from signaling.core.effects import Audit, Effect, Send
from signaling.core.room import Member, Room
from signaling.core.state import Core
from signaling.exceptions import NotAllowed


def member_of(core: Core, conn: str, call_id: str) -> tuple[Room, Member]:
    """The sender's room and member; one answer for "no such call" and "not yours", so
    that call ids cannot be probed."""
    room = core.room_book.rooms.get(call_id)
    member = room.member_by_conn(conn) if room else None
    if room is None or member is None:
        raise NotAllowed("not_found", f"you are not in call '{call_id}'")
    return room, member


#: (whose view, of whom): where the kiosk's offer sent ahead, and its number, are told.
CLERK_SEES_KIOSK = ("clerk", "kiosk")
KIOSK_SEES_CLERK = ("kiosk", "clerk")


def call_started(
    core: Core,
    room: Room,
    member: Member,
    offer_ahead: tuple[int, p.SessionDescription] | None = None,
) -> p.CallStarted:
    """``member``'s view of the call: who else is in it, and to whom *it* offers. The
    kiosk (aiortc, which cannot roll back an offer) offers to everyone; a browser offers
    to the browsers already there when it arrives, and never to the kiosk. Its TURN
    credentials are the member's own; :func:`renew_ice` replaces them in time.

    ``offer_ahead``, the kiosk's offer sent while it queued, goes to the clerk within the
    kiosk's entry, and its number back to the kiosk within the clerk's: the console can
    answer before it has drawn the call, and the kiosk knows not to offer again."""
    ice, policy = issue_ice(core, room, member)
    return p.CallStarted(
        call_id=room.call_id,
        you=member.member_id,
        agency=room.ticket.agency,
        language=room.ticket.language,
        peers=[
            peer(
                other,
                initiator=member.role == "kiosk" or other.role != "kiosk",
                offer=offer_ahead[1]
                if offer_ahead and (member.role, other.role) == CLERK_SEES_KIOSK
                else None,
                offer_given=offer_ahead[0]
                if offer_ahead and (member.role, other.role) == KIOSK_SEES_CLERK
                else None,
            )
            for other in room.members.values()
            if other is not member
        ],
        ice_servers=ice,
        ice_transport_policy=policy,
        interpreting=member.language if member.role == "interpreter" else None,
    )


def issue_ice(
    core: Core, room: Room, member: Member
) -> tuple[list[p.IceServer], p.IceTransportPolicy]:
    now = core.clock()
    ice, policy = core.ice.for_member(room.call_id, member.member_id, now)
    member.ice_renew_at = now + core.ice.turn_ttl_s / 2 if core.ice.uses_turn else None
    return ice, policy


def renew_ice(core: Core, now: float) -> list[Effect]:
    """Fresh TURN credentials for each online member whose own are half spent."""
    effects: list[Effect] = []
    for room in core.room_book.rooms.values():
        for member in room.members.values():
            due = member.ice_renew_at
            if member.conn is None or due is None or due > now:
                continue
            ice, policy = issue_ice(core, room, member)
            message = p.CallIce(call_id=room.call_id, ice_servers=ice, ice_transport_policy=policy)
            effects.append(Send(member.conn, message))
    return effects


def peer(
    member: Member,
    *,
    initiator: bool,
    offer: p.SessionDescription | None = None,
    offer_given: int | None = None,
) -> p.CallPeer:
    return p.CallPeer(
        member_id=member.member_id,
        role=member.role,
        initiator=initiator,
        language=member.language,
        offer=offer,
        offer_given=offer_given,
    )


def arrive(core: Core, room: Room, member: Member) -> list[Effect]:
    """Connect a member that joins a running call (or comes back without its media)
    with everyone else: its ``call.started``, and ``call.peer_joined`` to the others
    (only the kiosk offers to it)."""
    effects: list[Effect] = []
    if member.conn is not None:
        effects.append(Send(member.conn, call_started(core, room, member)))
        effects += links_of_others(room, member)
    for other in room.members.values():
        if other is not member and other.conn is not None:
            joined = peer(member, initiator=other.role == "kiosk")
            effects.append(Send(other.conn, p.PeerJoined(call_id=room.call_id, peer=joined)))
    return effects


def links_of_others(room: Room, member: Member) -> list[Effect]:
    """To ``member``, the link step of every other member whose link is not on full: it
    was not there when they changed (it arrived since, or its connection was down), and
    without them it would show a thin link as a good one and send it too much."""
    if member.conn is None:
        return []
    return [
        Send(member.conn, p.MemberQuality(call_id=room.call_id, member_id=other, step=step))
        for other, step in room.quality.items()
        if other != member.member_id and other in room.members and step != "full"
    ]


def others(room: Room, member: Member, message: p.Message) -> list[Effect]:
    """``message`` to every member but ``member`` that is online."""
    return [
        Send(other.conn, message)
        for other in room.members.values()
        if other is not member and other.conn is not None
    ]


def everyone(room: Room, message: p.Message) -> list[Effect]:
    return [Send(m.conn, message) for m in room.members.values() if m.conn is not None]


def served(room: Room, message: p.Message) -> list[Effect]:
    """To the kiosk and the clerk of the call (not its interpreters)."""
    return [
        Send(m.conn, message)
        for m in room.members.values()
        if m.role in ("kiosk", "clerk") and m.conn is not None
    ]


def presence(core: Core, room: Room, member: Member) -> list[Effect]:
    """Tell the other members that ``member`` went offline or came back."""
    online = member.conn is not None
    message = p.CallMember(call_id=room.call_id, member_id=member.member_id, online=online)
    action = "rejoined" if online else "dropped"
    audit = Audit(core.clock(), action, member.role, member.principal_id, room.call_id)
    return [audit, *others(room, member, message)]
