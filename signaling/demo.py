"""``./run demo``: a seeded server on 127.0.0.1:8080 and a kiosk, stopped by Ctrl-C.

The kiosk is the PySide6 window when a display exists, otherwise the headless virtual
kiosk (moving test pattern and tone) that joins a queue by itself. Both run as child
processes so that the demo is exactly what an operator would start by hand.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from signaling.demo_data import INTERPRETER_USERNAME, seed_demo
from signaling.store import Store


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./run demo", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--var", default="var", help="folder for the demo database")
    parser.add_argument("--headless", action="store_true", help="virtual kiosk even with a display")
    return parser.parse_args(argv)


def _has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    db_url = f"sqlite:///{Path(args.var) / 'demo.db'}"
    store = Store(db_url)
    creds = seed_demo(store)
    store.close()

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "signaling",
            "--host",
            args.host,
            "--port",
            str(args.port),
            "--db",
            db_url,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    found = re.search(r"listening on (http://\S+)", line)
    if not found:
        server.terminate()
        print("the server did not start; is the port taken? (--port)", file=sys.stderr)
        return 1
    url = found.group(1)
    headless = args.headless or not _has_display()
    kiosk_args = [sys.executable, "-m", "kiosk", "--server", url, "--ice-loopback"]
    kiosk_args += ["--headless"] if headless else ["--windowed"]
    kiosk = subprocess.Popen(kiosk_args, env={**os.environ, "KIOSK_TOKEN": creds.kiosk_token})

    print(
        f"\n  Remote service demo\n"
        f"  clerk console:  {url}/console/   (username {creds.clerk_username},"
        f" password {creds.clerk_password})\n"
        f"  interpreter:    the same console, username {INTERPRETER_USERNAME}, same password\n"
        f"  kiosk:          {'headless virtual kiosk, queued for Kela' if headless else 'window'}\n"
        f"  kiosk token:    {creds.kiosk_token}\n"
        f"  appointment:    code {creds.appointment_code} (Kela, due in 5 minutes)\n"
        f"  health:         {url}/healthz\n"
        f"  Ctrl-C stops everything.\n",
        flush=True,
    )
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and kiosk.poll() is None:
            try:
                server.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                continue
    finally:
        for process in (kiosk, server):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (kiosk, server):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
