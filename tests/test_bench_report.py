"""The benchmark's report: METRIC lines, the JSON shape of issue 3, the docs table, and the
statistics issue 15 asks for (medians with a 95 % interval, p95 only where n allows, a
failed scenario a failed row)."""

from __future__ import annotations

import asyncio
import json
import math
import random
import re
import statistics
from pathlib import Path

import pytest

from bench import __main__ as bench_main
from bench.report import Metric, median_ci, write
from bench.smoothness import smoothness, summary


def test_metric_line_json_and_docs_table(tmp_path: Path) -> None:
    setup = Metric.from_samples("setup_ms", "ms", [80.0, 90.0, 100.0], [100.0, 110.0, 120.0], "t")
    fan = Metric.from_samples("signalling_fanout_ms", "ms", [5.0, 7.0, 40.0], None, "t", p99=40.0)
    skipped = Metric.skip("turn_ms", "ms", "coturn is not installed")
    failed = Metric.failure("document_5MB_ms", "ms", "TimeoutError: the receipt\n  call log")
    line = setup.line()
    assert re.match(
        r"METRIC setup_ms project=90.0 anchor=110.0 ratio=0.818 p95=None unit=ms n=3 "
        r"ci95=None anchor_ci95=None anchor_n=3",
        line,
    ), line
    assert skipped.line() == "METRIC turn_ms skipped: coturn is not installed"
    assert failed.line() == "METRIC document_5MB_ms FAILED: TimeoutError: the receipt call log"

    docs = tmp_path / "benchmarks.md"
    docs.write_text("# B\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\ntail\n")
    out = tmp_path / "results" / "latest.json"
    write([setup, fan, skipped, failed], out, docs)
    data = json.loads(out.read_text())
    assert {"machine", "date", "metrics"} <= set(data)
    assert data["metrics"]["setup_ms"] | {"target": "t"} == {
        "project": 90.0,
        "anchor": 110.0,
        "ratio": 0.818,
        "p95": None,
        "unit": "ms",
        "n": 3,
        "ci95": None,
        "anchor_ci95": None,
        "anchor_n": 3,
        "target": "t",
    }
    assert data["metrics"]["signalling_fanout_ms"]["p99"] == 40.0
    assert data["metrics"]["turn_ms"] == {"skipped": "coturn is not installed", "unit": "ms"}
    assert data["metrics"]["document_5MB_ms"] == {
        "failed": "TimeoutError: the receipt call log",
        "unit": "ms",
    }
    text = docs.read_text()
    assert "old" not in text and text.endswith("<!-- bench:end -->\ntail\n")
    assert "| setup_ms | 90.0 | 110.0 | 0.818 |  | ms | 3 / 3 | t |" in text
    assert "| document_5MB_ms | FAILED: TimeoutError: the receipt call log |" in text


def test_a_median_has_its_95_percent_interval_and_p95_needs_twenty_samples() -> None:
    assert median_ci([1.0, 2.0, 3.0, 4.0, 5.0]) is None, "five samples cannot give 95 %"
    assert median_ci([float(v) for v in range(6)]) == (0.0, 5.0)
    assert median_ci([float(v) for v in range(10)]) == (1.0, 8.0)  # 97.9 % coverage
    ten = Metric.from_samples("x", "ms", [float(v) for v in range(10)], None, "t")
    assert ten.ci95 == [1.0, 8.0] and ten.p95 is None
    twenty = Metric.from_samples("x", "ms", [float(v) for v in range(20)], None, "t")
    assert twenty.p95 == 18.0 and twenty.n == 20

    # A latency figure pools every frame (the fan-out: 60,000 deliveries): the interval's
    # ranks are those of the normal approximation, n/2 -+ 1.96 sqrt(n)/2, found in logarithms
    # (the exact integers took minutes and hung the bench).
    low_rank, high_rank = median_ci([float(v) for v in range(60_000)]) or (0.0, 0.0)
    assert 29_750 <= low_rank <= 29_770 and 30_229 <= high_rank <= 30_249

    # The interval holds the true median at least 95 % of the time (n = 10, 2,000 draws).
    rng = random.Random(15)
    held = 0
    for _ in range(2000):
        draw = [rng.expovariate(1.0) for _ in range(10)]
        low, high = median_ci(draw) or (0.0, 0.0)
        held += low <= math.log(2) <= high  # the median of an exponential of rate 1
    assert held / 2000 >= 0.95


def test_a_scenario_that_breaks_is_a_failed_row_and_a_failed_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(pw: object, runs: int) -> list[Metric]:
        raise TimeoutError("no frame")

    async def fine(pw: object, runs: int) -> list[Metric]:
        return [Metric.from_samples("fine_ms", "ms", [1.0] * 10, [2.0] * 10, "t")]

    monkeypatch.setattr(bench_main, "SCENARIOS", {"broken": broken, "fine": fine})
    monkeypatch.setattr(bench_main, "ROOT", tmp_path)
    monkeypatch.setattr(bench_main, "require_loopback_only", lambda: None)
    code = asyncio.run(bench_main.main(["broken", "fine"], 10, docs=False))
    data = json.loads((tmp_path / "bench" / "results" / "latest.json").read_text())
    assert code == 1
    assert data["metrics"]["broken"] == {"failed": "TimeoutError: no frame", "unit": ""}
    assert data["metrics"]["fine_ms"]["project"] == 1.0


def test_smoothness_counts_a_freeze_as_chromium_does() -> None:
    steady = [i * 33.3 for i in range(31)]  # 30 fps for a second
    smooth = smoothness(steady)
    assert smooth is not None
    assert round(smooth.fps) == 30 and smooth.jitter_ms < 0.01 and smooth.freezes == 0
    # One gap of 300 ms: longer than three average intervals and the average plus 150 ms.
    frozen = smoothness([*steady, steady[-1] + 300, steady[-1] + 333.3])
    assert frozen is not None and frozen.freezes == 1 and frozen.jitter_ms > 40
    # 120 ms is over three intervals but not over the average plus 150 ms: not a freeze.
    assert smoothness([*steady, steady[-1] + 120]).freezes == 0  # type: ignore[union-attr]
    assert smoothness([0.0, 33.3]) is None
    assert summary([smooth, None, frozen], "anchor_") == {
        "anchor_fps": round(statistics.median([smooth.fps, frozen.fps]), 1),
        "anchor_jitter_ms": round(statistics.median([smooth.jitter_ms, frozen.jitter_ms]), 1),
        "anchor_freezes": 0.5,
    }
