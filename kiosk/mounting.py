"""How a kiosk's panel is mounted, and so how high above the floor each control is.

EN 301 549 8.3 (physical access): a customer standing or in a wheelchair reaches from
380 mm to 1220 mm above the floor, forward or from the side, over no obstacle. The kiosk
is designed for the mountings here (deploy/README.md states them for the installers,
with the clear floor space and the knee room); the layout tests measure every control's
height in millimetres on each panel mounted so, the accessibility toggles of the top bar
included. Pure: no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.qt.sizing import Panel

#: The reach range of EN 301 549 8.3.2 and 8.3.3, unobstructed, in mm above the floor.
REACH_MM = (380.0, 1220.0)


@dataclass(frozen=True)
class Mounting:
    """The panel's active area: its lower edge above the floor, leaned back from vertical."""

    bottom_mm: float
    tilt_degrees: float

    def height_mm(self, y_px: float, panel: Panel) -> float:
        """How high above the floor a point ``y_px`` from the top of the panel is."""
        up_the_panel_mm = (panel.height_px - y_px) / panel.px_per_mm
        return self.bottom_mm + up_the_panel_mm * math.cos(math.radians(self.tilt_degrees))


#: A landscape panel (18.5" to 27") on a pedestal or a wall, leaned back 20 degrees.
LANDSCAPE = Mounting(bottom_mm=850.0, tilt_degrees=20.0)
#: A portrait panel (21.5" or 24") of a floor-standing kiosk, leaned back 15 degrees.
PORTRAIT = Mounting(bottom_mm=700.0, tilt_degrees=15.0)


def mounting_for(panel: Panel) -> Mounting:
    return PORTRAIT if panel.height_px > panel.width_px else LANDSCAPE


def in_reach(height_mm: float) -> bool:
    low, high = REACH_MM
    return low <= height_mm <= high
