"""The I/O edge around the Switchboard: WebSocket connections in, effects out.

Each connection gets an id, an authenticated principal and a bounded outbox drained by its
own writer task, so one slow client cannot stall messages to everyone else; a client whose
outbox overflows is disconnected (it will reconnect and get a fresh state).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web

from signaling import protocol as p
from signaling.exceptions import ProtocolError
from signaling.store import Store
from signaling.switchboard import (
    ClerkPrincipal,
    Effect,
    KioskPrincipal,
    Principal,
    Record,
    Send,
    Switchboard,
)

log = logging.getLogger(__name__)

OUTBOX_LIMIT = 512


class _Connection:
    def __init__(self, conn_id: str, ws: web.WebSocketResponse) -> None:
        self.conn_id = conn_id
        self.ws = ws
        self.outbox: asyncio.Queue[str | None] = asyncio.Queue(OUTBOX_LIMIT)
        self.writer: asyncio.Task[None] | None = None
        self.closer: asyncio.Future[bool] | None = None

    async def drain(self) -> None:
        while (text := await self.outbox.get()) is not None:
            try:
                await self.ws.send_str(text)
            except (ConnectionError, RuntimeError):
                return


class Hub:
    """Owns the live connections of one server process."""

    def __init__(self, switchboard: Switchboard, store: Store, *, heartbeat_s: float) -> None:
        self._switchboard = switchboard
        self._store = store
        self._heartbeat_s = heartbeat_s
        self._connections: dict[str, _Connection] = {}
        self._ids = itertools.count(1)

    def counts(self) -> dict[str, int]:
        return {"connections": len(self._connections), **self._switchboard.counts()}

    def authenticate(self, request: web.Request, session_cookie: str) -> Principal | None:
        """A kiosk by its bearer device token, a clerk by their session cookie."""
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            kiosk = self._store.kiosk_by_token(header.removeprefix("Bearer ").strip())
            if kiosk is None:
                return None
            return KioskPrincipal(
                kiosk_id=kiosk.kiosk_id,
                label=kiosk.label,
                point_id=kiosk.point_id,
                point_name=kiosk.point_name,
                agencies=self._agency_info(),
            )
        token = request.cookies.get(session_cookie)
        if token:
            clerk = self._store.clerk_by_session(token, time.time())
            if clerk is not None:
                return ClerkPrincipal(
                    clerk_id=clerk.clerk_id,
                    display_name=clerk.display_name,
                    agencies=clerk.agencies,
                    agency_info=tuple(a for a in self._agency_info() if a.code in clerk.agencies),
                )
        return None

    def _agency_info(self) -> tuple[p.AgencyInfo, ...]:
        # Foundation: every agency serves remotely at every point, always open.
        # Issue 4 replaces this with the service hours of each point.
        return tuple(
            p.AgencyInfo(code=a.code, names=a.names, open=True) for a in self._store.agencies()
        )

    async def serve(self, request: web.Request, session_cookie: str) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            log.warning("websocket refused: foreign origin")
            return web.json_response({"error": "origin not allowed"}, status=403)
        principal = self.authenticate(request, session_cookie)
        if principal is None:
            return web.json_response({"error": "not authenticated"}, status=401)
        # Accept up to 4x the protocol limit so that an oversized message gets a clear
        # "too_large" error reply instead of a bare close.
        ws = web.WebSocketResponse(
            heartbeat=self._heartbeat_s, max_msg_size=4 * p.MAX_MESSAGE_BYTES
        )
        await ws.prepare(request)
        conn = _Connection(f"{principal.role}-{next(self._ids)}", ws)
        conn.writer = asyncio.create_task(conn.drain())
        self._connections[conn.conn_id] = conn
        log.info("connection %s open", conn.conn_id)
        try:
            await self._apply(self._switchboard.connect(conn.conn_id, principal))
            async for frame in ws:
                if frame.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    await self._receive(conn, frame.data)
                elif frame.type == WSMsgType.ERROR:
                    log.info("connection %s error: %s", conn.conn_id, ws.exception())
        finally:
            del self._connections[conn.conn_id]
            await self._apply(self._switchboard.disconnect(conn.conn_id))
            conn.writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await conn.writer
            log.info("connection %s closed", conn.conn_id)
        return ws

    async def _receive(self, conn: _Connection, data: str | bytes) -> None:
        try:
            message = p.parse_client_message(data)
        except ProtocolError as exc:
            log.info("connection %s sent a bad message: %s", conn.conn_id, exc.code)
            error = p.Error(code=exc.code, message=exc.message, in_reply_to=exc.in_reply_to)  # type: ignore[arg-type]
            self._send(conn.conn_id, error)
            return
        await self._apply(self._switchboard.handle(conn.conn_id, message))

    async def _apply(self, effects: list[Effect]) -> None:
        for effect in effects:
            match effect:
                case Send(conn_id, message):
                    self._send(conn_id, message)
                case Record(transaction):
                    self._store.record_transaction(transaction)

    def _send(self, conn_id: str, message: p._Message) -> None:
        conn = self._connections.get(conn_id)
        if conn is None:
            return
        try:
            conn.outbox.put_nowait(p.encode(message))
        except asyncio.QueueFull:
            log.warning("connection %s too slow: outbox full, closing", conn_id)
            conn.closer = asyncio.ensure_future(conn.ws.close(code=WSCloseCode.TRY_AGAIN_LATER))

    async def close_all(self) -> None:
        for conn in list(self._connections.values()):
            await conn.ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown")
