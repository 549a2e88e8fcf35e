"""Durable facts in SQL: service points, agencies, kiosks, clerks, sessions, transactions.

SQLite (embedded, zero set-up) is the default; the URL form ``sqlite:///path`` or a plain
path selects it. PostgreSQL by URL arrives with issue 4 behind this same class. Calls are
short, indexed statements run on the event loop's thread: SQLite answers them in
microseconds, which is cheaper than a thread hop.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from signaling import auth
from signaling.exceptions import StoreError
from signaling.migrations import MIGRATIONS
from signaling.switchboard import TransactionRecord


@dataclass(frozen=True)
class Agency:
    code: str
    names: dict[str, str]


@dataclass(frozen=True)
class KioskRow:
    kiosk_id: int
    label: str
    point_id: int
    point_name: str


@dataclass(frozen=True)
class ClerkRow:
    clerk_id: int
    username: str
    display_name: str
    agencies: frozenset[str]


def sqlite_path(db_url: str) -> str:
    """The file path in ``sqlite:///path`` (or a bare path); ':memory:' stays as it is."""
    if db_url.startswith("sqlite:///"):
        return db_url.removeprefix("sqlite:///")
    if "://" in db_url:
        raise StoreError(f"unsupported database URL {db_url.split('://')[0]}:// (use sqlite:///)")
    return db_url


