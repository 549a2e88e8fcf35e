"""The headless virtual kiosk: no window, a moving test pattern and a tone, and a
customer who joins a queue by themself and joins again after each call (for the demo)."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Sequence

from kiosk.agent import AgentListener, KioskAgent
from kiosk.connection import ConnectionState
from kiosk.visit import VisitState
from kiosk.watchdog import keep_alive
from media.sinks import TrackPump
from protocol import messages as p

log = logging.getLogger(__name__)

#: Pause between a call's end and the virtual customer's next visit.
REJOIN_AFTER_S = 3.0


class VirtualCustomer(AgentListener):
    """Starts a visit whenever the kiosk is idle and connected, and logs what happens."""

    def __init__(self, agent: KioskAgent, agency: str | None, language: str) -> None:
        self.agent = agent
        self.agency = agency
        self.language = language
        #: A queue.join is on its way: do not send another until the visit moves on.
        self.join_pending = False
        self.wake = asyncio.Event()

    def connection_changed(self, state: ConnectionState) -> None:
        log.info("connection %s", state.value)
        self.wake.set()

    def agencies_changed(self, agencies: Sequence[p.AgencyInfo]) -> None:
        self.wake.set()

    def visit_changed(self, state: VisitState) -> None:
        log.info("visit %s", state.value)
        self.join_pending = False
        self.wake.set()

    def notice(self, code: str) -> None:
        if code in ("join_refused", "offline"):
            self.join_pending = False
            self.wake.set()

    def queue_changed(self, status: p.QueueStatus) -> None:
        log.info("queue position %d of %d", status.position, status.waiting)

    def remote_video(self, pump: TrackPump, peer: str) -> None:
        log.info("receiving video from %s", peer)

    def remote_audio(self, pump: TrackPump, peer: str) -> None:
        log.info("receiving audio from %s", peer)

    async def run(self) -> None:
        while True:
            await self.wake.wait()
            self.wake.clear()
            agent = self.agent
            if agent.client.state is not ConnectionState.OPEN or not agent.agencies:
                continue
            if agent.visit.state is VisitState.FEEDBACK:
                await agent.give_feedback(5)  # the virtual customer is always pleased
            if agent.visit.state is VisitState.START:
                await asyncio.sleep(REJOIN_AFTER_S)
                if agent.visit.state is VisitState.START:
                    agent.begin()
            if agent.visit.state is VisitState.CHOOSING and not self.join_pending:
                code = self.agency or next((a.code for a in agent.agencies if a.open), None)
                if code is not None and await agent.join(code, self.language):
                    self.join_pending = True
                    log.info("asked for a place in the queue of %s", code)


async def run_headless(agent: KioskAgent, *, agency: str | None, language: str) -> int:
    customer = VirtualCustomer(agent, agency, language)
    agent.listener = customer
    agent.health.update(speaker="missing", document_camera="missing")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    agent.start()
    visitor = asyncio.ensure_future(customer.run())
    alive = asyncio.ensure_future(keep_alive())
    await stop.wait()
    visitor.cancel()
    alive.cancel()
    await agent.stop()
    return 0
