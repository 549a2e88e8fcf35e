"""Typed keys of what the aiohttp application holds, shared by the main application and
its sub-applications (which reach them through ``request.config_dict``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from signaling.config import ServerConfig
from signaling.edge import CheckGate, InFlight
from signaling.hub import Hub
from signaling.leadership import Leadership
from signaling.store import Store
from signaling.throttle import AttemptThrottle

if TYPE_CHECKING:  # metrics.py serves /metrics, so it reads these keys itself
    from signaling.metrics import ServiceMetrics

CONFIG = web.AppKey("config", ServerConfig)
STORE = web.AppKey("store", Store)
HUB = web.AppKey("hub", Hub)
#: Whether this node serves now (a standby refuses all but /healthz, /metrics and files).
LEADERSHIP = web.AppKey("leadership", Leadership)
THROTTLE = web.AppKey("throttle", AttemptThrottle)
#: What /metrics exposes (signaling/metrics.py).
METRICS: web.AppKey[ServiceMetrics] = web.AppKey("metrics")
#: The bound on concurrent password checks.
PASSWORD_GATE = web.AppKey("password_gate", CheckGate)
#: Requests open per client address.
IN_FLIGHT = web.AppKey("in_flight", InFlight)
#: The console's session cookie.
SESSION_COOKIE = "rs_session"
