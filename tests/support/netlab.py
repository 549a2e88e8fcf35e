"""A network lab for fault tests: a host (the kiosk, a console) in a network namespace of
its own, joined to the test's namespace by a veth pair, and the faults real links have.

    cut() / restore()      silent loss both ways (nftables drops at ingress, no FIN, no
                           RST, no ICMP: a cable pulled upstream, a van in a dead spot)
    move_to(address)       the host comes back on a new address (a modem changing cell)
    block_udp()            UDP dropped both ways (an agency firewall); TCP still passes
    shape(...)             a thin uplink (tbf) with random loss (nftables numgen)

This kernel has no netem (docs/stack-facts.md): delay comes from a relay of our own
(tests/support/relay.py). Everything stays inside namespaces the test created, under the
loopback-only namespace ``./run test`` gives the whole suite.
"""

from __future__ import annotations

import contextlib
import itertools
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_numbers = itertools.count(1)


def no_ipv6_link_local(device: str) -> tuple[str, ...]:
    """The command that keeps a link of ours without an IPv6 link-local address: the
    kernel would add one a second or two after the link comes up, and a Chromium that
    sees its network change fails every request in flight with ERR_NETWORK_CHANGED (seen
    in full runs: a console page whose ES modules never loaded)."""
    return ("ip", "link", "set", "dev", device, "addrgenmode", "none")


def run(*args: str) -> None:
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {result.stderr.strip()}")


@dataclass
class Namespaced:
    """A network namespace the test made: run a command inside it, or give a program
    (a browser Playwright starts itself) a wrapper that runs it there."""

    namespace: str

    def inside(self, *args: str) -> None:
        run("ip", "netns", "exec", self.namespace, *args)

    def command(self, argv: Sequence[str]) -> list[str]:
        """``argv`` to be run inside the host's namespace."""
        return ["ip", "netns", "exec", self.namespace, *argv]

    def wrapper(self, program: str, folder: Path) -> str:
        """A script that runs ``program`` with its arguments inside this host's namespace
        (for Playwright, which starts the browser itself)."""
        script = folder / f"{self.namespace}-{Path(program).name}"
        script.write_text(f'#!/bin/sh\nexec ip netns exec {self.namespace} {program} "$@"\n')
        script.chmod(0o755)
        return str(script)


