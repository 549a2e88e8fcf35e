"""The I/O edge around the Switchboard: WebSocket connections in, effects out.

Each connection gets an id, an authenticated principal and a bounded outbox drained by its
own writer task, so one slow client cannot stall messages to everyone else; a client whose
outbox overflows is disconnected (it reconnects and gets a fresh state). Effects are
applied storage first, then messages: nothing is announced before it is durable.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import logging
import re
import time
from collections import Counter
from collections.abc import Callable

from aiohttp import WSCloseCode, WSMsgType, web

from protocol import messages as p
from protocol.exceptions import ProtocolError
from protocol.json_logs import about
from signaling import auth
from signaling.core.effects import AppointmentUsed, Close, Effect, Send, storage_effects
from signaling.core.presence import ClerkPrincipal, KioskPrincipal, Principal
from signaling.exceptions import DatabaseUnavailable
from signaling.pause import REFUSAL, Backlog, passes_while_paused
from signaling.store import Store
from signaling.switchboard import Switchboard
from signaling.throttle import AttemptThrottle, TokenBucket

log = logging.getLogger(__name__)

OUTBOX_LIMIT = 512
#: Messages that state the whole of something (a clerk's queues, a kiosk's agencies): one
#: still waiting in an outbox is replaced by a newer one, not followed by it. A burst of
#: changes (a fleet reconnecting after a restart: 2,000 kiosks in seconds) then costs each
#: console one snapshot per moment it can take, and cannot overflow its outbox.
SUPERSEDING: tuple[type[p.Message], ...] = (p.QueueSnapshot, p.AgencyList)
#: Refused messages in a row after which a flooding client is disconnected.
FLOOD_LIMIT = 200
#: Wrong appointment codes before waits start, per kiosk and per service point.
CODES_PER_KIOSK = 5
CODES_PER_POINT = 20
#: How often the database is asked whether any credential was withdrawn.
CREDENTIALS_POLL_S = 0.25
KIOSK_TOKEN_PROTOCOL = "rs-kiosk-token"
#: A console tab's id (``/ws?tab=...``): its own random id, kept across its reloads.
TAB_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


def kiosk_token(request: web.Request) -> str | None:
    """The device token from the Authorization header or the token subprotocol."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ").strip()
    offered = [v.strip() for v in request.headers.get("Sec-WebSocket-Protocol", "").split(",")]
    if KIOSK_TOKEN_PROTOCOL in offered and len(offered) == 2:
        return offered[1 - offered.index(KIOSK_TOKEN_PROTOCOL)]
    return None


class _Connection:
    def __init__(
        self,
        conn_id: str,
        ws: web.WebSocketResponse,
        principal: Principal,
        credential: str,
        budget: TokenBucket,
    ) -> None:
        self.conn_id = conn_id
        self.ws = ws
        self.principal = principal
        #: the digest of the token or session id it was opened with (re-checked when
        #: credentials are withdrawn anywhere)
        self.credential = credential
        self.budget = budget
        self.refused = 0
        #: texts to send, in order; a type (of SUPERSEDING) stands for its latest text
        self.outbox: asyncio.Queue[str | type[p.Message]] = asyncio.Queue(OUTBOX_LIMIT)
        self.latest: dict[type[p.Message], str] = {}
        self.writer: asyncio.Task[None] | None = None
        self.closer: asyncio.Future[bool] | None = None

    def put(self, message: p.Message, text: str) -> None:
        """Queue ``text``; a superseding message already waiting takes the new text in
        its place. Raises asyncio.QueueFull."""
        kind = type(message)
        if kind not in SUPERSEDING:
            self.outbox.put_nowait(text)
        elif kind in self.latest:
            self.latest[kind] = text
        else:
            self.outbox.put_nowait(kind)
            self.latest[kind] = text

    async def drain(self) -> None:
        while True:
            item = await self.outbox.get()
            text = item if isinstance(item, str) else self.latest.pop(item)
            try:
                await self.ws.send_str(text)
            except (ConnectionError, RuntimeError):
                return


#: The close reason of every connection when this node stops serving.
GOING_AWAY = b"going away: reconnect"


