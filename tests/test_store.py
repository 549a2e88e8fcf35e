"""The store on SQLite and on a real PostgreSQL server: the same behaviour on both."""

from __future__ import annotations

import hashlib
import hmac
import stat
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from signaling import codes
from signaling.exceptions import StoreError
from signaling.records import InterpreterSeat, LiveContact, TransactionRecord
from signaling.routing import APPOINTMENT, Ticket
from signaling.store import Store

MONDAY_NOON_HELSINKI = datetime(2026, 11, 23, 10, 0, tzinfo=UTC).timestamp()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    s.add_point("Nurmes")
    s.add_point("Lieksa")
    s.add_agency("kela", {"fi": "Kela", "sv": "FPA"})
    s.add_agency("migri", {"fi": "Migri"}, routes_by_language=True)
    yield s
    s.close()


def test_migrations_are_idempotent(store: Store) -> None:
    assert store.migrate() == store.migrate()
    assert [a.code for a in store.agencies()] == ["kela", "migri"]
    assert store.agencies()[1].routes_by_language


def test_hours_exceptions_and_pilots_make_the_catalogue(store: Store) -> None:
    for weekday in range(5):
        store.add_hours("Nurmes", "kela", weekday, "09:00", "16:00")
    store.add_hours("Nurmes", "kela", 1, "08:00", "18:00", "2026-11-01", "2027-01-31")
    store.add_exception("2026-12-24", agency="kela", note="Christmas Eve")
    store.add_hours("Lieksa", "migri", 3, "09:00", "12:00")
    catalogue = store.load_catalogue()
    assert set(catalogue.schedules) == {(1, "kela"), (2, "migri")}
    assert catalogue.points == {1: "Nurmes", 2: "Lieksa"}
    assert catalogue.is_open(1, "kela", MONDAY_NOON_HELSINKI)
    assert not catalogue.is_open(2, "migri", MONDAY_NOON_HELSINKI)
    tuesday_5pm = datetime(2026, 11, 24, 15, 0, tzinfo=UTC).timestamp()  # 17:00 in Helsinki
    assert catalogue.is_open(1, "kela", tuesday_5pm), "the extended-hours pilot"
    christmas_eve = datetime(2026, 12, 24, 10, 0, tzinfo=UTC).timestamp()
    assert not catalogue.is_open(1, "kela", christmas_eve)
    [kela] = [s for s in catalogue.at_point(1, christmas_eve) if s.agency.code == "kela"]
    assert kela.next_opening == datetime(2026, 12, 25, 7, 0, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Nurmes", "kela", 7, "09:00", "16:00"), "weekday"),
        (("Nurmes", "kela", 0, "16:00", "09:00"), "before closing"),
        (("Nurmes", "kela", 0, "9am", "16:00"), "HH:MM"),
        (("Nurmes", "tulli", 0, "09:00", "16:00"), "no agency"),
        (("Kitee", "kela", 0, "09:00", "16:00"), "no service point"),
    ],
)
def test_bad_hours_are_refused_clearly(
    store: Store, args: tuple[str, str, int, str, str], message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        store.add_hours(*args)


def test_kiosk_tokens_and_sessions_are_stored_as_digests(store: Store) -> None:
    token = store.add_kiosk("Nurmes", "nurmes-1")
    kiosk = store.kiosk_by_token(token)
    assert kiosk is not None and (kiosk.label, kiosk.point_name) == ("nurmes-1", "Nurmes")
    assert store.kiosk_by_token(token + "x") is None
    new = store.rotate_kiosk_token("nurmes-1")
    assert store.kiosk_by_token(token) is None and store.kiosk_by_token(new) is not None
    with pytest.raises(StoreError, match="cannot add kiosk"):
        store.add_kiosk("Nurmes", "nurmes-1")

    clerk_id = store.add_clerk("anna", "pw-1234", "Anna", ["kela", "migri"], ["fi", "ar"])
    clerk = store.verify_clerk("anna", "pw-1234")
    assert clerk is not None and clerk.languages == {"fi", "ar"} and clerk.role == "clerk"
    assert store.verify_clerk("anna", "wrong") is None
    assert store.verify_clerk("nobody", "pw-1234") is None
    session = store.create_session(clerk_id, expires_at=2000.0)
    assert store.clerk_by_session(session, now=1999.0) is not None
    assert store.clerk_by_session(session, now=2000.0) is None, "sessions expire"
    store.delete_session(session)
    assert store.clerk_by_session(session, now=0.0) is None
    with pytest.raises(StoreError, match="role"):
        store.add_clerk("bob", "pw-1234", "Bob", ["kela"], role="root")


def test_appointments_by_code(store: Store) -> None:
    store.add_clerk("anna", "pw-1234", "Anna", ["kela"])
    code = store.add_appointment("Nurmes", "kela", 5000.0, "sv", "anna")
    assert len(code) == 8 and code.isdigit()
    booking = store.appointment_by_code(code)
    assert booking is not None
    assert (booking.agency, booking.language, booking.starts_at, booking.status) == (
        "kela",
        "sv",
        5000.0,
        "booked",
    )
    store.set_appointment_status(booking.appointment_id, "arrived")
    again = store.appointment_by_code(code)
    assert again is not None and again.status == "arrived"
    assert store.appointment_by_code("00000000") is None or code == "00000000"


def test_a_copy_of_the_database_does_not_give_away_appointment_codes(
    store: Store, db_url: str
) -> None:
    """Stored is an HMAC under a key kept in a file of its own (0600), not a plain hash of
    eight digits that anyone with the database reverses in a second."""
    code = store.add_appointment("Nurmes", "kela", 5000.0, "fi")
    (digest, scheme) = store.db.one("SELECT code_digest, code_scheme FROM appointments")
    assert scheme == "hmac-sha256"
    assert digest != hashlib.sha256(code.encode()).hexdigest()
    key_file = codes.key_file_for(db_url)
    assert key_file is not None and key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert code not in key_file.read_text()
    key = bytes.fromhex(key_file.read_text())
    assert digest == hmac.new(key, code.encode(), hashlib.sha256).hexdigest()
    # Another process on the same database (the admin CLI beside a server) uses the
    # same key, so a code it books is found by the server.
    other = Store(db_url)
    try:
        found = other.appointment_by_code(code)
        assert found is not None and found.agency == "kela"
    finally:
        other.close()


def test_codes_booked_before_keying_are_still_found(store: Store) -> None:
    store.db.insert(
        "INSERT INTO appointments (code_digest, point_id, agency_id, language, starts_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            hashlib.sha256(b"12345678").hexdigest(),
            store.point_id("Nurmes"),
            store.agency_id("kela"),
            "fi",
            1.0,
        ),
    )
    found = store.appointment_by_code("12345678")
    assert found is not None and found.agency == "kela"


