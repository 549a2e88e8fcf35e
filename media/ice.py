"""ICE that reports "completed" when its check list completes, not up to 20 ms later.

aioice paces its connectivity checks with a plain 20 ms sleep and looks at the check
list's result only after that sleep (docs/stack-facts.md 15). On a good path the kiosk's
nominating check is answered in a millisecond, and aiortc still waits out the rest of the
sleep before it starts DTLS: 0-20 ms of every call's set-up, the largest part of it that
is the kiosk's own (docs/benchmarks.md). :class:`PromptConnection` returns from
``connect()`` the moment every component has its nominated pair; aioice's own
``connect()`` goes on in the background to its next tick, where it cancels the checks
left and starts the consent checks (RFC 7675) as before.

The connection is aioice's, so this touches two private parts, checked at import like
media/aiortc_internals.py does for aiortc's: the name under which aiortc's ICE gatherer
creates its connection, and aioice's hook that marks the check list completed.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import aioice
import aiortc.rtcicetransport

from media.exceptions import MediaError


class UnsupportedAioice(MediaError):
    """The installed aioice or aiortc lacks the private part this module relies on."""


def _check() -> None:
    missing = []
    if not callable(getattr(aioice.Connection, "_check_list_maybe_complete", None)):
        missing.append("aioice.Connection._check_list_maybe_complete")
    if not hasattr(aiortc.rtcicetransport, "Connection"):
        missing.append("aiortc.rtcicetransport.Connection")
    if missing:
        raise UnsupportedAioice(
            f"aioice {getattr(aioice, '__version__', '?')} lacks what media/ice.py relies on:"
            f" {', '.join(missing)}"
        )


_check()


class PromptConnection(aioice.Connection):
    """aioice's ICE connection, whose ``connect()`` returns as soon as ICE completes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._completed = asyncio.Event()
        #: aioice's own connect(), finishing its bookkeeping after we returned.
        self._handshake: asyncio.Future[None] | None = None

    def _check_list_maybe_complete(self) -> bool:
        was_done = self._check_list_done
        complete: bool = super()._check_list_maybe_complete()
        if complete and not was_done:
            self._completed.set()
        return complete

    async def connect(self) -> None:
        handshake = asyncio.ensure_future(super().connect())
        completed = asyncio.ensure_future(self._completed.wait())
        try:
            await asyncio.wait({handshake, completed}, return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            handshake.cancel()
            raise
        finally:
            completed.cancel()
        if handshake.done():
            handshake.result()  # aioice's own outcome: ConnectionError when ICE failed
            return
        handshake.add_done_callback(_retrieve)
        self._handshake = handshake

    async def close(self) -> None:
        handshake, self._handshake = self._handshake, None
        if handshake is not None and not handshake.done():
            handshake.cancel()  # it would start consent checks on a closed connection
            with contextlib.suppress(asyncio.CancelledError):
                await handshake
        await super().close()


def _retrieve(handshake: asyncio.Future[None]) -> None:
    """Take the background handshake's outcome so that asyncio does not log it as lost:
    after completion it can only end or be cancelled by close()."""
    if not handshake.cancelled():
        handshake.exception()


def report_ice_completion_promptly() -> None:
    """Make every peer connection created from now on use :class:`PromptConnection`."""
    aiortc.rtcicetransport.Connection = PromptConnection  # type: ignore[misc]
