"""The real server and a headless kiosk (the real KioskAgent, in this process) beside it:
what a console test needs before a clerk logs in."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.agent import KioskAgent
from media.network import allow_loopback_candidates
from media.sources import open_local_media
from signaling.demo_data import DemoCredentials
from tests.helpers import RecordingListener, ServerProcess, require_loopback_only


@dataclass
class KioskBeside:
    server: ServerProcess
    agent: KioskAgent
    listener: RecordingListener


@contextlib.asynccontextmanager
async def kiosk_beside_server(
    db: Path, creds: DemoCredentials, *server_args: str
) -> AsyncIterator[KioskBeside]:
    """The server on ``db`` and the test kiosk connected to it (welcomed, not queued)."""
    require_loopback_only()
    allow_loopback_candidates()
    server = ServerProcess(db, args=list(server_args))
    await server.start()
    listener = RecordingListener()
    agent = KioskAgent(server.url, creds.kiosk_token, open_local_media("test", "tone"), listener)
    agent.start()
    try:
        await listener.watch.until(listener.welcomed, 10, "the kiosk's agency list")
        yield KioskBeside(server, agent, listener)
    finally:
        await agent.stop()
        await server.stop()
