"""The aiohttp application: HTTP routes, the console's static files, and the /ws endpoint."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler

from signaling import __version__, auth
from signaling.appkeys import CONFIG, HUB, SESSION_COOKIE, STORE, THROTTLE
from signaling.auth import verify_password
from signaling.config import ServerConfig
from signaling.hub import Hub
from signaling.store import ClerkRow, Store
from signaling.supervisor.routes import PREFIX as SUPERVISOR_API
from signaling.supervisor.routes import create_supervisor_app
from signaling.switchboard import Switchboard
from signaling.throttle import LoginThrottle

log = logging.getLogger(__name__)


CONSOLE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
        " media-src 'self' blob:; connect-src 'self' blob:; frame-ancestors 'none';"
        " base-uri 'none';"
        " form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(self), microphone=(self), geolocation=()",
}


def console_dir() -> Path:
    return Path(str(resources.files("agent_console") / "static"))


def create_app(config: ServerConfig) -> web.Application:
    app = web.Application(middlewares=[_same_origin_writes, _security_headers])
    app[CONFIG] = config
    app[THROTTLE] = LoginThrottle(time.monotonic)
    app.cleanup_ctx.append(_resources)
    app.router.add_get("/healthz", healthz)
    app.router.add_post("/api/login", login)
    app.router.add_post("/api/logout", logout)
    app.router.add_get("/api/me", me)
    app.router.add_post("/api/kiosks/enrol", enrol_kiosk)
    app.router.add_get("/ws", websocket)
    app.add_subapp(SUPERVISOR_API, create_supervisor_app())
    app.router.add_get("/", to_console)
    app.router.add_get("/console", to_console)
    app.router.add_get("/console/", console_index)
    app.router.add_static("/console/", console_dir(), show_index=False)
    app.on_shutdown.append(_close_connections)
    return app


async def _resources(app: web.Application) -> AsyncIterator[None]:
    config = app[CONFIG]
    store = Store(config.db_url)
    switchboard = Switchboard(clock=time.time, ice=config.ice, timing=config.timing)
    hub = Hub(
        switchboard,
        store,
        heartbeat_s=config.heartbeat_s,
        tick_s=config.tick_s,
        messages_per_s=config.messages_per_s,
        message_burst=config.message_burst,
    )
    app[STORE] = store
    app[HUB] = hub
    await hub.start()
    log.info("store ready (%s)", store.url)
    yield
    await hub.stop()
    store.close()


async def _close_connections(app: web.Application) -> None:
    await app[HUB].close_all()


@web.middleware
async def _same_origin_writes(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse a state-changing request that a browser sent from another site (CSRF); the
    session cookie is SameSite=Strict too, and the API takes JSON only."""
    origin = request.headers.get("Origin")
    if request.method not in ("GET", "HEAD", "OPTIONS") and origin is not None:
        if urlsplit(origin).netloc != request.host:
            return _json_error(403, "cross-site request refused")
    return await handler(request)


@web.middleware
async def _security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    if request.path.startswith("/console"):
        response.headers.update(CONSOLE_HEADERS)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


async def healthz(request: web.Request) -> web.Response:
    hub = request.app[HUB]
    return web.json_response({"status": "ok", "version": __version__, **hub.counts()})