def test_live_contacts_survive_and_finish_exactly_once(store: Store) -> None:
    kiosk = store.kiosk_by_token(store.add_kiosk("Nurmes", "k1"))
    assert kiosk is not None
    tickets = [
        Ticket(
            f"t{n}",
            seq=n,
            kiosk_id=kiosk.kiosk_id,
            point_id=1,
            agency="kela",
            language="fi",
            queued_at=100.0 + n,
        )
        for n in (3, 1, 2)
    ]
    for ticket in tickets:
        store.save_contact(LiveContact(ticket))
    booked = Ticket(
        "t9",
        9,
        kiosk.kiosk_id,
        1,
        "kela",
        "fi",
        200.0,
        priority=APPOINTMENT,
        not_before=250.0,
        booked_clerk=None,
        appointment_id=None,
        interpreter="fse",
    )
    in_call = LiveContact(
        booked,
        call_id="c1",
        clerk_id=None,
        answered_at=260.0,
        interpreter=InterpreterSeat(7, "interpreter-2", 300.0),
        interpreter_language="fse",
        interpreter_seconds=12.5,
    )
    store.save_contact(in_call)
    restored = store.live_contacts()
    assert [c.ticket.ticket for c in restored] == ["t1", "t2", "t3", "t9"], "in arrival order"
    assert restored[-1] == in_call, "a call with its interpreter comes back whole"
    assert store.max_seq() == 9

    tx = TransactionRecord(
        "t9", "c1", 1, kiosk.kiosk_id, "kela", None, "fi", None, 200.0, 260.0, 560.0, "handled"
    )
    store.finish_contact(tx)
    assert [c.ticket.ticket for c in store.live_contacts()] == ["t1", "t2", "t3"]
    assert store.transactions() == [tx]
    with pytest.raises(StoreError):
        store.finish_contact(tx)
    assert store.transactions() == [tx], "a second finish neither counts twice nor loses"
    assert [c.ticket.ticket for c in store.live_contacts()] == ["t1", "t2", "t3"]
    assert store.recent_handling_times("kela") == [300.0]


