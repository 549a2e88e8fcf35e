"""The window kiosk's event loop keeps asyncio's order and never starves Qt's events."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, cast

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.qt.loop import KioskEventLoop


@pytest.fixture
def run(qapp: QApplication) -> Iterator[Callable[[Coroutine[Any, Any, Any]], Any]]:
    loop = KioskEventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        yield loop.run_until_complete
    finally:
        loop.close()
        asyncio.set_event_loop(None)


def test_ready_callbacks_run_in_order_and_what_they_schedule_runs_after(
    run: Callable[[Coroutine[Any, Any, Any]], Any],
) -> None:
    async def scenario() -> list[str]:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        order: list[str] = []

        def first() -> None:
            order.append("first")
            loop.call_soon(order.append, "scheduled by first")

        loop.call_soon(first)
        loop.call_soon(order.append, "second")
        skipped = loop.call_soon(order.append, "cancelled")
        skipped.cancel()
        loop.call_soon(lambda: loop.call_soon(lambda: done.set_result(None)))
        await done
        return order

    assert run(scenario()) == ["first", "second", "scheduled by first"]


def test_a_failing_callback_is_reported_and_the_rest_still_run(
    run: Callable[[Coroutine[Any, Any, Any]], Any],
) -> None:
    async def scenario() -> tuple[list[BaseException], bool]:
        loop = asyncio.get_running_loop()
        reported: list[BaseException] = []
        loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
        after = loop.create_future()

        def fails() -> None:
            raise ValueError("a callback's own bug")

        loop.call_soon(fails)
        loop.call_soon(after.set_result, True)
        return reported, await asyncio.wait_for(after, 5)

    reported, ran = run(scenario())
    assert ran and [str(e) for e in reported] == ["a callback's own bug"]


def test_threads_timers_and_tasks_work_as_on_asyncio(
    run: Callable[[Coroutine[Any, Any, Any]], Any],
) -> None:
    async def scenario() -> tuple[str, int, float]:
        loop = asyncio.get_running_loop()
        from_thread = loop.create_future()
        worker = threading.Thread(
            target=lambda: loop.call_soon_threadsafe(from_thread.set_result, "from a thread")
        )
        worker.start()
        queue: asyncio.Queue[int] = asyncio.Queue(maxsize=4)

        async def produce() -> None:
            for n in range(1000):
                await queue.put(n)

        async def consume() -> int:
            return sum([await queue.get() for _ in range(1000)])

        _, total = await asyncio.gather(produce(), consume())
        started = loop.time()
        await asyncio.sleep(0.05)
        slept = loop.time() - started
        said = await asyncio.wait_for(from_thread, 5)
        worker.join()
        return said, total, slept

    said, total, slept = run(scenario())
    assert (said, total) == ("from a thread", sum(range(1000)))
    assert slept > 0.04  # Qt's coarse timers may fire up to 5 % early


def test_callbacks_that_keep_scheduling_do_not_starve_qt(
    run: Callable[[Coroutine[Any, Any, Any]], Any],
) -> None:
    """A busy asyncio side (packets every turn) must leave Qt its turns: paints, touches."""

    most = 200_000  # a loop that starved Qt would spin until here before its timer fired

    async def scenario() -> int:
        loop = asyncio.get_running_loop()
        qt_fired = loop.create_future()
        spins = 0

        def spin() -> None:
            nonlocal spins
            spins += 1
            if not qt_fired.done() and spins < most:
                loop.call_soon(spin)

        loop.call_soon(spin)
        QTimer.singleShot(20, lambda: qt_fired.set_result(spins))
        return await asyncio.wait_for(qt_fired, 30)

    assert 1 < run(scenario()) < most


def test_datagrams_and_streams_are_read_and_their_readers_let_go(
    run: Callable[[Coroutine[Any, Any, Any]], Any],
) -> None:
    """aiortc's packets come through datagram endpoints, the signalling through a stream:
    both read, in order, and a closed one leaves no reader behind."""

    class Echo(asyncio.DatagramProtocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.transport = cast(asyncio.DatagramTransport, transport)

        def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
            self.transport.sendto(data, addr)

    class Collect(asyncio.DatagramProtocol):
        def __init__(self, expected: int) -> None:
            self.got: list[bytes] = []
            self.all = asyncio.get_running_loop().create_future()
            self.expected = expected

        def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
            self.got.append(data)
            if len(self.got) == self.expected:
                self.all.set_result(None)

    async def scenario() -> tuple[list[bytes], bytes, int]:
        loop = asyncio.get_running_loop()
        before = len(loop._read_notifiers)  # type: ignore[attr-defined]  # its own wake-up pipe
        echo, _ = await loop.create_datagram_endpoint(Echo, local_addr=("127.0.0.1", 0))
        port = echo.get_extra_info("sockname")[1]
        sent = [f"packet {n}".encode() for n in range(200)]
        client, collect = await loop.create_datagram_endpoint(
            lambda: Collect(len(sent)), remote_addr=("127.0.0.1", port)
        )
        for packet in sent:
            client.sendto(packet)
        await asyncio.wait_for(collect.all, 10)

        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write(await reader.readline())
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname()[:2])
        writer.write(b"hello\n")
        line = await asyncio.wait_for(reader.readline(), 10)
        writer.close()
        await writer.wait_closed()
        server.close()
        await server.wait_closed()
        echo.close()
        client.close()
        await asyncio.sleep(0)
        return collect.got, line, len(loop._read_notifiers) - before  # type: ignore[attr-defined]

    got, line, readers_left = run(scenario())
    assert sorted(got) == sorted(f"packet {n}".encode() for n in range(200))
    assert line == b"hello\n"
    assert readers_left == 0


def test_a_callback_that_runs_qts_loop_inside_it_leaves_the_rest_in_order(
    run: Callable[[Coroutine[Any, Any, Any]], Any], qapp: QApplication
) -> None:
    """A modal dialog's exec() or processEvents() inside a callback: Qt does not fire
    the turn's timer again inside its own slot, so what was queued behind it runs once,
    after it, in order."""

    async def scenario() -> list[str]:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        order: list[str] = []

        def nested() -> None:
            order.append("nested")
            qapp.processEvents()

        loop.call_soon(nested)
        loop.call_soon(order.append, "after")
        loop.call_soon(lambda: loop.call_soon(done.set_result, None))
        await asyncio.wait_for(done, 5)
        return order

    assert run(scenario()) == ["nested", "after"]
