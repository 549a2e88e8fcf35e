"""The benchmark's report: METRIC lines, the JSON shape of issue 3, the docs table."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.report import Metric, write


def test_metric_line_json_and_docs_table(tmp_path: Path) -> None:
    setup = Metric.from_samples("setup_ms", "ms", [80.0, 90.0, 100.0], [100.0, 120.0], "t")
    fan = Metric.from_samples("signalling_fanout_ms", "ms", [5.0, 7.0, 40.0], None, "t", p99=40.0)
    skipped = Metric.skip("document_5MB_ms", "ms", "not built yet: issue 8")
    line = setup.line()
    assert re.match(
        r"METRIC setup_ms project=90.0 anchor=110.0 ratio=0.818 p95=100.0 "
        r"unit=ms n=3",
        line,
    ), line
    assert skipped.line() == "METRIC document_5MB_ms skipped: not built yet: issue 8"

    docs = tmp_path / "benchmarks.md"
    docs.write_text("# B\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\ntail\n")
    out = tmp_path / "results" / "latest.json"
    write([setup, fan, skipped], out, docs)
    data = json.loads(out.read_text())
    assert {"machine", "date", "metrics"} <= set(data)
    assert data["metrics"]["setup_ms"] | {"target": "t"} == {
        "project": 90.0,
        "anchor": 110.0,
        "ratio": 0.818,
        "p95": 100.0,
        "unit": "ms",
        "n": 3,
        "target": "t",
    }
    assert data["metrics"]["signalling_fanout_ms"]["p99"] == 40.0
    assert data["metrics"]["document_5MB_ms"] == {"skipped": "not built yet: issue 8", "unit": "ms"}
    text = docs.read_text()
    assert "old" not in text and text.endswith("<!-- bench:end -->\ntail\n")
    assert "| setup_ms | 90.0 | 110.0 | 0.818 |" in text
