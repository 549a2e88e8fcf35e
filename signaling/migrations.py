"""The database schema as an ordered list of migrations; version = index + 1.

Each step is plain SQL that SQLite and PostgreSQL both accept (issue 4 adds the
PostgreSQL driver). Never edit a released step: append a new one.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: foundation
    """
    CREATE TABLE service_points (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE agencies (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        names_json TEXT NOT NULL
    );
    CREATE TABLE kiosks (
        id INTEGER PRIMARY KEY,
        point_id INTEGER NOT NULL REFERENCES service_points(id),
        label TEXT NOT NULL UNIQUE,
        token_digest TEXT NOT NULL UNIQUE,
        revoked INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE clerks (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL
    );
    CREATE TABLE clerk_agencies (
        clerk_id INTEGER NOT NULL REFERENCES clerks(id),
        agency_id INTEGER NOT NULL REFERENCES agencies(id),
        PRIMARY KEY (clerk_id, agency_id)
    );
    CREATE TABLE clerk_sessions (
        token_digest TEXT PRIMARY KEY,
        clerk_id INTEGER NOT NULL REFERENCES clerks(id),
        expires_at REAL NOT NULL
    );
    CREATE TABLE transactions (
        id INTEGER PRIMARY KEY,
        ticket TEXT NOT NULL UNIQUE,
        call_id TEXT,
        point_id INTEGER NOT NULL REFERENCES service_points(id),
        kiosk_id INTEGER NOT NULL REFERENCES kiosks(id),
        agency TEXT NOT NULL,
        language TEXT NOT NULL,
        queued_at REAL NOT NULL,
        answered_at REAL,
        ended_at REAL NOT NULL,
        outcome TEXT NOT NULL
    );
    """,
]
