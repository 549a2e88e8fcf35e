"""``GET /metrics``: what operators' Prometheus scrapes, through the official client
library: live figures read at each scrape (connections, kiosks online and unhealthy per
service point, queues and their longest wait per agency, clerks and interpreters by
state, calls, leadership, a paused database), and what happened since the process
started (calls by outcome, their waits and handling times, offers that expired, call
set-up times, media that failed, database statements' durations).

Labels name places, agencies, roles and outcomes, never a person. Only operators'
scrapers may read it: loopback, the networks given with ``--metrics-from``, or a request
with the bearer token of ``--metrics-token-file``. ``/healthz`` says only whether the node
serves: it is open to anyone, so it tells nobody how many citizens are waiting.
deploy/prometheus/alerts.yml holds the alerts built on these names.
"""

from __future__ import annotations

import asyncio
import hmac
import time
from collections import Counter as Tally
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from protocol import messages as p
from signaling import __version__
from signaling.appkeys import CONFIG, METRICS, STORE
from signaling.core.effects import Effect, FinishContact, Measured, Send
from signaling.core.figures import LiveFigures
from signaling.edge import client_address, in_networks
from signaling.exceptions import StoreError
from signaling.heap import FullCollection
from signaling.problems import ProblemCode
from signaling.store import KioskRow
from signaling.supervisor.bodies import refusal

disable_created_metrics()  # a "_created" sample per series only doubles what is scraped

PREFIX = "remote_service"
#: Waits and handling times: half a minute to an hour (the seeds' 20-minute promise).
MINUTES = (30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1200.0, 1800.0, 3600.0)
#: A call's set-up, from the clerk's accept to media flowing (the target is 0.1 s).
SETUP = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
#: One database statement: a millisecond is normal, a second pauses the service.
STATEMENT = (0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0)


#: A kiosk whose latest self-test is older than this (or that has none) is reported: it
#: should test itself every morning.
SELF_TEST_STALE_S = 26 * 3600


@dataclass(frozen=True)
class FleetFigures:
    """What the database says of the kiosks, per service point."""

    enrolled: dict[str, int]
    self_test_failed: dict[str, int]
    self_test_stale: dict[str, int]


def fleet_figures(
    kiosks: list[KioskRow], tests: dict[int, tuple[float, float, dict[str, str]]], now: float
) -> FleetFigures:
    enrolled: Tally[str] = Tally()
    failed: Tally[str] = Tally()
    stale: Tally[str] = Tally()
    for kiosk in kiosks:
        point = kiosk.point_name
        enrolled[point] += 1
        failed[point] += 0
        stale[point] += 0
        latest = tests.get(kiosk.kiosk_id)
        if latest is None or now - latest[0] > SELF_TEST_STALE_S:
            stale[point] += 1
        if latest is not None and "failed" in latest[2].values():
            failed[point] += 1
    return FleetFigures(dict(enrolled), dict(failed), dict(stale))


@dataclass(frozen=True)
class NodeState:
    """What the node, not the switchboard, knows: whether it leads, whether its database
    answers, and how many events wait for it."""

    leading: bool
    paused: bool
    backlog: int


class ServiceMetrics:
    """One application's metrics, in a registry of its own (several apps share a test
    process); the live part is read from ``live`` and ``node`` at each scrape."""

    def __init__(
        self, live: Callable[[], LiveFigures | None], node: Callable[[], NodeState]
    ) -> None:
        self.registry = CollectorRegistry()
        self.contacts = Counter(
            f"{PREFIX}_contacts",
            "customer contacts ended, by agency and outcome (handled, transferred,"
            " abandoned, no_clerk, connection_lost)",
            ["agency", "outcome"],
            registry=self.registry,
        )
        self.waits = Histogram(
            f"{PREFIX}_wait_seconds",
            "how long answered customers waited in the queue",
            ["agency"],
            buckets=MINUTES,
            registry=self.registry,
        )
        self.handling = Histogram(
            f"{PREFIX}_handling_seconds",
            "how long answered calls lasted",
            ["agency"],
            buckets=MINUTES,
            registry=self.registry,
        )
        self.offers_expired = Counter(
            f"{PREFIX}_offers_expired",
            "customers offered to a clerk who did not answer in time",
            registry=self.registry,
        )
        self.setup = Histogram(
            f"{PREFIX}_call_setup_seconds",
            "from the clerk's accept to the call's first media flowing",
            ["agency"],
            buckets=SETUP,
            registry=self.registry,
        )
        self.media_failures = Counter(
            f"{PREFIX}_media_failures",
            "peer connections that gave up, by the role that reported it",
            ["role"],
            registry=self.registry,
        )
        self.statements = Histogram(
            f"{PREFIX}_database_seconds",
            "how long each database statement (or transaction) took",
            buckets=STATEMENT,
            registry=self.registry,
        )
        self.full_collections = Histogram(
            f"{PREFIX}_full_collection_seconds",
            "how long each full garbage collection held the server still (signaling/heap.py)",
            buckets=STATEMENT,
            registry=self.registry,
        )
        self._live = _Live(live, node)
        self.registry.register(self._live)

    def observe(self, effects: list[Effect]) -> None:
        """Count what one event did, once it is durable and announced."""
        for effect in effects:
            match effect:
                case FinishContact(record):
                    self.contacts.labels(record.agency, record.outcome).inc()
                    if record.answered_at is not None:
                        waited = record.answered_at - record.queued_at
                        self.waits.labels(record.agency).observe(max(0.0, waited))
                        handled = record.ended_at - record.answered_at
                        self.handling.labels(record.agency).observe(max(0.0, handled))
                case Send(_conn, p.CallOfferWithdrawn(reason="expired")):
                    self.offers_expired.inc()
                case Measured("call_setup_s", seconds, agency):
                    self.setup.labels(agency).observe(max(0.0, seconds))
                case Measured("media_failed", _one, role):
                    self.media_failures.labels(role).inc()

    def full_collection(self, full: FullCollection) -> None:
        """One full collection the server ran at a tick."""
        self.full_collections.observe(full.seconds)

    def statement(self, seconds: float) -> None:
        """One database call's duration (from the store's thread)."""
        self.statements.observe(seconds)

    def render(self, fleet: FleetFigures | None) -> bytes:
        """The text a scrape gets; ``fleet``: what the database says of the kiosks (None
        when it did not answer in time: those series are left out, not reported as 0)."""
        self._live.fleet = fleet
        return generate_latest(self.registry)


