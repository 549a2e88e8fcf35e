"""A program under test in a process of its own that reports one JSON line at a time
(tests/support/window_kiosk.py, tests/support/headless_kiosk.py): start it, read its next
report with a timeout, abort it as a crash would, stop it."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Generic, TypeVar

R = TypeVar("R")


class ReportingProcess(Generic[R]):
    """``python -m MODULE ARGS`` (optionally prefixed, e.g. by ``ip netns exec``)."""

    def __init__(
        self,
        module: str,
        args: Sequence[str],
        parse: Callable[[bytes], R],
        *,
        env: Mapping[str, str] | None = None,
        prefix: Sequence[str] = (),
    ) -> None:
        self.argv = [*prefix, sys.executable, "-m", module, *args]
        self.parse = parse
        self.env = dict(env) if env is not None else None
        self.proc: asyncio.subprocess.Process | None = None
        self.last: R | None = None

    async def start(self) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            *self.argv, stdout=asyncio.subprocess.PIPE, env=self.env
        )

    async def report(self, within: float) -> R:
        """The next report line; AssertionError if the process died or went quiet."""
        try:
            return await asyncio.wait_for(self._next_line(), within)
        except TimeoutError:
            raise AssertionError(f"{self.argv[-1]} reported nothing for {within:.0f} s") from None

    async def _next_line(self) -> R:
        assert self.proc is not None and self.proc.stdout is not None
        line = await self.proc.stdout.readline()
        if not line:
            status = await self.proc.wait()
            raise AssertionError(f"the process exited with status {status}")
        self.last = self.parse(line)
        return self.last

    async def until(self, predicate: Callable[[R], bool], within: float, what: str) -> R:
        """Reports until one satisfies ``predicate``; AssertionError after ``within`` s."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            left = deadline - loop.time()
            try:
                if left <= 0:
                    raise TimeoutError
                line = await asyncio.wait_for(self._next_line(), left)
            except TimeoutError:
                raise AssertionError(
                    f"timed out after {within:.1f} s waiting for {what}: {self.last}"
                ) from None
            if predicate(line):
                return line

    async def abort(self) -> int:
        """SIGABRT, as a fatal error in C would: no shutdown code runs."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGABRT)
        return await self.proc.wait()

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.terminate()
            try:
                await asyncio.wait_for(self.proc.wait(), 10)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
