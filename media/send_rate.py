"""How much the kiosk may send, from the share of its packets its receivers report lost.

The far side's bitrate report (REMB) comes from a delay-based estimate, and a link can
lose what it cannot carry long before the delay it adds tells: a 4G cell or a DSL line
whose bottleneck drops at the tail of a short queue, or a relay that loses in bursts. On
the bench's sign-language link (300 kbit/s, 150 ms) the interpreter's browser reported
200-240 kbit/s while the kiosk's picture lost 20-50 % a second for ten seconds on end,
and the quality ladder took the call to the chat. A browser sends at the lower of two
estimates, the receiver's report and one moved by the loss the receivers report (the
loss-based half of Google's congestion control: down by half the share lost when over a
tenth, up by a few percent a second when under two percent); aiortc's sender has only the
first. :class:`LossBasedRate` is the second, for the kiosk's shared encoders: pure, fed
once a second what the kiosk sent and the share of it the worst receiver lost, it answers
the most the kiosk should send (None: loss has not limited it).

It limits what the kiosk sends, not the ladder's steps: a step is what the link carries
both ways and what the others are asked to send (media/quality.py); this keeps the kiosk's
own pictures within what arrives of them while the ladder decides.
"""

from __future__ import annotations

#: Loss over this share cuts the rate (by half of it); under LITTLE_LOSS it grows.
CUT_ABOVE = 0.10
LITTLE_LOSS = 0.02
#: Growth a second while little is lost: a rate cut to half is back in some nine seconds.
GROWTH = 1.08
#: The least it cuts to: the smallest moving picture and its sound.
LEAST = 64_000
#: Grown past this, loss no longer limits anything the kiosk sends.
UNLIMITED_ABOVE = 2_000_000


class LossBasedRate:
    """The most the kiosk should send, bits a second (None: no limit), moved by loss."""

    def __init__(self) -> None:
        self.rate: int | None = None
        self._just_cut = False

    def observe(self, loss_out: float, sending: int | None) -> int | None:
        """One second's sample: the share of our packets the far side lost and what we
        sent (bits a second, None when not measured yet)."""
        just_cut, self._just_cut = self._just_cut, False
        if loss_out > CUT_ABOVE and sending:
            if just_cut:
                # Receivers report once a second, a round trip late: most of what this
                # sample counts was sent before the cut (measured: two cuts in a row took
                # the picture from 236 to 78 kbit/s, where one was enough).
                return self.rate
            sent = sending if self.rate is None else min(self.rate, sending)
            self.rate = max(LEAST, int(sent * (1 - loss_out / 2)))
            self._just_cut = True
        elif loss_out < LITTLE_LOSS and self.rate is not None:
            grown = int(self.rate * GROWTH)
            self.rate = None if grown > UNLIMITED_ABOVE else grown
        return self.rate
