"""The sans-I/O heart of the server, as the WebSocket hub drives it: events in, effects out.

The hub (signaling/hub.py) only authenticates, decodes, calls one of
:meth:`Switchboard.connect`, :meth:`Switchboard.handle`, :meth:`Switchboard.disconnect`
or :meth:`Switchboard.tick`, and carries out the returned effects: every storage effect of
the event in one transaction first, then the messages. This class is the dispatcher; the
decisions live in signaling/core/ (see its package docstring for who owns what).

An event is refused before anything changes (the handlers check first), and a fault in
the server while applying one to a call ends that call cleanly for everyone instead of
leaving it half-changed (the room's FAILED state).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from protocol import messages as p
from signaling import authz
from signaling.catalogue import Catalogue
from signaling.core import calling, interpreter_desk, kiosk_reports, members, queueing
from signaling.core.effects import Close, Effect, Send
from signaling.core.figures import LiveFigures, live_figures, live_view
from signaling.core.handlers import TABLE, Incoming, state_of
from signaling.core.presence import ClerkPrincipal, KioskPrincipal, Principal
from signaling.core.room import Member, Room, RoomEvent
from signaling.core.state import Core, Timing, random_id
from signaling.exceptions import NotAllowed
from signaling.ice import IcePolicy
from signaling.interpreting import InterpreterPool
from signaling.records import Appointment, LiveContact
from signaling.routing import ClerkStatus, Router

log = logging.getLogger(__name__)


class Switchboard:
    """Queues and calls of one server process."""

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        catalogue: Catalogue | None = None,
        ice: IcePolicy | None = None,
        new_id: Callable[[str], str] = random_id,
        timing: Timing | None = None,
    ) -> None:
        timing = timing or Timing()
        catalogue = catalogue or Catalogue()
        self.core = Core(
            clock=clock,
            new_id=new_id,
            timing=timing,
            catalogue=catalogue,
            ice=ice or IcePolicy(),
            router=Router(
                offer_timeout_s=timing.offer_timeout_s,
                booked_window_s=timing.booked_window_s,
            ),
            interpreters=InterpreterPool(timeout_s=timing.interpreter_timeout_s, new_id=new_id),
        )
        self.core.router.language_routed = self.core.language_routed()

    # --- set-up and queries --------------------------------------------------------------

    @property
    def timing(self) -> Timing:
        return self.core.timing

    @property
    def catalogue(self) -> Catalogue:
        return self.core.catalogue

    @property
    def router(self) -> Router:
        return self.core.router

    @property
    def interpreters(self) -> InterpreterPool:
        return self.core.interpreters

    @property
    def health(self) -> dict[int, tuple[p.KioskHealth, float]]:
        return self.core.kiosk_book.health

    def set_catalogue(self, catalogue: Catalogue) -> list[Effect]:
        """A supervisor changed agencies or hours: kiosks get the new list."""
        self.core.catalogue = catalogue
        self.core.router.language_routed = self.core.language_routed()
        return queueing.refresh_agency_lists(self.core, force=True)

    def seed_handling_times(self, times: dict[str, list[float]]) -> None:
        self.core.queue_book.handling = {a: list(values)[:20] for a, values in times.items()}

    def restore(self, contacts: Iterable[LiveContact]) -> None:
        """Rebuild queues and calls after a restart; every member is offline until it
        reconnects, and the grace periods start now."""
        core = self.core
        now = core.clock()
        for contact in contacts:
            ticket = contact.ticket
            core.queue_book.seq = max(core.queue_book.seq, ticket.seq)
            if contact.call_id is None:
                core.router.add(ticket)
                core.router.hold(ticket.ticket)
                core.queue_book.ticket_of_kiosk[ticket.kiosk_id] = ticket.ticket
                core.queue_book.offline_since[ticket.ticket] = now
                continue
            room = Room(contact.call_id, ticket, contact.answered_at or now)
            room.members = {
                "kiosk": Member("kiosk", "kiosk", ticket.kiosk_id, None, now),
                "clerk": Member("clerk", "clerk", contact.clerk_id or 0, None, now),
            }
            room.interpreter_language = contact.interpreter_language
            room.interpreter_seconds = contact.interpreter_seconds
            seat = contact.interpreter
            if seat is not None:
                room.members[seat.member_id] = Member(
                    seat.member_id,
                    "interpreter",
                    seat.clerk_id,
                    None,
                    now,
                    language=contact.interpreter_language,
                )
                room.interpreter_since[seat.member_id] = seat.since
                room.interpreters_joined = int(seat.member_id.rpartition("-")[2] or 1)
            room.apply(RoomEvent.MEMBER_OFFLINE, now)
            core.room_book.add(room)
        log.info(
            "restored %d queued and %d in calls",
            len(core.router.tickets),
            len(core.room_book.rooms),
        )

    def request_self_test(self, kiosk_id: int) -> list[Effect]:
        """An operator asks a kiosk for a self-test: now, or when it next connects."""
        return kiosk_reports.request_self_test(self.core, kiosk_id)

    def live_view(
        self,
        kiosks: list[tuple[int, str, str]],
        self_tests: dict[int, tuple[float, float, dict[str, str]]],
        agencies: frozenset[str] | None,
        point: str | None = None,
    ) -> dict[str, object]:
        """The dashboard's live page for a caller who sees ``agencies`` (None: all) at
        ``point`` (None: every point)."""
        return live_view(self.core, kiosks, self_tests, agencies, self.core.clock(), point)

    def live_figures(self) -> LiveFigures:
        """The live service at this moment, as operators see it (signaling/metrics.py)."""
        return live_figures(self.core, self.core.clock())

    def counts(self) -> dict[str, int]:
        kiosks, clerks = self.core.presence.counts()
        return {
            "kiosks": kiosks,
            "clerks": clerks,
            "queued": len(self.core.router.tickets),
            "calls": len(self.core.room_book.rooms),
        }

    def kiosk_online(self, kiosk_id: int) -> bool:
        return self.core.presence.kiosk_conn(kiosk_id) is not None

    def queue_order(self) -> list[tuple[int, str, int]]:
        """(kiosk id, agency, position) of every queued customer, for tests and benchmarks."""
        router = self.core.router
        return sorted(
            (t.kiosk_id, t.agency, router.position(t.ticket)[0]) for t in router.tickets.values()
        )

    # --- connections ---------------------------------------------------------------------

    def connect(self, conn: str, principal: Principal) -> list[Effect]:
        replaced = self.core.presence.add(conn, principal)
        effects: list[Effect] = []
        if replaced is not None:
            # One live connection per kiosk: the newer one wins (a restarted kiosk).
            effects.append(Close(replaced, "replaced by a newer connection of this kiosk"))
        if isinstance(principal, KioskPrincipal):
            asked = kiosk_reports.self_test_asked(self.core, principal.kiosk_id, conn)
            return effects + self._connect_kiosk(conn, principal) + asked
        if principal.role == "interpreter":
            return effects + self._connect_interpreter(conn, principal)
        return effects + self._connect_clerk(conn, principal)

    def _connect_kiosk(self, conn: str, kiosk: KioskPrincipal) -> list[Effect]:
        core = self.core
        agencies = queueing.agency_list(core, kiosk.point_id)
        # The first kiosk of its point is welcomed with the point's list: the next tick
        # need not send it again (a later kiosk may hold an older list: left to the tick).
        core.queue_book.sent_agencies.setdefault(kiosk.point_id, agencies)
        ticket_id = core.queue_book.ticket_of_kiosk.get(kiosk.kiosk_id)
        room = core.room_book.of("kiosk", kiosk.kiosk_id)
        if ticket_id is not None:
            queueing.kiosk_back(core, kiosk.kiosk_id)
            welcome = p.Welcome(
                role="kiosk",
                name=kiosk.point_name,
                agencies=agencies,
                resume="queued",
                turn_urls=core.ice.probe_urls,
            )
            return [
                Send(conn, welcome),
                *queueing.tell_place(core, core.router.tickets[ticket_id], conn),
                *queueing.match(core),
            ]
        if room is not None:
            effects = calling.member_back(core, room, room.members["kiosk"], conn)
            welcome = p.Welcome(
                role="kiosk",
                name=kiosk.point_name,
                agencies=agencies,
                resume="in_call",
                call_id=room.call_id,
                turn_urls=core.ice.probe_urls,
            )
            return [Send(conn, welcome), *effects]
        welcome = p.Welcome(
            role="kiosk", name=kiosk.point_name, agencies=agencies, turn_urls=core.ice.probe_urls
        )
        return [Send(conn, welcome)]

    def _rejoin_room(
        self, conn: str, principal: ClerkPrincipal
    ) -> tuple[Room | None, list[Effect]]:
        """A clerk's or interpreter's call, taken up by this connection if the call has
        no live connection of theirs (a reload, a restart) or only one from the same tab
        (its link dropped and it reconnected before the server noticed); another open tab
        keeps it."""
        room = self.core.room_book.of(principal.role, principal.clerk_id)
        if room is None:
            return None, []
        member = room.member_of(principal.role, principal.clerk_id)
        assert member is not None
        effects: list[Effect] = []
        if member.conn is not None:
            holder = self.core.presence.principal(member.conn)
            same_tab = (
                isinstance(holder, ClerkPrincipal)
                and bool(principal.tab)
                and holder.tab == principal.tab
            )
            if not same_tab:
                return None, []  # the call stays in the tab that has it
            # The same tab again: its old connection died with its link, unseen so far.
            effects.append(Close(member.conn, "replaced by a newer connection of this tab"))
        return room, effects + calling.member_back(self.core, room, member, conn)

    def _connect_clerk(self, conn: str, clerk: ClerkPrincipal) -> list[Effect]:
        core = self.core
        seat = core.router.seat(clerk.clerk_id, clerk.agencies, clerk.languages)
        room, presence = self._rejoin_room(conn, clerk)
        if core.room_book.of("clerk", clerk.clerk_id) is not None:
            seat.status = ClerkStatus.BUSY
        infos = [
            p.AgencyInfo(code=a.code, names=a.names, open=True)
            for a in core.catalogue.agencies.values()
            if a.code in clerk.agencies
        ]
        welcome = p.Welcome(
            role="clerk",
            name=clerk.display_name,
            agencies=infos,
            resume="in_call" if room else "none",
            call_id=room.call_id if room else None,
        )
        effects: list[Effect] = [
            Send(conn, welcome),
            Send(conn, p.ClerkState(status=seat.status.value)),
            Send(conn, queueing.snapshot_for(core, clerk.agencies)),
        ]
        offer = core.router.offer_of(clerk.clerk_id)
        if offer is not None:
            effects.append(Send(conn, queueing.offer_message(core, offer)))
        return effects + presence

    def _connect_interpreter(self, conn: str, interpreter: ClerkPrincipal) -> list[Effect]:
        core = self.core
        desk = core.interpreters.seat(interpreter.clerk_id, interpreter.languages)
        if core.room_book.of("interpreter", interpreter.clerk_id) is not None:
            desk.in_call = True  # e.g. back after a server restart
        room, presence = self._rejoin_room(conn, interpreter)
        welcome = p.Welcome(
            role="interpreter",
            name=interpreter.display_name,
            # Every agency's name, so that invitations can say whose customer it is.
            agencies=[
                p.AgencyInfo(code=a.code, names=a.names, open=True)
                for a in core.catalogue.agencies.values()
            ],
            resume="in_call" if room else "none",
            call_id=room.call_id if room else None,
        )
        effects: list[Effect] = [
            Send(conn, welcome),
            *queueing.status_of(core, interpreter.clerk_id),
        ]
        effects += [
            Send(conn, interpreter_desk.invitation_message(invitation, request))
            for invitation, request in core.interpreters.invitations_of(interpreter.clerk_id)
        ]
        return effects + presence

    def disconnect(self, conn: str) -> list[Effect]:
        core = self.core
        principal = core.presence.remove(conn)
        if principal is None:
            return []  # unknown, or a kiosk connection already replaced by a newer one
        effects: list[Effect] = []
        if isinstance(principal, KioskPrincipal):
            effects += queueing.kiosk_gone(core, principal.kiosk_id)
            room = core.room_book.of("kiosk", principal.kiosk_id)
            if room is not None and room.members["kiosk"].conn == conn:
                effects += calling.member_gone(core, room, room.members["kiosk"])
            return effects
        room = core.room_book.of(principal.role, principal.clerk_id)
        if room is not None:
            member = room.member_of(principal.role, principal.clerk_id)
            if member is not None and member.conn == conn:
                effects += calling.member_gone(core, room, member)
        if core.presence.is_clerk_online(principal.clerk_id):
            return effects
        if principal.role == "interpreter":
            if room is None:
                core.interpreters.unseat(principal.clerk_id)  # nobody left to tell
            return effects
        if core.router.unseat(principal.clerk_id) is not None:
            effects += queueing.match(core)
        return effects

    # --- messages ------------------------------------------------------------------------

    def handle(
        self, conn: str, message: p.ClientMessage, *, appointment: Appointment | None = None
    ) -> list[Effect]:
        """Apply one client message: validated (decoded by the hub), authorised (the
        table), decided (the handler); a refused message yields an error reply and no
        change. A message from a connection that is gone (replaced) is dropped."""
        core = self.core
        principal = core.presence.principal(conn)
        if principal is None:
            return []
        try:
            authz.check(message.type, principal.role, state_of(core, principal))
            permit = TABLE[message.type][principal.role]
            return permit.handler(core, Incoming(conn, principal, message, appointment))
        except NotAllowed as refused:
            error = p.Error(code=refused.code, message=refused.message, in_reply_to=message.type)
            return [Send(conn, error)]
        except Exception:
            log.exception("fault handling %s from %s", message.type, conn)
            return self._fault(conn, principal, message)

    def _fault(self, conn: str, principal: Principal, message: p.ClientMessage) -> list[Effect]:
        """A bug met while applying ``message``: the sender's call (if any) ends cleanly for
        everyone, and the sender is told; nothing is left half-changed in a call."""
        core = self.core
        role, principal_id = (
            ("kiosk", principal.kiosk_id)
            if isinstance(principal, KioskPrincipal)
            else (principal.role, principal.clerk_id)
        )
        room = core.room_book.of(role, principal_id)
        effects = calling.fail_call(core, room) if room is not None and room.live else []
        error = p.Error(
            code="server_error",
            message="the server could not apply this message",
            in_reply_to=message.type,
        )
        return [*effects, Send(conn, error)]

    # --- time ----------------------------------------------------------------------------

    def tick(self) -> list[Effect]:
        """Apply what time alone changes: expired offers and grace periods, requests for
        interpreters nobody took, agencies that closed, and the kiosks' agency lists."""
        core = self.core
        now = core.clock()
        effects = queueing.expire(core, now)
        effects += interpreter_desk.expire(core, now)
        effects += calling.expire(core, now)
        effects += members.renew_ice(core, now)
        effects += queueing.match(core)
        effects += queueing.refresh_agency_lists(core)
        return effects
