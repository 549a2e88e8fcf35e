"""One transaction per event (issue 13): a server that dies between two storage effects
of one event leaves none of them in the database.

A transfer ends the call (FinishContact: the transaction record written, the live row
removed) and queues the customer for the new agency (SaveContact). Before, each was its
own transaction, and a crash between them lost the customer. Here a real server process
dies exactly there, inside the event's transaction; after a restart the customer is
still in the call they had, nothing is recorded twice or lost, and the kiosk is put back
into that call when it reconnects.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import aiohttp
import pytest

from protocol import messages as p
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import ServerProcess, free_port, require_loopback_only, seconds

pytestmark = pytest.mark.e2e
FAULTS = Path(__file__).parent / "support" / "faults"


async def next_of(ws: aiohttp.ClientWebSocketResponse, kind: type[p.Message]) -> p.Message:
    """The next server message of ``kind`` on ``ws`` (others are skipped)."""
    async with asyncio.timeout(seconds(10)):
        while True:
            message = p.parse_server_message(await ws.receive_str())
            if isinstance(message, kind):
                return message


async def test_a_crash_inside_a_transfer_loses_nothing(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    require_loopback_only()
    db, creds = test_db
    port = free_port()
    dying = ServerProcess(
        db,
        port=port,
        env={
            "PYTHONPATH": os.pathsep.join([str(FAULTS), os.environ.get("PYTHONPATH", "")]),
            "RS_DIE_AFTER_EFFECT": "FinishContact",
        },
    )
    await dying.start()
    try:
        kiosk_auth = {"Authorization": f"Bearer {creds.kiosk_token}"}
        jar = aiohttp.CookieJar(unsafe=True)  # the session cookie of a 127.0.0.1 server
        async with aiohttp.ClientSession(cookie_jar=jar) as clerk, aiohttp.ClientSession() as kiosk:
            login = {"username": creds.clerk_username, "password": creds.clerk_password}
            async with clerk.post(f"{dying.url}/api/login", json=login) as answer:
                assert answer.status == 200
            console = await clerk.ws_connect(f"{dying.url}/ws")
            terminal = await kiosk.ws_connect(f"{dying.url}/ws", headers=kiosk_auth)
            await terminal.send_str(p.encode(p.QueueJoin(agency="kela", language="fi")))
            await console.send_str(p.encode(p.ClerkStatusSet(status="available")))
            offer = await next_of(console, p.CallOffer)
            assert isinstance(offer, p.CallOffer)
            await console.send_str(p.encode(p.CallAccept(ticket=offer.entry.ticket)))
            started = await next_of(terminal, p.CallStarted)
            assert isinstance(started, p.CallStarted)
            await console.send_str(p.encode(p.CallTransfer(call_id=started.call_id, agency="vero")))
            assert dying.proc is not None
            status = await asyncio.wait_for(dying.proc.wait(), seconds(10))
            assert status == 137, "the server died between the two effects of the transfer"
            await console.close()
            await terminal.close()

    finally:
        if dying.proc is not None and dying.proc.returncode is None:
            await dying.kill()  # the fault did not fire: do not leave it running

    store = Store(f"sqlite:///{db}")
    try:
        live = store.live_contacts()
        assert [(c.ticket.agency, c.call_id) for c in live] == [("kela", started.call_id)]
        assert store.transactions() == [], "the ended call was not recorded half-way"
    finally:
        store.close()

    server = ServerProcess(db, port=port)
    await server.start()
    try:
        async with aiohttp.ClientSession() as kiosk:
            terminal = await kiosk.ws_connect(f"{server.url}/ws", headers=kiosk_auth)
            welcome = await next_of(terminal, p.Welcome)
            assert isinstance(welcome, p.Welcome)
            assert (welcome.resume, welcome.call_id) == ("in_call", started.call_id)
            await terminal.close()
    finally:
        assert await server.stop() == 0
