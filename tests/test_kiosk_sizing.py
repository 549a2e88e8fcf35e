"""How large the kiosk draws on a panel (kiosk/qt/sizing.py): pure arithmetic."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.qt.sizing import (
    DESIGN,
    DESIGN_TARGET_PX,
    MIN_TARGET_MM,
    Panel,
    parse_panel_mm,
    sizing_for,
)


def test_the_design_panel_draws_at_scale_one() -> None:
    sizing = sizing_for(Panel(1920, 1080, 476, 268))
    assert sizing.scale == pytest.approx(1.0, abs=0.01)
    assert sizing.mm(DESIGN_TARGET_PX) == pytest.approx(23.5, abs=0.5)


@pytest.mark.parametrize(
    ("panel", "scale"),
    [
        (Panel(1280, 800, 332, 207), 0.667),  # 15.4": fit to its pixels
        (Panel(1366, 768, 344, 194), 0.711),  # 15.6"
        (Panel(2560, 1440, 597, 336), 1.333),  # 27"
        (Panel(1080, 1920, 268, 476), 1.0),  # 21.5" portrait: the portrait design's width
    ],
)
def test_a_panel_scales_the_design_to_its_pixels(panel: Panel, scale: float) -> None:
    sizing = sizing_for(panel)
    assert sizing.scale == pytest.approx(scale, abs=0.005)
    assert sizing.portrait == panel.portrait
    assert sizing.mm(DESIGN_TARGET_PX) >= MIN_TARGET_MM


def test_a_dense_small_panel_keeps_15_mm_targets_rather_than_fit_its_pixels() -> None:
    """A 10" 1280x800 tablet panel (about 6 px/mm): fitting its pixels would make a
    target 10 mm; the scale follows the millimetres instead."""
    sizing = sizing_for(Panel(1280, 800, 217, 136))
    assert sizing.scale > 1280 / 1920
    assert sizing.mm(DESIGN_TARGET_PX) == pytest.approx(MIN_TARGET_MM, abs=0.2)


@pytest.mark.parametrize("size_mm", [(0, 0), (None, None), (2, 1), (100_000, 50_000)])
def test_a_panel_that_reports_no_or_an_implausible_size_is_taken_as_the_designs_density(
    size_mm: tuple[float | None, float | None],
) -> None:
    panel = Panel(1920, 1080, *size_mm)
    assert panel.px_per_mm == pytest.approx(DESIGN.px_per_mm)


def test_the_operators_panel_size_is_read_strictly() -> None:
    assert parse_panel_mm("476x268") == (476.0, 268.0)
    assert parse_panel_mm(" 597.5 × 336 ") == (597.5, 336.0)
    for bad in ("476", "476x", "x268", "-476x268", "476x268x3", "10x10", "abcxdef"):
        with pytest.raises(ValueError, match=r"millimetres|kiosk's screen"):
            parse_panel_mm(bad)


def test_the_kiosk_refuses_a_bad_panel_size_with_a_clear_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--server", "http://127.0.0.1:9", "--panel-mm", "big"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--panel-mm" in done.stderr and "WIDTHxHEIGHT in millimetres" in done.stderr
    assert "Traceback" not in done.stderr
