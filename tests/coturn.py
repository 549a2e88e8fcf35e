"""A real coturn for the TURN tests: foreground, TURN REST API secret, loopback by default;
optionally also on a lab address with a TLS listener (certificate made by the test)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import free_port, seconds

READY = b"Total General servers"


@dataclass(frozen=True)
class Turn:
    """A running coturn: its plain port (UDP and TCP) and its TLS port (0: none)."""

    port: int
    tls_port: int = 0


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
) -> Iterator[Turn]:
    """Run turnserver listening on ``listen``; with a certificate, TLS on ``tls_port``."""
    binary = shutil.which("turnserver")
    if binary is None:
        raise RuntimeError("coturn is not installed: ./run test installs Debian's coturn")
    root = Path(tempfile.mkdtemp(prefix="rs-coturn-"))
    port = free_port()
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
        yield Turn(port, tls_port if tls_certificate is not None else 0)
    finally:
        server.terminate()
        server.wait(timeout=seconds(10))
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def coturn(secret: str) -> Iterator[int]:
    """Run turnserver on 127.0.0.1; yield its port."""
    with coturn_server(secret) as turn:
        yield turn.port