class Store:
    """All SQL of the server; one instance per process."""

    def __init__(self, db_url: str) -> None:
        path = sqlite_path(db_url)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA busy_timeout = 5000")
        self.migrate()

    def close(self) -> None:
        self._db.close()

    def migrate(self) -> int:
        """Apply pending migrations; return the schema version."""
        self._db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self._db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        version = row[0] or 0
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            self._db.executescript(
                f"BEGIN; {script}; INSERT INTO schema_version VALUES ({number}); COMMIT;"
            )
        return len(MIGRATIONS)

    # --- catalogue -----------------------------------------------------------------------

    def add_point(self, name: str) -> int:
        return self._insert(
            "INSERT INTO service_points (name) VALUES (?)", (name,), f"point '{name}'"
        )

    def point_id(self, name: str) -> int:
        row = self._db.execute("SELECT id FROM service_points WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise StoreError(f"no service point named '{name}'")
        return int(row[0])

    def add_agency(self, code: str, names: dict[str, str]) -> int:
        return self._insert(
            "INSERT INTO agencies (code, names_json) VALUES (?, ?)",
            (code, json.dumps(names, ensure_ascii=False)),
            f"agency '{code}'",
        )

    def agencies(self) -> list[Agency]:
        rows = self._db.execute("SELECT code, names_json FROM agencies ORDER BY id").fetchall()
        return [Agency(code, json.loads(names)) for code, names in rows]

    # --- kiosks --------------------------------------------------------------------------

    def add_kiosk(self, point_name: str, label: str) -> str:
        """Register a kiosk at a point; return its device token (shown once, stored hashed)."""
        token = auth.new_token()
        self._insert(
            "INSERT INTO kiosks (point_id, label, token_digest) VALUES (?, ?, ?)",
            (self.point_id(point_name), label, auth.token_digest(token)),
            f"kiosk '{label}'",
        )
        return token

    def rotate_kiosk_token(self, label: str) -> str:
        token = auth.new_token()
        cur = self._db.execute(
            "UPDATE kiosks SET token_digest = ?, revoked = 0 WHERE label = ?",
            (auth.token_digest(token), label),
        )
        if cur.rowcount != 1:
            raise StoreError(f"no kiosk labelled '{label}'")
        return token

    def kiosk_by_token(self, token: str) -> KioskRow | None:
        row = self._db.execute(
            "SELECT k.id, k.label, p.id, p.name FROM kiosks k JOIN service_points p"
            " ON p.id = k.point_id WHERE k.token_digest = ? AND k.revoked = 0",
            (auth.token_digest(token),),
        ).fetchone()
        return KioskRow(*row) if row else None

    # --- clerks and sessions -------------------------------------------------------------

    def add_clerk(
        self, username: str, password: str, display_name: str, agencies: Iterable[str]
    ) -> int:
        codes = list(agencies)
        known = {a.code for a in self.agencies()}
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise StoreError(f"unknown agency code(s): {', '.join(unknown)}")
        clerk_id = self._insert(
            "INSERT INTO clerks (username, display_name, password_hash) VALUES (?, ?, ?)",
            (username, display_name, auth.hash_password(password)),
            f"clerk '{username}'",
        )
        for code in codes:
            self._db.execute(
                "INSERT INTO clerk_agencies (clerk_id, agency_id)"
                " SELECT ?, id FROM agencies WHERE code = ?",
                (clerk_id, code),
            )
        return clerk_id

    def password_hash(self, username: str) -> tuple[int, str] | None:
        """(clerk id, Argon2 hash) for a username; verify it off the event loop."""
        row = self._db.execute(
            "SELECT id, password_hash FROM clerks WHERE username = ?", (username,)
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def verify_clerk(self, username: str, password: str) -> ClerkRow | None:
        """Check a login in the calling thread (the CLI and tests; the server uses
        :meth:`password_hash` and verifies on a worker thread)."""
        found = self.password_hash(username)
        if not auth.verify_password(found[1] if found else DUMMY_HASH, password) or not found:
            return None
        return self.clerk(found[0])

    def clerk(self, clerk_id: int) -> ClerkRow | None:
        row = self._db.execute(
            "SELECT id, username, display_name FROM clerks WHERE id = ?", (clerk_id,)
        ).fetchone()
        if row is None:
            return None
        codes = self._db.execute(
            "SELECT a.code FROM clerk_agencies ca JOIN agencies a ON a.id = ca.agency_id"
            " WHERE ca.clerk_id = ?",
            (clerk_id,),
        ).fetchall()
        return ClerkRow(row[0], row[1], row[2], frozenset(c for (c,) in codes))

    def create_session(self, clerk_id: int, expires_at: float) -> str:
        token = auth.new_token()
        self._db.execute(
            "INSERT INTO clerk_sessions (token_digest, clerk_id, expires_at) VALUES (?, ?, ?)",
            (auth.token_digest(token), clerk_id, expires_at),
        )
        return token

    def clerk_by_session(self, token: str, now: float) -> ClerkRow | None:
        row = self._db.execute(
            "SELECT clerk_id FROM clerk_sessions WHERE token_digest = ? AND expires_at > ?",
            (auth.token_digest(token), now),
        ).fetchone()
        return self.clerk(int(row[0])) if row else None

    def delete_session(self, token: str) -> None:
        self._db.execute(
            "DELETE FROM clerk_sessions WHERE token_digest = ?", (auth.token_digest(token),)
        )

    # --- transactions --------------------------------------------------------------------

    def record_transaction(self, tx: TransactionRecord) -> None:
        self._db.execute(
            "INSERT INTO transactions (ticket, call_id, point_id, kiosk_id, agency, language,"
            " queued_at, answered_at, ended_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                tx.ticket,
                tx.call_id,
                tx.point_id,
                tx.kiosk_id,
                tx.agency,
                tx.language,
                tx.queued_at,
                tx.answered_at,
                tx.ended_at,
                tx.outcome,
            ),
        )

    def transactions(self) -> list[TransactionRecord]:
        rows = self._db.execute(
            "SELECT ticket, call_id, point_id, kiosk_id, agency, language, queued_at,"
            " answered_at, ended_at, outcome FROM transactions ORDER BY id"
        ).fetchall()
        return [TransactionRecord(*row) for row in rows]

    # --- helpers -------------------------------------------------------------------------

    def _insert(self, sql: str, params: tuple[object, ...], what: str) -> int:
        try:
            cur = self._db.execute(sql, params)
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"cannot add {what}: {exc}") from None
        assert cur.lastrowid is not None
        return cur.lastrowid


#: Verified against when the username is unknown, so that both answers take as long.
DUMMY_HASH = auth.hash_password("timing-equaliser")
