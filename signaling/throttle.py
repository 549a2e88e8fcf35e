"""Limits against guessing and flooding, as pure objects with an injected clock.

* :class:`AttemptThrottle`: after a few failed attempts for the same key (a username at one
  client address, or an address) further attempts are refused for a delay that doubles
  with each further failure, up to a cap. An attempt counts *before* the slow password
  check (:meth:`AttemptThrottle.attempt`), so guesses sent at once cannot all slip in
  before the first failure is known; a success then takes its count back.
* :class:`TokenBucket`: a per-connection message budget (steady rate with bursts, e.g.
  a browser trickling ICE candidates); an empty bucket refuses the message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class _Failures:
    free: int
    count: int = 0
    locked_until: float = 0.0
    last_at: float = 0.0


@dataclass
class AttemptThrottle:
    clock: Callable[[], float]
    free_attempts: int = 5
    first_lockout_s: float = 30.0
    max_lockout_s: float = 900.0
    #: Failures this long ago, with no wait running, are forgotten (a clerk's typo of
    #: last week, a citizen's mistyped code this morning).
    forget_after_s: float = 3600.0
    _keys: dict[str, _Failures] = field(default_factory=dict)

    def wait_s(self, *keys: str) -> float:
        """Seconds before any of ``keys`` may try again (0: now)."""
        now = self.clock()
        return max(
            (max(0.0, self._keys[k].locked_until - now) for k in keys if k in self._keys),
            default=0.0,
        )

    def attempt(self, keys: dict[str, int]) -> float:
        """Count one attempt for each key (given with its free attempts) unless one of them
        must still wait: then nothing is counted and the seconds to wait are returned."""
        wait = self.wait_s(*keys)
        if wait > 0:
            return wait
        now = self.clock()
        for key, free in keys.items():
            self._count(key, free, now)
        return 0.0

    def failed(self, *keys: str) -> None:
        now = self.clock()
        for key in keys:
            self._count(key, self.free_attempts, now)

    def _count(self, key: str, free: int, now: float) -> None:
        entry = self._keys.setdefault(key, _Failures(free))
        if now - entry.last_at > self.forget_after_s and now >= entry.locked_until:
            entry.count = 0
        entry.count += 1
        entry.last_at = now
        self._lock(entry, now)
        if len(self._keys) > 100_000:  # bounded memory under a spray of usernames
            for old in [k for k, v in self._keys.items() if v.locked_until < now][:50_000]:
                del self._keys[old]

    def _lock(self, entry: _Failures, now: float) -> None:
        extra = entry.count - entry.free
        entry.locked_until = (
            now + min(self.max_lockout_s, self.first_lockout_s * 2**extra) if extra >= 0 else 0.0
        )

    def succeeded(self, key: str) -> None:
        self._keys.pop(key, None)

    def forgive(self, key: str) -> None:
        """Take back one counted attempt of ``key``: it turned out to be a success."""
        entry = self._keys.get(key)
        if entry is None:
            return
        entry.count -= 1
        if entry.count <= 0:
            del self._keys[key]
        else:
            self._lock(entry, self.clock())


@dataclass
class TokenBucket:
    clock: Callable[[], float]
    rate_per_s: float = 20.0
    burst: float = 100.0
    _tokens: float = -1.0
    _at: float = 0.0

    def take(self) -> bool:
        """Spend one token; False when the budget is exhausted."""
        now = self.clock()
        if self._tokens < 0:
            self._tokens, self._at = self.burst, now
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate_per_s)
        self._at = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False
