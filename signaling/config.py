"""Server configuration: one frozen value, built in __main__ and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field

from signaling.core.state import Timing
from signaling.edge import Network, parse_networks
from signaling.heap import HeapPolicy
from signaling.ice import IcePolicy


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8080
    db_url: str = "sqlite:///var/signaling.db"
    #: ICE servers and TURN credentials for call members; by default none: host
    #: candidates only (tests, one LAN).
    ice: IcePolicy = field(default_factory=IcePolicy)
    #: How long a clerk's login lasts.
    session_ttl_s: float = 8 * 3600
    #: Mark cookies Secure; set when the server sits behind TLS.
    secure_cookies: bool = False
    #: Seconds between WebSocket pings; a peer that has not answered half an interval later
    #: is dropped, so a silent link is noticed within 3 to 4.5 s (docs/resilience.md).
    heartbeat_s: float = 3.0
    #: How often time-driven rules run (offer expiry, grace periods, opening hours).
    tick_s: float = 1.0
    #: Message budget per connection: steady rate and burst (docs/security.md).
    messages_per_s: float = 20.0
    message_burst: float = 100.0
    timing: Timing = field(default_factory=Timing)
    #: Reverse proxies whose X-Forwarded-For is believed (signaling/edge.py); none by
    #: default, so a client cannot claim another address.
    trusted_proxies: tuple[Network, ...] = ()
    #: Host names this server answers to (any port); empty: any. Set it in production,
    #: against DNS rebinding (deploy/remote-service.service).
    allowed_hosts: tuple[str, ...] = ()
    #: A connection that has not sent a whole request head this long after it opened, or
    #: after its last response, is closed (no half-sent request held for an hour).
    header_timeout_s: float = 15.0
    #: Requests (WebSocket sessions included) one client address may have open at once.
    max_requests_per_address: int = 256
    #: Open consoles (WebSockets) one login may have at once.
    max_sockets_per_session: int = 8
    #: Who may read /metrics (Prometheus): loopback unless configured.
    metrics_from: tuple[Network, ...] = field(
        default_factory=lambda: parse_networks(["127.0.0.0/8", "::1"])
    )
    #: The address at which clients reach this node itself, not through the proxy (say
    #: https://node-a.example.fi:8443): while it leads, a client that reached a standby
    #: is sent there. None: a standby can only say that it is one.
    node_url: str | None = None
    #: A bearer token that also opens /metrics (a scraper outside --metrics-from).
    metrics_token: str | None = None
    #: Password checks (Argon2) running at once, and waiting; more get 503 at once.
    password_checks: int = 2
    password_check_queue: int = 8
    #: When the process collects its long-lived garbage (signaling/heap.py); None leaves
    #: it to CPython. The collector is process-wide, so only the server's own process
    #: (python -m signaling) sets it, never an app inside a test.
    heap: HeapPolicy | None = None
