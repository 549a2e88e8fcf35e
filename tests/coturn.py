"""A real coturn for the TURN tests: foreground, TURN REST API secret, loopback by default;
optionally also on a lab address with a TLS listener (certificate made by the test)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import free_port, seconds

READY = b"Total General servers"


@dataclass(frozen=True)
class Turn:
    """A running coturn: its plain port (UDP and TCP) and its TLS port (0: none)."""

    port: int
    tls_port: int = 0
    #: coturn's last lines of output, for a failing test to print
    log: deque[str] = field(default_factory=lambda: deque(maxlen=200), compare=False)


def self_signed(folder: Path, address: str) -> Path:
    """A certificate (with its key in the same PEM) for ``address``, valid a day: for TLS
    listeners in tests, and the file a client trusts (SSL_CERT_FILE)."""
    pem = folder / "turn.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=turn.test", "-addext", f"subjectAltName=IP:{address}",
            "-keyout", str(folder / "turn.key"), "-out", str(pem),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return pem


@contextmanager
def coturn_server(
    secret: str,
    *,
    listen: Sequence[str] = ("127.0.0.1",),
    tls_certificate: Path | None = None,
    tls_port: int = 0,
    port: int | None = None,
) -> Iterator[Turn]:
    """Run turnserver listening on ``listen`` (on ``port``, or a free one); with a
    certificate, TLS on ``tls_port``."""
    binary = shutil.which("turnserver")
    if binary is None:
        raise RuntimeError("coturn is not installed: ./run test installs Debian's coturn")
    root = Path(tempfile.mkdtemp(prefix="rs-coturn-"))
    port = port or free_port()
    tls = (
        [
            f"--tls-listening-port={tls_port}",
            f"--cert={tls_certificate}",
            f"--pkey={tls_certificate.with_suffix('.key')}",
        ]
        if tls_certificate is not None
        else ["--no-tls"]
    )
    server = subprocess.Popen(
        [
            binary,
            "-n",
            *(f"--listening-ip={ip}" for ip in listen),
            f"--listening-port={port}",
            "--relay-ip=127.0.0.1",
            "--use-auth-secret",
            f"--static-auth-secret={secret}",
            "--realm=remote-service.test",
            "--allow-loopback-peers",
            *tls,
            "--no-dtls",
            "--no-cli",
            "--fingerprint",
            "--log-file=stdout",
            "--simple-log",
            f"--userdb={root / 'turndb'}",
            f"--pidfile={root / 'turn.pid'}",
            "--min-port=49152",
            "--max-port=49352",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert server.stdout is not None
        log = b""
        while READY not in log:  # coturn says when its servers are up
            line = server.stdout.readline()
            if not line:
                raise RuntimeError(f"coturn did not start: {log.decode()[-500:]}")
            log += line
        turn = Turn(port, tls_port if tls_certificate is not None else 0)
        turn.log.extend(log.decode(errors="replace").splitlines())
        # Read on: a full pipe would stall coturn at its next line of log.
        threading.Thread(target=_drain, args=(server.stdout, turn.log), daemon=True).start()
        yield turn
    finally:
        server.terminate()
        server.wait(timeout=seconds(10))
        shutil.rmtree(root, ignore_errors=True)


def _drain(stream: Iterable[bytes], into: deque[str]) -> None:
    for line in stream:
        into.append(line.decode(errors="replace").rstrip())


@contextmanager
def coturn(secret: str) -> Iterator[int]:
    """Run turnserver on 127.0.0.1; yield its port."""
    with coturn_server(secret) as turn:
        yield turn.port
