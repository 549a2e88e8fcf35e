"""Figures of a benchmark run: one Metric per measured quantity, printed as METRIC lines,
written as JSON, and rendered as the Markdown table of docs/benchmarks.md."""

from __future__ import annotations

import json
import platform
import statistics
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Metric:
    name: str
    unit: str
    project: float | None = None
    anchor: float | None = None
    p95: float | None = None
    n: int = 0
    target: str = ""
    skipped: str | None = None
    extra: dict[str, float] = field(default_factory=dict)

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
            return cls(name, unit, target=target, skipped="no samples were collected")
        anchor_value = (
            statistics.median(anchor)
            if isinstance(anchor, list) and anchor
            else anchor
            if isinstance(anchor, float)
            else None
        )
        return cls(
            name,
            unit,
            project=round(statistics.median(project), 3),
            anchor=round(anchor_value, 3) if anchor_value is not None else None,
            p95=round(percentile(project, 0.95), 3),
            n=len(project),
            target=target,
            extra={k: round(v, 3) for k, v in extra.items()},
        )

    @classmethod
    def skip(cls, name: str, unit: str, why: str, target: str = "") -> Metric:
        return cls(name, unit, target=target, skipped=why)

    @property
    def ratio(self) -> float | None:
        if self.project is None or not self.anchor:
            return None
        return round(self.project / self.anchor, 3)

    def line(self) -> str:
        if self.skipped:
            return f"METRIC {self.name} skipped: {self.skipped}"
        extra = "".join(f" {k}={v}" for k, v in self.extra.items())
        return (
            f"METRIC {self.name} project={self.project} anchor={self.anchor} "
            f"ratio={self.ratio} p95={self.p95} unit={self.unit} n={self.n}{extra}"
            f"  (target: {self.target})"
        )

    def as_json(self) -> dict[str, object]:
        if self.skipped:
            return {"skipped": self.skipped, "unit": self.unit}
        data = {k: v for k, v in asdict(self).items() if k not in ("name", "skipped", "extra")}
        return {**data, "ratio": self.ratio, **self.extra}


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
        "| metric | project | anchor | ratio | p95 | unit | n | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for m in metrics:
        if m.skipped:
            rows.append(f"| {m.name} | skipped: {m.skipped} | | | | {m.unit} | | {m.target} |")
        else:
            extra = "".join(f"; {k} {v}" for k, v in m.extra.items())
            rows.append(
                f"| {m.name} | {m.project}{extra} | {m.anchor} | {m.ratio} | {m.p95} "
                f"| {m.unit} | {m.n} | {m.target} |"
            )
    table = "\n".join([f"Run of {now} on {machine()}.", "", *rows])
    text = docs_path.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    docs_path.write_text(f"{before}{start}\n{table}\n{end}{after}")
