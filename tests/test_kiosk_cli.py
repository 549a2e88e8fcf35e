"""The kiosk's command line: a bad value gets a clear error naming the rule, never a
traceback and never a kiosk that runs with it."""

from __future__ import annotations

import pytest

from kiosk.__main__ import parse_args

BASE = ["--server", "http://127.0.0.1:8080", "--token", "t"]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--double-tap-s", "-1"], "outside 0-2 s"),
        (["--double-tap-s", "soon"], "not a number of seconds"),
        (["--idle-s", "1"], "outside 10-3600 s"),
    ],
)
def test_a_bad_time_is_refused_with_the_rule(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_args([*BASE, *argv])
    assert exit_.value.code == 2
    assert said in capsys.readouterr().err


def test_the_defaults_and_a_good_value() -> None:
    assert parse_args(BASE).double_tap_s == 0.5
    assert parse_args([*BASE, "--double-tap-s", "0"]).double_tap_s == 0.0
    assert parse_args([*BASE, "--idle-s", "300"]).idle_s == 300.0
