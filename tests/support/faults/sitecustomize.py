"""Fault injection for a real server process (tests only): loaded by Python at start-up
when this folder is on PYTHONPATH (tests/test_store_atomicity.py).

``RS_DIE_AFTER_EFFECT=FinishContact`` makes the server's store die (os._exit, no clean-up,
as kill -9) right after it has applied the first effect of that type, inside the event's
transaction and before the next effect. The production code carries no hook for this.
"""

from __future__ import annotations

import os

_DIE_AFTER = os.environ.get("RS_DIE_AFTER_EFFECT")

if _DIE_AFTER:
    from signaling.store import Store

    _apply_one = Store._apply_one

    def _dying_apply_one(self: Store, effect: object) -> None:
        _apply_one(self, effect)  # type: ignore[arg-type]
        if type(effect).__name__ == _DIE_AFTER:
            os._exit(137)

    Store._apply_one = _dying_apply_one  # type: ignore[method-assign]
