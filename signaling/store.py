"""Durable facts in SQL: catalogue, kiosks, clerks, sessions, appointments, live contacts
and transactions. SQLite by default, PostgreSQL by URL (signaling.db).

Every method is synchronous and short. The server calls them through :meth:`Store.call`,
which runs them one at a time on the store's own thread, so neither SQLite's fsync nor a
PostgreSQL round trip ever blocks the event loop; the CLI and tests call them directly.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from signaling import auth, codes
from signaling.catalogue import AgencyEntry, Catalogue
from signaling.core.effects import (
    AppointmentUsed,
    Audit,
    FinishContact,
    SaveContact,
    SaveFeedback,
    SaveSelfTest,
    StorageEffect,
)
from signaling.db import Database, IntegrityError, redact
from signaling.exceptions import SchemaTooNew, StoreError
from signaling.hours import HoursException, Schedule, WeeklyHours, known_zone, parse_time
from signaling.migrations import MIGRATIONS
from signaling.problems import ProblemCode
from signaling.records import Appointment, InterpreterSeat, LiveContact, TransactionRecord
from signaling.roles import parse_role
from signaling.routing import Ticket

T = TypeVar("T")
#: The report's time slots (s): every time zone's offset is a multiple of 15 minutes.
SLOT_S = 900


@dataclass(frozen=True)
class UsageFigures:
    """What the database counted for a report (Store.usage; reports.py shapes it)."""

    #: (agency, point id, outcome, slot = floor(queued_at / SLOT_S), contacts)
    slots: list[tuple[str, int, str, int, int]]
    median_wait_s: float | None
    #: (language, calls, seconds)
    interpreting: list[tuple[str, int, float]]
    #: (agency, ratings, mean score)
    feedback: list[tuple[str, int, float]]
    #: (reason, count)
    reasons: list[tuple[str, int]]
    wait_p90_s: float | None = None
    median_handling_s: float | None = None
    #: documents handed in during the period's contacts
    documents: int = 0


#: How appointment codes are stored now (signaling/codes.py).
CODE_SCHEME = "hmac-sha256"
log = logging.getLogger(__name__)
#: Unambiguous letters and digits for codes a person types (no 0/O, 1/I/L).
ENROLMENT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ENROLMENT_VALID_S = 15 * 60.0


@dataclass(frozen=True)
class KioskRow:
    kiosk_id: int
    label: str
    point_id: int
    point_name: str


@dataclass(frozen=True)
class AppointmentRow:
    """A booked appointment as staff see it: where, for which agency, when, in which
    language, and whether it is still ``booked``, has ``arrived``, or was ``cancelled``."""

    appointment_id: int
    point: str
    agency: str
    language: str
    starts_at: float
    status: str


@dataclass(frozen=True)
class ClerkRow:
    clerk_id: int
    username: str
    display_name: str
    agencies: frozenset[str]
    languages: frozenset[str]
    role: str = "clerk"
    #: A coordinator's service point (its name); None for everyone else.
    point: str | None = None


class Store:
    """All SQL of the server; one instance per process."""

    def __init__(self, db_url: str, *, migrate: bool = True) -> None:
        """``migrate``: bring the schema up to date now; a server node does it only once
        it leads (signaling/leadership.py), so that a standby never changes the schema
        under the leader."""
        self.db = Database(db_url)
        self.url = redact(db_url)
        self._db_url = db_url
        self._code_key: bytes | None = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        self._busy_since: float | None = None
        #: Told each call's duration, on the store's thread (signaling/metrics.py).
        self.on_statement: Callable[[float], None] = lambda seconds: None
        if migrate:
            self.migrate()

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run one store method on the store's thread (from async code)."""
        return await asyncio.get_running_loop().run_in_executor(
            self._thread, self._timed, fn, *args
        )

    def _timed(self, fn: Callable[..., T], *args: Any) -> T:
        self._busy_since = started = time.monotonic()
        try:
            return fn(*args)
        finally:
            self._busy_since = None
            self.on_statement(time.monotonic() - started)

    def stalled_s(self) -> float:
        """How long the store's current call has been running: a database that does not
        answer, as opposed to a queue of calls that each finish (a fleet reconnecting)."""
        since = self._busy_since
        return 0.0 if since is None else time.monotonic() - since

    def close(self) -> None:
        self._thread.shutdown(wait=True)
        self.db.close()

    def apply(self, effects: Sequence[StorageEffect]) -> None:
        """Write every storage effect of one event in one transaction: after a crash the
        database holds all of the event or none of it (never a transfer's ended call
        without the customer's new place in the queue)."""
        with self.db.transaction():
            for effect in effects:
                self._apply_one(effect)

    def _apply_one(self, effect: StorageEffect) -> None:
        match effect:
            case SaveContact(contact):
                self.save_contact(contact)
            case FinishContact(record):
                self.finish_contact(record)
            case AppointmentUsed(appointment_id):
                self.set_appointment_status(appointment_id, "arrived")
            case SaveFeedback(point_id, agency, score, reason, at):
                self.add_feedback(point_id, agency, score, reason, at)
            case Audit(at, action, role, actor_id, call_id, detail):
                self.audit(at, role, actor_id, action, call_id, detail)
            case SaveSelfTest(kiosk_id, started_at, took_s, results):
                self.save_self_test(kiosk_id, started_at, took_s, results)

    def migrate(self) -> int:
        """Apply pending migrations; return the schema version."""
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.db.one("SELECT MAX(version) FROM schema_version")
        version = int(row[0]) if row and row[0] is not None else 0
        if version > len(MIGRATIONS):
            raise SchemaTooNew(
                f"the database's schema is version {version}, newer than this release's"
                f" {len(MIGRATIONS)}: a newer release has run on it; run that one"
                " (deploy/README.md, upgrades)"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            self.db.script(f"{script}; INSERT INTO schema_version VALUES ({number})")
        return len(MIGRATIONS)

    def try_lead(self) -> bool:
        """Take the leader lock if no other node holds it (signaling/leadership.py)."""
        return self.db.take_leader_lock()

    def still_leading(self) -> bool:
        """Whether the session holding the leader lock still stands."""
        return self.db.session_alive()

    def record_leader(self, node_url: str | None, now: float) -> None:
        """The leading node says where it can be reached (None: it cannot say)."""
        with self.db.transaction():
            self.db.execute("DELETE FROM leader")
            self.db.execute(
                "INSERT INTO leader (id, node_url, since) VALUES (1, ?, ?)", (node_url, now)
            )

    def leader_url(self) -> str | None:
        """Where the leading node said it can be reached; None if it did not say, or the
        schema has no such record yet (a release before it leads)."""
        try:
            row = self.db.one("SELECT node_url FROM leader WHERE id = 1")
        except StoreError:
            raise
        except Exception:  # no such table: an older leader's schema
            return None
        return str(row[0]) if row and row[0] else None

    def _insert(
        self, sql: str, params: tuple[Any, ...], what: str, field: str | None = None
    ) -> int:
        """``field``: the request's field whose value is taken, when that is the likely
        reason (a name or label)."""
        try:
            return self.db.insert(sql, params)
        except IntegrityError as exc:
            raise StoreError(f"cannot add {what}: {exc}", ProblemCode.EXISTS, field) from None

    def _id_of(self, table: str, column: str, value: str, what: str, field: str) -> int:
        row = self.db.one(f"SELECT id FROM {table} WHERE {column} = ?", (value,))
        if row is None:
            raise StoreError(f"no {what} '{value}'", ProblemCode.NOT_FOUND, field)
        return int(row[0])

    # --- catalogue -----------------------------------------------------------------------

    def add_point(self, name: str, timezone: str = "Europe/Helsinki") -> int:
        return self._insert(
            "INSERT INTO service_points (name, timezone) VALUES (?, ?)",
            (name, timezone),
            f"point '{name}'",
            "name",
        )

    def point_id(self, name: str) -> int:
        return self._id_of("service_points", "name", name, "service point named", "point")

    def points(self) -> list[tuple[int, str, str]]:
        return [
            (int(i), n, tz)
            for i, n, tz in self.db.all("SELECT id, name, timezone FROM service_points ORDER BY id")
        ]

    def add_agency(
        self, code: str, names: dict[str, str], *, routes_by_language: bool = False
    ) -> int:
        return self._insert(
            "INSERT INTO agencies (code, names_json, routes_by_language) VALUES (?, ?, ?)",
            (code, json.dumps(names, ensure_ascii=False), int(routes_by_language)),
            f"agency '{code}'",
            "code",
        )

    def agency_id(self, code: str) -> int:
        return self._id_of("agencies", "code", code, "agency", "agency")

    def agencies(self) -> list[AgencyEntry]:
        rows = self.db.all("SELECT code, names_json, routes_by_language FROM agencies ORDER BY id")
        return [
            AgencyEntry(code, json.loads(names), bool(by_lang)) for code, names, by_lang in rows
        ]

    def add_service(self, agency: str, code: str, names: dict[str, str]) -> int:
        return self._insert(
            "INSERT INTO services (agency_id, code, names_json) VALUES (?, ?, ?)",
            (self.agency_id(agency), code, json.dumps(names, ensure_ascii=False)),
            f"service '{agency}/{code}'",
        )

    def services(self, agency: str) -> list[tuple[str, dict[str, str]]]:
        rows = self.db.all(
            "SELECT s.code, s.names_json FROM services s JOIN agencies a ON a.id = s.agency_id"
            " WHERE a.code = ? ORDER BY s.id",
            (agency,),
        )
        return [(code, json.loads(names)) for code, names in rows]

    def add_hours(
        self,
        point: str,
        agency: str,
        weekday: int,
        opens: str,
        closes: str,
        valid_from: str | None = None,
        valid_until: str | None = None,
    ) -> int:
        """Weekly remote-service hours (weekday 0 = Monday), optionally for a period."""
        if not 0 <= weekday <= 6:
            raise StoreError(
                f"weekday must be 0 (Monday) to 6 (Sunday) (got {weekday})", field="weekdays"
            )
        try:
            if parse_time(opens) >= parse_time(closes):
                raise StoreError(
                    f"opening {opens} must be before closing {closes}", ProblemCode.HOURS_ORDER
                )
            for day in (valid_from, valid_until):
                if day is not None:
                    date.fromisoformat(day)
        except ValueError as exc:
            raise StoreError(str(exc)) from None
        return self._insert(
            "INSERT INTO service_hours (point_id, agency_id, weekday, opens, closes, valid_from,"
            " valid_until) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                self.point_id(point),
                self.agency_id(agency),
                weekday,
                opens,
                closes,
                valid_from,
                valid_until,
            ),
            "hours",
        )

    def add_exception(
        self,
        day: str,
        *,
        point: str | None = None,
        agency: str | None = None,
        opens: str | None = None,
        closes: str | None = None,
        note: str = "",
    ) -> int:
        """A dated exception: closed (no times) or special hours, nationwide or narrower."""
        try:
            date.fromisoformat(day)
            if (opens is None) != (closes is None):
                raise StoreError(
                    "give both opening and closing time, or neither (closed)",
                    ProblemCode.HOURS_HALF,
                )
            if opens is not None and closes is not None and parse_time(opens) >= parse_time(closes):
                raise StoreError(
                    f"opening {opens} must be before closing {closes}", ProblemCode.HOURS_ORDER
                )
        except ValueError as exc:
            raise StoreError(str(exc)) from None
        return self._insert(
            "INSERT INTO hour_exceptions (point_id, agency_id, day, opens, closes, note)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                self.point_id(point) if point else None,
                self.agency_id(agency) if agency else None,
                day,
                opens,
                closes,
                note,
            ),
            "exception",
        )

    def load_catalogue(self) -> Catalogue:
        """Agencies, and each point's hours. A point whose stored time zone this machine
        does not know (written before zones were checked, or by hand) serves no agency
        and is logged; every other point goes on (the clock must not stop for one row)."""
        agencies = {a.code: a for a in self.agencies()}
        codes = {int(i): c for i, c in self.db.all("SELECT id, code FROM agencies")}
        zones = {point_id: tz for point_id, _name, tz in self.points()}
        broken = {point_id for point_id, tz in zones.items() if not known_zone(tz)}
        for point_id in broken:
            log.error("service point %s has an unknown time zone: it serves nobody", point_id)
        names = {point_id: name for point_id, name, _tz in self.points()}
        weekly: dict[tuple[int, str], list[WeeklyHours]] = {}
        for point_id, agency_id, weekday, opens, closes, valid_from, valid_until in self.db.all(
            "SELECT point_id, agency_id, weekday, opens, closes, valid_from, valid_until"
            " FROM service_hours"
        ):
            weekly.setdefault((int(point_id), codes[int(agency_id)]), []).append(
                WeeklyHours(
                    int(weekday),
                    parse_time(opens),
                    parse_time(closes),
                    date.fromisoformat(valid_from) if valid_from else None,
                    date.fromisoformat(valid_until) if valid_until else None,
                )
            )
        exceptions = self.db.all(
            "SELECT point_id, agency_id, day, opens, closes FROM hour_exceptions"
        )
        schedules = {}
        for (point_id, code), entries in weekly.items():
            if point_id in broken:
                continue
            relevant = tuple(
                HoursException(
                    date.fromisoformat(day),
                    parse_time(opens) if opens else None,
                    parse_time(closes) if closes else None,
                    specificity=(1 if p_id is not None else 0) + (2 if a_id is not None else 0),
                )
                for p_id, a_id, day, opens, closes in exceptions
                if (p_id is None or int(p_id) == point_id)
                and (a_id is None or codes[int(a_id)] == code)
            )
            schedules[(point_id, code)] = Schedule(tuple(entries), relevant, zones[point_id])
        return Catalogue(agencies=agencies, schedules=schedules, points=names)

    # --- kiosks --------------------------------------------------------------------------

    def add_kiosk(self, point_name: str, label: str) -> str:
        """Register a kiosk at a point; return its device token (shown once, stored hashed)."""
        token = auth.new_token()
        self._insert(
            "INSERT INTO kiosks (point_id, label, token_digest) VALUES (?, ?, ?)",
            (self.point_id(point_name), label, auth.token_digest(token)),
            f"kiosk '{label}'",
            "label",
        )
        return token

    def rotate_kiosk_token(self, label: str) -> str:
        token = auth.new_token()
        with self.db.transaction():
            changed = self.db.execute(
                "UPDATE kiosks SET token_digest = ?, revoked = 0 WHERE label = ?",
                (auth.token_digest(token), label),
            )
            if changed != 1:
                raise StoreError(f"no kiosk labelled '{label}'", ProblemCode.NOT_FOUND, "label")
            self._credentials_withdrawn()
        return token

    def add_pending_kiosk(self, point_name: str, label: str, now: float) -> str:
        """Register a kiosk that will enrol itself; return its one-time enrolment code,
        valid for ENROLMENT_VALID_S. Until it enrols, no token of it exists."""
        code = "".join(secrets.choice(ENROLMENT_ALPHABET) for _ in range(10))
        self._insert(
            "INSERT INTO kiosks (point_id, label, token_digest, enrolment_digest,"
            " enrolment_expires) VALUES (?, ?, ?, ?, ?)",
            (
                self.point_id(point_name),
                label,
                auth.token_digest(auth.new_token()),
                auth.token_digest(code),
                now + ENROLMENT_VALID_S,
            ),
            f"kiosk '{label}'",
            "label",
        )
        return code

    def enrol_kiosk(self, code: str, now: float) -> tuple[str, str] | None:
        """Trade a valid enrolment code for a device token, once; (label, token) or None."""
        token = auth.new_token()
        with self.db.transaction():
            row = self.db.one(
                "SELECT label FROM kiosks WHERE enrolment_digest = ? AND enrolment_expires > ?"
                " AND revoked = 0",
                (auth.token_digest(code.strip().upper()), now),
            )
            if row is None:
                return None
            self.db.execute(
                "UPDATE kiosks SET token_digest = ?, enrolment_digest = NULL,"
                " enrolment_expires = NULL WHERE label = ?",
                (auth.token_digest(token), row[0]),
            )
        return str(row[0]), token

    def revoke_kiosk(self, label: str) -> int:
        """Switch a kiosk off for good (a new enrolment or token brings it back); its id."""
        row = self.db.one("SELECT id FROM kiosks WHERE label = ?", (label,))
        if row is None:
            raise StoreError(f"no kiosk labelled '{label}'", ProblemCode.NOT_FOUND, "label")
        with self.db.transaction():
            self.db.execute(
                "UPDATE kiosks SET revoked = 1, enrolment_digest = NULL WHERE id = ?", (row[0],)
            )
            self._credentials_withdrawn()
        return int(row[0])

    def kiosk_by_token(self, token: str) -> KioskRow | None:
        row = self.db.one(
            "SELECT k.id, k.label, p.id, p.name FROM kiosks k JOIN service_points p"
            " ON p.id = k.point_id WHERE k.token_digest = ? AND k.revoked = 0",
            (auth.token_digest(token),),
        )
        return KioskRow(int(row[0]), row[1], int(row[2]), row[3]) if row else None

    def kiosks(self) -> list[KioskRow]:
        rows = self.db.all(
            "SELECT k.id, k.label, p.id, p.name FROM kiosks k JOIN service_points p"
            " ON p.id = k.point_id WHERE k.revoked = 0 ORDER BY k.id"
        )
        return [KioskRow(int(r[0]), r[1], int(r[2]), r[3]) for r in rows]

    def save_self_test(
        self, kiosk_id: int, started_at: float, took_s: float, results: dict[str, str]
    ) -> None:
        """A kiosk's latest self-test, in place of its previous one."""
        with self.db.transaction():
            self.db.execute("DELETE FROM kiosk_self_tests WHERE kiosk_id = ?", (kiosk_id,))
            self.db.execute(
                "INSERT INTO kiosk_self_tests (kiosk_id, started_at, took_s, results_json)"
                " VALUES (?, ?, ?, ?)",
                (kiosk_id, started_at, took_s, json.dumps(results, sort_keys=True)),
            )

    def self_tests(self) -> dict[int, tuple[float, float, dict[str, str]]]:
        """kiosk id -> (started at, took s, results) of each enrolled kiosk's latest."""
        rows = self.db.all(
            "SELECT t.kiosk_id, t.started_at, t.took_s, t.results_json FROM kiosk_self_tests t"
            " JOIN kiosks k ON k.id = t.kiosk_id WHERE k.revoked = 0"
        )
        return {int(r[0]): (float(r[1]), float(r[2]), json.loads(r[3])) for r in rows}

    # --- clerks and sessions -------------------------------------------------------------

    def add_clerk(
        self,
        username: str,
        password: str,
        display_name: str,
        agencies: Iterable[str],
        languages: Iterable[str] = ("fi",),
        role: str = "clerk",
        point: str | None = None,
    ) -> int:
        """``point``: a coordinator's service point, which a coordinator must have and
        nobody else may."""
        codes = list(agencies)
        known = {a.code for a in self.agencies()}
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise StoreError(
                f"unknown agency code(s): {', '.join(unknown)}", ProblemCode.NOT_FOUND, "agencies"
            )
        try:
            role = parse_role(role)
        except ValueError as exc:
            raise StoreError(str(exc)) from None
        if (role == "coordinator") != (point is not None):
            raise StoreError(
                "a coordinator, and only a coordinator, belongs to a service point", field="point"
            )
        if role == "coordinator" and codes:
            raise StoreError(
                "a coordinator sees every agency at their point: name no agency", field="agencies"
            )
        point_id = self.point_id(point) if point is not None else None
        with self.db.transaction():
            clerk_id = self._insert(
                "INSERT INTO clerks (username, display_name, password_hash, role, point_id)"
                " VALUES (?, ?, ?, ?, ?)",
                (username, display_name, auth.hash_password(password), role, point_id),
                f"clerk '{username}'",
                "username",
            )
            for code in codes:
                self.db.execute(
                    "INSERT INTO clerk_agencies (clerk_id, agency_id) VALUES (?, ?)",
                    (clerk_id, self.agency_id(code)),
                )
            for language in sorted(set(languages)):
                self.db.execute(
                    "INSERT INTO clerk_languages (clerk_id, language) VALUES (?, ?)",
                    (clerk_id, language),
                )
        return clerk_id

    def clerk_id(self, username: str) -> int:
        return self._id_of("clerks", "username", username, "clerk", "username")

    def password_hash(self, username: str) -> tuple[int, str] | None:
        """(clerk id, Argon2 hash) for a username; verify it off the event loop."""
        row = self.db.one(
            "SELECT id, password_hash FROM clerks WHERE username = ? AND disabled = 0",
            (username,),
        )
        return (int(row[0]), str(row[1])) if row else None

    def verify_clerk(self, username: str, password: str) -> ClerkRow | None:
        """Check a login in the calling thread (CLI, tests); the server verifies on a worker."""
        found = self.password_hash(username)
        if (
            not auth.verify_password(found[1] if found else auth.dummy_hash(), password)
            or not found
        ):
            return None
        return self.clerk(found[0])

    def link_identity(self, username: str, issuer: str, subject: str) -> None:
        """Let the single sign-on identity (OIDC ``iss`` and ``sub``) log in as this clerk."""
        row = self.db.one("SELECT id FROM clerks WHERE username = ?", (username,))
        if row is None:
            raise StoreError(f"no clerk '{username}'", ProblemCode.NOT_FOUND, "username")
        if not issuer.startswith("https://") or not subject or len(subject) > 255:
            raise StoreError("issuer must be an https URL and subject 1-255 characters")
        with self.db.transaction():
            self.db.execute(
                "DELETE FROM clerk_identities WHERE issuer = ? AND subject = ?", (issuer, subject)
            )
            self.db.execute(
                "INSERT INTO clerk_identities (issuer, subject, clerk_id) VALUES (?, ?, ?)",
                (issuer, subject, int(row[0])),
            )

    def clerk_by_identity(self, issuer: str, subject: str) -> ClerkRow | None:
        """The clerk a verified single sign-on identity belongs to, if one was linked."""
        row = self.db.one(
            "SELECT clerk_id FROM clerk_identities WHERE issuer = ? AND subject = ?",
            (issuer, subject),
        )
        return self.clerk(int(row[0])) if row else None

    def clerk(self, clerk_id: int) -> ClerkRow | None:
        row = self.db.one(
            "SELECT c.id, c.username, c.display_name, c.role, p.name FROM clerks c"
            " LEFT JOIN service_points p ON p.id = c.point_id WHERE c.id = ?",
            (clerk_id,),
        )
        if row is None:
            return None
        codes = self.db.all(
            "SELECT a.code FROM clerk_agencies ca JOIN agencies a ON a.id = ca.agency_id"
            " WHERE ca.clerk_id = ?",
            (clerk_id,),
        )
        languages = self.db.all(
            "SELECT language FROM clerk_languages WHERE clerk_id = ?", (clerk_id,)
        )
        return ClerkRow(
            int(row[0]),
            row[1],
            row[2],
            frozenset(c for (c,) in codes),
            frozenset(lang for (lang,) in languages),
            row[3],
            row[4],
        )

    def clerks(self) -> list[ClerkRow]:
        ids = [int(i) for (i,) in self.db.all("SELECT id FROM clerks ORDER BY id")]
        return [c for c in (self.clerk(i) for i in ids) if c is not None]

    def create_session(self, clerk_id: int, expires_at: float) -> str:
        token = auth.new_token()
        self.db.execute(
            "INSERT INTO clerk_sessions (token_digest, clerk_id, expires_at) VALUES (?, ?, ?)",
            (auth.token_digest(token), clerk_id, expires_at),
        )
        return token

    def session_expiry(self, token: str) -> float | None:
        row = self.db.one(
            "SELECT expires_at FROM clerk_sessions WHERE token_digest = ?",
            (auth.token_digest(token),),
        )
        return float(row[0]) if row else None

    def clerk_by_session(self, token: str, now: float) -> ClerkRow | None:
        row = self.db.one(
            "SELECT s.clerk_id FROM clerk_sessions s JOIN clerks c ON c.id = s.clerk_id"
            " WHERE s.token_digest = ? AND s.expires_at > ? AND c.disabled = 0",
            (auth.token_digest(token), now),
        )
        return self.clerk(int(row[0])) if row else None

    def delete_session(self, token: str) -> None:
        with self.db.transaction():
            self.db.execute(
                "DELETE FROM clerk_sessions WHERE token_digest = ?", (auth.token_digest(token),)
            )
            self._credentials_withdrawn()

    def delete_sessions_of(self, clerk_id: int) -> int:
        """Log a clerk out everywhere; the number of sessions ended."""
        with self.db.transaction():
            ended = self.db.execute("DELETE FROM clerk_sessions WHERE clerk_id = ?", (clerk_id,))
            self._credentials_withdrawn()
        return ended

    def set_clerk_agencies(self, username: str, agencies: Iterable[str]) -> int:
        """The agencies a clerk or supervisor serves, replaced; its id. A coordinator's
        reach is a point and an interpreter's every agency: theirs cannot be set."""
        codes = sorted(set(agencies))
        known = {a.code for a in self.agencies()}
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise StoreError(
                f"unknown agency code(s): {', '.join(unknown)}", ProblemCode.NOT_FOUND, "agencies"
            )
        if not codes:
            raise StoreError("name at least one agency", field="agencies")
        with self.db.transaction():
            clerk_id = self.clerk_id(username)
            row = self.db.one("SELECT role FROM clerks WHERE id = ?", (clerk_id,))
            if row is None or row[0] not in ("clerk", "supervisor"):
                raise StoreError(
                    "only a clerk's or a supervisor's agencies are set", field="username"
                )
            self.db.execute("DELETE FROM clerk_agencies WHERE clerk_id = ?", (clerk_id,))
            for code in codes:
                self.db.execute(
                    "INSERT INTO clerk_agencies (clerk_id, agency_id) VALUES (?, ?)",
                    (clerk_id, self.agency_id(code)),
                )
        return clerk_id

    def disable_clerk(self, username: str) -> int:
        """No more logins for this account, and every session of it ended; its id."""
        with self.db.transaction():
            clerk_id = self.clerk_id(username)
            self.db.execute("UPDATE clerks SET disabled = 1 WHERE id = ?", (clerk_id,))
            self.db.execute("DELETE FROM clerk_sessions WHERE clerk_id = ?", (clerk_id,))
            self._credentials_withdrawn()
        return clerk_id

    def reset_password(self, username: str, password: str) -> int:
        """A new password (checked by the caller against the policy); every session of
        the account ended, since whoever knew the old one may hold one; its id."""
        with self.db.transaction():
            clerk_id = self.clerk_id(username)
            self.db.execute(
                "UPDATE clerks SET password_hash = ?, disabled = 0 WHERE id = ?",
                (auth.hash_password(password), clerk_id),
            )
            self.db.execute("DELETE FROM clerk_sessions WHERE clerk_id = ?", (clerk_id,))
            self._credentials_withdrawn()
        return clerk_id

    # --- withdrawn credentials -----------------------------------------------------------

    def _credentials_withdrawn(self) -> None:
        self.db.execute("INSERT INTO credential_changes (at) VALUES (?)", (time.time(),))

    def credentials_marker(self) -> int:
        """Grows whenever a credential is withdrawn, by anyone on this database: a server
        polls it, cheaply, and re-checks its connections only when it moved."""
        row = self.db.one("SELECT COALESCE(MAX(id), 0) FROM credential_changes")
        return int(row[0]) if row else 0

    def standing_credentials(self, digests: Iterable[str], now: float) -> set[str]:
        """Of these token digests (kiosk tokens and session ids), the ones still valid."""
        wanted = sorted(set(digests))
        standing: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.all(
                f"SELECT token_digest FROM kiosks WHERE revoked = 0 AND token_digest IN ({marks})"
                " UNION SELECT s.token_digest FROM clerk_sessions s JOIN clerks c"
                f" ON c.id = s.clerk_id WHERE c.disabled = 0 AND s.expires_at > ?"
                f" AND s.token_digest IN ({marks})",
                (*chunk, now, *chunk),
            )
            standing.update(str(r[0]) for r in rows)
        return standing

    # --- feedback ------------------------------------------------------------------------

    def add_feedback(
        self, point_id: int, agency: str, score: int, reason: str | None, at: float
    ) -> None:
        self.db.execute(
            "INSERT INTO feedback (at, point_id, agency, score, reason) VALUES (?, ?, ?, ?, ?)",
            (at, point_id, agency, score, reason),
        )

    def feedback(self, since: float = 0.0, until: float = 1e12) -> list[tuple[Any, ...]]:
        """(at, point id, agency, score, reason) rows, oldest first."""
        return self.db.all(
            "SELECT at, point_id, agency, score, reason FROM feedback WHERE at >= ? AND at < ?"
            " ORDER BY id",
            (since, until),
        )

    # --- audit ---------------------------------------------------------------------------

    def audit(
        self,
        at: float,
        actor_role: str,
        actor_id: int | None,
        action: str,
        call_id: str | None = None,
        detail: str = "",
    ) -> None:
        """Who did what to which call, and when: ids only, never names."""
        self.db.execute(
            "INSERT INTO audit_log (at, actor_role, actor_id, action, call_id, detail)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (at, actor_role, actor_id, action, call_id, detail),
        )

    def audit_entries(
        self, call_id: str | None = None, agencies: Iterable[str] | None = None
    ) -> list[dict[str, Any]]:
        """The audit log (of one call), oldest first. With ``agencies``, only what concerns
        them: their calls, and what their own clerks did."""
        where, params = [], []
        if call_id:
            where.append("call_id = ?")
            params.append(call_id)
        if agencies is not None:
            codes = sorted(agencies)
            marks = ", ".join("?" * len(codes)) or "NULL"
            where.append(
                f"(call_id IN (SELECT call_id FROM transactions WHERE agency IN ({marks}))"
                f" OR call_id IN (SELECT call_id FROM live_contacts WHERE agency IN ({marks}))"
                # a kiosk's id and a clerk's may be equal: only people's entries match here
                " OR (actor_role <> 'kiosk' AND actor_id IN (SELECT ca.clerk_id"
                " FROM clerk_agencies ca JOIN agencies a ON a.id = ca.agency_id"
                f" WHERE a.code IN ({marks}))))"
            )
            params += codes * 3
        rows = self.db.all(
            "SELECT at, actor_role, actor_id, action, call_id, detail FROM audit_log"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY id",
            params,
        )
        keys = ("at", "actor_role", "actor_id", "action", "call_id", "detail")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    # --- appointments --------------------------------------------------------------------

    def add_appointment(
        self,
        point: str,
        agency: str,
        starts_at: float,
        language: str,
        clerk_username: str | None = None,
    ) -> str:
        """Book a remote appointment; return the 8-digit code the customer types."""
        clerk_id = self.clerk_id(clerk_username) if clerk_username else None
        point_id, agency_id = self.point_id(point), self.agency_id(agency)
        for _attempt in range(5):
            code = codes.draw_code()
            try:
                self.db.insert(
                    "INSERT INTO appointments (code_digest, code_scheme, point_id, agency_id,"
                    " clerk_id, language, starts_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        codes.code_digest(self._appointment_key(), code),
                        CODE_SCHEME,
                        point_id,
                        agency_id,
                        clerk_id,
                        language,
                        starts_at,
                    ),
                )
                return code
            except IntegrityError:
                continue
        raise StoreError("could not draw a unique appointment code; try again", ProblemCode.BUSY)

    def _appointment_key(self) -> bytes:
        if self._code_key is None:
            self._code_key = codes.load_key(codes.key_file_for(self._db_url))
        return self._code_key

    def appointment_by_code(self, code: str) -> Appointment | None:
        # Codes booked before they were keyed (a plain SHA-256) are still found.
        row = self.db.one(
            "SELECT ap.id, ap.point_id, a.code, ap.clerk_id, ap.language, ap.starts_at, ap.status"
            " FROM appointments ap JOIN agencies a ON a.id = ap.agency_id"
            " WHERE (ap.code_scheme = ? AND ap.code_digest = ?)"
            " OR (ap.code_scheme = 'sha256' AND ap.code_digest = ?)",
            (
                CODE_SCHEME,
                codes.code_digest(self._appointment_key(), code),
                auth.token_digest(code),
            ),
        )
        if row is None:
            return None
        return Appointment(
            int(row[0]),
            int(row[1]),
            row[2],
            int(row[3]) if row[3] is not None else None,
            row[4],
            float(row[5]),
            row[6],
        )

    def appointments(
        self,
        since: float,
        until: float,
        agencies: frozenset[str] | None = None,
        point: str | None = None,
    ) -> list[AppointmentRow]:
        """Appointments starting in [since, until), soonest first, of ``agencies`` (None:
        every one) at ``point`` (None: every one). Never their codes: only the customer
        holds one."""
        sql = (
            "SELECT ap.id, sp.name, a.code, ap.language, ap.starts_at, ap.status"
            " FROM appointments ap JOIN agencies a ON a.id = ap.agency_id"
            " JOIN service_points sp ON sp.id = ap.point_id"
            " WHERE ap.starts_at >= ? AND ap.starts_at < ?"
        )
        params: list[Any] = [since, until]
        if point is not None:
            sql += " AND sp.name = ?"
            params.append(point)
        rows = self.db.all(sql + " ORDER BY ap.starts_at, ap.id", tuple(params))
        return [
            AppointmentRow(int(r[0]), r[1], r[2], r[3], float(r[4]), r[5])
            for r in rows
            if agencies is None or r[2] in agencies
        ]

    def cancel_appointment(self, appointment_id: int, agency: str) -> bool:
        """Cancel a booked appointment of ``agency``: its code no longer queues anyone.
        False when there is no such appointment still booked (used, cancelled, another
        agency's, or none at all: one answer)."""
        with self.db.transaction():
            changed = self.db.execute(
                "UPDATE appointments SET status = 'cancelled' WHERE id = ? AND status = 'booked'"
                " AND agency_id = (SELECT id FROM agencies WHERE code = ?)",
                (appointment_id, agency),
            )
        return changed == 1

    def set_appointment_status(self, appointment_id: int, status: str) -> None:
        self.db.execute("UPDATE appointments SET status = ? WHERE id = ?", (status, appointment_id))

    # --- live contacts (what a restart must not lose) ------------------------------------

    def save_contact(self, contact: LiveContact) -> None:
        t = contact.ticket
        seat = contact.interpreter
        values = (
            t.seq,
            t.kiosk_id,
            t.point_id,
            t.agency,
            t.service,
            t.language,
            t.priority,
            t.queued_at,
            t.not_before,
            t.booked_clerk,
            t.appointment_id,
            contact.call_id,
            contact.clerk_id,
            contact.answered_at,
            t.interpreter,
            seat.clerk_id if seat else None,
            seat.member_id if seat else None,
            seat.since if seat else None,
            contact.interpreter_language,
            contact.interpreter_seconds,
        )
        with self.db.transaction():
            self.db.execute("DELETE FROM live_contacts WHERE ticket = ?", (t.ticket,))
            self.db.execute(
                "INSERT INTO live_contacts (seq, kiosk_id, point_id, agency, service, language,"
                " priority, queued_at, not_before, booked_clerk_id, appointment_id, call_id,"
                " clerk_id, answered_at, interpreter, interpreter_id, interpreter_member,"
                " interpreter_since, interpreter_language, interpreter_seconds, ticket) VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, t.ticket),
            )

    def live_contacts(self) -> list[LiveContact]:
        rows = self.db.all(
            "SELECT ticket, seq, kiosk_id, point_id, agency, service, language, priority,"
            " queued_at, not_before, booked_clerk_id, appointment_id, call_id, clerk_id,"
            " answered_at, interpreter, interpreter_id, interpreter_member, interpreter_since,"
            " interpreter_language, interpreter_seconds FROM live_contacts ORDER BY seq"
        )
        contacts = []
        for r in rows:
            ticket = Ticket(
                ticket=r[0],
                seq=int(r[1]),
                kiosk_id=int(r[2]),
                point_id=int(r[3]),
                agency=r[4],
                service=r[5],
                language=r[6],
                priority=int(r[7]),
                queued_at=float(r[8]),
                not_before=float(r[9]) if r[9] is not None else None,
                booked_clerk=int(r[10]) if r[10] is not None else None,
                appointment_id=int(r[11]) if r[11] is not None else None,
                interpreter=r[15],
            )
            contacts.append(
                LiveContact(
                    ticket,
                    r[12],
                    int(r[13]) if r[13] is not None else None,
                    float(r[14]) if r[14] is not None else None,
                    InterpreterSeat(int(r[16]), r[17], float(r[18])) if r[16] is not None else None,
                    r[19],
                    float(r[20] or 0.0),
                )
            )
        return contacts

    def finish_contact(self, tx: TransactionRecord) -> None:
        """Write the contact's transaction and forget its live row, atomically: a crash
        between the two can neither lose nor double-count a contact."""
        with self.db.transaction():
            self.db.execute("DELETE FROM live_contacts WHERE ticket = ?", (tx.ticket,))
            self.db.execute(
                "INSERT INTO transactions (ticket, call_id, point_id, kiosk_id, agency, service,"
                " language, interpreter_language, queued_at, answered_at, ended_at, outcome,"
                " documents, document_bytes, interpreter_seconds)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    tx.ticket,
                    tx.call_id,
                    tx.point_id,
                    tx.kiosk_id,
                    tx.agency,
                    tx.service,
                    tx.language,
                    tx.interpreter_language,
                    tx.queued_at,
                    tx.answered_at,
                    tx.ended_at,
                    tx.outcome,
                    tx.documents,
                    tx.document_bytes,
                    tx.interpreter_seconds,
                ),
            )

    def max_seq(self) -> int:
        row = self.db.one("SELECT MAX(seq) FROM live_contacts")
        return int(row[0]) if row and row[0] is not None else 0

    # --- transactions --------------------------------------------------------------------

    def transactions(
        self,
        since: float = 0.0,
        until: float = 1e12,
        agencies: Iterable[str] | None = None,
    ) -> list[TransactionRecord]:
        """Contacts queued in [since, until), of ``agencies`` (None: every agency)."""
        where, params_any = _period("queued_at", since, until, agencies)
        rows = self.db.all(
            "SELECT ticket, call_id, point_id, kiosk_id, agency, service, language,"
            " interpreter_language, queued_at, answered_at, ended_at, outcome, documents,"
            " document_bytes, interpreter_seconds FROM transactions WHERE "
            + where
            + " ORDER BY id",
            params_any,
        )
        return [TransactionRecord(*row) for row in rows]

    def usage(
        self,
        since: float,
        until: float,
        agencies: Iterable[str] | None = None,
        point_id: int | None = None,
    ) -> UsageFigures:
        """The supervisors' report, counted by the database (never the whole table in
        Python): contacts per agency, point, outcome and quarter-hour slot (reports.py
        turns a slot into each point's local hour; every zone's offset is a multiple of
        15 minutes), the median wait, interpreting per language, and feedback."""
        where, params = _period("queued_at", since, until, agencies, point_id)
        slots = self.db.all(
            f"SELECT agency, point_id, outcome, {self.db.floor_div('queued_at', SLOT_S)},"
            f" COUNT(*) FROM transactions WHERE {where} GROUP BY 1, 2, 3, 4",
            params,
        )
        answered = f"{where} AND answered_at IS NOT NULL"
        (waits,) = self.db.one(f"SELECT COUNT(*) FROM transactions WHERE {answered}", params) or (
            0,
        )
        median, p90 = (
            self.db.one(
                f"SELECT answered_at - queued_at FROM transactions WHERE {answered}"
                " ORDER BY answered_at - queued_at LIMIT 1 OFFSET ?",
                [*params, rank],
            )
            # the median as before (the upper of two middles), the 90th by nearest rank
            for rank in (waits // 2, max(0, math.ceil(0.9 * waits) - 1))
        )
        handled = self.db.one(
            f"SELECT ended_at - answered_at FROM transactions WHERE {answered}"
            " ORDER BY ended_at - answered_at LIMIT 1 OFFSET ?",
            [*params, waits // 2],
        )
        (documents,) = self.db.one(
            f"SELECT COALESCE(SUM(documents), 0) FROM transactions WHERE {where}", params
        ) or (0,)
        interpreting = self.db.all(
            "SELECT interpreter_language, COUNT(*), SUM(interpreter_seconds) FROM transactions"
            f" WHERE {where} AND interpreter_language IS NOT NULL AND interpreter_language <> ''"
            " GROUP BY 1 ORDER BY 1",
            params,
        )
        rated, rated_params = _period("at", since, until, agencies, point_id)
        feedback = self.db.all(
            f"SELECT agency, COUNT(*), AVG(score) FROM feedback WHERE {rated}"
            " GROUP BY 1 ORDER BY 1",
            rated_params,
        )
        reasons = self.db.all(
            f"SELECT reason, COUNT(*) FROM feedback WHERE {rated} AND reason IS NOT NULL"
            " AND reason <> '' GROUP BY 1 ORDER BY 1",
            rated_params,
        )
        return UsageFigures(
            slots=[(str(a), int(pt), str(o), int(sl), int(n)) for a, pt, o, sl, n in slots],
            median_wait_s=float(median[0]) if median else None,
            wait_p90_s=float(p90[0]) if p90 else None,
            median_handling_s=float(handled[0]) if handled else None,
            documents=int(documents),
            interpreting=[(str(lang), int(n), float(sec or 0)) for lang, n, sec in interpreting],
            feedback=[(str(a), int(n), float(mean)) for a, n, mean in feedback],
            reasons=[(str(r), int(n)) for r, n in reasons],
        )

    def recent_handling_times(self, agency: str, limit: int = 20) -> list[float]:
        """Durations of the agency's latest answered calls, newest first (for wait estimates)."""
        rows = self.db.all(
            "SELECT ended_at - answered_at FROM transactions WHERE agency = ? AND answered_at"
            " IS NOT NULL AND outcome IN ('handled', 'transferred') ORDER BY ended_at DESC LIMIT ?",
            (agency, limit),
        )
        return [float(d) for (d,) in rows]


def _period(
    column: str,
    since: float,
    until: float,
    agencies: Iterable[str] | None,
    point_id: int | None = None,
) -> tuple[str, list[Any]]:
    """A WHERE clause for [since, until) on ``column``, of ``agencies`` (None: all) and
    of one service point (None: all)."""
    where = f"{column} >= ? AND {column} < ?"
    params: list[Any] = [since, until]
    if agencies is not None:
        codes = sorted(agencies)
        where += f" AND agency IN ({', '.join('?' * len(codes)) or 'NULL'})"
        params += codes
    if point_id is not None:
        where += " AND point_id = ?"
        params.append(point_id)
    return where, params


#: Verified against when the username is unknown, so that both answers take as long.
