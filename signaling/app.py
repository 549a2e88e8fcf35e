"""The aiohttp application: HTTP routes, the console's static files, and the /ws endpoint."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from importlib import resources
from pathlib import Path

from aiohttp import web
from aiohttp.typedefs import Handler

from signaling import metrics, openapi, sessions
from signaling.appkeys import (
    CONFIG,
    HUB,
    IN_FLIGHT,
    LEADERSHIP,
    METRICS,
    PASSWORD_GATE,
    SESSION_COOKIE,
    STORE,
    THROTTLE,
)
from signaling.config import ServerConfig
from signaling.edge import CheckGate, InFlight, client_address, host_allowed, same_origin
from signaling.exceptions import DatabaseUnavailable, SchemaTooNew
from signaling.heap import FullCollection, HeapKeeper
from signaling.hub import Hub
from signaling.leadership import Leadership
from signaling.problems import ProblemCode
from signaling.store import Store
from signaling.supervisor.bodies import problem, refusal
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
    app = web.Application(middlewares=[_edge, _serving, _same_origin_writes, _security_headers])
    app[CONFIG] = config
    app[IN_FLIGHT] = InFlight(config.max_requests_per_address)
    app[THROTTLE] = AttemptThrottle(time.monotonic)
    app[PASSWORD_GATE] = CheckGate(config.password_checks, config.password_check_queue)
    app[METRICS] = metrics.ServiceMetrics(
        live=lambda: app[HUB].switchboard.live_figures() if HUB in app else None,
        node=lambda: _node_state(app),
    )
    app.cleanup_ctx.append(_resources)
    if config.heap is not None:
        app.cleanup_ctx.append(_keep_heap)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics.metrics)
    app.router.add_get("/api/openapi.json", openapi.openapi_json)
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
    app.router.add_get("/dashboard", to_dashboard)
    app.router.add_get("/dashboard/", dashboard_index)
    app.router.add_static("/dashboard/", console_dir() / "dashboard", show_index=False)
    app.on_shutdown.append(_close_connections)
    app.on_response_prepare.append(_server_header)
    return app


def create_runner(config: ServerConfig) -> web.AppRunner:
    """The app in a runner with the edge's timeout: a connection that has not sent a whole
    request head within ``header_timeout_s`` of opening or of its last response is closed
    (aiohttp's keep-alive timer runs from both and closes a connection still waiting)."""
    return web.AppRunner(
        create_app(config), handle_signals=False, keepalive_timeout=config.header_timeout_s
    )


def _node_state(app: web.Application) -> metrics.NodeState:
    if HUB not in app:
        return metrics.NodeState(leading=False, paused=False, backlog=0)
    hub = app[HUB]
    return metrics.NodeState(app[LEADERSHIP].serving, hub.paused, hub.backlog)


async def _resources(app: web.Application) -> AsyncIterator[None]:
    config = app[CONFIG]
    store = Store(config.db_url, migrate=False)
    store.on_statement = app[METRICS].statement
    leadership = Leadership(store)
    switchboard = Switchboard(clock=time.time, ice=config.ice, timing=config.timing)
    hub = Hub(
        switchboard,
        store,
        heartbeat_s=config.heartbeat_s,
        tick_s=config.tick_s,
        messages_per_s=config.messages_per_s,
        message_burst=config.message_burst,
        sockets_per_session=config.max_sockets_per_session,
        observe=app[METRICS].observe,
    )
    app[STORE] = store
    app[HUB] = hub
    app[LEADERSHIP] = leadership
    log.info("store ready (%s)", store.url)
    # A node that can lead at once (SQLite, or no other node up) serves from its first
    # request, as a single server always did; otherwise it listens as a standby.
    begin = functools.partial(_begin_serving, leadership, store, hub, config.node_url)
    leading = await store.call(store.try_lead) and await begin()
    if not leading:
        await leadership.note_leader()  # before the first request: a standby says who leads
    serving = None
    if leadership.refused is None:
        serving = asyncio.create_task(_lead(leadership, hub, begin, leading=leading))
    yield
    leadership.serving = False
    if serving is not None:
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving
    await hub.stop()
    store.close()  # ends the session, and with it the leader lock: a standby takes over


async def _keep_heap(app: web.Application) -> AsyncIterator[None]:
    """Run the heap policy at every tick while the app lives (signaling/heap.py)."""
    config = app[CONFIG]
    assert config.heap is not None

    def counted(full: FullCollection) -> None:
        app[METRICS].full_collection(full)
        log.info(
            "full collection: %.0f ms; heap %d blocks before, %d after",
            full.seconds * 1000,
            full.before,
            full.after,
        )

    keeper = HeapKeeper(config.heap, on_full=counted)
    keeper.start()

    async def keep() -> None:
        while True:
            await asyncio.sleep(config.tick_s)
            keeper.tick()

    task = asyncio.create_task(keep())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    keeper.release()


async def _lead(
    leadership: Leadership, hub: Hub, begin: Callable[[], Awaitable[bool]], *, leading: bool
) -> None:
    """Unless ``leading`` already, wait for the leader lock and begin serving; then serve
    until the lock is lost, and close every connection (clients reconnect, through the
    proxy, to the node that leads now) and let the process stop (signaling/__main__.py):
    the node writes nothing more."""
    if not leading:
        await leadership.acquire()
        if not await begin():
            return
    await leadership.hold(hub.pause, hub.resume)
    await hub.close_all()


async def _begin_serving(
    leadership: Leadership, store: Store, hub: Hub, node_url: str | None
) -> bool:
    """The lock is ours: bring the schema up to date, say where this node is, restore
    queues and calls from the database, and let requests in. False when this release
    must not serve it."""
    try:
        await store.call(store.migrate)
    except SchemaTooNew as exc:  # a newer release's schema: serving it could corrupt it
        leadership.refuse(str(exc))
        return False
    await store.call(store.record_leader, node_url, time.time())
    await hub.start()
    leadership.serving = True
    log.info("leading: queues and calls restored from the database")
    return True


async def _close_connections(app: web.Application) -> None:
    await app[HUB].close_all()


@web.middleware
async def _edge(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Before anything else: a Host this server does not serve gets 421 (DNS rebinding);
    an address with too many requests open at once gets 429."""
    config = request.app[CONFIG]
    if not host_allowed(request, config.allowed_hosts):
        return refusal(421, ProblemCode.FOREIGN, "this server does not serve that host name")
    address = client_address(request, config.trusted_proxies)
    in_flight = request.app[IN_FLIGHT]
    if not in_flight.enter(address):
        log.warning("too many requests open from one address")
        return refusal(429, ProblemCode.TOO_MANY, "too many connections from your address")
    try:
        return await handler(request)
    finally:
        in_flight.leave(address)


PAUSED = "the service is paused for a moment: its database does not answer"

#: What a standby still answers: whether it is up (and on standby), its metrics, and files.
STANDBY_PATHS = ("/healthz", "/metrics", "/console", "/dashboard", "/api/openapi.json")


@web.middleware
async def _serving(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A node that does not lead refuses everything that reads or changes live state
    with 503 and Retry-After, the WebSocket handshake included: a proxy passes the
    request to the next node (nginx proxy_next_upstream http_503), and a client that
    came straight here tries again. A leader whose database does not answer refuses
    the same way for those seconds (signaling/pause.py), as does any request that met
    the database gone."""
    if request.path.startswith(STANDBY_PATHS):
        return await handler(request)
    leadership = request.app[LEADERSHIP]
    if not leadership.serving:
        return _on_standby(leadership.leader_url)
    if request.app[HUB].paused:
        return refusal(503, ProblemCode.BUSY, PAUSED, retry_after_s=1)
    try:
        return await handler(request)
    except DatabaseUnavailable as exc:
        log.warning("%s %s: %s", request.method, request.path, exc)
        return refusal(503, ProblemCode.BUSY, PAUSED, retry_after_s=1)


#: The header (and body field) of a standby's refusal that names the node that serves.
SERVING_NODE = "Serving-Node"


def _on_standby(leader_url: str | None) -> web.Response:
    """A standby's refusal: try again (a proxy tries the next node at once), and, when
    the leader said where it is, go there."""
    if leader_url is None:
        return refusal(
            503,
            ProblemCode.STANDBY,
            "this server node is on standby: another node serves",
            retry_after_s=0,
        )
    response = web.json_response(
        {
            **problem(ProblemCode.STANDBY, f"this server node is on standby: {leader_url} serves"),
            "serving": leader_url,
        },
        status=503,
        headers={"Retry-After": "1", SERVING_NODE: leader_url},
    )
    return response


@web.middleware
async def _same_origin_writes(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse a state-changing request that a browser sent from another site (CSRF), or
    from this site over another scheme; the session cookie is SameSite=Strict too, and
    the API takes JSON only."""
    if request.method not in ("GET", "HEAD", "OPTIONS") and not same_origin(
        request, request.app[CONFIG].trusted_proxies
    ):
        return refusal(403, ProblemCode.FOREIGN, "cross-site request refused")
    return await handler(request)


@web.middleware
async def _security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    if request.path.startswith(("/console", "/dashboard")):
        response.headers.update(CONSOLE_HEADERS)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


async def _server_header(request: web.Request, response: web.StreamResponse) -> None:
    """No software or version in the Server header: nothing to look up in a CVE list."""
    response.headers["Server"] = "remote-service"


async def healthz(request: web.Request) -> web.Response:
    """Serving or not, for anyone (a load balancer's health check): 200 from the node
    that leads, 503 from a standby and from a leader whose database does not answer;
    the counts are in /metrics."""
    if not request.app[LEADERSHIP].serving:
        return web.json_response({"status": "standby"}, status=503)
    if request.app[HUB].paused:
        return web.json_response({"status": "paused"}, status=503)
    return web.json_response({"status": "ok"})


async def to_console(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/console/")


async def console_index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(console_dir() / "index.html")


async def to_dashboard(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/dashboard/")


async def dashboard_index(request: web.Request) -> web.FileResponse:
    """The supervisors' and operators' dashboard (the same login as the console)."""
    return web.FileResponse(console_dir() / "dashboard" / "index.html")


async def websocket(request: web.Request) -> web.StreamResponse:
    # A browser's handshake from another site (or this one over plain HTTP) would carry
    # the clerk's cookie: cross-site WebSocket hijacking.
    if not same_origin(request, request.app[CONFIG].trusted_proxies):
        log.warning("websocket refused: foreign origin")
        return refusal(403, ProblemCode.FOREIGN, "origin not allowed")
    return await request.app[HUB].serve(request, SESSION_COOKIE)
