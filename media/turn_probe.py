"""Which TURN transport works from here: UDP, TCP, or TLS (on 443 behind strict firewalls).

aiortc uses only the *first* TURN URL it is given (aiortc/rtcicetransport.py), so a kiosk
behind a firewall that drops UDP would never fall back to TURN over TCP or TLS on its own.
Before a call, the kiosk probes the TURN URLs it was given, in the order the server lists
them, and puts the first that answers at the front:

* ``turn:...?transport=udp``: a STUN Binding request (RFC 5389) answered over UDP;
* ``turn:...?transport=tcp``: a TCP connection accepted;
* ``turns:...``: a TLS handshake completed (the server's certificate checked).

The probes run at once, each for :data:`PROBE_TIMEOUT_S` at most over UDP and
:data:`CONNECT_TIMEOUT_S` over TCP or TLS: a TLS handshake on a busy kiosk took longer
than 0.7 s in CI, and run one after another a firewall's silent drops made the kiosk wait
for each in turn. docs/resilience.md ("Firewalls").
"""

from __future__ import annotations

import asyncio
import logging
import re
import ssl
from collections.abc import Sequence

from aioice import stun

from media.session import IceServerConfig

log = logging.getLogger(__name__)

PROBE_TIMEOUT_S = 0.7
CONNECT_TIMEOUT_S = 2.0
_TURN = re.compile(
    r"^(?P<scheme>turns?):(?P<host>[^?:]+)(:(?P<port>\d+))?(\?transport=(?P<t>\w+))?$"
)


class _StunAnswer(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.answered: asyncio.Future[bool] = asyncio.get_event_loop().create_future()

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        try:
            stun.parse_message(data)
        except ValueError:
            return
        if not self.answered.done():
            self.answered.set_result(True)


async def _udp_answers(host: str, port: int) -> bool:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.create_datagram_endpoint(_StunAnswer, remote_addr=(host, port))
    try:
        request = stun.Message(message_method=stun.Method.BINDING, message_class=stun.Class.REQUEST)
        for _ in range(3):  # a lost datagram is not a blocked port
            transport.sendto(bytes(request))
            try:
                return await asyncio.wait_for(
                    asyncio.shield(protocol.answered), PROBE_TIMEOUT_S / 3
                )
            except TimeoutError:
                continue
        return False
    finally:
        transport.close()


async def _tcp_accepts(host: str, port: int, *, tls: bool) -> bool:
    context = ssl.create_default_context() if tls else None
    _reader, writer = await asyncio.open_connection(host, port, ssl=context)
    writer.close()
    return True


async def works(url: str) -> bool:
    """Whether the TURN server at ``url`` can be reached over its transport from here."""
    parsed = _TURN.match(url)
    if parsed is None:
        return False
    tls = parsed["scheme"] == "turns"
    transport = "tcp" if tls else (parsed["t"] or "udp")
    port = int(parsed["port"] or (5349 if tls else 3478))
    try:
        if transport == "udp":
            return await _udp_answers(parsed["host"], port)
        return await asyncio.wait_for(
            _tcp_accepts(parsed["host"], port, tls=tls), CONNECT_TIMEOUT_S
        )
    except (OSError, TimeoutError, ssl.SSLError):
        return False


async def working_turn_url(servers: Sequence[IceServerConfig]) -> str | None:
    """The first TURN URL of ``servers``, in their order, that works from here (aiortc
    uses only the first it is given: the kiosk puts this one there); None when none
    answers. An entry's URLs are probed at once, and the answer comes as soon as every
    URL before the first that works has failed."""
    tried: list[str] = []
    for server in servers:
        urls = [u for u in server.urls if u.startswith("turn")]
        working = await _first_that_works(urls)
        if working is not None:
            if working != server.urls[0]:
                log.info("TURN over %s: the transports before it do not work here", working)
            return working
        tried += urls
    if tried:
        log.warning("no TURN transport answers from here (tried %s)", ", ".join(tried))
    return None


async def _first_that_works(urls: Sequence[str]) -> str | None:
    probes = [asyncio.ensure_future(works(url)) for url in urls]
    try:
        for url, probe in zip(urls, probes, strict=True):
            if await probe:
                return url
        return None
    finally:
        for probe in probes:
            probe.cancel()
