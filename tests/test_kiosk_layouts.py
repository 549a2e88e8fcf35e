"""The kiosk's screens on the panels kiosks have: nothing cut off, in any language.

For each panel (its pixels and millimetres) and each language (Arabic mirrored), every
screen a customer meets is shown in a window the size of the panel, and the test fails
when the window had to grow past the panel, when a control or a text lies outside the
window or outside the widget that holds it, when a button or a one-line label is
narrower than its text, when a button is under 15 mm on that panel or out of reach as
deploy/README.md mounts it (380-1220 mm above the floor), or when a screen must scroll in
everyday text. A PNG of every screen is saved under tests/screenshots/layouts/ to look at.
The walk itself is in tests/support/layouts.py; it runs once more on a real X display
(Xvfb, the xcb plugin).

Large text (x1.6, and every text's capitals 0.7 degrees high at the 500 mm viewing
distance, EN 301 549 5.1.4) is walked on every panel too, each text's capital height
measured in millimetres; there a screen may scroll up and down, but nothing is cut.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.qt.window import KioskWindow
from tests.helpers import seconds
from tests.support.layouts import PANELS, walk_panel
from tests.support.xvfb import xvfb


@pytest.mark.parametrize("large_text", [False, True], ids=["text", "large-text"])
@pytest.mark.parametrize("panel_name", list(PANELS))
def test_no_screen_is_cut_off_on_the_panels_kiosks_have(
    qtbot: QtBot, screenshots: Path, panel_name: str, large_text: bool
) -> None:
    folder = screenshots / "layouts"
    folder.mkdir(exist_ok=True)

    def save(window: KioskWindow, language: str, screen: str) -> None:
        if language in (("fi", "ar") if large_text else ("fi", "ru", "ar", "so")):
            name = f"{panel_name}-{'large-' if large_text else ''}{language}-{screen}"
            window.grab().save(str(folder / f"{name}.png"))

    problems = walk_panel(PANELS[panel_name], large_text=large_text, save=save)
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.parametrize("panel_name", ["1366x768", "1080x1920"])
async def test_the_same_walk_on_a_real_x_display(panel_name: str) -> None:
    """Offscreen skips the xcb plugin, the X server and its fonts' and window's events:
    the shortest landscape panel and a portrait one, walked again in a process of their
    own on Xvfb at the panel's size."""
    import asyncio

    panel = PANELS[panel_name]
    with xvfb(panel.width_px, panel.height_px) as display:
        env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
        walker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.support.layouts",
            panel_name,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(walker.communicate(), seconds(300))
    assert walker.returncode == 0, err.decode()[-2000:]
    result = json.loads(out.decode().strip().splitlines()[-1])
    assert result["platform"] == "xcb"
    assert result["problems"] == [], "\n".join(result["problems"][:40])
