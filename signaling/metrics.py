"""``GET /metrics``: the server's live counts in Prometheus' text format, for operators'
scrapers only (loopback, or the networks given with ``--metrics-from``). ``/healthz``
says only whether the server is up: it is open to anyone, so it tells nobody how many
citizens are waiting."""

from __future__ import annotations

from aiohttp import web

from signaling import __version__
from signaling.appkeys import CONFIG, HUB
from signaling.edge import client_address, in_networks
from signaling.supervisor.bodies import refusal

HELP = {
    "connections": "open WebSocket connections",
    "kiosks": "kiosks connected",
    "clerks": "clerks and interpreters connected",
    "queued": "customers waiting in a queue",
    "calls": "calls in progress",
    "paused": "1 while the database does not answer and changes are refused",
    "backlog": "events waiting to be written once the database answers",
}


def render(counts: dict[str, int]) -> str:
    lines = [
        "# HELP remote_service_info the server's version",
        "# TYPE remote_service_info gauge",
        f'remote_service_info{{version="{__version__}"}} 1',
    ]
    for name, value in counts.items():
        metric = f"remote_service_{name}"
        lines += [
            f"# HELP {metric} {HELP.get(name, name)}",
            f"# TYPE {metric} gauge",
            f"{metric} {value}",
        ]
    return "\n".join(lines) + "\n"


async def metrics(request: web.Request) -> web.Response:
    config = request.app[CONFIG]
    if not in_networks(client_address(request, config.trusted_proxies), config.metrics_from):
        return refusal(403, "metrics are for the operators' scraper")
    return web.Response(
        text=render(request.app[HUB].counts()), content_type="text/plain", charset="utf-8"
    )
