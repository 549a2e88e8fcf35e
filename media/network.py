"""Which local addresses aiortc may offer as ICE host candidates: set in one place.

aioice leaves out 127.0.0.1 when it lists host addresses (docs/stack-facts.md), so on
a loopback-only network an aiortc peer gathers no candidate and never connects. Tests, the
demo and the benchmarks run in a namespace that has only ``lo``; they call
:func:`allow_loopback_candidates` once before creating peer connections.
"""

from __future__ import annotations

from collections.abc import Callable

import aioice.ice
import aioice.turn

_original: Callable[..., list[str]] = aioice.ice.get_host_addresses


def _with_loopback(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    addresses = list(_original(use_ipv4=use_ipv4, use_ipv6=use_ipv6))
    if use_ipv4 and "127.0.0.1" not in addresses:
        addresses.append("127.0.0.1")
    return addresses


def allow_loopback_candidates(enabled: bool = True) -> None:
    """Offer 127.0.0.1 as a host candidate as well as the usual addresses (or stop)."""
    aioice.ice.get_host_addresses = _with_loopback if enabled else _original  # type: ignore[assignment]


def host_addresses() -> frozenset[str]:
    """The IPv4 addresses this host would offer as candidates now; when the set changes
    mid-call (a modem moved to another cell), every path of the call is gone."""
    return frozenset(_original(use_ipv4=True, use_ipv6=False))


#: Each connection's UDP receive buffer (the kernel doubles it, up to net.core.rmem_max:
#: deploy/sysctl-kiosk.conf raises that). aioice asks for 256 KiB; Chromium for 1 MiB.
RECEIVE_BUFFER_BYTES = 1 << 20


def use_receive_buffers(size: int = RECEIVE_BUFFER_BYTES) -> None:
    """Give the sockets of the connections made from now on ``size`` bytes to receive into.

    The kiosk's event loop also paints the screen: measured in the window test, it is late
    by 40 ms one tick in ten and by 0.2-0.4 s at worst (a page rendered, a screenshot), and
    meanwhile the far side's packets wait in the socket. With 256 KiB a burst of a document
    on top of the video overflowed it (the kernel counted hundreds of drops in a run), and
    each dropped data-channel packet cost a retransmission timeout that backs off: a
    document that crawled for tens of seconds."""
    aioice.turn.UDP_SOCKET_BUFFER_SIZE = size
