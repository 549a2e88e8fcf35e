"""A kiosk's one-time enrolment code as a QR code too (segno, SVG), so that the installer
at the terminal can take it from the operator's screen with a phone instead of typing."""

from __future__ import annotations

import base64
import io

import segno


def qr_data_url(text: str) -> str:
    """``text`` as a QR code, an SVG in a data: URL (the pages' CSP allows data: images)."""
    code = segno.make_qr(text, error="m")  # never a Micro QR: few phones read one
    out = io.BytesIO()
    code.save(out, kind="svg", scale=6, border=4, xmldecl=False, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()
