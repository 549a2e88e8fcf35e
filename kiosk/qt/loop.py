"""The window kiosk's asyncio loop: qasync's, with its ready callbacks run in batches.

qasync runs every ``call_soon`` through a Qt timer of its own: ``startTimer(0)``, a
``timerEvent`` crossing into Python, ``killTimer``. asyncio calls ``call_soon`` for every
step of a task, every future's callback and every socket that is ready (qasync turns a
socket notifier into a ``call_soon`` too), and in a call aiortc does all of these for
every packet: thousands a second. Measured on this machine, a task's step cost 7.5-12.8
us of CPU on qasync's loop against 2.3-2.8 us on asyncio's own (4.3-5.8 on this one).
:class:`KioskEventLoop` keeps the ready callbacks in a queue, as asyncio's own loop
does, and runs all that are ready from one zero-interval Qt timer, which fires once per
turn of Qt's event loop while any are waiting: the same order (first in, first run; what
a callback schedules runs on the next turn, after Qt's events), one Qt timer for the lot.
Callbacks with a delay keep qasync's timers.

A socket ready to read runs its reader at once from its Qt notifier, as asyncio's own
loop runs it in the turn its selector saw it: qasync instead disables the notifier,
queues the reader as a ready callback and enables the notifier again after it ran,
three more crossings between Python and Qt for every packet received.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import Any

import qasync
from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

#: qasync's methods and state this loop builds on (pyproject.toml pins the release):
#: a release without them fails here, at import, not in a call.
HOOKS = ("_add_callback", "_add_reader", "_remove_reader", "_check_closed")
_missing = [name for name in HOOKS if not hasattr(qasync.QEventLoop, name)]
if _missing:
    raise ImportError(f"this qasync lacks {', '.join(_missing)}: install qasync 0.28")


class KioskEventLoop(qasync.QEventLoop):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._ready: deque[asyncio.Handle] = deque()
        self._turn = QTimer()
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._run_ready)
        #: Whether the turn's timer runs: kept here, not asked of the timer, so that
        #: queueing a callback crosses into Qt only when the queue was empty.
        self._turn_started = False

    def _add_callback(self, handle: asyncio.Handle, delay: float = 0) -> asyncio.Handle:
        """qasync's one way in for call_soon, call_later and call_at (its own hook)."""
        if delay > 0:
            return super()._add_callback(handle, delay)  # type: ignore[no-any-return]
        self._ready.append(handle)
        if not self._turn_started:
            self._turn_started = True
            self._turn.start()
        return handle

    def _add_reader(self, fd: Any, callback: Callable[..., object], *args: Any) -> None:
        """qasync's one way in for every transport's reading (its own hook)."""
        self._check_closed()
        self._remove_reader(fd)  # qasync's: a notifier already on this socket is dropped
        number = fd if isinstance(fd, int) else int(fd.fileno())
        notifier = QSocketNotifier(number, QSocketNotifier.Type.Read)
        reader = asyncio.Handle(callback, args, self)  # reports its exceptions to the loop
        # the overload qasync disconnects in _remove_reader
        notifier.activated["int"].connect(lambda _socket: reader._run())  # type: ignore[index]
        notifier.setEnabled(True)
        self._read_notifiers[fd] = notifier

    def _run_ready(self) -> None:
        """Run what was ready when this turn began; what they schedule waits a turn, so
        that Qt's events (paints, touches, sockets) are never starved."""
        ready = self._ready
        try:
            for _ in range(len(ready)):
                handle = ready.popleft()
                if not handle._cancelled:
                    handle._run()  # reports its own exceptions to the loop's handler
        finally:
            if not ready:
                self._turn.stop()
                self._turn_started = False

    def close(self) -> None:
        self._turn.stop()
        self._turn_started = False
        self._ready.clear()
        super().close()
