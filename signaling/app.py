"""The aiohttp application: HTTP routes, the console's static files, and the /ws endpoint."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler

from signaling import __version__, sessions
from signaling.appkeys import CONFIG, HUB, PASSWORD_GATE, SESSION_COOKIE, STORE, THROTTLE
from signaling.config import ServerConfig
from signaling.edge import CheckGate
from signaling.hub import Hub
from signaling.store import Store
from signaling.supervisor.routes import PREFIX as SUPERVISOR_API
from signaling.supervisor.routes import create_supervisor_app
from signaling.switchboard import Switchboard
from signaling.throttle import AttemptThrottle

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
    app[THROTTLE] = AttemptThrottle(time.monotonic)
    app[PASSWORD_GATE] = CheckGate(config.password_checks, config.password_check_queue)
    app.cleanup_ctx.append(_resources)
    app.router.add_get("/healthz", healthz)
    app.router.add_post("/api/login", sessions.login)
    app.router.add_post("/api/logout", sessions.logout)
    app.router.add_get("/api/me", sessions.me)
    app.router.add_post("/api/kiosks/enrol", sessions.enrol_kiosk)
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


async def websocket(request: web.Request) -> web.StreamResponse:
    return await request.app[HUB].serve(request, SESSION_COOKIE)