class _Live(Collector):
    """The live figures, read at each scrape."""

    def __init__(
        self, live: Callable[[], LiveFigures | None], node: Callable[[], NodeState]
    ) -> None:
        self._live = live
        self._node = node
        self.fleet: FleetFigures | None = None

    def collect(self) -> Iterator[Metric]:
        node = self._node()
        yield _gauge("info", "the server's version", {"version": __version__}, 1)
        yield _gauge("leading", "1 on the node that serves, 0 on a standby", {}, node.leading)
        yield _gauge("paused", "1 while the database does not answer", {}, node.paused)
        yield _gauge("backlog", "events waiting for the database to answer", {}, node.backlog)
        if not node.leading:  # a standby serves nothing: the leader's figures are the figures
            return
        figures = self._live() or LiveFigures()
        yield _gauge(
            "connections", "open WebSocket connections", {}, sum(figures.connections.values())
        )
        yield _gauge("kiosks", "kiosks connected", {}, figures.connections.get("kiosk", 0))
        yield _gauge(
            "clerks",
            "clerks and interpreters connected",
            {},
            sum(v for k, v in figures.connections.items() if k != "kiosk"),
        )
        yield _gauge("queued", "customers waiting in a queue", {}, sum(figures.queued.values()))
        yield _gauge("calls", "calls in progress", {}, figures.calls)
        yield _family(
            "connections_by_role", "open connections by role", "role", figures.connections
        )
        yield _family(
            "kiosks_online", "kiosks connected, by service point", "point", figures.kiosks_online
        )
        yield _family(
            "kiosks_unhealthy",
            "connected kiosks whose last report names a failed device or an error",
            "point",
            figures.kiosks_unhealthy,
        )
        if self.fleet is not None:
            fleet = self.fleet
            yield _family(
                "kiosks_enrolled", "kiosks enrolled, by service point", "point", fleet.enrolled
            )
            yield _family(
                "kiosks_self_test_failed",
                "kiosks whose latest self-test found a check failed, by service point",
                "point",
                fleet.self_test_failed,
            )
            yield _family(
                "kiosks_self_test_stale",
                f"kiosks with no self-test in the last {SELF_TEST_STALE_S // 3600} h,"
                " by service point",
                "point",
                fleet.self_test_stale,
            )
        yield _family(
            "point_open",
            "1 while any agency serves at the point (its opening hours)",
            "point",
            figures.points_open,
        )
        yield _family("queue_length", "customers waiting, by agency", "agency", figures.queued)
        yield _family(
            "queue_longest_wait_seconds",
            "how long the longest-waiting customer has waited, by agency",
            "agency",
            figures.longest_wait_s,
        )
        yield _family("clerks_by_status", "clerks online, by status", "status", figures.clerks)
        yield _family(
            "interpreters_by_state", "interpreters online, by state", "state", figures.interpreters
        )


def _gauge(name: str, help_text: str, labels: dict[str, str], value: float) -> Metric:
    family = GaugeMetricFamily(f"{PREFIX}_{name}", help_text, labels=list(labels))
    family.add_metric(list(labels.values()), float(value))
    return family


def _family(
    name: str, help_text: str, label: str, values: dict[str, int] | dict[str, float]
) -> Metric:
    family = GaugeMetricFamily(f"{PREFIX}_{name}", help_text, labels=[label])
    for key, value in sorted(values.items()):
        family.add_metric([key], float(value))
    return family


async def metrics(request: web.Request) -> web.Response:
    config = request.app[CONFIG]
    address = client_address(request, config.trusted_proxies)
    if not (in_networks(address, config.metrics_from) or _token_ok(request, config.metrics_token)):
        return refusal(403, ProblemCode.NOT_ALLOWED, "metrics are for the operators' scraper")
    body = request.app[METRICS].render(await _fleet(request.app))
    response = web.Response(body=body)
    response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
    response.charset = "utf-8"
    return response


async def _fleet(app: web.Application) -> FleetFigures | None:
    """The kiosks as the database lists them, if it answers within a second."""
    if STORE not in app:
        return None
    store = app[STORE]
    try:
        kiosks = await asyncio.wait_for(store.call(store.kiosks), 1.0)
        tests = await asyncio.wait_for(store.call(store.self_tests), 1.0)
    except (TimeoutError, StoreError):
        return None
    return fleet_figures(kiosks, tests, time.time())


def _token_ok(request: web.Request, token: str | None) -> bool:
    if not token:
        return False
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
