"""Who is asking, and how much of the server's slow work they may start.

* :func:`client_address`: the address a request came from. Behind the documented reverse
  proxy every request arrives from the proxy, so throttling by ``request.remote`` would
  put every citizen and clerk in the country behind one key. ``X-Forwarded-For`` is
  believed only when the request came from a configured trusted proxy, and then only the
  first address, read from the right, that is not itself a trusted proxy (what the proxy
  saw, not what the client claimed).
* :func:`same_origin`: whether a browser's ``Origin`` is this site, scheme included (an
  ``http://`` page must not act on an ``https://`` console).
* :func:`host_allowed`: the Host allow-list, against DNS rebinding.
* :class:`InFlight`: how many requests each client address has open at once (a WebSocket
  is one for as long as it lasts), so one address cannot hold every socket.
* :class:`CheckGate`: a bound on concurrent password checks. Argon2 is slow on purpose; a
  flood of logins would otherwise queue real clerks behind thousands of guesses. Past the
  bound the server answers 503 at once with Retry-After instead of making everyone wait.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable, Iterable
from typing import TypeVar

from aiohttp import web

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
T = TypeVar("T")


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """Trusted proxies as given on the command line (``10.0.0.5`` or ``10.0.0.0/24``);
    raises ValueError naming a bad one."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"not an IP address or network: {value[:60]!r}") from None
    return tuple(networks)


def in_networks(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: web.BaseRequest, proxies: tuple[Network, ...]) -> str:
    """The client's address: ``request.remote`` unless that is a trusted proxy, then the
    nearest untrusted hop of ``X-Forwarded-For``."""
    remote = request.remote or "unknown"
    if not proxies or not in_networks(remote, proxies):
        return remote
    hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
    for hop in reversed(hops):
        if not hop:
            continue
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a malformed header: fall back to what we know
        if not in_networks(hop, proxies):
            return hop
    return remote


_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _origin(scheme: str, host: str) -> str:
    scheme, host = scheme.lower(), host.lower()
    if host.endswith(f":{_DEFAULT_PORTS.get(scheme, '')}"):
        host = host.rsplit(":", 1)[0]
    return f"{scheme}://{host}"


def request_origin(request: web.BaseRequest, proxies: tuple[Network, ...]) -> str:
    """This site's origin as the browser sees it: behind a trusted TLS proxy the scheme
    is the proxy's (``X-Forwarded-Proto``), not the plain HTTP the proxy speaks to us."""
    scheme = request.scheme
    if proxies and in_networks(request.remote or "", proxies):
        forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip()
        if forwarded in _DEFAULT_PORTS:
            scheme = forwarded
    return _origin(scheme, request.host)


def same_origin(request: web.BaseRequest, proxies: tuple[Network, ...]) -> bool:
    """No Origin (not a browser, or a same-origin GET) passes; any other must match."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    scheme, _, host = origin.partition("://")
    return bool(host) and _origin(scheme, host) == request_origin(request, proxies)


def host_allowed(request: web.BaseRequest, allowed: tuple[str, ...]) -> bool:
    """Whether the Host header names this server (any port); an empty list allows all."""
    if not allowed:
        return True
    host = request.host.lower()
    name = host[: host.rindex("]") + 1] if host.startswith("[") else host.rsplit(":", 1)[0]
    return name in allowed


class InFlight:
    """Requests open per client address; :meth:`enter` refuses past ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open: dict[str, int] = {}

    def enter(self, address: str) -> bool:
        count = self._open.get(address, 0)
        if count >= self.limit:
            return False
        self._open[address] = count + 1
        return True

    def leave(self, address: str) -> None:
        count = self._open.get(address, 0) - 1
        if count <= 0:
            self._open.pop(address, None)
        else:
            self._open[address] = count


class Busy(Exception):
    """The gate is full: answer 503 with Retry-After."""


class CheckGate:
    """At most ``workers`` checks run at once on worker threads and at most ``queue`` more
    wait for a turn; any further one is refused at once with :class:`Busy`."""

    def __init__(self, workers: int = 2, queue: int = 8) -> None:
        self._running = asyncio.Semaphore(workers)
        self._limit = workers + queue
        self._admitted = 0

    async def run(self, check: Callable[..., T], *args: object) -> T:
        if self._admitted >= self._limit:
            raise Busy
        self._admitted += 1
        try:
            async with self._running:
                return await asyncio.to_thread(check, *args)
        finally:
            self._admitted -= 1
