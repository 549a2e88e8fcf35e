"""The kiosk's command line: a bad value gets a clear error naming the rule, never a
traceback and never a kiosk that runs with it."""

from __future__ import annotations

import ssl
from pathlib import Path

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


@pytest.mark.parametrize(
    ("content", "said"),
    [(None, "cannot use --ca-file"), ("not a certificate", "cannot use --ca-file")],
)
def test_a_ca_file_that_cannot_be_used_is_refused(
    content: str | None, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ca = tmp_path / "ca.pem"
    if content is not None:
        ca.write_text(content)
    with pytest.raises(SystemExit) as exit_:
        parse_args([*BASE, "--ca-file", str(ca)])
    assert exit_.value.code == 2
    assert said in capsys.readouterr().err


def test_a_ca_file_is_what_the_server_certificate_is_checked_against(tmp_path: Path) -> None:
    from tests.coturn import self_signed

    cert = self_signed(tmp_path, "127.0.0.1")
    tls = parse_args([*BASE, "--ca-file", str(cert)]).tls
    assert tls is not None and tls.verify_mode is ssl.CERT_REQUIRED and tls.check_hostname
    assert [c["subject"] for c in tls.get_ca_certs()] == [((("commonName", "turn.test"),),)]
    assert parse_args(BASE).tls is None  # the system's authorities
