"""Login throttling and per-connection message budgets, with a fake clock."""

from __future__ import annotations

from signaling.throttle import LoginThrottle, TokenBucket


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_failed_logins_lock_out_with_growing_waits() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock, free_attempts=3, first_lockout_s=10, max_lockout_s=40)
    for _ in range(2):
        throttle.failed("user:anna", "ip:127.0.0.1")
    assert throttle.wait_s("user:anna") == 0
    throttle.failed("user:anna", "ip:127.0.0.1")
    assert throttle.wait_s("user:anna") == 10
    assert throttle.wait_s("user:bob", "ip:127.0.0.1") == 10, "the address is locked too"
    clock.now = 10
    assert throttle.wait_s("user:anna") == 0
    throttle.failed("user:anna")
    assert throttle.wait_s("user:anna") == 20
    for _ in range(5):
        throttle.failed("user:anna")
    assert throttle.wait_s("user:anna") == 40, "capped"
    throttle.succeeded("user:anna")
    assert throttle.wait_s("user:anna") == 0


def test_token_bucket_allows_bursts_then_the_steady_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(clock, rate_per_s=10, burst=5)
    assert [bucket.take() for _ in range(6)] == [True] * 5 + [False]
    clock.now = 0.5
    assert [bucket.take() for _ in range(6)] == [True] * 5 + [False]
