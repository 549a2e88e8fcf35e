"""A throwaway PostgreSQL server for the store tests (Debian's postgresql, loopback only)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import free_port, seconds

READY = b"database system is ready to accept connections"


def postgres_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    if not versions:
        raise RuntimeError("PostgreSQL is not installed: ./run test installs Debian's postgresql")
    return versions[-1].parent


@contextmanager
def postgres_server(
    address: str = "127.0.0.1", inside: Callable[[list[str]], list[str]] = list
) -> Iterator[str]:
    """Start a server in a temporary folder; yield its admin URL; remove it afterwards.
    ``inside`` wraps its command (to run it in a test host's namespace, listening on that
    host's ``address``, behind a link the test can cut)."""
    bindir = postgres_bin()
    root = Path(tempfile.mkdtemp(prefix="rs-pg-"))
    root.chmod(0o755)
    data = root / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [
            *as_user,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "--auth=trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
        ],
        check=True,
        capture_output=True,
    )
    # Clients on the server's own subnet too (a test host's link), not only loopback.
    with (data / "pg_hba.conf").open("a") as hba:
        hba.write("host all all samenet trust\n")
    port = free_port()
    server = subprocess.Popen(
        inside(
            [
                *as_user,
                str(bindir / "postgres"),
                "-D",
                str(data),
                "-k",
                str(root),
                "-h",
                address,
                "-p",
                str(port),
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
            ]
        ),
        stderr=subprocess.PIPE,
    )
    try:
        assert server.stderr is not None
        log = b""
        while READY not in log:  # PostgreSQL says when it is ready; read until it does
            line = server.stderr.readline()
            if not line:
                raise RuntimeError(f"PostgreSQL did not start: {log.decode()[-500:]}")
            log += line
        yield f"postgresql://postgres@{address}:{port}/postgres"
    finally:
        server.terminate()
        server.wait(timeout=seconds(30))
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    """A new, empty database on the server ``admin_url`` points at; dropped afterwards
    (connections still open to it included)."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
