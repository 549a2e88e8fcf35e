"""A real coturn for the TURN tests: foreground, loopback only, TURN REST API secret."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import free_port, seconds

READY = b"Total General servers"


@contextmanager
def coturn(secret: str) -> Iterator[int]:
    """Run turnserver on 127.0.0.1; yield its port."""
    binary = shutil.which("turnserver")
    if binary is None:
        raise RuntimeError("coturn is not installed: ./run test installs Debian's coturn")
    root = Path(tempfile.mkdtemp(prefix="rs-coturn-"))
    port = free_port()
    server = subprocess.Popen(
        [
            binary,
            "-n",
            "--listening-ip=127.0.0.1",
            f"--listening-port={port}",
            "--relay-ip=127.0.0.1",
            "--use-auth-secret",
            f"--static-auth-secret={secret}",
            "--realm=remote-service.test",
            "--allow-loopback-peers",
            "--no-tls",
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
        yield port
    finally:
        server.terminate()
        server.wait(timeout=seconds(10))
        shutil.rmtree(root, ignore_errors=True)
