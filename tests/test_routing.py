"""Property-based tests of routing (hypothesis): whatever happens, in whatever order,
no customer is lost or offered to two clerks, queues are first-in-first-out within their
priority, and appointments are honoured."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from signaling.routing import (
    APPOINTMENT,
    TRANSFERRED,
    WALK_IN,
    ClerkStatus,
    Router,
    Ticket,
    estimate_wait,
)

AGENCIES = ("kela", "migri")
LANGUAGES = ("fi", "ar")
CLERKS = (1, 2, 3)


class RoutingMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.router = Router(
            offer_timeout_s=20, booked_window_s=60, language_routed=frozenset({"migri"})
        )
        self.now = 1000.0
        self.seq = 0
        self.waiting: set[str] = set()  # the model: tickets that must still be queued
        self.answered: set[str] = set()

    @rule(
        agency=st.sampled_from(AGENCIES),
        language=st.sampled_from(LANGUAGES),
        kind=st.sampled_from((WALK_IN, APPOINTMENT, TRANSFERRED)),
        slot_in=st.integers(-100, 200),
        booked=st.sampled_from((None, *CLERKS)),
    )
    def customer_arrives(
        self, agency: str, language: str, kind: int, slot_in: int, booked: int | None
    ) -> None:
        self.seq += 1
        ticket = Ticket(
            ticket=f"t{self.seq}",
            seq=self.seq,
            kiosk_id=self.seq,
            point_id=1,
            agency=agency,
            language=language,
            queued_at=self.now,
            priority=kind,
            not_before=self.now + slot_in if kind == APPOINTMENT else None,
            booked_clerk=booked if kind == APPOINTMENT else None,
        )
        self.router.add(ticket)
        self.waiting.add(ticket.ticket)

    @precondition(lambda self: self.waiting)
    @rule(data=st.data())
    def customer_leaves(self, data: st.DataObject) -> None:
        ticket = data.draw(st.sampled_from(sorted(self.waiting)))
        assert self.router.remove(ticket) is not None
        self.waiting.discard(ticket)

    @precondition(lambda self: self.waiting)
    @rule(data=st.data(), back=st.booleans())
    def kiosk_drops_or_returns(self, data: st.DataObject, back: bool) -> None:
        ticket = data.draw(st.sampled_from(sorted(self.waiting)))
        if back:
            self.router.release(ticket)
        else:
            self.router.hold(ticket)

    @rule(
        clerk=st.sampled_from(CLERKS),
        agencies=st.sets(st.sampled_from(AGENCIES), min_size=1),
        languages=st.sets(st.sampled_from(LANGUAGES), min_size=1),
    )
    def clerk_logs_in(self, clerk: int, agencies: set[str], languages: set[str]) -> None:
        self.router.seat(clerk, frozenset(agencies), frozenset(languages))

    @rule(clerk=st.sampled_from(CLERKS))
    def clerk_logs_out(self, clerk: int) -> None:
        self.router.unseat(clerk)

    @rule(clerk=st.sampled_from(CLERKS), available=st.booleans())
    def clerk_sets_status(self, clerk: int, available: bool) -> None:
        if clerk in self.router.seats:
            if available:
                self.router.set_available(clerk, self.now)
            else:
                self.router.set_away(clerk)

    @rule(seconds=st.integers(0, 90))
    def time_passes(self, seconds: int) -> None:
        self.now += seconds
        for offer in self.router.expire(self.now):
            assert offer.ticket in self.waiting

    @rule()
    def routing_runs(self) -> None:
        before = dict(self.router.offers)
        made = self.router.match(self.now)
        for offer in made:
            ticket = self.router.tickets[offer.ticket]
            seat = self.router.seats[offer.clerk_id]
            assert offer.ticket not in before
            assert self.router.may_serve(seat, ticket, self.now)
            # First in, first out within priority: nothing this clerk could have served
            # and that came earlier is left without an offer.
            for other in self.router.tickets.values():
                if other.order < ticket.order and self.router.may_serve(seat, other, self.now):
                    assert not self.router.eligible(other, self.now), (other, ticket)

    @precondition(lambda self: self.router.offers)
    @rule(data=st.data())
    def clerk_accepts(self, data: st.DataObject) -> None:
        offer = data.draw(
            st.sampled_from(sorted(self.router.offers.values(), key=lambda o: o.ticket))
        )
        ticket = self.router.accept(offer.clerk_id, offer.ticket)
        self.waiting.discard(ticket.ticket)
        self.answered.add(ticket.ticket)
        assert self.router.seats[offer.clerk_id].status is ClerkStatus.BUSY

    @invariant()
    def nobody_is_lost(self) -> None:
        assert set(self.router.tickets) == self.waiting
        assert not (self.waiting & self.answered)

    @invariant()
    def places_are_those_of_the_tickets_in_order(self) -> None:
        """The router keeps its queues' order between changes: after any change it must be
        what sorting the tickets afresh gives."""
        tickets = sorted(self.router.tickets.values(), key=lambda t: t.order)
        for ticket in tickets:
            key = self.router.queue_key(ticket)
            queue = [t for t in tickets if self.router.queue_key(t) == key]
            assert self.router.queue_of(key) == queue
            assert self.router.position(ticket.ticket) == (queue.index(ticket) + 1, len(queue))
        assert self.router.waiting_for(AGENCIES) == tickets
        for agency in AGENCIES:
            here = [t for t in tickets if (t.point_id, t.agency) == (1, agency)]
            assert self.router.waiting_at(1, agency) == len(here)

    @invariant()
    def one_offer_per_ticket_and_per_clerk(self) -> None:
        clerks = [o.clerk_id for o in self.router.offers.values()]
        assert len(clerks) == len(set(clerks))
        for ticket_id, offer in self.router.offers.items():
            assert ticket_id in self.router.tickets and ticket_id not in self.router.held
            assert self.router.seats[offer.clerk_id].status is ClerkStatus.OFFERED

    @invariant()
    def appointments_are_honoured(self) -> None:
        for ticket_id, offer in self.router.offers.items():
            ticket = self.router.tickets[ticket_id]
            if ticket.not_before is not None:
                assert ticket.not_before <= offer.expires_at - self.router.offer_timeout_s
                if ticket.booked_clerk is not None and (
                    offer.expires_at - self.router.offer_timeout_s
                    < ticket.not_before + self.router.booked_window_s
                ):
                    assert offer.clerk_id == ticket.booked_clerk


TestRouting = RoutingMachine.TestCase
TestRouting.settings = settings(max_examples=300, stateful_step_count=40, deadline=None)


def test_positions_count_only_the_own_queue() -> None:
    router = Router(language_routed=frozenset({"migri"}))
    for n, (agency, language) in enumerate(
        [("migri", "ar"), ("migri", "fi"), ("kela", "ar"), ("migri", "ar")], start=1
    ):
        router.add(Ticket(f"t{n}", n, n, 1, agency, language, 0.0))
    assert router.position("t4") == (2, 2)
    assert router.position("t3") == (1, 1)


def test_wait_estimate_is_a_range_that_grows_with_the_queue() -> None:
    assert estimate_wait(1, [300.0], clerks=0) is None
    assert estimate_wait(1, [], clerks=1, default_handling_s=600) == (0.0, 600.0)
    times = [200.0, 300.0, 400.0, 500.0]
    low3, high3 = estimate_wait(3, times, clerks=1) or (0, 0)
    low1, high1 = estimate_wait(1, times, clerks=1) or (0, 0)
    assert low3 < high3 and low3 > low1 and high3 > high1
    assert estimate_wait(3, times, clerks=2) == (low3 / 2, high3 / 2)


def test_a_clerk_back_with_other_agencies_is_offered_those() -> None:
    """A supervisor moved the clerk from Kela to Vero while their seat was kept (a call,
    another console): the seat takes the agencies they now have."""
    router = Router(language_routed=frozenset())
    router.seat(1, frozenset({"kela"}), frozenset({"fi"}))
    router.set_available(1, 0.0)
    router.add(Ticket("t1", 1, 1, 1, "vero", "fi", 0.0))
    assert router.match(1.0) == []
    seat = router.seat(1, frozenset({"vero"}), frozenset({"fi", "sv"}))
    assert (seat.agencies, seat.languages) == (frozenset({"vero"}), frozenset({"fi", "sv"}))
    assert [(o.ticket, o.clerk_id) for o in router.match(2.0)] == [("t1", 1)]
