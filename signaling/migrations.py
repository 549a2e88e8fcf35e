"""The database schema as an ordered list of migrations; version = index + 1.

Plain SQL that SQLite and PostgreSQL both accept; ``{id}`` stands for the dialect's
auto-numbered primary key (signaling.db). Never edit a released step: append a new one.
Times are Unix seconds (DOUBLE PRECISION); service hours are local wall-clock times of
the point's time zone ("08:00"), dates ISO ("2026-12-24").
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: catalogue, people, live contacts, transactions
    """
    CREATE TABLE service_points (
        id {id},
        name TEXT NOT NULL UNIQUE,
        timezone TEXT NOT NULL DEFAULT 'Europe/Helsinki'
    );
    CREATE TABLE agencies (
        id {id},
        code TEXT NOT NULL UNIQUE,
        names_json TEXT NOT NULL,
        routes_by_language INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE services (
        id {id},
        agency_id INTEGER NOT NULL REFERENCES agencies(id),
        code TEXT NOT NULL,
        names_json TEXT NOT NULL,
        UNIQUE (agency_id, code)
    );
    CREATE TABLE service_hours (
        id {id},
        point_id INTEGER NOT NULL REFERENCES service_points(id),
        agency_id INTEGER NOT NULL REFERENCES agencies(id),
        weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
        opens TEXT NOT NULL,
        closes TEXT NOT NULL,
        valid_from TEXT,
        valid_until TEXT
    );
    CREATE TABLE hour_exceptions (
        id {id},
        point_id INTEGER REFERENCES service_points(id),
        agency_id INTEGER REFERENCES agencies(id),
        day TEXT NOT NULL,
        opens TEXT,
        closes TEXT,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE kiosks (
        id {id},
        point_id INTEGER NOT NULL REFERENCES service_points(id),
        label TEXT NOT NULL UNIQUE,
        token_digest TEXT NOT NULL UNIQUE,
        revoked INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE clerks (
        id {id},
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'clerk'
    );
    CREATE TABLE clerk_agencies (
        clerk_id INTEGER NOT NULL REFERENCES clerks(id),
        agency_id INTEGER NOT NULL REFERENCES agencies(id),
        PRIMARY KEY (clerk_id, agency_id)
    );
    CREATE TABLE clerk_languages (
        clerk_id INTEGER NOT NULL REFERENCES clerks(id),
        language TEXT NOT NULL,
        PRIMARY KEY (clerk_id, language)
    );
    CREATE TABLE clerk_sessions (
        token_digest TEXT PRIMARY KEY,
        clerk_id INTEGER NOT NULL REFERENCES clerks(id),
        expires_at DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE appointments (
        id {id},
        code_digest TEXT NOT NULL UNIQUE,
        point_id INTEGER NOT NULL REFERENCES service_points(id),
        agency_id INTEGER NOT NULL REFERENCES agencies(id),
        clerk_id INTEGER REFERENCES clerks(id),
        language TEXT NOT NULL,
        starts_at DOUBLE PRECISION NOT NULL,
        status TEXT NOT NULL DEFAULT 'booked'
    );
    CREATE TABLE live_contacts (
        ticket TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        kiosk_id INTEGER NOT NULL REFERENCES kiosks(id),
        point_id INTEGER NOT NULL REFERENCES service_points(id),
        agency TEXT NOT NULL,
        service TEXT,
        language TEXT NOT NULL,
        priority INTEGER NOT NULL,
        queued_at DOUBLE PRECISION NOT NULL,
        not_before DOUBLE PRECISION,
        booked_clerk_id INTEGER,
        appointment_id INTEGER,
        call_id TEXT,
        clerk_id INTEGER,
        answered_at DOUBLE PRECISION
    );
    CREATE TABLE transactions (
        id {id},
        ticket TEXT NOT NULL UNIQUE,
        call_id TEXT,
        point_id INTEGER NOT NULL REFERENCES service_points(id),
        kiosk_id INTEGER NOT NULL REFERENCES kiosks(id),
        agency TEXT NOT NULL,
        service TEXT,
        language TEXT NOT NULL,
        interpreter_language TEXT,
        queued_at DOUBLE PRECISION NOT NULL,
        answered_at DOUBLE PRECISION,
        ended_at DOUBLE PRECISION NOT NULL,
        outcome TEXT NOT NULL
    );
    CREATE INDEX transactions_ended ON transactions (ended_at);
    CREATE INDEX transactions_agency ON transactions (agency, ended_at)
    """,
    # 2: kiosk enrolment by one-time code; audit log of who joined which call
    """
    ALTER TABLE kiosks ADD COLUMN enrolment_digest TEXT;
    ALTER TABLE kiosks ADD COLUMN enrolment_expires DOUBLE PRECISION;
    CREATE TABLE audit_log (
        id {id},
        at DOUBLE PRECISION NOT NULL,
        actor_role TEXT NOT NULL,
        actor_id INTEGER,
        action TEXT NOT NULL,
        call_id TEXT,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_call ON audit_log (call_id)
    """,
    # 3: documents handed in, counted per contact (count and bytes only)
    """
    ALTER TABLE transactions ADD COLUMN documents INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE transactions ADD COLUMN document_bytes BIGINT NOT NULL DEFAULT 0
    """,
    # 4: customer feedback per agency and point (a score and a chosen reason, no text)
    """
    CREATE TABLE feedback (
        id {id},
        at DOUBLE PRECISION NOT NULL,
        point_id INTEGER NOT NULL REFERENCES service_points(id),
        agency TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        reason TEXT
    );
    CREATE INDEX feedback_agency ON feedback (agency, at)
    """,
    # 5: interpreters: the language a customer asked for, and interpreting time per contact
    """
    ALTER TABLE live_contacts ADD COLUMN interpreter TEXT;
    ALTER TABLE transactions ADD COLUMN interpreter_seconds DOUBLE PRECISION NOT NULL DEFAULT 0
    """,
    # 6: identities from a single sign-on provider (OIDC issuer and subject) per clerk
    """
    CREATE TABLE clerk_identities (
        issuer TEXT NOT NULL,
        subject TEXT NOT NULL,
        clerk_id INTEGER NOT NULL REFERENCES clerks(id),
        PRIMARY KEY (issuer, subject)
    )
    """,
    # 7: the interpreter of a running call survives a restart like its kiosk and clerk
    """
    ALTER TABLE live_contacts ADD COLUMN interpreter_id INTEGER;
    ALTER TABLE live_contacts ADD COLUMN interpreter_member TEXT;
    ALTER TABLE live_contacts ADD COLUMN interpreter_since DOUBLE PRECISION;
    ALTER TABLE live_contacts ADD COLUMN interpreter_language TEXT;
    ALTER TABLE live_contacts ADD COLUMN interpreter_seconds DOUBLE PRECISION NOT NULL DEFAULT 0
    """,
    # 8: appointment codes keyed (HMAC, key outside the database); older rows stay SHA-256
    """
    ALTER TABLE appointments ADD COLUMN code_scheme TEXT NOT NULL DEFAULT 'sha256'
    """,
    # 9: withdrawn credentials, so that every server on the database closes what they
    # opened (a CLI's change included); a clerk account can be disabled
    """
    CREATE TABLE credential_changes (
        id {id},
        at DOUBLE PRECISION NOT NULL
    );
    ALTER TABLE clerks ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0
    """,
    # 10: where the leading node can be reached directly, for clients that reach a standby
    """
    CREATE TABLE leader (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        node_url TEXT,
        since DOUBLE PRECISION NOT NULL
    )
    """,
    # 11: each kiosk's latest self-test (kiosk/selftest.py), for operators and alerts
    """
    CREATE TABLE kiosk_self_tests (
        kiosk_id INTEGER PRIMARY KEY REFERENCES kiosks(id),
        started_at DOUBLE PRECISION NOT NULL,
        took_s DOUBLE PRECISION NOT NULL,
        results_json TEXT NOT NULL
    )
    """,
    # 12: a coordinator belongs to one service point
    """
    ALTER TABLE clerks ADD COLUMN point_id INTEGER REFERENCES service_points(id)
    """,
]
