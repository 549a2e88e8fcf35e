"""Which TURN URL the kiosk puts first (media/turn_probe.py), against local sockets: a UDP
port that never answers (a firewall's silent drop), a TCP port that accepts, and one that
refuses."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest

from media.session import IceServerConfig
from media.turn_probe import working_turn_url


@pytest.fixture
async def ports() -> AsyncIterator[tuple[int, int, int]]:
    """(silent UDP, accepting TCP, refusing TCP) on loopback."""
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    server = await asyncio.start_server(lambda _r, w: w.close(), "127.0.0.1", 0)
    refusing = socket.socket()
    refusing.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    try:
        yield (
            silent.getsockname()[1],
            server.sockets[0].getsockname()[1],
            refusing.getsockname()[1],
        )
    finally:
        server.close()
        silent.close()
        refusing.close()


def entry(*urls: str) -> list[IceServerConfig]:
    return [IceServerConfig(urls, "user", "pass")]


async def test_the_first_url_that_works_in_the_servers_order(ports: tuple[int, int, int]) -> None:
    silent, accepting, refusing = ports
    udp = f"turn:127.0.0.1:{silent}?transport=udp"
    tcp = f"turn:127.0.0.1:{accepting}?transport=tcp"
    refused = f"turn:127.0.0.1:{refusing}?transport=tcp"
    assert await working_turn_url(entry(udp, refused, tcp)) == tcp
    assert await working_turn_url(entry(tcp, udp)) == tcp
    assert await working_turn_url([*entry(udp), *entry(refused, tcp)]) == tcp


async def test_none_that_works_is_said_as_none(ports: tuple[int, int, int]) -> None:
    silent, _accepting, refusing = ports
    udp = f"turn:127.0.0.1:{silent}?transport=udp"
    refused = f"turn:127.0.0.1:{refusing}?transport=tcp"
    assert await working_turn_url(entry(udp, refused, "stun:127.0.0.1:3478")) is None
    assert await working_turn_url([]) is None