@dataclass
class Host(Namespaced):
    """One namespace behind a veth pair; ``address`` is its side, ``gateway`` ours."""

    near: str  # our end of the veth pair
    far: str  # its end
    subnet: int
    address: str = ""
    gateway: str = ""
    _faults: list[str] = field(default_factory=list)

    @classmethod
    def create(cls, label: str = "h") -> Host:
        n = next(_numbers)
        name = f"rs{label}{n}"
        subnet = 80 + n % 100
        host = cls(name, f"{name}a", f"{name}b", subnet)
        host.gateway = f"10.{subnet}.0.1"
        host.address = f"10.{subnet}.0.2"
        host.remove()  # what a killed run of the same name left behind, if anything
        run("ip", "netns", "add", name)
        try:
            run("ip", "link", "add", host.near, "type", "veth", "peer", "name", host.far)
            run("ip", "link", "set", host.far, "netns", name)
            run(*no_ipv6_link_local(host.near))
            run("ip", "addr", "add", f"{host.gateway}/16", "dev", host.near)
            run("ip", "link", "set", host.near, "up")
            host.inside("ip", "link", "set", "lo", "up")
            host.inside(*no_ipv6_link_local(host.far))
            host.inside("ip", "addr", "add", f"{host.address}/16", "dev", host.far)
            host.inside("ip", "link", "set", host.far, "up")
            host.inside("ip", "route", "add", "default", "via", host.gateway)
            # A filter table each side, hooked before routing: a drop there is silent for
            # the sender (an output drop would return EPERM to it).
            hook = "{ type filter hook prerouting priority -300; }"
            run("nft", "add", "table", "inet", name)
            run("nft", "add", "chain", "inet", name, "faults", hook)
            host.inside("nft", "add", "table", "inet", "lab")
            host.inside("nft", "add", "chain", "inet", "lab", "faults", hook)
        except RuntimeError:
            host.remove()
            raise
        return host

    # --- faults --------------------------------------------------------------------------

    def _rule_both_ways(self, *match: str) -> None:
        run("nft", "add", "rule", "inet", self.namespace, "faults", "iifname", self.near, *match)
        self.inside("nft", "add", "rule", "inet", "lab", "faults", "iifname", self.far, *match)

    def cut(self) -> None:
        """Every packet lost, both ways, silently."""
        self._rule_both_ways("drop")

    def block_udp(self) -> None:
        self._rule_both_ways("meta", "l4proto", "udp", "drop")

    def block_tcp_port(self, port: int) -> None:
        """TCP to and from ``port`` dropped both ways (the signalling, say), all else passes."""
        self._rule_both_ways("tcp", "dport", str(port), "drop")
        self._rule_both_ways("tcp", "sport", str(port), "drop")

    def lose(self, percent: int) -> None:
        """Random loss of ``percent`` % of packets, both ways."""
        self._rule_both_ways("numgen", "random", "mod", "100", "<", str(percent), "drop")

    def restore(self) -> None:
        """Back to a clean link (shaping, if any, stays)."""
        run("nft", "flush", "chain", "inet", self.namespace, "faults")
        self.inside("nft", "flush", "chain", "inet", "lab", "faults")

    def move_to(self, suffix: int) -> str:
        """The host's address changes (10.S.0.2 -> 10.S.<suffix>.2); returns the new one."""
        new = f"10.{self.subnet}.{suffix}.2"
        self.inside("ip", "addr", "del", f"{self.address}/16", "dev", self.far)
        self.inside("ip", "addr", "add", f"{new}/16", "dev", self.far)
        self.inside("ip", "route", "replace", "default", "via", self.gateway)
        self.address = new
        return new

    def shape(self, rate_kbit: int, *, burst_kb: int = 16, latency_ms: int = 200) -> None:
        """A thin uplink from the host (tbf on its end) and downlink to it (on ours)."""
        for dev, where in ((self.far, "far"), (self.near, "near")):
            args = (
                "tc",
                "qdisc",
                "replace",
                "dev",
                dev,
                "root",
                "tbf",
                "rate",
                f"{rate_kbit}kbit",
                "burst",
                f"{burst_kb}kb",
                "latency",
                f"{latency_ms}ms",
            )
            if where == "far":
                self.inside(*args)
            else:
                run(*args)

    def remove(self) -> None:
        subprocess.run(["nft", "delete", "table", "inet", self.namespace], capture_output=True)
        subprocess.run(["ip", "link", "del", self.near], capture_output=True)
        subprocess.run(["ip", "netns", "del", self.namespace], capture_output=True)


@contextlib.contextmanager
def routed_address(address: str = "10.251.0.1") -> Iterator[str]:
    """An address on a routed interface in the test's own namespace, for a browser that
    gathers ICE candidates only there (Firefox takes no loopback candidate, nor any
    without a default route): a veth pair whose both ends stay here, one with
    ``address`` and the default route. Nothing leaves the namespace: the other end is
    here, with no forwarding. Removed after."""
    near, far = "rsroute0", "rsroute1"
    run("ip", "link", "add", near, "type", "veth", "peer", "name", far)
    try:
        for end in (near, far):
            run(*no_ipv6_link_local(end))
        run("ip", "addr", "add", f"{address}/24", "dev", near)
        run("ip", "link", "set", near, "up")
        run("ip", "link", "set", far, "up")
        run("ip", "route", "add", "default", "dev", near)
        yield address
    finally:
        subprocess.run(["ip", "link", "del", near], capture_output=True, check=False)
