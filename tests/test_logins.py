"""Logins as an attacker tries them: guesses sent at once, an account locked for everyone,
a spoofed address, a flood of password checks; and the client's address behind a proxy."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, make_mocked_request

from signaling.demo_data import DemoCredentials
from signaling.edge import client_address, parse_networks
from tests.helpers import app_client


def attempt(
    client: TestClient, username: str, password: str, address: str | None = None
) -> Callable[[], asyncio.Future[aiohttp.ClientResponse]]:
    headers = {"X-Forwarded-For": address} if address else {}
    return lambda: asyncio.ensure_future(
        client.post(
            "/api/login", json={"username": username, "password": password}, headers=headers
        )
    )


async def statuses(*requests: Callable[[], asyncio.Future[aiohttp.ClientResponse]]) -> list[int]:
    responses = await asyncio.gather(*(request() for request in requests))
    return [response.status for response in responses]


async def test_guesses_sent_at_once_are_counted_before_any_is_checked(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    async with app_client(test_db[0]) as client:
        answers = await statuses(*[attempt(client, "demo", f"guess-{i}") for i in range(40)])
    assert answers.count(401) == 5, "only the free attempts reach the password check"
    assert answers.count(429) == 35


async def test_an_attacker_cannot_lock_a_clerk_out_from_elsewhere(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    async with app_client(test_db[0], trusted_proxies=parse_networks(["127.0.0.1"])) as client:
        attacker, clerk = "198.51.100.7", "203.0.113.20"
        answers = await statuses(*[attempt(client, "demo", "wrong", attacker) for _ in range(12)])
        assert 429 in answers
        assert await statuses(attempt(client, "demo", "demo", attacker)) == [429]
        assert await statuses(attempt(client, "demo", "demo", clerk)) == [200], (
            "the clerk at her own desk logs in while the attacker waits"
        )


async def test_a_claimed_address_is_ignored_unless_it_came_through_a_trusted_proxy(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    async with app_client(test_db[0]) as client:
        answers = await statuses(
            *[attempt(client, "demo", "wrong", f"192.0.2.{i}") for i in range(1, 9)]
        )
    assert answers == [401] * 5 + [429] * 3, "a new X-Forwarded-For each try does not reset"


async def test_one_address_spraying_many_usernames_is_slowed(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    async with app_client(test_db[0]) as client:
        answers = [
            (await statuses(attempt(client, f"user{i}", "Password-1")))[0] for i in range(40)
        ]
    assert answers == [401] * 30 + [429] * 10


async def test_a_flood_of_password_checks_is_shed_and_real_logins_still_get_in(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    config = {
        "trusted_proxies": parse_networks(["127.0.0.1"]),
        "password_checks": 1,
        "password_check_queue": 2,
    }
    async with app_client(test_db[0], **config) as client:
        flood = [attempt(client, f"user{i}", "guess", f"198.51.100.{i}") for i in range(1, 41)]
        answers = await asyncio.gather(*(request() for request in flood))
        shed = [a for a in answers if a.status == 503]
        assert shed and all(a.headers["Retry-After"] == "1" for a in shed)
        assert {a.status for a in answers} == {401, 503}
        assert "busy" in (await shed[0].json())["error"]
        assert await statuses(attempt(client, "demo", "demo", "203.0.113.20")) == [200]
        again = await statuses(
            *[attempt(client, f"user{i}", "guess", "198.51.100.1") for i in (1,)]
        )
        assert again == [401], "a shed attempt was not counted against its address"


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("127.0.0.1", "198.51.100.7", [], "127.0.0.1"),
        ("10.0.0.5", "198.51.100.7", ["10.0.0.0/24"], "198.51.100.7"),
        ("10.0.0.5", "6.6.6.6, 198.51.100.7, 10.0.0.4", ["10.0.0.0/24"], "198.51.100.7"),
        ("10.0.0.5", "not-an-address", ["10.0.0.0/24"], "10.0.0.5"),
        ("10.0.0.5", "", ["10.0.0.0/24"], "10.0.0.5"),
        ("203.0.113.9", "198.51.100.7", ["10.0.0.0/24"], "203.0.113.9"),
        ("::1", "2001:db8::7", ["::1"], "2001:db8::7"),
    ],
)
def test_client_address(remote: str, forwarded: str, trusted: list[str], expected: str) -> None:
    request = make_mocked_request("GET", "/", headers={"X-Forwarded-For": forwarded})
    request._transport_peername = (remote, 40000)  # type: ignore[attr-defined]
    assert client_address(request, parse_networks(trusted)) == expected
    ipaddress.ip_address(expected)


def test_a_bad_trusted_proxy_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"not an IP address or network: 'proxy.local'"):
        parse_networks(["proxy.local"])
