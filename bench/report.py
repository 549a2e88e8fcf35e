"""Figures of a benchmark run: one Metric per measured quantity, printed as METRIC lines,
written as JSON, and rendered as the Markdown table of docs/benchmarks.md."""

from __future__ import annotations

import json
import math
import platform
import statistics
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


#: The least samples for a 95th percentile that is not simply the largest sample.
P95_FROM_N = 20


def median_ci(values: list[float], confidence: float = 0.95) -> tuple[float, float] | None:
    """A distribution-free confidence interval for the median: the pair of order
    statistics (k-th smallest, k-th largest) that holds the true median with at least
    ``confidence`` (the count of samples below it is binomial, n and 1/2). None when n is
    too small for any pair to reach it (fewer than 6 samples at 95 %)."""
    n = len(values)
    ordered = sorted(values)
    below = 0.0  # P(B <= k) for B ~ Binomial(n, 1/2), grown k by k
    chosen = None
    log_all = math.lgamma(n + 1) - n * math.log(2)
    for k in range(n // 2):
        # each term in logarithms: exact integers (comb, 2**n) take minutes at n = 60,000
        below += math.exp(log_all - math.lgamma(k + 1) - math.lgamma(n - k + 1))
        if 1 - 2 * below < confidence:
            break
        chosen = k
    if chosen is None:
        return None
    return ordered[chosen], ordered[n - 1 - chosen]


def _rounded(pair: tuple[float, float] | None) -> list[float] | None:
    return [round(pair[0], 3), round(pair[1], 3)] if pair is not None else None


@dataclass
class Metric:
    """One figure of a run. ``project`` and ``anchor`` are medians, each with its 95 %
    confidence interval (``ci95``, ``anchor_ci95``; None below 6 samples); ``p95`` only
    from P95_FROM_N samples on. A figure that could not be measured here is ``skipped``
    (why); one whose scenario broke is ``failed``, and fails the run."""

    name: str
    unit: str
    project: float | None = None
    anchor: float | None = None
    p95: float | None = None
    n: int = 0
    target: str = ""
    skipped: str | None = None
    extra: dict[str, float] = field(default_factory=dict)
    ci95: list[float] | None = None
    anchor_ci95: list[float] | None = None
    anchor_n: int = 0
    failed: str | None = None

    @classmethod
    def from_samples(
        cls,
        name: str,
        unit: str,
        project: list[float],
        anchor: list[float] | float | None,
        target: str,
        **extra: float,
    ) -> Metric:
        if not project:
            return cls.failure(name, unit, "no samples were collected", target)
        anchors = anchor if isinstance(anchor, list) else []
        anchor_value = (
            statistics.median(anchors) if anchors else anchor if isinstance(anchor, float) else None
        )
        return cls(
            name,
            unit,
            project=round(statistics.median(project), 3),
            anchor=round(anchor_value, 3) if anchor_value is not None else None,
            p95=round(percentile(project, 0.95), 3) if len(project) >= P95_FROM_N else None,
            n=len(project),
            target=target,
            extra={k: round(v, 3) for k, v in extra.items()},
            ci95=_rounded(median_ci(project)),
            anchor_ci95=_rounded(median_ci(anchors)) if anchors else None,
            anchor_n=len(anchors),
        )

    @classmethod
    def skip(cls, name: str, unit: str, why: str, target: str = "") -> Metric:
        return cls(name, unit, target=target, skipped=why)

    @classmethod
    def failure(cls, name: str, unit: str, why: str, target: str = "") -> Metric:
        # One line: an exception's text (Playwright's call log) would break the table.
        return cls(name, unit, target=target, failed=" ".join(why.split()))

    @property
    def ratio(self) -> float | None:
        if self.project is None or not self.anchor:
            return None
        return round(self.project / self.anchor, 3)

    def line(self) -> str:
        if self.failed:
            return f"METRIC {self.name} FAILED: {self.failed}"
        if self.skipped:
            return f"METRIC {self.name} skipped: {self.skipped}"
        extra = "".join(f" {k}={v}" for k, v in self.extra.items())
        return (
            f"METRIC {self.name} project={self.project} anchor={self.anchor} "
            f"ratio={self.ratio} p95={self.p95} unit={self.unit} n={self.n}"
            f" ci95={self.ci95} anchor_ci95={self.anchor_ci95} anchor_n={self.anchor_n}{extra}"
            f"  (target: {self.target})"
        )

    def as_json(self) -> dict[str, object]:
        if self.failed:
            return {"failed": self.failed, "unit": self.unit}
        if self.skipped:
            return {"skipped": self.skipped, "unit": self.unit}
        leave_out = ("name", "skipped", "extra", "failed")
        data = {k: v for k, v in asdict(self).items() if k not in leave_out}
        return {**data, "ratio": self.ratio, **self.extra}

    def cells(self) -> list[str]:
        """The docs table's cells after the name."""
        if self.failed or self.skipped:
            why = f"FAILED: {self.failed}" if self.failed else f"skipped: {self.skipped}"
            return [why, "", "", "", self.unit, "", self.target]
        extra = "".join(f"; {k} {v}" for k, v in self.extra.items())
        return [
            f"{self.project}{_interval(self.ci95)}{extra}",
            f"{self.anchor}{_interval(self.anchor_ci95)}",
            str(self.ratio),
            str(self.p95) if self.p95 is not None else "",
            self.unit,
            f"{self.n}" + (f" / {self.anchor_n}" if self.anchor_n else ""),
            self.target,
        ]


def _interval(pair: list[float] | None) -> str:
    return f" ({pair[0]}-{pair[1]})" if pair is not None else ""


def machine() -> str:
    cores = len(__import__("os").sched_getaffinity(0))
    return f"{platform.machine()}, {cores} cores, Python {platform.python_version()}"


def write(metrics: list[Metric], json_path: Path, docs_path: Path | None) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(
        json.dumps(
            {"machine": machine(), "date": now, "metrics": {m.name: m.as_json() for m in metrics}},
            indent=2,
        )
        + "\n"
    )
    if docs_path is None:
        return
    rows = [
        "| metric | project (95 % CI) | anchor (95 % CI) | ratio | p95 | unit | n | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for m in metrics:
        rows.append("| " + " | ".join([m.name, *m.cells()]) + " |")
    table = "\n".join([f"Run of {now} on {machine()}.", "", *rows])
    text = docs_path.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    docs_path.write_text(f"{before}{start}\n{table}\n{end}{after}")