def test_unsupported_database_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="unsupported database URL"):
        Store("mysql://localhost/x")


def test_demo_seeding_is_repeatable_and_adds_the_interpreter_to_older_databases(
    db_url: str,
) -> None:
    from signaling.demo_data import INTERPRETER_USERNAME, seed_demo

    store = Store(db_url)
    first = seed_demo(store)
    store.db.execute(
        "DELETE FROM clerk_languages WHERE clerk_id IN (SELECT id FROM clerks WHERE username = ?)",
        (INTERPRETER_USERNAME,),
    )
    store.db.execute("DELETE FROM clerks WHERE username = ?", (INTERPRETER_USERNAME,))
    second = seed_demo(store)  # a demo database from before interpreters existed
    found = store.password_hash(INTERPRETER_USERNAME)
    assert found is not None
    interpreter = store.clerk(found[0])
    assert interpreter is not None and interpreter.role == "interpreter"
    assert "fse" in interpreter.languages
    assert len(store.agencies()) == 10, "nothing seeded twice"
    assert first.kiosk_token != second.kiosk_token, "a fresh kiosk token each run"
    store.close()


def test_a_point_with_a_bad_time_zone_cannot_stop_the_others(store: Store) -> None:
    """Issue 12: one point's invalid zone (written before zones were checked, or by hand)
    made every tick fail for every agency. It now serves nobody and the rest go on."""
    from signaling.switchboard import Switchboard
    from tests.support.board import Clock, kiosk

    for point in ("Nurmes", "Lieksa"):  # the fixture's points and its agency kela
        for weekday in range(7):
            store.add_hours(point, "kela", weekday, "00:00", "24:00")
    store.db.execute("UPDATE service_points SET timezone = 'Mars/Olympus' WHERE name = 'Lieksa'")
    catalogue = store.load_catalogue()
    nurmes, lieksa = store.point_id("Nurmes"), store.point_id("Lieksa")
    assert (nurmes, "kela") in catalogue.schedules
    assert (lieksa, "kela") not in catalogue.schedules
    board = Switchboard(clock=Clock(), catalogue=catalogue)
    board.connect("k1", kiosk(1))  # kiosk(1) stands at point 1, Nurmes
    for _ in range(3):
        board.tick()  # no exception: the clock goes on
    agencies = board.core.catalogue.at_point(nurmes, Clock()())
    assert [a.agency.code for a in agencies if a.open] == ["kela"]


def test_withdrawn_credentials_move_the_marker_and_stop_standing(store: Store) -> None:
    from signaling import auth

    kiosk_token = store.add_kiosk("Nurmes", "k1")
    store.add_clerk("anna", "pw-1234", "Anna", ["kela"])
    anna = store.clerk_id("anna")
    sessions = [store.create_session(anna, 9e9) for _ in range(2)]
    digests = [auth.token_digest(t) for t in (kiosk_token, *sessions)]
    assert store.standing_credentials(digests, 1.0) == set(digests)
    marker = store.credentials_marker()

    store.delete_session(sessions[0])
    assert store.credentials_marker() > marker
    assert store.standing_credentials(digests, 1.0) == {digests[0], digests[2]}
    marker = store.credentials_marker()
    store.rotate_kiosk_token("k1")
    assert store.credentials_marker() > marker
    assert store.standing_credentials(digests, 1.0) == {digests[2]}
    store.disable_clerk("anna")
    assert store.standing_credentials(digests, 1.0) == set()
    assert store.password_hash("anna") is None, "a disabled account cannot log in"
    assert store.clerk_by_session(store.create_session(anna, 9e9), 1.0) is None
    store.reset_password("anna", "a-new-password-1")
    assert store.verify_clerk("anna", "a-new-password-1") is not None, "a reset re-enables"
    assert store.standing_credentials(digests, 9e9 + 1) == set(), "expired sessions do not stand"


