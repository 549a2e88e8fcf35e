"""Secrets: password hashes (Argon2id), random tokens, and token digests for storage.

Tokens (kiosk device tokens, clerk session ids) are stored only as SHA-256 digests, so a
copy of the database does not let anyone log in. Passwords use Argon2id through
argon2-cffi with its default, OWASP-aligned parameters. An OIDC login (issue 5) would
produce the same clerk session and plug in beside :func:`verify_password`.
"""

from __future__ import annotations

import functools
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def dummy_hash() -> str:
    """A hash to verify against when the username is unknown, so that a wrong username
    takes as long as a wrong password (no username enumeration by timing). Computed on
    first use, not at import: importing the store costs no Argon2 round."""
    return hash_password("timing-equaliser")


def new_token() -> str:
    """A bearer secret with 256 bits of entropy, URL-safe."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
