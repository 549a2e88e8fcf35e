"""Login throttling and per-connection message budgets, with a fake clock."""

from __future__ import annotations

from signaling.hub import CODES_PER_KIOSK, CODES_PER_POINT
from signaling.throttle import AttemptThrottle, TokenBucket


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_failed_logins_lock_out_with_growing_waits() -> None:
    clock = Clock()
    throttle = AttemptThrottle(clock, free_attempts=3, first_lockout_s=10, max_lockout_s=40)
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
    throttle = AttemptThrottle(clock, first_lockout_s=10, max_lockout_s=40)
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
    throttle = AttemptThrottle(clock, first_lockout_s=10)
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


def test_old_failures_are_forgotten_once_no_wait_runs() -> None:
    clock = Clock()
    throttle = AttemptThrottle(clock, first_lockout_s=10, forget_after_s=3600)
    for _ in range(4):
        throttle.failed("kiosk:1")
    clock.now = 3601
    throttle.failed("kiosk:1")
    assert throttle.wait_s("kiosk:1") == 0, "the morning's four mistakes are forgotten"
    for _ in range(4):
        throttle.failed("kiosk:1")
    assert throttle.wait_s("kiosk:1") == 10


def test_one_stolen_kiosk_token_has_under_1_percent_chance_of_a_code_in_a_day() -> None:
    """The bound of docs/security.md: an attacker with one kiosk's token tries codes as
    fast as the server lets them, for 24 hours, at a point far busier than any real one:
    200 appointments due at once (a real point has a handful of kiosks)."""
    clock = Clock()
    guard = AttemptThrottle(clock)  # as the hub makes it
    keys = {"kiosk:1": CODES_PER_KIOSK, "point:1": CODES_PER_POINT}
    guesses = 0
    while clock.now < 24 * 3600:
        wait = guard.attempt(keys)
        if wait > 0:
            clock.now += wait
            continue
        guesses += 1  # every guess is wrong: that is the attacker's usual case
    live_codes, all_codes = 200, 10**8
    chance = 1 - (1 - live_codes / all_codes) ** guesses
    assert guesses < 120
    assert chance < 0.01, f"{guesses} guesses give {chance:.4%}"
    assert chance < 0.0003


def test_token_bucket_allows_bursts_then_the_steady_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(clock, rate_per_s=10, burst=5)
    assert [bucket.take() for _ in range(6)] == [True] * 5 + [False]
    clock.now = 0.5
    assert [bucket.take() for _ in range(6)] == [True] * 5 + [False]