def test_the_report_is_counted_by_the_database_in_each_points_own_hours(store: Store) -> None:
    """Store.usage on both engines, shaped by reports.usage: a contact at 09:59:59.6 in
    Nurmes (summer time, UTC+3) and one at 10:00 in a point on Swedish time (UTC+2) are
    each counted in their own local hour; waits, interpreting and feedback as well."""
    from signaling.supervisor import reports

    store.add_point("Haparanda", "Europe/Stockholm")
    points = {name: i for i, name, _tz in store.points()}
    summer_0959 = datetime(2026, 6, 15, 6, 59, 59, 600000, tzinfo=UTC).timestamp()
    stockholm_10 = datetime(2026, 6, 15, 8, 0, tzinfo=UTC).timestamp()
    kiosk = store.kiosk_by_token(store.add_kiosk("Nurmes", "k1"))
    assert kiosk is not None

    def contact(n: int, point: str, at: float, wait: float | None, **extra: object) -> None:
        store.finish_contact(
            TransactionRecord(
                f"t{n}",
                f"c{n}",
                points[point],
                kiosk.kiosk_id,
                "kela",
                None,
                "fi",
                extra.get("interpreter"),
                at,
                None if wait is None else at + wait,
                at + 600,  # type: ignore[arg-type]
                "handled" if wait is not None else "abandoned",
                interpreter_seconds=float(extra.get("seconds", 0.0)),  # type: ignore[arg-type]
            )
        )

    contact(1, "Nurmes", summer_0959, 30, interpreter="fse", seconds=300)
    contact(2, "Haparanda", stockholm_10, 90)
    contact(3, "Nurmes", summer_0959 + 3600, None)
    contact(4, "Nurmes", summer_0959 + 86400 * 30, 10)  # outside the period
    store.add_feedback(points["Nurmes"], "kela", 5, None, summer_0959 + 700)
    store.add_feedback(points["Nurmes"], "kela", 2, "wait", summer_0959 + 800)
    period = (summer_0959 - 3600, summer_0959 + 86400)
    report = reports.usage(store.usage(*period), store.points())
    assert report["by_hour"] == {"9": 1, "10": 2}, "each point's own local hour"
    assert report["by_point"] == {"Nurmes": 2, "Haparanda": 1}
    assert report["by_outcome"] == {"handled": 2, "abandoned": 1}
    assert report["contacts"] == 3 and report["median_wait_s"] == 90
    assert report["interpreting"] == {"fse": {"calls": 1, "minutes": 5.0}}
    assert report["feedback"] == {"kela": {"count": 2, "mean": 3.5}}
    assert report["feedback_reasons"] == {"wait": 1}
    assert reports.usage(store.usage(*period, ["vero"]), store.points())["contacts"] == 0


def test_a_coordinator_belongs_to_one_point_and_nobody_else_does(store: Store) -> None:
    store.add_clerk("kaisa", "a-long-passphrase-1", "Kaisa", [], role="coordinator", point="Lieksa")
    assert store.clerk(store.clerk_id("kaisa")).point == "Lieksa"  # type: ignore[union-attr]
    with pytest.raises(StoreError, match="only a coordinator"):
        store.add_clerk("anna", "a-long-passphrase-2", "Anna", ["kela"], point="Nurmes")
    with pytest.raises(StoreError, match="only a coordinator"):
        store.add_clerk("kalle", "a-long-passphrase-3", "Kalle", [], role="coordinator")
    with pytest.raises(StoreError, match="name no agency"):
        store.add_clerk("ville", "a-long-passphrase-4", "V", ["kela"], role="coordinator",
                        point="Nurmes")  # fmt: skip
    with pytest.raises(StoreError, match="no service point"):
        store.add_clerk("pekka", "a-long-passphrase-5", "P", [], role="coordinator", point="Oulu")
