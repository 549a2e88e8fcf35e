"""python -m bench [--runs N] [--only NAME,...]: every scenario, METRIC lines, JSON, docs.

Run it through ``./run bench``, which puts it in a network namespace with only loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from playwright.async_api import Playwright, async_playwright

from bench import calls, display, failover, long_call, resilience, signalling, storm, thin_link
from bench.report import Metric, write
from media.network import allow_loopback_candidates
from tests.helpers import require_loopback_only

ROOT = Path(__file__).parent.parent
Scenario = Callable[[Playwright, int], Awaitable[list[Metric]]]
SCENARIOS: dict[str, Scenario] = {
    "setup": calls.setup_and_latency,
    "setup_turn": calls.setup_with_turn,
    "display": display.displayed_latency,
    "cpu_window": display.window_cpu,
    "cpu": calls.kiosk_cpu,
    "thin_link": thin_link.thin_link_fps,
    "document": calls.document_transfer,
    "fanout": signalling.fanout,
    "restart": signalling.restart_recovery,
    "storm": storm.reconnect_storm,
    "failover": failover.failover,
    "long_call": long_call.long_call,
    "silent_loss": resilience.silent_loss,
}


async def main(names: list[str], runs: int, docs: bool) -> int:
    require_loopback_only()
    allow_loopback_candidates()
    metrics: list[Metric] = []
    async with async_playwright() as pw:
        for name in names:
            started = time.monotonic()
            try:
                found = await SCENARIOS[name](pw, runs)
            except Exception as exc:  # a broken scenario is a failed row; the rest still run
                logging.exception("scenario %s failed", name)
                found = [Metric.failure(name, "", f"{type(exc).__name__}: {exc}")]
            for metric in found:
                print(metric.line(), flush=True)
            print(f"# {name}: {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
            metrics += found
    write(
        metrics,
        ROOT / "bench" / "results" / "latest.json",
        ROOT / "docs" / "benchmarks.md" if docs else None,
    )
    failed = [m.name for m in metrics if m.failed]
    if failed:
        print(f"# failed: {', '.join(failed)}", file=sys.stderr, flush=True)
    return 1 if failed else 0


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=10, help="repetitions per scenario")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(SCENARIOS)}")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/benchmarks.md")
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)}")
    logging.basicConfig(level=logging.WARNING)
    return asyncio.run(main(names, args.runs, docs=not args.no_docs and not args.only))


if __name__ == "__main__":
    sys.exit(cli())
