"""How much of the call a link can carry, decided step by step from what it measures.

A kiosk in a service van on 4G, or a municipal line shared with the library, may carry
full video one minute and a few dozen kilobits the next. Rather than let the picture
freeze and the sound break up together, the call gives things up in the order a customer
would choose, sound last:

    FULL       640x480, 30 fps
    REDUCED    320x240 (down to 160x120 for sign language), the frame rate held
    STILLS     a still picture every few seconds, the sound whole
    AUDIO      sound only
    TEXT       the link cannot carry sound either: the customer is told to use the chat
               (the sound goes on at its lowest, in case words get through)

:class:`QualityLadder` is pure: it is fed one :class:`LinkSample` a second (the bitrate the
far side says it can take, the share of packets lost each way, the round trip) and answers
the step. It steps down at once when two samples in a row say so (a burst of loss alone
does not), straight to the step the link can carry; it climbs one step at a time after
the link has looked good for a while, and waits twice as long after a climb that failed,
so that a link at the edge of a step does not flap. A sign-language call never trades its
frame rate: it gives up detail first (REDUCED carries down to 100 kbit/s), since signs
cannot be read at a frame every few seconds.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Step(enum.IntEnum):
    """Higher is better; the wire carries the name."""

    TEXT = 0
    AUDIO = 1
    STILLS = 2
    REDUCED = 3
    FULL = 4

    @property
    def wire(self) -> str:
        return self.name.lower()

    @classmethod
    def from_wire(cls, name: str) -> Step:
        return cls[name.upper()]


#: bits per second each step needs, both ways (sound included: Opus at the step's rate
#: plus ~16 kbit/s of packet headers at 50 packets a second).
NEEDS = {
    Step.FULL: 450_000,
    Step.REDUCED: 180_000,
    Step.STILLS: 70_000,
    Step.AUDIO: 35_000,
    Step.TEXT: 0,
}
#: A sign-language call keeps moving pictures down to here, smaller and smaller.
SIGN_REDUCED_NEEDS = 100_000
#: The share of packets a step tolerates losing (after retransmission cannot help).
TOLERATES = {
    Step.FULL: 0.05,
    Step.REDUCED: 0.10,
    Step.STILLS: 0.20,
    Step.AUDIO: 0.30,
    Step.TEXT: 1.0,
}
#: Samples in a row that must say "lower" before the step goes down.
DOWN_AFTER = 2
#: Seconds of good samples before one step up, and the most it grows to after failures.
UP_AFTER_S = 8.0
UP_AFTER_MAX_S = 64.0
#: A climb undone within this long counts as a failed one.
FAILED_CLIMB_S = 15.0
#: Bitrate reports are not trusted this long into a call (only loss counts).
WARMUP_S = 10.0
#: A round trip this long means a queue is building somewhere: no climbing.
QUEUED_RTT_S = 1.0

#: What each step sends: video size (None: no video), seconds between pictures (0: every
#: frame), Opus bitrate.
VIDEO_SIZE = {
    Step.FULL: (640, 480),
    Step.REDUCED: (320, 240),
    Step.STILLS: (320, 240),
    Step.AUDIO: None,
    Step.TEXT: None,
}
STILL_EVERY_S = 3.0
AUDIO_BITRATE = {
    Step.FULL: 48_000,
    Step.REDUCED: 32_000,
    Step.STILLS: 24_000,
    Step.AUDIO: 24_000,
    Step.TEXT: 16_000,
}


@dataclass(frozen=True)
class VideoPlan:
    """What a step lets the camera send: at most ``size`` (None: no video at all), a
    picture every ``still_every_s`` seconds (0: every frame), at ``bitrate`` (None:
    whatever the receivers report)."""

    size: tuple[int, int] | None = (640, 480)
    still_every_s: float = 0.0
    bitrate: int | None = None


#: Video's share of a reported bitrate once sound and headers have theirs.
VIDEO_SHARE = 0.8
#: A still is one key frame: encoded at this rate's quality, then nothing for seconds.
STILL_BITRATE = 250_000


def plan_for(step: Step, bitrate: int | None, *, sign_language: bool = False) -> VideoPlan:
    """The camera's plan on ``step`` when the far side reports ``bitrate``."""
    if step <= Step.AUDIO:
        return VideoPlan(size=None)
    if step is Step.STILLS:
        return VideoPlan(size=VIDEO_SIZE[step], still_every_s=STILL_EVERY_S, bitrate=STILL_BITRATE)
    size = video_size_for(step, bitrate, sign_language=sign_language)
    if step is Step.FULL:
        return VideoPlan(size=size)
    budget = int((bitrate or NEEDS[Step.FULL]) * VIDEO_SHARE) - AUDIO_BITRATE[step]
    return VideoPlan(size=size, bitrate=max(60_000, min(budget, 250_000)))


