"""Fuzzing the live server with generated and mutated messages (hypothesis).

A real app on a real socket, run in a thread of its own; a kiosk, a clerk and an
interpreter send what
hypothesis makes of the protocol: random JSON, valid messages with fields deleted, added,
retyped or blown up, and raw garbage. Meanwhile another kiosk and clerk hold a call. The
server must answer every message it cannot accept with a clear error, never crash, and
never show the fuzzers anything of the other call.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol import messages as p
from protocol.exceptions import ProtocolError
from signaling.app import create_app
from signaling.appkeys import HUB
from signaling.config import ServerConfig
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import INTERPRETER

VALID: list[dict[str, Any]] = [
    {"type": "queue.join", "agency": "kela", "language": "fi"},
    {"type": "queue.join", "appointment": "12345678", "language": "sv"},
    {"type": "queue.leave"},
    {"type": "clerk.status", "status": "available"},
    {"type": "call.accept", "ticket": "t-abc"},
    {"type": "call.decline", "ticket": "t-abc"},
    {"type": "call.transfer", "call_id": "c-abc", "agency": "vero"},
    {"type": "call.end", "call_id": "c-abc", "outcome": "handled"},
    {"type": "call.media", "call_id": "c-abc", "peer": "kiosk", "state": "connected"},
    {"type": "call.document", "call_id": "c-abc", "bytes": 1000},
    {"type": "feedback", "call_id": "c-abc", "score": 4, "reason": "waiting_time"},
    {
        "type": "kiosk.health",
        "camera": "ok",
        "microphone": "ok",
        "speaker": "ok",
        "document_camera": "ok",
        "version": "1",
    },
    {
        "type": "signal",
        "call_id": "c-abc",
        "to": "clerk",
        "description": {"type": "offer", "sdp": "v=0"},
    },
    {
        "type": "signal",
        "call_id": "c-abc",
        "to": "kiosk",
        "candidate": {"candidate": "candidate:1 1 udp 1 127.0.0.1 9 typ host", "sdpMid": "0"},
    },
    {"type": "queue.join", "agency": "kela", "language": "ar", "interpreter": "fse"},
    {"type": "interpreter.request", "call_id": "c-abc", "language": "ru"},
    {"type": "interpreter.cancel", "call_id": "c-abc"},
    {"type": "invitation.accept", "invitation": "i-abc"},
    {"type": "invitation.decline", "invitation": "i-abc"},
    {"type": "call.leave", "call_id": "c-abc"},
    {"type": "chat.send", "call_id": "c-abc", "text": "Hei"},
    {"type": "chat.draft", "call_id": "c-abc", "text": "He"},
    {"type": "call.rejoin", "call_id": "c-abc"},
    {"type": "ping", "seq": 3},
    {"type": "signal", "call_id": "c-abc", "to": "kiosk", "restart": True, "generation": 2},
    {"type": "call.media", "call_id": "c-abc", "peer": "clerk", "state": "interrupted"},
]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=20,
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    message = dict(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["delete", "add", "retype", "huge", "swap_type"]))
        key = draw(st.sampled_from(sorted(message) or ["type"]))
        if action == "delete":
            message.pop(key, None)
        elif action == "add":
            message[draw(st.text(min_size=1, max_size=12))] = draw(json_values)
        elif action == "retype":
            message[key] = draw(json_values)
        elif action == "huge":
            message[key] = "x" * draw(st.sampled_from([200, 5_000, 70_000]))
        else:
            message["type"] = draw(st.sampled_from([v["type"] for v in VALID] + ["", "error"]))
    return json.dumps(message)


payloads = st.one_of(
    mutated(),
    json_values.map(json.dumps),
    st.text(max_size=200),
    st.sampled_from(["", "{", "null", "[]", '{"type": null}', "\u0000", "{}" * 1000]),
)


class LiveServer:
    """The app on a loop in a background thread; sync calls for hypothesis."""

    def __init__(self, db: Path, creds: DemoCredentials) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.db, self.creds = db, creds
        self.cases = 0
        self.leaks: list[str] = []
        self.call_id = ""

    def run(self, coro: Any, timeout: float = 20.0) -> Any:
        future: Future[Any] = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return future.result(timeout)

    async def start(self) -> None:
        # A long heartbeat: these sockets are read only while a payload's answer is awaited
        # (up to 5 s each, three sockets in turn), and an unread socket cannot answer the
        # server's ping; with the 3 s default the server rightly dropped them now and then.
        config = ServerConfig(
            port=0,
            db_url=f"sqlite:///{self.db}",
            messages_per_s=1e6,
            message_burst=1e6,
            heartbeat_s=120.0,
        )
        self.server = TestServer(create_app(config))
        await self.server.start_server()
        self.http = aiohttp.ClientSession()
        base = str(self.server.make_url("/"))
        store = Store(f"sqlite:///{self.db}")
        tokens = [self.creds.kiosk_token, store.rotate_kiosk_token("nurmes-2")]
        store.add_clerk("other", "other-pass", "Other", ["kela"])
        store.close()
        self.clerks = [
            await self._clerk(base, "demo", "demo"),
            await self._clerk(base, "other", "other-pass"),
            await self._clerk(base, *INTERPRETER),
        ]
        self.kiosks = [
            await self.http.ws_connect(base + "ws", headers={"Authorization": f"Bearer {t}"})
            for t in tokens
        ]
        for ws in [*self.kiosks, *self.clerks]:
            await self._drain(ws)
        # The private call: kiosk 2 with clerk 2 ("other"), whom the fuzzers must never see.
        await self.clerks[1].send_json({"type": "clerk.status", "status": "available"})
        await self.kiosks[1].send_json({"type": "queue.join", "agency": "kela", "language": "fi"})
        offer = await self._wait_for(self.clerks[1], "call.offer")
        await self.clerks[1].send_json({"type": "call.accept", "ticket": offer["entry"]["ticket"]})
        self.call_id = (await self._wait_for(self.clerks[1], "call.started"))["call_id"]

    async def _clerk(self, base: str, username: str, password: str) -> Any:
        # unsafe=True: keep cookies of an IP-address host such as 127.0.0.1
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        await session.post(base + "api/login", json={"username": username, "password": password})
        ws = await session.ws_connect(base + "ws")
        ws._rs_session = session  # keep the session alive with its socket
        return ws

    async def _drain(self, ws: Any) -> list[str]:
        texts = []
        while True:
            try:
                frame = await ws.receive(timeout=0.01)
            except TimeoutError:
                return texts
            if frame.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"connection lost: {frame.type}")
            texts.append(frame.data)

    async def _wait_for(self, ws: Any, kind: str) -> dict[str, Any]:
        for _ in range(50):
            message = await ws.receive_json(timeout=5)
            if message["type"] == kind:
                return message  # type: ignore[no-any-return]
        raise AssertionError(f"no {kind}")

    async def fuzz(self, payload: str) -> None:
        try:
            p.parse_client_message(payload)
            refused_locally = False
        except ProtocolError:
            refused_locally = True
        for ws in (self.kiosks[0], self.clerks[0], self.clerks[2]):
            await ws.send_str(payload)
            replies = [json.loads(t) for t in await self._reply(ws)]
            self.leaks += [json.dumps(r) for r in replies if self.call_id in json.dumps(r)]
            if refused_locally:
                errors = [r for r in replies if r["type"] == "error"]
                assert errors and errors[0]["message"], (payload[:80], replies)
        self.cases += 1

    async def _reply(self, ws: Any) -> list[str]:
        texts = []
        try:
            texts.append((await ws.receive(timeout=5)).data)
        except TimeoutError:
            return texts  # a valid message may have no answer
        return texts + await self._drain(ws)

    async def healthy(self) -> dict[str, Any]:
        """/healthz's answer, with the server's live counts (as /metrics shows them)."""
        async with self.http.get(str(self.server.make_url("/healthz"))) as response:
            status = await response.json()
        return {**status, **self.server.app[HUB].counts()}

    async def stop(self) -> None:
        for ws in [*self.kiosks, *self.clerks]:
            await ws.close()
        for ws in self.clerks:
            await ws._rs_session.close()
        await self.http.close()
        await self.server.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from tests.helpers import seed_test_point

    db = tmp_path_factory.mktemp("fuzz") / "server.db"
    store = Store(f"sqlite:///{db}")
    creds = seed_test_point(store, kiosks=2)
    store.close()
    server = LiveServer(db, creds)
    server.run(server.start())
    yield server
    print(f"\nfuzzing: {server.cases} cases against the live server")
    server.run(server.stop())
    server.loop.call_soon_threadsafe(server.loop.stop)
    server.thread.join(timeout=10)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(payload=payloads)
def test_the_live_server_answers_everything_and_leaks_nothing(
    live: LiveServer, payload: str
) -> None:
    live.run(live.fuzz(payload))


def test_after_the_fuzzing(live: LiveServer) -> None:
    """Runs after the fuzz test in this module: the server is up and the call untouched."""
    assert live.cases >= 400
    health = live.run(live.healthy())
    assert health["status"] == "ok" and health["calls"] == 1
    assert live.leaks == [], "another call's id reached a fuzzer"