async def to_console(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/console/")


async def console_index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(console_dir() / "index.html")


def _json_error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def login(request: web.Request) -> web.Response:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _json_error(400, 'body must be JSON: {"username": ..., "password": ...}')
    if not isinstance(body, dict) or not all(
        isinstance(body.get(k), str) and 0 < len(body[k]) <= 200 for k in ("username", "password")
    ):
        return _json_error(400, "username and password are required strings")
    throttle = request.app[THROTTLE]
    keys = (f"user:{body['username'].lower()}", f"address:{request.remote}")
    wait = throttle.wait_s(*keys)
    if wait > 0:
        log.warning("login throttled")
        response = _json_error(429, f"too many failed logins: try again in {int(wait) + 1} s")
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    store = request.app[STORE]
    found = await store.call(store.password_hash, body["username"])
    # Argon2 is deliberately slow (tens of ms): verify on a worker thread, not the loop.
    # An unknown username costs the same as a wrong password, so names cannot be probed.
    valid = await asyncio.to_thread(
        verify_password, found[1] if found else auth.dummy_hash(), body["password"]
    )
    clerk = await store.call(store.clerk, found[0]) if found and valid else None
    if clerk is None:
        log.info("login refused")
        throttle.failed(*keys)
        return _json_error(401, "wrong username or password")
    throttle.succeeded(keys[0])
    return await start_session(request, clerk, "login")


async def start_session(request: web.Request, clerk: ClerkRow, how: str) -> web.Response:
    """A console session for a clerk whose identity was proven by ``how``: the password
    (``login``) today; single sign-on later. This is the seam for OpenID Connect: a
    relying party that has verified an ID token (issuer, signature, audience, nonce,
    expiry) looks the clerk up with ``Store.clerk_by_identity(issuer, subject)`` and
    calls this, so sessions, cookies, roles, expiry and logout stay one mechanism."""
    store = request.app[STORE]
    config = request.app[CONFIG]
    expires = time.time() + config.session_ttl_s
    token = await store.call(store.create_session, clerk.clerk_id, expires)
    response = web.json_response(_me(clerk))
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(config.session_ttl_s),
        httponly=True,
        secure=config.secure_cookies,
        samesite="Strict",
        path="/",
    )
    log.info("clerk %s logged in (%s)", clerk.clerk_id, how)
    await store.call(store.audit, time.time(), clerk.role, clerk.clerk_id, how)
    return response


async def logout(request: web.Request) -> web.Response:
    """End this session; with {"everywhere": true}, every session of the clerk, and close
    their open consoles at once."""
    token = request.cookies.get(SESSION_COOKIE)
    everywhere = False
    if request.can_read_body:
        try:
            everywhere = (await request.json()).get("everywhere") is True
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
            return _json_error(400, 'body must be JSON, e.g. {"everywhere": true}')
    ended = 0
    if token:
        store = request.app[STORE]
        clerk = await store.call(store.clerk_by_session, token, time.time())
        if clerk is not None and everywhere:
            ended = await store.call(store.delete_sessions_of, clerk.clerk_id)
            request.app[HUB].disconnect(clerk_id=clerk.clerk_id)
        else:
            ended = int(clerk is not None)
            await store.call(store.delete_session, token)
        if clerk is not None:
            await store.call(
                store.audit,
                time.time(),
                clerk.role,
                clerk.clerk_id,
                "logout",
                None,
                "everywhere" if everywhere else "",
            )
    response = web.json_response({"ok": True, "sessions_ended": ended})
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


async def me(request: web.Request) -> web.Response:
    token = request.cookies.get(SESSION_COOKIE, "")
    store = request.app[STORE]
    clerk = await store.call(store.clerk_by_session, token, time.time()) if token else None
    if clerk is None:
        return _json_error(401, "not logged in")
    return web.json_response(_me(clerk))


async def websocket(request: web.Request) -> web.StreamResponse:
    return await request.app[HUB].serve(request, SESSION_COOKIE)


def _me(clerk: ClerkRow) -> dict[str, object]:
    return {"name": clerk.display_name, "agencies": sorted(clerk.agencies), "role": clerk.role}


async def enrol_kiosk(request: web.Request) -> web.Response:
    """A new kiosk trades its one-time enrolment code for its device token."""
    throttle = request.app[THROTTLE]
    key = f"enrol:{request.remote}"
    if throttle.wait_s(key) > 0:
        return _json_error(429, "too many wrong codes: wait and try again")
    try:
        body = await request.json()
        code = body["code"]
        if not isinstance(code, str) or not 4 <= len(code) <= 32:
            raise ValueError
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError):
        return _json_error(400, 'body must be JSON: {"code": "..."}')
    store = request.app[STORE]
    enrolled = await store.call(store.enrol_kiosk, code, time.time())
    if enrolled is None:
        throttle.failed(key)
        return _json_error(401, "unknown or expired enrolment code")
    label, token = enrolled
    log.info("kiosk %s enrolled", label)
    await store.call(store.audit, time.time(), "kiosk", None, "enrolled", None, label)
    return web.json_response({"label": label, "token": token})