def combine(samples: list[LinkSample]) -> LinkSample | None:
    """One sample for a call of several connections: the tightest bitrate, the worst loss
    and round trip (the kiosk sends one encoding to all)."""
    if not samples:
        return None
    bitrates = [s.bitrate for s in samples if s.bitrate is not None]
    rtts = [s.rtt_s for s in samples if s.rtt_s is not None]
    return LinkSample(
        bitrate=min(bitrates) if bitrates else None,
        loss=max(s.loss for s in samples),
        rtt_s=max(rtts) if rtts else None,
    )


@dataclass(frozen=True)
class LinkSample:
    """One second of a call's link, the worse of its directions and peers.

    ``bitrate``: what the far side says it can take (REMB), None when it has not said;
    ``loss``: the share of packets lost (0-1), the worse direction."""

    bitrate: int | None
    loss: float
    rtt_s: float | None = None


def needs(step: Step, *, sign_language: bool = False) -> int:
    """Bits per second ``step`` needs."""
    if sign_language and step is Step.REDUCED:
        return SIGN_REDUCED_NEEDS
    return NEEDS[step]


def carries(sample: LinkSample, *, sign_language: bool = False) -> Step:
    """The best step this one sample says the link can carry."""
    for step in sorted(Step, reverse=True):
        if sample.loss > TOLERATES[step]:
            continue
        if sample.bitrate is not None and sample.bitrate < needs(step, sign_language=sign_language):
            continue
        return step
    return Step.TEXT


def may_climb(step: Step, sample: LinkSample, *, sign_language: bool = False) -> bool:
    """Whether this sample is good enough to try the step above ``step``: loss well within
    what it tolerates, no queue building up, and, from a step with moving video, a bitrate
    report that already covers it. Below that the far side sees too little traffic to
    report what the link could carry, so a climb is a probe, undone if it fails."""
    if step is Step.FULL:
        return False
    above = Step(step + 1)
    if sample.loss > TOLERATES[above] / 2:
        return False
    if sample.rtt_s is not None and sample.rtt_s > QUEUED_RTT_S:
        return False
    if step >= Step.REDUCED and sample.bitrate is not None:
        return sample.bitrate >= needs(above, sign_language=sign_language)
    return True


def video_size_for(step: Step, bitrate: int | None, *, sign_language: bool) -> tuple[int, int]:
    """The picture for ``step``; a sign-language call at REDUCED shrinks the picture with
    the bitrate (240x180, then 160x120) instead of dropping frames."""
    size = VIDEO_SIZE[step]
    if size is None:
        return (0, 0)
    if sign_language and step is Step.REDUCED and bitrate is not None:
        if bitrate < 140_000:
            return (160, 120)
        if bitrate < 180_000:
            return (240, 180)
    return size


class QualityLadder:
    """The step a call's link is on, moved by one sample a second (see the module)."""

    def __init__(self, *, sign_language: bool = False, start: Step = Step.FULL) -> None:
        self.step = start
        self.sign_language = sign_language
        self._started: float | None = None
        self._lower_samples = 0
        self._good_since: float | None = None
        self._climbed_at: float | None = None
        self._up_after = UP_AFTER_S

    def observe(self, sample: LinkSample, now: float) -> Step | None:
        """Apply one sample taken at ``now`` (seconds); the new step if it changed."""
        if self._started is None:
            self._started = now
        if now - self._started < WARMUP_S:
            # A receiver's first reports start low and climb as it learns the link.
            sample = LinkSample(bitrate=None, loss=sample.loss, rtt_s=sample.rtt_s)
        can = carries(sample, sign_language=self.sign_language)
        if can < self.step:
            self._good_since = None
            self._lower_samples += 1
            if self._lower_samples < DOWN_AFTER:
                return None
            if self._climbed_at is not None and now - self._climbed_at < FAILED_CLIMB_S:
                self._up_after = min(UP_AFTER_MAX_S, self._up_after * 2)
            self._climbed_at = None
            return self._move(can)
        self._lower_samples = 0
        if self._climbed_at is not None and now - self._climbed_at >= FAILED_CLIMB_S:
            self._up_after = UP_AFTER_S  # the last climb held: trust the link again
            self._climbed_at = None
        if not may_climb(self.step, sample, sign_language=self.sign_language):
            self._good_since = None
            return None
        if self._good_since is None:
            self._good_since = now
            return None
        if now - self._good_since < self._up_after:
            return None
        self._good_since = None
        self._climbed_at = now
        return self._move(Step(self.step + 1))

    def _move(self, step: Step) -> Step:
        self._lower_samples = 0
        self.step = step
        return step
