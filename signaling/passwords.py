"""One password policy for every way an account is made (the admin CLI and the REST API
share the :class:`~signaling.supervisor.bodies.NewClerk` model that applies it).

At least :data:`MIN_LENGTH` characters, not built on the username or the person's name,
and not guessable: zxcvbn (Dropbox's estimator, with its packaged lists of common
passwords, words and names) must rate it at least :data:`MIN_SCORE` of 4. Argon2id makes
every guess slow; this keeps the first guesses from being the right ones.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MIN_SCORE = 3
MAX_LENGTH = 200


def password_problem(password: str, *, username: str, display_name: str = "") -> str | None:
    """Why ``password`` is refused for this account, in words a person can act on."""
    if len(password) < MIN_LENGTH:
        return f"the password needs at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"the password may have at most {MAX_LENGTH} characters"
    lowered = password.lower()
    for part in (username, *display_name.split()):
        if len(part) >= 3 and part.lower() in lowered:
            return "the password must not contain the username or the person's name"
    verdict = zxcvbn(password[:100], user_inputs=[username, display_name])
    if verdict["score"] < MIN_SCORE:
        warning = verdict["feedback"].get("warning") or "it is easy to guess"
        return f"the password is too easy to guess: {warning.rstrip('.').lower()}"
    return None
