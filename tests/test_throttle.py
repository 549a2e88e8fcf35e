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


def test_an_attempt_counts_before_its_check_so_a_burst_cannot_slip_through() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock, first_lockout_s=10, max_lockout_s=40)
    keys = {"login:anna@10.0.0.7": 3, "address:10.0.0.7": 50}
    # Fifty guesses sent at once: each is counted as it arrives, before any password
    # check has answered, so only the free ones are let through.
    let_through = [throttle.attempt(keys) == 0 for _ in range(50)]
    assert let_through == [True] * 3 + [False] * 47
    assert throttle.wait_s("login:anna@10.0.0.8", "address:10.0.0.8") == 0, (
        "anna at another address is not locked out"
    )


def test_a_success_takes_its_counted_attempt_back() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock, first_lockout_s=10)
    keys = {"login:anna@a": 3, "address:a": 5}
    for _ in range(2):
        assert throttle.attempt(keys) == 0
    assert throttle.attempt(keys) == 0  # the third, counted as a failure: locks for now
    assert throttle.wait_s("login:anna@a") == 10
    throttle.succeeded("login:anna@a")
    throttle.forgive("address:a")
    assert throttle.wait_s(*keys) == 0, "the right password unlocks at once"
    for _ in range(2):
        assert throttle.attempt({"login:bob@a": 3, "address:a": 5}) == 0
    assert throttle.wait_s("address:a") == 0, "two failures and one forgiven success: 4 of 5"


def test_token_bucket_allows_bursts_then_the_steady_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(clock, rate_per_s=10, burst=5)
    assert [bucket.take() for _ in range(6)] == [True] * 5 + [False]
    clock.now = 0.5
    assert [bucket.take() for _ in range(6)] == [True] * 5 + [False]
