"""Errors of the kiosk.

KioskError
├── UnsafeQtRuntime    the installed Qt binding would crash this Python mid-call
└── DeviceFileError    the device file cannot be read or names a device wrongly
"""

from __future__ import annotations


class KioskError(Exception):
    """Base of the errors this package raises on purpose."""


class UnsafeQtRuntime(KioskError):
    """The Qt binding corrupts Python's reference counts (docs/kiosk-runtime.md)."""


class DeviceFileError(KioskError):
    """The device file (kiosk/devices.py) cannot be read, or names a device in a way it
    does not accept; the message names the key and why."""
