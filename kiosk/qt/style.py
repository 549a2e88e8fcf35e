"""The kiosk's look: calm, large, high contrast, after the Finnish public sector's
common conventions (suomi.fi design: dark blue on white, one clear main action)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from kiosk.qt.sizing import DESIGN, DESIGN_TARGET_PX, MIN_TARGET_MM, Sizing


@dataclass(frozen=True)
class Palette:
    ink: str = "#1f2a36"
    brand: str = "#003479"
    brand_light: str = "#e8f0fa"
    surface: str = "#ffffff"
    background: str = "#f5f7fa"
    on_brand: str = "#ffffff"
    danger: str = "#a30d2a"
    warning_bg: str = "#fff3cd"
    warning_ink: str = "#5c4300"
    disabled_bg: str = "#e6e9ed"
    disabled_ink: str = "#4f5b66"
    #: Text over a picture, on the dark veil (black at this opacity) it is drawn on.
    on_video: str = "#ffffff"
    veil_alpha: int = 160
    #: The feedback faces, very unhappy (1) to very happy (5), drawn on ``surface``.
    faces: tuple[str, ...] = ("#a30d2a", "#c85a00", "#7a6400", "#2f7a2f", "#1f5e1f")


#: The everyday look.
STANDARD = Palette()
#: One tap away for poor sight: white and yellow on black (contrast 7:1 and more).
HIGH_CONTRAST = Palette(
    ink="#ffffff",
    brand="#ffe14d",
    brand_light="#333333",
    surface="#000000",
    background="#000000",
    on_brand="#000000",
    danger="#ff8080",
    warning_bg="#ffe14d",
    warning_ink="#000000",
    disabled_bg="#333333",
    disabled_ink="#d0d0d0",
    faces=("#ff8080", "#ffa64d", "#ffe14d", "#8fe08f", "#4cd04c"),
    veil_alpha=235,
)


def veil_over_white(c: Palette) -> str:
    """The call status's veil over the lightest picture (white): the worst background
    its text can have."""
    level = round(255 * (1 - c.veil_alpha / 255))
    return f"#{level:02x}{level:02x}{level:02x}"


#: Large text multiplies every font size (EN 301 549 5.1.4 and issue 21: x1.6 at least);
#: layouts keep their touch targets. All text grows besides, where it must, to the least
#: capital height at the viewing distance (sizing.py), the top bar's and the keys' too.
LARGE_TEXT_SCALE = 1.6
#: ... up to this size (the design's pixels): what is already this large, the titles,
#: grows no further, and a long title stays on one line (Ukrainian's took two and pushed
#: the start screen's languages off a 1920x1080 panel).
LARGE_TEXT_MOST_PX = 56

INK, BRAND, BRAND_LIGHT = STANDARD.ink, STANDARD.brand, STANDARD.brand_light
SURFACE, BACKGROUND, DANGER = STANDARD.surface, STANDARD.background, STANDARD.danger
WARNING_BG, WARNING_INK = STANDARD.warning_bg, STANDARD.warning_ink
DISABLED_BG, DISABLED_INK = STANDARD.disabled_bg, STANDARD.disabled_ink

#: The touch target in the design's pixels (23 mm on its 21.5" panel; on any panel at
#: least 15 mm, EN 301 549 and the Accessibility Act's self-service terminals: sizing.py).
TOUCH_TARGET_PX = DESIGN_TARGET_PX
#: The chat keyboard's keys at their least, width and height, in the design's pixels.
CHAT_KEY_PX = (64, 54)


def text_on_background(c: Palette) -> tuple[tuple[str, str, str], ...]:
    """Every text colour on the background it is drawn on (WCAG contrast is tested)."""
    return (
        ("body text", c.ink, c.background),
        ("titles", c.brand, c.background),
        ("buttons", c.brand, c.surface),
        ("main buttons", c.on_brand, c.brand),
        ("end call", c.on_brand, c.danger),
        ("disabled buttons", c.disabled_ink, c.disabled_bg),
        ("notes", c.disabled_ink, c.background),
        ("warning banner", c.warning_ink, c.warning_bg),
        ("top bar", c.on_brand, c.brand),
        ("speech guidance note", c.on_brand, c.brand),
        ("call status over the picture", c.on_video, veil_over_white(c)),
        ("feedback labels", c.ink, c.surface),
    )


def graphics_on_background(c: Palette) -> tuple[tuple[str, str, str], ...]:
    """Drawn shapes that carry meaning, on their background (WCAG 1.4.11: 3:1)."""
    return tuple((f"feedback face {n}", face, c.surface) for n, face in enumerate(c.faces, 1))


TEXT_ON_BACKGROUND = text_on_background(STANDARD)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


#: The kiosk's fonts, the first one installed is used.
FONT_FAMILIES = ("Source Sans Pro", "Noto Sans", "DejaVu Sans", "sans-serif")

_TEMPLATE = """
QWidget {{
    font-family: {families};
    font-size: 26px;
    color: {c.ink};
}}
#KioskWindow, #ScreenStack > QWidget, #ScreenBody {{ background: {c.background}; }}
QScrollArea#ScreenScroll {{ background: {c.background}; border: none; }}
QScrollArea#ScreenScroll QScrollBar:vertical {{
    width: {bar_w}px; background: {c.surface}; border-left: 2px solid {c.brand};
}}
QScrollArea#ScreenScroll QScrollBar::handle:vertical {{
    background: {c.brand}; min-height: {bar_w}px; border-radius: 8px; margin: 8px;
}}
QScrollArea#ScreenScroll QScrollBar::add-line, QScrollArea#ScreenScroll QScrollBar::sub-line {{
    height: 0px;
}}
#TopBar {{ background: {c.brand}; }}
#TopBar QLabel {{ color: {c.on_brand}; font-size: 24px; font-weight: 600; }}
#TopBar QPushButton {{
    background: transparent; color: {c.on_brand}; border: 2px solid transparent;
    border-radius: 8px; padding: 8px 24px; min-height: 72px; font-size: 26px;
}}
#TopBar QPushButton:checked {{ border-color: {c.on_brand}; font-weight: 700; }}
#IdleOverlay {{ background: {c.background}; }}
#Banner {{
    background: {c.warning_bg}; color: {c.warning_ink}; font-size: 26px; font-weight: 600;
    padding: 16px 32px;
}}
#VoiceNote {{
    background: {c.brand}; color: {c.on_brand}; font-size: 26px; font-weight: 600;
    padding: 12px 32px;
}}
QLabel#Title {{ font-size: 48px; font-weight: 700; color: {c.brand}; }}
QLabel#Lead {{ font-size: 30px; }}
QLabel#Note {{ font-size: 24px; color: {c.disabled_ink}; }}
QLabel#Quality {{
    font-size: 26px; font-weight: 600; background: {c.warning_bg}; color: {c.warning_ink};
    padding: 8px 24px; border-radius: 8px;
}}
QLabel#DeviceNote {{
    font-size: 26px; font-weight: 600; background: {c.warning_bg}; color: {c.warning_ink};
    padding: 12px 24px; border-radius: 8px;
}}
QLabel#Big {{ font-size: 72px; font-weight: 700; color: {c.brand}; }}
QLabel#Code {{ font-size: 56px; font-weight: 700; color: {c.brand}; letter-spacing: 4px; }}
QPushButton {{
    min-height: {target}px; padding: 12px 40px; border-radius: 12px;
    font-size: 30px; font-weight: 600; background: {c.surface}; color: {c.brand};
    border: 3px solid {c.brand};
}}
QPushButton:pressed {{ background: {c.brand_light}; }}
QPushButton#Primary {{ background: {c.brand}; color: {c.on_brand}; }}
QPushButton#Danger {{ background: {c.danger}; color: {c.on_brand}; border-color: {c.danger}; }}
QPushButton:disabled {{
    background: {c.disabled_bg}; color: {c.disabled_ink}; border-color: {c.disabled_bg};
}}
QPushButton#Agency {{ text-align: {start}; padding-{start}: 32px; }}
QPushButton#Language {{ font-size: 30px; }}
QPushButton#Language:checked {{ background: {c.brand}; color: {c.on_brand}; }}
QPushButton#Face {{
    background: {c.surface}; color: transparent; border: 3px solid {c.brand_light};
    min-height: 260px; font-size: 26px;
}}
QPushButton#Face:focus {{ border-color: {c.brand}; }}
QPushButton#Key, QPushButton#KeyPrimary {{ min-height: 80px; padding: 4px; font-size: 36px; }}
QPushButton#KeyPrimary {{ background: {c.brand}; color: {c.on_brand}; }}
QPushButton#ChatKey {{
    min-height: {key_h}px; min-width: {key_w}px; padding: 2px; font-size: 28px;
}}
QPushButton#ChatKey:checked {{ background: {c.brand}; color: {c.on_brand}; }}
QLineEdit#ChatInput {{ min-height: 64px; font-size: 28px; padding: 0 12px; }}
QLabel#ChatLine, QLabel#ChatDraft {{ font-size: 26px; }}
QPushButton#KeyPrimary:disabled {{ background: {c.disabled_bg}; color: {c.disabled_ink}; }}
QPushButton#Toggle:checked {{ background: {c.brand}; color: {c.on_brand}; }}
QPushButton#Mute:checked {{
    background: {c.warning_bg}; color: {c.warning_ink}; border-color: {c.warning_ink};
}}
#CallStatus {{
    background: rgba(0, 0, 0, {c.veil_alpha}); color: {c.on_video}; font-size: 28px;
    padding: 12px 24px;
    border-radius: 8px;
}}
#CallStatus[interrupted="true"] {{
    background: {c.warning_bg}; color: {c.warning_ink}; font-size: 34px; font-weight: 600;
    padding: 24px 32px;
}}
"""


#: Large text is for what a screen says. The top bar (where large text is switched), the
#: keys of the keypad and the chat keyboard, the code typed, the chat's line and the
#: feedback faces' names (the faces say it) are not multiplied, so that their rows stay
#: on the screen; they too grow to capitals of 0.7 degrees at the viewing distance.
KEEP_SIZE_UNDER_LARGE_TEXT = (
    "QPushButton#Face",
    "#TopBar",
    "QPushButton#Language",
    "QPushButton#Key",
    "QPushButton#ChatKey",
    "QLabel#Code",
    "QLineEdit#ChatInput",
)


def stylesheet(
    palette: Palette = STANDARD,
    scale: float = 1.0,
    *,
    right_to_left: bool = False,
    sizing: Sizing = DESIGN,
    least_font_px: float = 0.0,
) -> str:
    """The style sheet for a palette, every font size multiplied by ``scale`` (large
    text, up to :data:`LARGE_TEXT_MOST_PX`; not those of :data:`KEEP_SIZE_UNDER_LARGE_TEXT`)
    and none under ``least_font_px`` (the design's pixels), every length drawn at the
    panel's ``sizing``; text that starts at the left starts at the right in a right-to-left
    language (Qt's style sheets do not mirror ``text-align`` themselves)."""
    start = "right" if right_to_left else "left"
    # The chat's keys are the smallest targets: never under 15 mm on the panel, whatever
    # the scale (in the design's pixels, which the last step scales).
    least = math.ceil(MIN_TARGET_MM * sizing.px_per_mm / sizing.scale)
    sheet = _TEMPLATE.format(
        families=", ".join(f'"{f}"' if " " in f else f for f in FONT_FAMILIES),
        c=palette,
        target=TOUCH_TARGET_PX,
        start=start,
        key_h=max(CHAT_KEY_PX[1], least),
        key_w=max(CHAT_KEY_PX[0], least),
        bar_w=least,  # a scroll bar is a touch target too
    )
    least_font = math.ceil(least_font_px)

    def larger(size: int, times: float) -> int:
        grown = size if times == 1 else max(size, min(round(size * times), LARGE_TEXT_MOST_PX))
        return max(grown, least_font)

    def sized(rule: str) -> str:
        times = 1.0 if rule.lstrip().startswith(KEEP_SIZE_UNDER_LARGE_TEXT) else scale
        return re.sub(
            r"font-size: (\d+)px",
            lambda m: f"font-size: {larger(int(m.group(1)), times)}px",
            rule,
        )

    sheet = "".join(sized(rule) for rule in re.split(r"(?<=\})", sheet))
    return re.sub(r"(\d+)px", lambda m: f"{sizing.px(int(m.group(1)))}px", sheet)


STYLESHEET = stylesheet()
