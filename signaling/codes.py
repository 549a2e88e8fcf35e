"""Appointment codes: eight digits a citizen can type, stored only as an HMAC.

Eight digits are 10^8 codes: a plain hash of one is reversed by trying them all in a
second, so a copy of the database would give away every booked code. The HMAC's key is
kept outside the database, in a file readable by the server's user only: by default
beside an SQLite database (``<db>.code-key``, made on first use), or named by the
``RS_CODE_KEY_FILE`` environment variable (required for PostgreSQL, where every server
node must read the same file). Guessing at the kiosk is bounded separately
(signaling/hub.py, docs/security.md).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from signaling.exceptions import StoreError

KEY_FILE_ENV = "RS_CODE_KEY_FILE"
DIGITS = 8


def draw_code() -> str:
    return f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"


def code_digest(key: bytes, code: str) -> str:
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def key_file_for(db_url: str) -> Path | None:
    """Where the key lives for this database; None for an in-memory one (a fresh key per
    process is right there: the database does not outlive it either)."""
    named = os.environ.get(KEY_FILE_ENV)
    if named:
        return Path(named)
    if db_url.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            f"set {KEY_FILE_ENV} to the appointment-code key file (the same on every node)"
        )
    path = db_url.removeprefix("sqlite:///")
    return None if path == ":memory:" else Path(f"{path}.code-key")


def load_key(path: Path | None) -> bytes:
    """The key in ``path``, made (32 random bytes, mode 0600) if the file does not exist."""
    if path is None:
        return secrets.token_bytes(32)
    if not path.exists():
        # Written aside, then linked into place: a second process starting at the same
        # moment reads either no file or a whole key, and the first link wins.
        draft = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    try:
        key = bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read the appointment-code key {path}: {exc}") from None
    if len(key) < 16:
        raise StoreError(f"the appointment-code key in {path} is too short")
    return key
