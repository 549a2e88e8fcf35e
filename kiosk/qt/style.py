"""The kiosk's look: calm, large, high contrast, after the Finnish public sector's
common conventions (suomi.fi design: dark blue on white, one clear main action)."""

from __future__ import annotations

INK = "#1f2a36"
BRAND = "#003479"
BRAND_LIGHT = "#e8f0fa"
SURFACE = "#ffffff"
BACKGROUND = "#f5f7fa"
DANGER = "#a30d2a"
WARNING_BG = "#fff3cd"
WARNING_INK = "#5c4300"
DISABLED_BG = "#e6e9ed"
DISABLED_INK = "#4f5b66"

#: Minimum touch target in pixels at the default 96 dpi (15 mm ~ 57 px; we use more).
TOUCH_TARGET_PX = 96

#: The kiosk screen the layout is checked for: 21.5 inches, 1920 x 1080 (about 4 px/mm).
SCREEN_DIAGONAL_IN = 21.5
SCREEN_PIXELS = (1920, 1080)
#: EN 301 549 / the Accessibility Act's self-service terminals: targets of at least 15 mm.
MIN_TARGET_MM = 15.0

#: Every text colour on the background it is drawn on (WCAG contrast >= 4.5:1 is tested).
TEXT_ON_BACKGROUND: tuple[tuple[str, str, str], ...] = (
    ("body text", INK, BACKGROUND),
    ("titles", BRAND, BACKGROUND),
    ("buttons", BRAND, SURFACE),
    ("main buttons", "#ffffff", BRAND),
    ("end call", "#ffffff", DANGER),
    ("disabled buttons", DISABLED_INK, DISABLED_BG),
    ("notes", DISABLED_INK, BACKGROUND),
    ("warning banner", WARNING_INK, WARNING_BG),
    ("top bar", "#ffffff", BRAND),
)


def pixels_per_mm() -> float:
    width, height = SCREEN_PIXELS
    return float((width**2 + height**2) ** 0.5 / (SCREEN_DIAGONAL_IN * 25.4))


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


STYLESHEET = f"""
QWidget {{
    font-family: "Source Sans Pro", "Noto Sans", "DejaVu Sans", sans-serif;
    font-size: 26px;
    color: {INK};
}}
#KioskWindow, #ScreenStack > QWidget {{ background: {BACKGROUND}; }}
#TopBar {{ background: {BRAND}; }}
#TopBar QLabel {{ color: white; font-size: 24px; font-weight: 600; }}
#TopBar QPushButton {{
    background: transparent; color: white; border: 2px solid transparent;
    border-radius: 8px; padding: 8px 24px; min-height: 72px; font-size: 26px;
}}
#TopBar QPushButton:checked {{ border-color: white; font-weight: 700; }}
#IdleOverlay {{ background: rgba(245, 247, 250, 245); }}
#Banner {{
    background: {WARNING_BG}; color: {WARNING_INK}; font-size: 26px; font-weight: 600;
    padding: 16px 32px;
}}
QLabel#Title {{ font-size: 48px; font-weight: 700; color: {BRAND}; }}
QLabel#Lead {{ font-size: 30px; }}
QLabel#Note {{ font-size: 24px; color: {DISABLED_INK}; }}
QLabel#Big {{ font-size: 72px; font-weight: 700; color: {BRAND}; }}
QLabel#Code {{ font-size: 56px; font-weight: 700; color: {BRAND}; letter-spacing: 4px; }}
QPushButton {{
    min-height: {TOUCH_TARGET_PX}px; padding: 12px 40px; border-radius: 12px;
    font-size: 30px; font-weight: 600; background: {SURFACE}; color: {BRAND};
    border: 3px solid {BRAND};
}}
QPushButton:pressed {{ background: {BRAND_LIGHT}; }}
QPushButton#Primary {{ background: {BRAND}; color: white; }}
QPushButton#Danger {{ background: {DANGER}; color: white; border-color: {DANGER}; }}
QPushButton:disabled {{
    background: {DISABLED_BG}; color: {DISABLED_INK}; border-color: {DISABLED_BG};
}}
QPushButton#Agency {{ text-align: left; padding-left: 32px; }}
QPushButton#Face {{
    background: {SURFACE}; color: transparent; border: 3px solid {BRAND_LIGHT}; min-height: 260px;
}}
QPushButton#Face:focus {{ border-color: {BRAND}; }}
QPushButton#Key, QPushButton#KeyPrimary {{ min-height: 88px; padding: 4px; font-size: 36px; }}
QPushButton#KeyPrimary {{ background: {BRAND}; color: white; }}
QPushButton#KeyPrimary:disabled {{ background: {DISABLED_BG}; color: {DISABLED_INK}; }}
QPushButton#Mute:checked {{
    background: {WARNING_BG}; color: {WARNING_INK}; border-color: {WARNING_INK};
}}
#CallStatus {{
    background: rgba(0, 0, 0, 160); color: white; font-size: 28px; padding: 12px 24px;
    border-radius: 8px;
}}
"""
