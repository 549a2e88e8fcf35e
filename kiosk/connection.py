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
import contextlib
import enum
import logging
import random
import ssl
import time
import urllib.parse
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
    #: A kiosk in a call must be back within seconds of its link (docs/resilience.md);
    #: the jitter keeps a fleet that reconnects after a restart from arriving in step.
    cap_s: float = 1.5
    jitter: float = 0.5

    def delay(self, attempt: int, rng: random.Random) -> float:
        base = min(self.cap_s, self.initial_s * self.factor ** min(attempt, 32))
        return base * (1 - self.jitter + 2 * self.jitter * rng.random())


DEFAULT_BACKOFF = Backoff()
#: While a call is on, every second of a lost link is a second of frozen picture: try
#: again at once and often (only kiosks in a call do, a handful at any moment).
IN_CALL_BACKOFF = Backoff(initial_s=0.2, factor=1.5, cap_s=0.5, jitter=0.5)
MessageHandler = Callable[[p.ServerMessage], Awaitable[None]]
#: WebSocket pings every 3 s; a pong more than 1.5 s late drops the connection, so a
#: silent link is noticed within 4.5 s (aiohttp's heartbeat).
HEARTBEAT_S = 3.0
#: A connection attempt over a dead link gives up after this long (TCP would wait minutes):
#: short, because the link's return is noticed only by an attempt that gets through; but
#: every third attempt waits longer, since over a thin, lossy link a handshake whose first
#: packets are lost takes more than a second (docs/resilience.md).
CONNECT_TIMEOUTS_S = (1.0, 1.0, 2.5)


def connect_timeout(attempt: int) -> float:
    """How long connection attempt ``attempt`` (0-based) may take."""
    return CONNECT_TIMEOUTS_S[attempt % len(CONNECT_TIMEOUTS_S)]


#: How long the WebSocket upgrade may take once the TCP connection is made.
HANDSHAKE_S = 2.0
#: How long a close waits for the server's closing frame.
CLOSE_TIMEOUT_S = 0.5


#: A standby server node's refusal names the node that serves (signaling/app.py).
SERVING_NODE = "Serving-Node"


def serving_node_url(configured: str, serving: str) -> str | None:
    """The WebSocket URL to try on the node a standby named, or None if it must not be
    followed: anything but a bare http(s) origin, or one that would drop TLS the kiosk
    was configured with (the kiosk's token goes wherever it connects)."""
    origin = urllib.parse.urlsplit(serving)
    if origin.scheme not in ("http", "https") or not origin.netloc:
        return None
    if origin.path not in ("", "/") or origin.query or origin.fragment or "@" in origin.netloc:
        return None
    mine = urllib.parse.urlsplit(configured)
    if mine.scheme == "wss" and origin.scheme != "https":
        return None
    scheme = "wss" if origin.scheme == "https" else "ws"
    return urllib.parse.urlunsplit((scheme, origin.netloc, mine.path, mine.query, ""))


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
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self._url = url
        #: Where the next attempt goes: the configured URL, or the node a standby named.
        self._target = url
        self._tls: ssl.SSLContext | bool = tls if tls is not None else True
        self._token = token
        self._on_message = on_message
        self._on_state = on_state
        #: The reconnection policy; the agent makes it brisker while a call is on.
        self.backoff = backoff
        self._rng = rng or random.Random()
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._closing = False
        self.state = ConnectionState.CONNECTING
        #: When the connection last opened (monotonic), None while it is not open.
        self.open_since: float | None = None
        #: Set to cut a wait between attempts short (the network is known to be back).
        self._wake = asyncio.Event()

    def _move(self, event: ConnectionEvent) -> None:
        new = next_connection_state(self.state, event)
        if new is not self.state:
            log.info("signalling %s -> %s", self.state.value, new.value)
            self.state = new
            self._on_state(new)

    async def run(self) -> None:
        """Connect and reconnect until :meth:`close`."""
        attempt = 0
        while not self._closing:
            connect_s = connect_timeout(attempt)
            timeout = aiohttp.ClientTimeout(total=None, connect=connect_s, sock_connect=connect_s)
            async with aiohttp.ClientSession(timeout=timeout) as http:
                opened = False
                try:
                    # The whole handshake has a time limit, not only the TCP connection: a
                    # link that stalls after the connection is made would otherwise hold
                    # the upgrade (and the kiosk's signalling) for ever.
                    opening = http.ws_connect(
                        self._target,
                        headers={"Authorization": f"Bearer {self._token}"},
                        heartbeat=HEARTBEAT_S,
                        ssl=self._tls,
                        # A close over a dead link would wait 10 s for the server's answer.
                        timeout=aiohttp.ClientWSTimeout(ws_close=CLOSE_TIMEOUT_S),
                    )
                    handshake = await asyncio.wait_for(opening, connect_s + HANDSHAKE_S)
                    async with handshake as ws:
                        if self._closing:  # close() came while the handshake was under way
                            break
                        self._ws = ws
                        attempt = 0
                        self.open_since = time.monotonic()
                        self._move(ConnectionEvent.OPENED)
                        opened = True
                        await self._read(ws)
                    self._ws = None
                    self.open_since = None
                    if not self._closing:
                        self._move(ConnectionEvent.LOST)
                except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                    self._ws = None
                    self.open_since = None
                    if self._closing:
                        break
                    if opened:
                        # The open connection ended in an error rather than a close: aiohttp
                        # answers a ping on a connection that has just ended by raising
                        # ClientConnectionResetError out of the read (a flapping link).
                        log.info("signalling lost: %s", type(exc).__name__)
                        self._move(ConnectionEvent.LOST)
                    elif self._sent_elsewhere(exc):
                        continue  # at once, to the node that serves
                    else:
                        log.info("signalling connect failed: %s", type(exc).__name__)
                        self._move(ConnectionEvent.FAILED)
            if self._closing:
                break
            self._wake.clear()
            with contextlib.suppress(TimeoutError):  # the wait, or retry_now()
                await asyncio.wait_for(self._wake.wait(), self.backoff.delay(attempt, self._rng))
            attempt += 1
        self._move(ConnectionEvent.CLOSED)

    def _sent_elsewhere(self, failure: BaseException) -> bool:
        """A standby named the node that serves: True if the next attempt goes there.
        Any other failure sends the kiosk back to its configured URL (the named node may
        be the one that died)."""
        named = None
        if isinstance(failure, aiohttp.WSServerHandshakeError) and failure.status == 503:
            named = failure.headers.get(SERVING_NODE) if failure.headers else None
        target = serving_node_url(self._url, named) if named else None
        if target is None or target == self._target:
            self._target = self._url
            return False
        log.info("signalling: a standby answered; the serving node is %s", named)
        self._target = target
        return True

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

    def retry_now(self) -> None:
        """The network is back (a call's media flows again): if the connection is down
        and waiting to try again, try now rather than at the end of its back-off."""
        if self._ws is None and not self._closing:
            self._wake.set()

    async def reconnect(self) -> None:
        """Drop the connection now and make a new one (this kiosk's address changed: the
        old TCP connection is dead even if no ping has failed yet)."""
        ws = self._ws
        if ws is not None and not ws.closed:
            log.info("signalling: reconnecting at once")
            self.open_since = None  # nothing sent from now on would arrive
            await ws.close()

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
