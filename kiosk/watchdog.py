"""systemd's service notification, without a dependency: READY=1 once, then WATCHDOG=1
at half the watchdog interval, so that a hung kiosk is restarted (deploy/kiosk.service).
A kiosk started by hand (no NOTIFY_SOCKET) does nothing here."""

from __future__ import annotations

import asyncio
import os
import socket


def notify(message: str) -> bool:
    """Send one notification; False when not running under systemd with notify."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.connect(address)
        sock.sendall(message.encode())
    return True


async def keep_alive() -> None:
    """READY=1, then WATCHDOG=1 every half WATCHDOG_USEC, for as long as the loop runs:
    if the event loop hangs, the pings stop and systemd restarts the kiosk."""
    if not notify("READY=1"):
        return
    interval = int(os.environ.get("WATCHDOG_USEC", "0")) / 2_000_000
    if interval <= 0:
        return
    while True:
        notify("WATCHDOG=1")
        await asyncio.sleep(interval)
