"""The kiosk's signalling connection: one WebSocket, kept open, reconnecting on its own.

    CONNECTING   --opened--> OPEN
    CONNECTING   --failed--> RECONNECTING
    OPEN         --lost----> RECONNECTING
    RECONNECTING --opened--> OPEN
    RECONNECTING --failed--> RECONNECTING
    any          --closed--> CLOSED          (final)

Reconnection waits follow an injected :class:`Backoff` policy (exponential with jitter),
so a fleet of kiosks does not hammer a restarted server in step.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp

from protocol import messages as p
from protocol.exceptions import ProtocolError

log = logging.getLogger(__name__)


class ConnectionState(enum.Enum):
    CONNECTING = "connecting"
    OPEN = "open"
    RECONNECTING = "reconnecting"
    CLOSED = "closed"


class ConnectionEvent(enum.Enum):
    OPENED = "opened"
    FAILED = "failed"
    LOST = "lost"
    CLOSED = "closed"


C, CE = ConnectionState, ConnectionEvent
TRANSITIONS: dict[tuple[ConnectionState, ConnectionEvent], ConnectionState] = {
    (C.CONNECTING, CE.OPENED): C.OPEN,
    (C.CONNECTING, CE.FAILED): C.RECONNECTING,
    (C.OPEN, CE.LOST): C.RECONNECTING,
    (C.RECONNECTING, CE.OPENED): C.OPEN,
    (C.RECONNECTING, CE.FAILED): C.RECONNECTING,
    **{(state, CE.CLOSED): C.CLOSED for state in ConnectionState},
}


def next_connection_state(state: ConnectionState, event: ConnectionEvent) -> ConnectionState:
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise ValueError(f"connection is {state.value}: {event.value} does not apply") from None


@dataclass(frozen=True)
class Backoff:
    """Wait before reconnect attempt n (0-based): min(cap, initial * factor**n) +/- jitter."""

    initial_s: float = 0.25
    factor: float = 2.0
    cap_s: float = 10.0
    jitter: float = 0.5

    def delay(self, attempt: int, rng: random.Random) -> float:
        base = min(self.cap_s, self.initial_s * self.factor ** min(attempt, 32))
        return base * (1 - self.jitter + 2 * self.jitter * rng.random())


DEFAULT_BACKOFF = Backoff()
MessageHandler = Callable[[p.ServerMessage], Awaitable[None]]


class SignalingClient:
    """Keeps a WebSocket to the server open and passes decoded messages to a handler."""

    def __init__(
        self,
        url: str,
        token: str,
        *,
        on_message: MessageHandler,
        on_state: Callable[[ConnectionState], None] = lambda state: None,
        backoff: Backoff = DEFAULT_BACKOFF,
        rng: random.Random | None = None,
    ) -> None:
        self._url = url
        self._token = token
        self._on_message = on_message
        self._on_state = on_state
        self._backoff = backoff
        self._rng = rng or random.Random()
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._closing = False
        self.state = ConnectionState.CONNECTING

    def _move(self, event: ConnectionEvent) -> None:
        new = next_connection_state(self.state, event)
        if new is not self.state:
            log.info("signalling %s -> %s", self.state.value, new.value)
            self.state = new
            self._on_state(new)

    async def run(self) -> None:
        """Connect and reconnect until :meth:`close`."""
        attempt = 0
        async with aiohttp.ClientSession() as http:
            while not self._closing:
                try:
                    async with http.ws_connect(
                        self._url,
                        headers={"Authorization": f"Bearer {self._token}"},
                        heartbeat=10.0,
                    ) as ws:
                        self._ws = ws
                        attempt = 0
                        self._move(ConnectionEvent.OPENED)
                        await self._read(ws)
                    self._ws = None
                    if not self._closing:
                        self._move(ConnectionEvent.LOST)
                except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                    self._ws = None
                    if self._closing:
                        break
                    log.info("signalling connect failed: %s", type(exc).__name__)
                    self._move(ConnectionEvent.FAILED)
                if self._closing:
                    break
                await asyncio.sleep(self._backoff.delay(attempt, self._rng))
                attempt += 1
        self._move(ConnectionEvent.CLOSED)

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for frame in ws:
            if frame.type != aiohttp.WSMsgType.TEXT:
                continue
            try:
                message = p.parse_server_message(frame.data)
            except ProtocolError as exc:
                log.warning("server sent a message we cannot read: %s", exc.message)
                continue
            await self._on_message(message)

    async def send(self, message: p.Message) -> bool:
        """Send if connected; False when the connection is down (the caller decides)."""
        ws = self._ws
        if ws is None or ws.closed:
            return False
        try:
            await ws.send_str(p.encode(message))
        except (ConnectionError, RuntimeError):
            return False
        return True

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
