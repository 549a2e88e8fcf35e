"""Debian's nginx with the deployed configuration (deploy/nginx/remote-service.conf), for
the tests: the file itself, with only its addresses, name and certificate paths made the
test's, under a main configuration that keeps everything in a temporary folder."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import free_port, seconds

DEPLOYED = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "remote-service.conf"
#: The deployed file's example node addresses, in order.
EXAMPLE_NODES = ("10.0.0.11:8080", "10.0.0.12:8080")


def nginx_bin() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise RuntimeError("nginx is not installed: ./run test installs Debian's nginx")
    return found


def rendered(nodes: tuple[str, str], cert: Path, key: Path, https_port: int, http_port: int) -> str:
    """The deployed file with the test's node addresses, certificate and ports."""
    text = DEPLOYED.read_text()
    for example, node in zip(EXAMPLE_NODES, nodes, strict=True):
        assert example in text, f"{DEPLOYED} no longer names {example}"
        text = text.replace(example, node)
    replacements = {
        "/etc/ssl/remote-service/fullchain.pem": str(cert),
        "/etc/ssl/remote-service/privkey.pem": str(key),
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:443 ssl;": "",
        "listen [::]:80;": "",
    }
    for old, new in replacements.items():
        assert old in text, f"{DEPLOYED} no longer has {old!r}"
        text = text.replace(old, new)
    return text


def main_config(root: Path, site: Path) -> Path:
    """nginx.conf around the site file, with every path of nginx's own in ``root``."""
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (root / folder).mkdir(exist_ok=True)
    config = root / "nginx.conf"
    config.write_text(
        f"""
daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {site};
}}
"""
    )
    return config


def check(config: Path) -> subprocess.CompletedProcess[str]:
    """``nginx -t`` on ``config``: exit status and what nginx said."""
    return subprocess.run(
        [nginx_bin(), "-t", "-p", str(config.parent), "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=seconds(20),
    )


def spki_digest(cert: Path) -> str:
    """The certificate's public key hash, as Chromium's --ignore-certificate-errors-spki-list
    takes it: that one key trusted, nothing else."""
    der = subprocess.run(
        ["openssl", "x509", "-in", str(cert), "-pubkey", "-noout"],
        capture_output=True,
        check=True,
    ).stdout
    spki = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"],
        input=der,
        capture_output=True,
        check=True,
    ).stdout
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


@contextmanager
def nginx_in_front(root: Path, nodes: tuple[str, str], cert: Path, key: Path) -> Iterator[str]:
    """nginx with the deployed configuration in front of ``nodes``; yields its https URL."""
    https_port, http_port = free_port(), free_port()
    root.mkdir(parents=True, exist_ok=True)
    site = root / "remote-service.conf"
    site.write_text(rendered(nodes, cert, key, https_port, http_port))
    config = main_config(root, site)
    checked = check(config)
    if checked.returncode != 0:
        raise AssertionError(f"nginx -t refused the configuration: {checked.stderr}")
    process = subprocess.Popen(
        [nginx_bin(), "-p", str(root), "-c", str(config)], stderr=subprocess.PIPE
    )
    try:
        wait_for_port(https_port, process)
        yield f"https://127.0.0.1:{https_port}"
    finally:
        process.terminate()
        process.wait(timeout=seconds(10))


def wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    """Until nginx accepts connections on ``port`` (it says nothing when ready)."""
    import socket
    import time

    deadline = time.monotonic() + seconds(10)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            assert process.stderr is not None
            raise AssertionError(f"nginx exited: {process.stderr.read().decode()[-500:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)  # a poll: nginx has no readiness signal to wait on
    raise AssertionError(f"nginx did not listen on {port}")
