"""Refuse to open the window on a Qt binding that would crash the kiosk mid-call.

PySide6(-Essentials) 6.12.0 on CPython 3.11 drops a reference to ``None`` on every call of a
method that returns nothing (``update()``, ``fillRect()``, ``setText()``...) and corrupts the
counts of ``True`` and ``False`` through ``Signal.emit``. ``None`` starts with some 35,000
references; a call repaints two videos thirty times a second, so CPython aborts with
``none_dealloc`` about 30 s into every call. pyproject.toml pins a release without the fault;
this probe catches any other combination (a distribution's build, a hand upgrade) before a
citizen sits down, and says what to install. On Python 3.12 and newer these objects are
immortal (PEP 683) and cannot be freed, so no binding can crash the kiosk this way.
See docs/kiosk-runtime.md for the versions tried and what each did.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QObject, Signal

from kiosk.exceptions import UnsafeQtRuntime

#: Calls made by the probe: a faulty binding loses one reference per call, a sound one none.
#: Small, because ``True`` itself has only some 600 references to lose.
PROBE_CALLS = 64


class _Probe(QObject):
    ping = Signal(int)


def singleton_drift(calls: int = PROBE_CALLS) -> dict[str, float]:
    """How the reference counts of ``None``, ``True`` and ``False`` change per Qt call.

    Every figure is 0.0 on a sound binding (and always on Python 3.12+, where they are
    immortal); a faulty one shows about -1.0 per void call."""
    probe = _Probe()
    received: list[int] = []
    probe.ping.connect(received.append)
    singletons = {"None": None, "True": True, "False": False}
    before = {name: sys.getrefcount(obj) for name, obj in singletons.items()}
    for n in range(calls):
        probe.setObjectName("probe")  # a method that returns void
        probe.ping.emit(n)  # a signal: emit returns a bool
    after = {name: sys.getrefcount(obj) for name, obj in singletons.items()}
    del received
    for name, obj in singletons.items():
        # Give back what a faulty binding took, so that this process can still report the
        # fault and exit cleanly instead of aborting in the garbage collector.
        for _ in range(max(0, before[name] - after[name])):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))
    return {name: (after[name] - before[name]) / calls for name in singletons}


def check_qt_runtime(calls: int = PROBE_CALLS) -> None:
    """Raise :class:`UnsafeQtRuntime`, naming the versions and the remedy, if Qt leaks."""
    drift = singleton_drift(calls)
    # A sound binding stays at 0; a stray reference held by the interpreter is far below 0.5.
    leaking = {name: value for name, value in drift.items() if abs(value) >= 0.5}
    if leaking:
        figures = ", ".join(f"{name} {value:+.1f}" for name, value in leaking.items())
        python = ".".join(str(n) for n in sys.version_info[:3])
        raise UnsafeQtRuntime(
            f"PySide6 {PYSIDE_VERSION} on Python {python} corrupts reference counts"
            f" ({figures} per call) and would crash the kiosk about 30 s into a call;"
            " install PySide6-Essentials 6.11.x (pip install 'PySide6-Essentials>=6.11.3,<6.12')"
            " or run the kiosk on Python 3.12 or newer"
        )
