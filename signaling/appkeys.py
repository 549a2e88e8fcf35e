"""Typed keys of what the aiohttp application holds, shared by the main application and
its sub-applications (which reach them through ``request.config_dict``)."""

from __future__ import annotations

from aiohttp import web

from signaling.config import ServerConfig
from signaling.edge import CheckGate, InFlight
from signaling.hub import Hub
from signaling.leadership import Leadership
from signaling.store import Store
from signaling.throttle import AttemptThrottle

CONFIG = web.AppKey("config", ServerConfig)
STORE = web.AppKey("store", Store)
HUB = web.AppKey("hub", Hub)
#: Whether this node serves now (a standby refuses all but /healthz, /metrics and files).
LEADERSHIP = web.AppKey("leadership", Leadership)
THROTTLE = web.AppKey("throttle", AttemptThrottle)
#: The bound on concurrent password checks.
PASSWORD_GATE = web.AppKey("password_gate", CheckGate)
#: Requests open per client address.
IN_FLIGHT = web.AppKey("in_flight", InFlight)
#: The console's session cookie.
SESSION_COOKIE = "rs_session"
