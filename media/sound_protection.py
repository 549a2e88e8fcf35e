"""How much of the customer's sound is sent twice, from the loss its receivers report.

Opus can carry, inside each packet, a coarser copy of the packet before it (in-band FEC,
RFC 6716 2.1.7): a receiver that lost one packet and got the next decodes the copy instead
of inventing the missing 20 ms. Chromium's decoder (NetEq) uses such copies whenever they
are there. The copy costs bits the primary sound then does without, so the encoder is told
how much loss to expect, and sends nothing extra on a clean link.

:class:`SoundProtection` is pure: fed the share of the kiosk's packets its receivers said
they lost, once a second, it answers the loss the encoder should expect. It rises at once
(the next packet already carries the copy) and falls only after a quiet spell, because
loss on the links this serves comes in bursts with clean seconds between them, and each
change of what the encoder expects starts a new encoder (media/encoder.py).
"""

from __future__ import annotations

from collections import deque

#: What the encoder may be told to expect, in percent: coarse, so that the encoder is
#: rebuilt seldom. libopus sizes its copies by this figure and stops short of 30.
EXPECTED_LOSS_PCT = (0, 5, 10, 20, 30)
#: Loss under this share is a packet now and then: not worth the primary sound's bits.
LEAST_LOSS = 0.01
#: Seconds the protection stays at the worst loss seen in them before it falls.
HOLD_S = 10.0


def expected_loss_pct(loss: float) -> int:
    """The least of EXPECTED_LOSS_PCT that covers ``loss`` (0-1): 0 under LEAST_LOSS."""
    if loss < LEAST_LOSS:
        return 0
    percent = loss * 100
    return next((p for p in EXPECTED_LOSS_PCT if p >= percent), EXPECTED_LOSS_PCT[-1])


class SoundProtection:
    """The loss the sound's encoder expects: the worst of the last HOLD_S seconds."""

    def __init__(self) -> None:
        self._seen: deque[tuple[float, int]] = deque()
        self.expected_pct = 0

    def observe(self, loss_out: float, now: float) -> int:
        """One sample at ``now`` (seconds) of the share of our packets the far side lost."""
        self._seen.append((now, expected_loss_pct(loss_out)))
        while self._seen and now - self._seen[0][0] > HOLD_S:
            self._seen.popleft()
        self.expected_pct = max(pct for _, pct in self._seen)
        return self.expected_pct
