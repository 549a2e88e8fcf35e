"""Errors of the kiosk.

KioskError
└── UnsafeQtRuntime    the installed Qt binding would crash this Python mid-call
"""

from __future__ import annotations


class KioskError(Exception):
    """Base of the errors this package raises on purpose."""


class UnsafeQtRuntime(KioskError):
    """The Qt binding corrupts Python's reference counts (docs/kiosk-runtime.md)."""
