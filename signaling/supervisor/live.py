"""The dashboard's live page (``GET /api/supervisor/live``): each service point's kiosks,
the queues, clerks and interpreters, scoped to the caller's agencies. A plain GET gives
one snapshot; a WebSocket upgrade of the same request gets a snapshot whenever the
figures change (at most once a second), so the page never polls. The supervisor API's
middleware has checked who calls before either (signaling/supervisor/routes.py)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time

from aiohttp import WSCloseCode, WSMsgType, web

from signaling.appkeys import CONFIG, HUB, SESSION_COOKIE, STORE
from signaling.edge import same_origin
from signaling.problems import ProblemCode
from signaling.roles import Role
from signaling.supervisor.bodies import refusal
from signaling.supervisor.context import caller_of

log = logging.getLogger(__name__)

#: How often the figures are compared and, if changed, pushed.
PUSH_EVERY_S = 1.0


async def live(request: web.Request) -> web.StreamResponse:
    caller = caller_of(request)
    scope = caller.agencies if caller.role is Role.SUPERVISOR else None
    point = caller.point  # a coordinator's: every agency, at one point
    if request.headers.get("Upgrade", "").lower() != "websocket":
        return web.json_response(await snapshot(request, scope, point))
    if not same_origin(request, request.config_dict[CONFIG].trusted_proxies):
        return refusal(
            403, ProblemCode.FOREIGN, "origin not allowed"
        )  # a foreign page would carry the cookie
    ws = web.WebSocketResponse(heartbeat=request.config_dict[CONFIG].heartbeat_s)
    await ws.prepare(request)
    reading = asyncio.ensure_future(_until_closed(ws))
    session = request.cookies.get(SESSION_COOKIE, "")
    store = request.config_dict[STORE]
    last: str | None = None
    try:
        while not reading.done():
            if await store.call(store.clerk_by_session, session, time.time()) is None:
                await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"session ended")
                break
            figures = await snapshot(request, scope, point)
            unchanged = json.dumps({k: v for k, v in figures.items() if k != "at"})
            if unchanged != last:
                await ws.send_json(figures)
                last = unchanged
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(reading), PUSH_EVERY_S)
    except (ConnectionError, RuntimeError):
        log.info("a live page left")
    finally:
        reading.cancel()
    return ws


async def snapshot(
    request: web.Request, scope: frozenset[str] | None, point: str | None
) -> dict[str, object]:
    store, board = request.config_dict[STORE], request.config_dict[HUB].switchboard
    kiosks = [
        (k.kiosk_id, k.label, k.point_name)
        for k in await store.call(store.kiosks)
        if point is None or k.point_name == point
    ]
    tests = await store.call(store.self_tests)
    return board.live_view(kiosks, tests, scope, point)


async def _until_closed(ws: web.WebSocketResponse) -> None:
    async for message in ws:  # the page sends nothing; a close ends the feed
        if message.type == WSMsgType.ERROR:
            break
