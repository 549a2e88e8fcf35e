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
import time
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
    kiosk = _start_kiosk(url, creds.kiosk_token, headless=headless, var=Path(args.var))
    started = time.monotonic()

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
        # Until Ctrl-C or the server stops; a kiosk that exits (its window closed) leaves
        # the server up for the console.
        while not stopping:
            if not headless and time.monotonic() - started < WINDOW_OPENS_WITHIN_S:
                why = _window_failed(kiosk, Path(args.var) / "kiosk-window.log")
                if why is not None:
                    # The server stays up: a demo is still a demo with the virtual kiosk.
                    print(f"the kiosk window did not open ({why}); using the headless kiosk")
                    print("  the headless virtual kiosk queues for Kela by itself", flush=True)
                    headless = True
                    kiosk = _start_kiosk(url, creds.kiosk_token, headless=True, var=Path(args.var))
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


#: A window kiosk still running this long after its start has opened its window.
WINDOW_OPENS_WITHIN_S = 10.0


def _start_kiosk(url: str, token: str, *, headless: bool, var: Path) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "kiosk", "--server", url, "--ice-loopback"]
    args += ["--headless"] if headless else ["--windowed"]
    env = {**os.environ, "KIOSK_TOKEN": token}
    if headless:
        return subprocess.Popen(args, env=env)
    # The window's complaints go to a file, so that the one line that says why it could
    # not open can be shown (Qt prints a dozen).
    log = (var / "kiosk-window.log").open("wb")
    try:
        return subprocess.Popen(args, env=env, stderr=log)
    finally:
        log.close()


def _window_failed(kiosk: subprocess.Popen[bytes], log: Path) -> str | None:
    """Why the window kiosk exited, in one line; None while it runs."""
    code = kiosk.poll()
    if code is None:
        return None
    lines = [line.strip() for line in log.read_text(errors="replace").splitlines() if line.strip()]
    # Qt's own words about its platform come first; the camera and sound warnings before
    # them are the kiosk going on without devices, not why it stopped.
    qt = [line.split(": ", 1)[-1] for line in lines if line.startswith("qt.qpa.")]
    return (qt or lines[-1:] or [f"exit status {code}"])[0]


if __name__ == "__main__":
    sys.exit(main())
