"""How large the kiosk draws on the panel it has: one scale for every font, margin and
touch target, from the panel's pixels and its physical size.

The screens are designed in pixels for a 21.5" 1920x1080 panel (about 4.1 px/mm). On
another panel the design is scaled to fit its pixels, but never so small that a touch
target falls under 15 mm (EN 301 549, 8.3.4 and the Accessibility Act's self-service
terminals): a smaller panel needs fewer pixels per millimetre, so its scale follows the
millimetres, not the pixels. Panels report their size through EDID, which some get
wrong; the operator's configuration (``--panel-mm``) then says it. Pure: no Qt here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: The panel the design's pixels are for.
DESIGN_PIXELS = (1920, 1080)
DESIGN_DIAGONAL_IN = 21.5
#: The design's touch target in its own pixels (style.TOUCH_TARGET_PX) and the least a
#: target may measure on any panel.
DESIGN_TARGET_PX = 96
MIN_TARGET_MM = 15.0
#: A panel that reports no size (or nonsense) is taken to be as dense as the design's.
PLAUSIBLE_PX_PER_MM = (1.5, 12.0)
#: The distance from the customer's eyes to the screen the kiosk is designed for, in mm: a
#: touch screen is read at a forearm's reach (deploy/README.md states it, with the mounting).
VIEWING_DISTANCE_MM = 500.0
#: EN 301 549 5.1.4: in large text, a capital H subtends at least 0.7 degrees there.
LEAST_CAP_DEGREES = 0.7


def design_px_per_mm() -> float:
    width, height = DESIGN_PIXELS
    return math.hypot(width, height) / (DESIGN_DIAGONAL_IN * 25.4)


@dataclass(frozen=True)
class Panel:
    """The panel the window fills: its pixels, and its size in millimetres if known."""

    width_px: int
    height_px: int
    width_mm: float | None = None
    height_mm: float | None = None

    @property
    def portrait(self) -> bool:
        return self.height_px > self.width_px

    @property
    def px_per_mm(self) -> float:
        """Pixels per millimetre from the reported size; the design's when it is unknown
        or implausible (a virtual display reports 0 mm or a made-up size)."""
        if self.width_mm and self.height_mm:
            density = math.hypot(self.width_px, self.height_px) / math.hypot(
                self.width_mm, self.height_mm
            )
            low, high = PLAUSIBLE_PX_PER_MM
            if low <= density <= high:
                return density
        return design_px_per_mm()


def least_cap_height_mm(distance_mm: float = VIEWING_DISTANCE_MM) -> float:
    """The least height of a capital letter read at ``distance_mm`` (6.1 mm at 500 mm)."""
    return 2 * distance_mm * math.tan(math.radians(LEAST_CAP_DEGREES / 2))


def parse_panel_mm(text: str) -> tuple[float, float]:
    """``--panel-mm 476x268``: the panel's visible width and height in millimetres."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[xX×]\s*(\d+(?:\.\d+)?)\s*", text)
    if not found:
        raise ValueError(f"a panel size is WIDTHxHEIGHT in millimetres, like 476x268: {text!r}")
    width, height = float(found.group(1)), float(found.group(2))
    if not (50 <= width <= 3000 and 50 <= height <= 3000):
        raise ValueError(f"a panel of {width:g} x {height:g} mm is not a kiosk's screen")
    return width, height


@dataclass(frozen=True)
class Sizing:
    """The scale the design is drawn at on one panel."""

    scale: float = 1.0
    px_per_mm: float = design_px_per_mm()
    portrait: bool = False

    def px(self, design_px: float) -> int:
        """A length of the design, in this panel's pixels."""
        return max(1, round(design_px * self.scale)) if design_px > 0 else 0

    def mm(self, design_px: float) -> float:
        """How long a length of the design measures on this panel."""
        return self.px(design_px) / self.px_per_mm

    def design_px(self, mm: float) -> float:
        """How many of the design's pixels measure ``mm`` on this panel."""
        return mm * self.px_per_mm / self.scale


def sizing_for(panel: Panel) -> Sizing:
    """Fit the design to the panel's pixels, but keep every target at 15 mm or more."""
    design_w, design_h = DESIGN_PIXELS
    if panel.portrait:
        design_w, design_h = design_h, design_w
    fit = min(panel.width_px / design_w, panel.height_px / design_h)
    density = panel.px_per_mm
    least = MIN_TARGET_MM * density / DESIGN_TARGET_PX
    return Sizing(scale=max(fit, least), px_per_mm=density, portrait=panel.portrait)


#: The design's own panel: scale 1.
DESIGN = Sizing()