class Hub:
    """Owns the live connections of one server process."""

    def __init__(
        self,
        switchboard: Switchboard,
        store: Store,
        *,
        heartbeat_s: float,
        tick_s: float = 1.0,
        messages_per_s: float = 20.0,
        message_burst: float = 100.0,
        sockets_per_session: int = 8,
        observe: Callable[[list[Effect]], None] = lambda effects: None,
    ) -> None:
        #: Told every event's effects once they are durable and announced (metrics).
        self._observe = observe
        self._budget = (messages_per_s, message_burst)
        self._sockets_per_session = sockets_per_session
        self._switchboard = switchboard
        self._store = store
        self._heartbeat_s = heartbeat_s
        self._tick_s = tick_s
        self._connections: dict[str, _Connection] = {}
        #: open connections per credential digest (a login's consoles are capped)
        self._per_credential: Counter[str] = Counter()
        self._ids = itertools.count(1)
        self._ticker: asyncio.Task[None] | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._marker = 0
        # One event at a time through the switchboard and its storage effects: the
        # order in which changes become durable is the order in which they happened.
        self._serial = asyncio.Lock()
        # Wrong appointment codes, counted per kiosk and per service point for the life
        # of the process, so a reconnect does not reset them (docs/security.md).
        self._codes = AttemptThrottle(time.monotonic)
        #: True while the database does not answer (signaling/pause.py): changes are
        #: refused, and what cannot be refused waits in the backlog.
        self.paused = False
        self._backlog = Backlog()

    async def start(self) -> None:
        """Rebuild queues and calls from the database, then start the clock."""
        store = self._store
        catalogue = await store.call(store.load_catalogue)
        await self._apply(self._switchboard.set_catalogue(catalogue))
        handling = {
            code: await store.call(store.recent_handling_times, code) for code in catalogue.agencies
        }
        self._switchboard.seed_handling_times(handling)
        self._switchboard.restore(await store.call(store.live_contacts))
        self._ticker = asyncio.create_task(self._tick_forever())
        self._marker = await store.call(store.credentials_marker)
        self._watcher = asyncio.create_task(self._watch_credentials())

    async def stop(self) -> None:
        for task in (self._ticker, self._watcher):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await self.close_all()

    async def reload_catalogue(self) -> None:
        """After a supervisor's change: new agencies and hours reach the kiosks at once."""
        catalogue = await self._store.call(self._store.load_catalogue)
        async with self._serial:
            await self._apply(self._switchboard.set_catalogue(catalogue))

    async def _tick_forever(self) -> None:
        while True:
            await asyncio.sleep(self._tick_s)
            try:
                self._close_expired_sessions(time.time())
                if self.paused:  # offers and grace periods wait for the database
                    continue
                async with self._serial:
                    await self._apply(self._switchboard.tick())
            except Exception:  # the clock must keep running whatever one tick hit
                log.exception("tick failed")

    async def _watch_credentials(self) -> None:
        """Close, within a second, every connection whose token or session was withdrawn
        by anyone on this database: a logout, a revoked or rotated kiosk token, a
        disabled clerk, a reset password; the admin CLI's changes and another server
        node's included. One cheap query a poll; connections are re-checked only when
        something was withdrawn."""
        while True:
            await asyncio.sleep(CREDENTIALS_POLL_S)
            if self.paused:
                continue
            try:
                marker = await self._store.call(self._store.credentials_marker)
                if marker == self._marker:
                    continue
                self._marker = marker
                held = {c.credential for c in self._connections.values()}
                standing = await self._store.call(
                    self._store.standing_credentials, held, time.time()
                )
                for conn in list(self._connections.values()):
                    if conn.credential not in standing:
                        self._close(conn.conn_id, "credentials withdrawn")
            except DatabaseUnavailable as exc:  # the leadership poll decides what it means
                log.warning("credential check: %s", exc)
            except Exception:  # keep watching whatever one poll hit
                log.exception("credential check failed")

    @property
    def switchboard(self) -> Switchboard:
        return self._switchboard

    @property
    def backlog(self) -> int:
        """Events waiting for the database to answer."""
        return len(self._backlog)

    def counts(self) -> dict[str, int]:
        return {"connections": len(self._connections), **self._switchboard.counts()}

    async def authenticate(self, request: web.Request, session_cookie: str) -> Principal | None:
        """A kiosk by its device token, a clerk by their session cookie.

        A kiosk sends its token as ``Authorization: Bearer``; a browser-based kiosk, which
        cannot set headers on a WebSocket, offers the subprotocols
        ``rs-kiosk-token, <token>`` instead.
        """
        store = self._store
        token = kiosk_token(request)
        if token is not None:
            kiosk = await store.call(store.kiosk_by_token, token)
            if kiosk is None:
                return None
            return KioskPrincipal(
                kiosk_id=kiosk.kiosk_id,
                label=kiosk.label,
                point_id=kiosk.point_id,
                point_name=kiosk.point_name,
            )
        cookie = request.cookies.get(session_cookie)
        if cookie:
            clerk = await store.call(store.clerk_by_session, cookie, time.time())
            expires = await store.call(store.session_expiry, cookie)
            if clerk is not None and expires is not None:
                return ClerkPrincipal(
                    session_expires=expires,
                    clerk_id=clerk.clerk_id,
                    display_name=clerk.display_name,
                    agencies=clerk.agencies,
                    languages=clerk.languages,
                    role="interpreter" if clerk.role == "interpreter" else "clerk",
                )
        return None

    async def serve(self, request: web.Request, session_cookie: str) -> web.StreamResponse:
        seen = self._marker  # a withdrawal the watcher handles before we are listed
        principal = await self.authenticate(request, session_cookie)
        if principal is None:
            return web.json_response({"error": "not authenticated"}, status=401)
        if isinstance(principal, ClerkPrincipal):
            tab = request.query.get("tab", "")
            if tab and not TAB_ID.fullmatch(tab):
                return web.json_response(
                    {"error": "tab must be 8 to 64 letters, digits, '-' or '_'"}, status=400
                )
            principal = dataclasses.replace(principal, tab=tab)
        credential = auth.token_digest(
            kiosk_token(request) or request.cookies.get(session_cookie, "")
        )
        if isinstance(principal, ClerkPrincipal) and (
            self._per_credential[credential] >= self._sockets_per_session
        ):
            return web.json_response(
                {"error": "too many consoles open with this login: close one"}, status=429
            )
        # Accept up to 4x the protocol limit so that an oversized message gets a clear
        # "too_large" error reply instead of a bare close. No permessage-deflate: our
        # messages are small, and each deflate context costs hundreds of KB per socket.
        ws = web.WebSocketResponse(
            compress=False,
            heartbeat=self._heartbeat_s,
            max_msg_size=4 * p.MAX_MESSAGE_BYTES,
            protocols=(KIOSK_TOKEN_PROTOCOL,),
        )
        try:
            await ws.prepare(request)
        except ConnectionResetError:  # it gave up while we authenticated it: nothing to do
            log.info("a %s left before its connection was accepted", principal.role)
            return web.Response(status=400)  # aiohttp drops it quietly: the socket is gone
        rate, burst = self._budget
        budget = TokenBucket(time.monotonic, rate_per_s=rate, burst=burst)
        conn = _Connection(f"{principal.role}-{next(self._ids)}", ws, principal, credential, budget)
        conn.writer = asyncio.create_task(conn.drain())
        self._connections[conn.conn_id] = conn
        self._per_credential[credential] += 1
        if self._marker != seen:
            standing = await self._store.call(
                self._store.standing_credentials, [credential], time.time()
            )
            if credential not in standing:
                self._close(conn.conn_id, "credentials withdrawn")
        point = principal.point_id if isinstance(principal, KioskPrincipal) else None
        log.info("connection %s open", conn.conn_id, extra=about("connection.open", point=point))
        try:
            async with self._serial:
                await self._apply(self._switchboard.connect(conn.conn_id, principal))
            async for frame in ws:
                if frame.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    await self._receive(conn, frame.data)
                elif frame.type == WSMsgType.ERROR:
                    log.info("connection %s error: %s", conn.conn_id, ws.exception())
        except ConnectionResetError:
            # aiohttp answers a ping from inside receive(): when the client left while we
            # handled its last message, that answer raises (aio-libs/aiohttp#4587). The
            # client is gone; that is all it means.
            log.info("connection %s reset by the client", conn.conn_id)
        finally:
            del self._connections[conn.conn_id]
            self._per_credential[credential] -= 1
            if not self._per_credential[credential]:
                del self._per_credential[credential]
            async with self._serial:
                await self._apply(self._switchboard.disconnect(conn.conn_id))
            conn.writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await conn.writer
            log.info(
                "connection %s closed", conn.conn_id, extra=about("connection.closed", point=point)
            )
        return ws

    async def _receive(self, conn: _Connection, data: str | bytes) -> None:
        if not conn.budget.take():
            conn.refused += 1
            if conn.refused >= FLOOD_LIMIT:
                log.warning("connection %s flooding: closing", conn.conn_id)
                self._close(conn.conn_id, "too many messages")
            elif conn.refused == 1 or conn.refused % 50 == 0:
                error = p.Error(code="rate_limited", message="too many messages: slow down")
                self._send(conn.conn_id, error)
            return
        conn.refused = 0
        try:
            message = p.parse_client_message(data)
        except ProtocolError as exc:
            log.info("connection %s sent a bad message: %s", conn.conn_id, exc.code)
            error = p.Error(code=exc.code, message=exc.message, in_reply_to=exc.in_reply_to)  # type: ignore[arg-type]
            self._send(conn.conn_id, error)
            return
        if self._refused_while_paused(conn, message):
            return
        if self.paused or isinstance(message, p.Ping):
            # A write under way when the database went silent holds the lock until it
            # answers: what passes while paused must not wait for it (if it writes after
            # all, it waits whole), nor a keep-alive ever (a console that hears no pong
            # for 3 s reconnects; a ping changes nothing).
            await self._apply(self._switchboard.handle(conn.conn_id, message))
            return
        if (
            isinstance(message, p.QueueJoin)
            and message.appointment is not None
            and isinstance(conn.principal, KioskPrincipal)
        ):
            await self._join_by_code(conn, conn.principal, message, message.appointment)
            return
        async with self._serial:
            if not self._refused_while_paused(conn, message):
                await self._apply(self._switchboard.handle(conn.conn_id, message))

    def _refused_while_paused(self, conn: _Connection, message: p.ClientMessage) -> bool:
        """Refuse a change while the database does not answer; True if refused."""
        if not self.paused or passes_while_paused(message):
            return False
        error = p.Error(code="service_paused", message=REFUSAL, in_reply_to=message.type)
        self._send(conn.conn_id, error)
        return True

    async def pause(self) -> None:
        """The database does not answer: refuse changes and tell every client."""
        if self.paused:
            return
        self.paused = True
        log.warning("the database does not answer: changes paused")
        self._broadcast(p.ServiceStatus(state="paused"))

    async def resume(self) -> bool:
        """The database answers again: write what waited, in order, announce it, and
        accept changes again. False if it stopped answering meanwhile."""
        if not self.paused:
            return True
        async with self._serial:
            late = len(self._backlog)
            while (effects := self._backlog.oldest()) is not None:
                try:
                    await self._store.call(self._store.apply, storage_effects(effects))
                except DatabaseUnavailable as exc:
                    log.warning("still paused: %s", exc)
                    return False
                self._backlog.written()
                self._announce(effects)
            self.paused = False
        log.warning("the database answers again: changes accepted (%d written late)", late)
        self._broadcast(p.ServiceStatus(state="normal"))
        return True

    def _broadcast(self, message: p.Message) -> None:
        text = p.encode(message)
        for conn_id in list(self._connections):
            self._send(conn_id, message, text)

    async def _join_by_code(
        self, conn: _Connection, kiosk: KioskPrincipal, message: p.QueueJoin, code: str
    ) -> None:
        """A join by appointment code, counted before the code is looked up: a kiosk gets
        a few wrong codes, its point a few more, then growing waits, across reconnects.
        One stolen kiosk token thus tries about a hundred codes a day (of 10^8)."""
        keys = {
            f"kiosk:{kiosk.kiosk_id}": CODES_PER_KIOSK,
            f"point:{kiosk.point_id}": CODES_PER_POINT,
        }
        wait = self._codes.attempt(keys)
        if wait > 0:
            text = f"too many wrong appointment codes here: try again in {int(wait) + 1} s"
            self._send(
                conn.conn_id, p.Error(code="rate_limited", message=text, in_reply_to="queue.join")
            )
            return
        booking = await self._store.call(self._store.appointment_by_code, code)
        async with self._serial:
            if self._refused_while_paused(conn, message):
                return
            effects = self._switchboard.handle(conn.conn_id, message, appointment=booking)
            await self._apply(effects)
        if any(isinstance(e, AppointmentUsed) for e in effects):
            kiosk_key, point_key = keys
            self._codes.succeeded(kiosk_key)
            self._codes.forgive(point_key)
        elif self._codes.wait_s(*keys) > 0:
            log.warning("kiosk %s: wrong appointment codes, waiting", kiosk.label)
            await self._store.call(
                self._store.audit,
                time.time(),
                "kiosk",
                kiosk.kiosk_id,
                "appointment.codes_locked",
                None,
                kiosk.label,
            )

    async def _apply(self, effects: list[Effect]) -> None:
        """Carry out one event's effects: all its storage in one transaction, then the
        messages (nothing is announced before it is durable). While the database does
        not answer, an event that writes waits whole in the backlog."""
        durable = storage_effects(effects)
        if durable and self.paused:
            self._backlog.add(effects)
            return
        if durable:
            try:
                await self._store.call(self._store.apply, durable)
            except DatabaseUnavailable as exc:
                log.warning("write deferred: %s", exc)
                self._backlog.add(effects)
                await self.pause()
                return
        self._announce(effects)

    def _announce(self, effects: list[Effect]) -> None:
        """Send an event's messages and close what it closes; count what it did."""
        self._observe(effects)
        encoded: dict[int, str] = {}  # one snapshot to 200 clerks is serialised once
        for effect in effects:
            match effect:
                case Send(conn_id, message):
                    text = encoded.get(id(message))
                    if text is None:
                        text = encoded[id(message)] = p.encode(message)
                    self._send(conn_id, message, text)
                case Close(conn_id, reason):
                    self._close(conn_id, reason)

    def _send(self, conn_id: str, message: p.Message, text: str | None = None) -> None:
        conn = self._connections.get(conn_id)
        if conn is None:
            return
        try:
            conn.put(message, text if text is not None else p.encode(message))
        except asyncio.QueueFull:
            log.warning("connection %s too slow: outbox full, closing", conn_id)
            self._close(conn_id, "too slow")

    def _close(self, conn_id: str, reason: str) -> None:
        conn = self._connections.get(conn_id)
        if conn is not None and conn.closer is None:
            log.info("closing connection %s: %s", conn_id, reason)
            conn.closer = asyncio.ensure_future(
                conn.ws.close(code=WSCloseCode.POLICY_VIOLATION, message=reason.encode()[:120])
            )

    def _close_expired_sessions(self, now: float) -> None:
        """A console whose login has expired is not left connected overnight."""
        for conn in list(self._connections.values()):
            principal = conn.principal
            if isinstance(principal, ClerkPrincipal) and principal.session_expires <= now:
                self._close(conn.conn_id, "session expired")

    async def ask_self_test(self, kiosk_id: int) -> bool:
        """Ask a kiosk to test itself: True if it is told now, False if it will be when
        it next connects."""
        async with self._serial:
            effects = self._switchboard.request_self_test(kiosk_id)
            await self._apply(effects)
        return bool(effects)

    def disconnect(
        self,
        *,
        kiosk_id: int | None = None,
        clerk_id: int | None = None,
        reason: str = "credentials withdrawn",
    ) -> int:
        """Close every connection of a kiosk or a clerk at once (revoked, logged out; or
        changed: a console reconnects by itself, as what it now is)."""
        closing = [
            c.conn_id
            for c in self._connections.values()
            if (
                kiosk_id is not None
                and isinstance(c.principal, KioskPrincipal)
                and c.principal.kiosk_id == kiosk_id
            )
            or (
                clerk_id is not None
                and isinstance(c.principal, ClerkPrincipal)
                and c.principal.clerk_id == clerk_id
            )
        ]
        for conn_id in closing:
            self._close(conn_id, reason)
        return len(closing)

    async def close_all(self) -> None:
        """Close every connection with 1001 and a reason that says what to do: this node
        stops serving (a shutdown, a release, a lost leadership), another one serves."""
        for conn in list(self._connections.values()):
            await conn.ws.close(code=WSCloseCode.GOING_AWAY, message=GOING_AWAY)
