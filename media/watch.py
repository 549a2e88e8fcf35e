"""Is media arriving from a peer? Decided from its packet counter, with no I/O.

WebRTC stacks notice a dead path late: aiortc goes from connected to closed after ~30 s
of silence and never says "disconnected"; Chromium says "disconnected" after ~5 s
(docs/stack-facts.md). A call cannot wait that long to tell the citizen, so
each member samples the packets it has received from each peer (audio alone brings 50 a
second, even from a muted microphone) and calls the path interrupted when the count has
not moved for :data:`STALL_S`. The same rule runs in the console (agent_console/static).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

#: No packet for this long: the path is interrupted (Opus alone sends 50 packets a second).
STALL_S = 2.0
#: A path back from an outage: for this long the receiver reports on both sides count
#: what was sent into the outage as lost (they come about once a second; the quality
#: samples once a second take that long to pass them by).
OUTAGE_REPORTS_S = 3.0


class Flow(enum.Enum):
    WAITING = "waiting"  # nothing has arrived yet on this connection
    FLOWING = "connected"
    INTERRUPTED = "interrupted"


@dataclass
class MediaWatch:
    """Feed it the peer's packet count now and then; it says when the flow changes."""

    flow: Flow = Flow.WAITING
    packets: int = -1
    moved_at: float = 0.0
    #: When the flow last became INTERRUPTED (None while it flows).
    interrupted_since: float | None = None
    #: When the flow last came back from INTERRUPTED (None if it never stopped).
    resumed_at: float | None = None

    def observe(self, packets: int, now: float) -> Flow | None:
        """The new flow if it changed with this sample, else None."""
        if packets != self.packets:
            self.packets, self.moved_at = packets, now
            if packets > 0 and self.flow is not Flow.FLOWING:
                if self.flow is Flow.INTERRUPTED:
                    self.resumed_at = now
                self.flow, self.interrupted_since = Flow.FLOWING, None
                return self.flow
            return None
        if self.flow is Flow.FLOWING and now - self.moved_at >= STALL_S:
            self.flow, self.interrupted_since = Flow.INTERRUPTED, now
            return self.flow
        return None

    def stalled_for(self, now: float) -> float:
        """Seconds since the last packet, once the path has been interrupted (else 0)."""
        return now - self.moved_at if self.flow is Flow.INTERRUPTED else 0.0

    def tells_of_the_link(self, now: float) -> bool:
        """Whether the loss measured on this path now says what the link carries. Not
        while it is interrupted, nor while the reports of what was sent into an outage
        come in: those packets were lost to the outage, not to a link too thin for
        them, and counting them would step a call down that comes back on a good link
        (both ways, the step the kiosk tells the others)."""
        if self.flow is Flow.INTERRUPTED:
            return False
        return self.resumed_at is None or now - self.resumed_at >= OUTAGE_REPORTS_S
