"""A link of our own making, since this kernel has no netem (docs/stack-facts.md): a host
in a network namespace joined to the test's namespace through two TUN devices, with a
relay process between them that holds every IP packet for the one-way delay, passes it at
the link's rate through a bounded queue (a bottleneck that drops at its tail, as a 4G
cell or a DSL line does), and loses packets in bursts (a Gilbert-Elliott channel: a good
state that loses nothing, a bad state that loses everything, per-packet odds of moving
between them). Both directions get the same link, each with its own queue and state.

    link = await RelayedHost.create("t")
    await link.set(rate_kbit=300, delay_ms=75, burst_loss=BurstLoss(0.01, 0.3))

The relay runs as ``python -m tests.support.relay NEAR FAR`` in the test's namespace: it
creates both TUN devices (the caller moves FAR into the host's namespace and gives the
addresses), then reads one JSON line of link settings at a time on stdin and answers each
with ``ok``. Packets in flight are counted so that a test can show the link really bound.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import json
import os
import random
import struct
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.support.netlab import Namespaced, no_ipv6_link_local, run

_TUNSETIFF = 0x400454CA
_IFF_TUN = 0x0001
_IFF_NO_PI = 0x1000
_numbers = iter(range(1, 1000))
#: The project's root, where ``-m tests.support.relay`` resolves.
_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BurstLoss:
    """Gilbert-Elliott loss: odds per packet of a burst starting, and of it ending. The
    long-run loss is enter / (enter + leave); a burst lasts 1 / leave packets on average."""

    enter: float = 0.0
    leave: float = 1.0


@dataclass(frozen=True)
class LinkSettings:
    """One direction's link; the relay applies the same to both directions."""

    rate_kbit: int = 0  # 0: as fast as the relay goes
    delay_ms: float = 0.0  # one way
    queue_ms: float = 250.0  # what the bottleneck holds before it drops
    loss_enter: float = 0.0
    loss_leave: float = 1.0
    cut: bool = False


class _Direction:
    """Packets from one TUN device to the other, through the link."""

    def __init__(self, loop: asyncio.AbstractEventLoop, out_fd: int) -> None:
        self.loop = loop
        self.out_fd = out_fd
        self.settings = LinkSettings()
        self.busy_until = 0.0
        self.bad = False
        self.passed = 0
        self.dropped = 0

    def carry(self, packet: bytes) -> None:
        s = self.settings
        now = self.loop.time()
        if s.cut:
            self.dropped += 1
            return
        self.bad = (random.random() >= s.loss_leave) if self.bad else random.random() < s.loss_enter
        if self.bad:
            self.dropped += 1
            return
        sent = now
        if s.rate_kbit:
            start = max(now, self.busy_until)
            if start - now > s.queue_ms / 1000:
                self.dropped += 1  # the bottleneck's queue is full: tail drop
                return
            sent = start + len(packet) * 8 / (s.rate_kbit * 1000)
            self.busy_until = sent
        self.passed += 1
        self.loop.call_at(sent + s.delay_ms / 1000, self._deliver, packet)

    def _deliver(self, packet: bytes) -> None:
        try:
            os.write(self.out_fd, packet)
        except OSError:
            pass  # the device went down: as lost as on a real link


def _open_tun(name: str) -> int:
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, _TUNSETIFF, struct.pack("16sH", name.encode(), _IFF_TUN | _IFF_NO_PI))
    return fd


async def _relay(near: str, far: str) -> None:
    loop = asyncio.get_running_loop()
    near_fd, far_fd = _open_tun(near), _open_tun(far)
    outward, inward = _Direction(loop, far_fd), _Direction(loop, near_fd)

    def pump(fd: int, direction: _Direction) -> None:
        while True:
            try:
                packet = os.read(fd, 65536)
            except BlockingIOError:
                return
            direction.carry(packet)

    loop.add_reader(near_fd, pump, near_fd, outward)
    loop.add_reader(far_fd, pump, far_fd, inward)
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    print("ready", flush=True)
    while line := await reader.readline():
        command = json.loads(line)
        if command.get("counts"):
            counts = {
                "out_passed": outward.passed,
                "out_dropped": outward.dropped,
                "in_passed": inward.passed,
                "in_dropped": inward.dropped,
            }
            print(json.dumps(counts), flush=True)
            continue
        settings = LinkSettings(**command)
        outward.settings = inward.settings = settings
        print("ok", flush=True)


@dataclass
class RelayedHost(Namespaced):
    """A namespace reached only through the relay; ``address`` its side, ``gateway`` ours."""

    near: str
    far: str
    address: str
    gateway: str
    process: asyncio.subprocess.Process

    @classmethod
    async def create(cls, label: str = "t") -> RelayedHost:
        n = next(_numbers)
        name = f"rl{label}{n}"
        subnet = 200 + n % 50
        near, far = f"{name}a", f"{name}b"
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.support.relay",
            near,
            far,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            cwd=_ROOT,
        )
        host = cls(name, near, far, f"10.{subnet}.0.2", f"10.{subnet}.0.1", process)
        try:
            assert process.stdout is not None
            ready = await asyncio.wait_for(process.stdout.readline(), 10)
            if ready.strip() != b"ready":
                raise RuntimeError(f"the relay did not start: {ready!r}")
            run("ip", "netns", "add", name)
            run("ip", "link", "set", far, "netns", name)
            run(*no_ipv6_link_local(near))
            run("ip", "addr", "add", f"{host.gateway}/24", "dev", near)
            run("ip", "link", "set", near, "up")
            host.inside("ip", "link", "set", "lo", "up")
            host.inside(*no_ipv6_link_local(far))
            host.inside("ip", "addr", "add", f"{host.address}/24", "dev", far)
            host.inside("ip", "link", "set", far, "up")
            host.inside("ip", "route", "add", "default", "via", host.gateway)
        except BaseException:
            await host.remove()
            raise
        return host

    async def _ask(self, command: dict[str, object]) -> bytes:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(command).encode() + b"\n")
        await self.process.stdin.drain()
        return await asyncio.wait_for(self.process.stdout.readline(), 5)

    async def set(
        self,
        *,
        rate_kbit: int = 0,
        delay_ms: float = 0.0,
        burst_loss: BurstLoss | None = None,
        cut: bool = False,
    ) -> None:
        """The link both ways from now on (packets already in flight keep theirs)."""
        loss = burst_loss or BurstLoss()
        settings = LinkSettings(
            rate_kbit=rate_kbit,
            delay_ms=delay_ms,
            loss_enter=loss.enter,
            loss_leave=loss.leave,
            cut=cut,
        )
        answer = await self._ask(asdict(settings))
        if answer.strip() != b"ok":
            raise RuntimeError(f"the relay refused {settings}: {answer!r}")

    async def counts(self) -> dict[str, int]:
        """Packets passed and dropped each way so far."""
        counts: dict[str, int] = json.loads(await self._ask({"counts": True}))
        return counts

    async def remove(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        with contextlib.suppress(RuntimeError):
            run("ip", "netns", "del", self.namespace)


def sent_by_host(before: dict[str, int], after: dict[str, int]) -> tuple[int, int]:
    """Of the packets the host sent between two :meth:`RelayedHost.counts`, how many the
    link passed and how many it dropped (the relay's "in" direction leaves the host)."""
    return (
        after["in_passed"] - before["in_passed"],
        after["in_dropped"] - before["in_dropped"],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("near")
    parser.add_argument("far")
    args = parser.parse_args()
    started = time.monotonic()
    try:
        asyncio.run(_relay(args.near, args.far))
    except KeyboardInterrupt:
        pass
    finally:
        print(f"relay ran {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
