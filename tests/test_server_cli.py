"""The server's command line refuses what it cannot use with a sentence, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--metrics-token-file", "/nonexistent/token"], "cannot read /nonexistent/token"),
        (["--turn-secret-file", "EMPTY"], "is empty"),
        (["--node-url", "ftp://node-a.example.fi"], "not a node URL"),
        (["--node-url", "https://node-a.example.fi/path"], "not a node URL"),
        (["--allowed-host", "bad host!"], "not a host name"),
        (["--trusted-proxy", "not-an-address"], "--trusted-proxy"),
    ],
)
def test_a_bad_argument_is_named_and_nothing_starts(
    arguments: list[str], said: str, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.write_text("\n")
    arguments = [str(empty) if a == "EMPTY" else a for a in arguments]
    result = subprocess.run(
        [sys.executable, "-m", "signaling", "--port", "0", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    assert "listening" not in result.stdout
