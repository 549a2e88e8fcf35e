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
does not; a sign-language call leaves its moving pictures only after five): straight to
the step a bitrate report says the link carries, one step at a time for loss (which a
thinner link causes until the load drops); it climbs one step at a time after the link
has looked good for a while, and waits twice as long after a climb that failed,
so that a link at the edge of a step does not flap. A sign-language call never trades its
frame rate: it gives up detail first (REDUCED carries down to 90 kbit/s, its picture
shrinking to 160x120 at 50 kbit/s), since signs cannot be read at a frame every few
seconds, and sound alone carries nothing to a deaf customer: such a call has moving
pictures or the chat (SIGN_STEPS). Nor does a bitrate report alone take its pictures away:
a receiver short of CPU reports a collapse that the link does not have (measured: 44 kbit/s
reported on a 600 kbit/s link with 4 % loss), and the smallest moving picture costs less
than being wrong; a link that truly cannot carry it loses packets, and loss moves it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace


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
    Step.FULL: 300_000,
    Step.REDUCED: 150_000,
    Step.STILLS: 70_000,
    Step.AUDIO: 35_000,
    Step.TEXT: 0,
}
#: A sign-language call keeps moving pictures down to here, smaller and smaller (and with
#: the loss stills tolerate: see tolerates()).
SIGN_REDUCED_NEEDS = 90_000
#: The steps a sign-language call uses: moving pictures, or the chat when the link cannot
#: carry them (a still every few seconds shows no sign, and the customer cannot hear).
SIGN_STEPS = (Step.TEXT, Step.REDUCED, Step.FULL)
#: The share of packets a step tolerates losing (after retransmission cannot help).
TOLERATES = {
    Step.FULL: 0.05,
    Step.REDUCED: 0.10,
    Step.STILLS: 0.20,
    Step.AUDIO: 0.30,
    Step.TEXT: 1.0,
}
#: A report under this share of what we send asks us to slow down.
SLOWER_THAN = 0.9
#: A receiver's report grows to about 1.5 times what it receives when the link allows: one
#: that stays under this multiple of what we send is held there by the link.
HELD_UNDER = 1.25
#: Samples in a row that must say "lower" before the step goes down.
DOWN_AFTER = 2
#: ... before a sign-language call leaves its moving pictures for the chat: the
#: conversation itself goes with them, and a browser joining such a call over a thin link
#: overshoots it for its first seconds (in the bench's 300 kbit/s call, 43-67 % lost 2.5 s
#: after the interpreter's picture began, which took the call to the chat for 15 s).
SIGN_DOWN_AFTER = 5
#: Seconds a step down is given to work (the load to drop, queues to drain, the other
#: side to follow) before loss alone moves the ladder down again. (A climb that brings
#: loss is undone at once: the climb caused it.)
SETTLE_S = 5.0
#: Seconds of good samples before one step up, and the most it grows to after failures.
UP_AFTER_S = 8.0
UP_AFTER_MAX_S = 24.0
#: A climb undone within this long counts as a failed one.
FAILED_CLIMB_S = 15.0
#: Bitrate reports are not trusted this long into a call or after a climb (only loss
#: counts meanwhile).
WARMUP_S = 10.0
#: A report rising this long, without loss, is a receiver growing back into a recovered
#: link: the climb need not wait for it.
RISING_S = 6.0
#: Reports that have not grown for this long have stopped learning.
REPORT_PAUSE_S = 3.0
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
    whatever the receivers report, but no more than ``most``)."""

    size: tuple[int, int] | None = (640, 480)
    still_every_s: float = 0.0
    bitrate: int | None = None
    most: int | None = None


#: At the reduced step, video is sent at this much of a report (less the sound).
REDUCED_HEADROOM = 1.2
#: The most a reduced picture gets (320x240 looks no better above it), and the least (a
#: sign-language picture may shrink to 160x120 and take less).
REDUCED_MAX_BITRATE = 250_000
#: The least a full picture gets (below it the ladder steps down).
FULL_MIN_BITRATE = 200_000
REDUCED_MIN_BITRATE = 100_000
SIGN_REDUCED_MIN_BITRATE = 50_000
#: A still is one key frame: encoded at this rate's quality, then nothing for seconds.
STILL_BITRATE = 250_000


def plan_for(
    step: Step, bitrate: int | None, *, sign_language: bool = False, most: int | None = None
) -> VideoPlan:
    """The camera's plan on ``step`` when the far side reports ``bitrate`` and the loss
    the receivers report allows ``most`` (sound included; media/send_rate.py)."""
    if step <= Step.AUDIO:
        return VideoPlan(size=None)
    if step is Step.STILLS:
        return VideoPlan(size=VIDEO_SIZE[step], still_every_s=STILL_EVERY_S, bitrate=STILL_BITRATE)
    plan = _moving_plan(step, bitrate, sign_language=sign_language)
    if most is None:
        return plan
    # What arrives of the picture, not what the report says could: the least moving
    # picture still goes (below it the ladder's loss decides), smaller in a sign-language
    # call, whose frame rate is what carries the signs.
    allowed = max(_least_moving_bitrate(sign_language), most - AUDIO_BITRATE[step])
    if plan.bitrate is None:
        return replace(plan, most=allowed)  # the receivers' reports, up to the limit
    if plan.bitrate <= allowed:
        return plan
    reported = most if bitrate is None else min(bitrate, most)
    return VideoPlan(
        size=video_size_for(step, reported, sign_language=sign_language), bitrate=allowed
    )


def _moving_plan(step: Step, bitrate: int | None, *, sign_language: bool) -> VideoPlan:
    size = video_size_for(step, bitrate, sign_language=sign_language)
    if step is Step.FULL:
        if bitrate is None:
            return VideoPlan(size=size)  # no report yet: the encoder's start rate
        # aiortc would clamp a report to 250 kbit/s or more, more than a thin link holds.
        return VideoPlan(size=size, bitrate=max(FULL_MIN_BITRATE, bitrate - AUDIO_BITRATE[step]))
    if bitrate is None:
        return VideoPlan(size=size, bitrate=REDUCED_MAX_BITRATE)
    # A little more than the report: a receiver reports only a little more than it sees,
    # and a rate that followed it down would keep the report (and the step) low for ever.
    budget = int(bitrate * REDUCED_HEADROOM) - AUDIO_BITRATE[step]
    floor = _least_moving_bitrate(sign_language)
    return VideoPlan(size=size, bitrate=max(floor, min(budget, REDUCED_MAX_BITRATE)))


def _least_moving_bitrate(sign_language: bool) -> int:
    """The least a moving picture is given (a sign-language one may shrink to 160x120)."""
    return SIGN_REDUCED_MIN_BITRATE if sign_language else REDUCED_MIN_BITRATE


def official_video_paused(step: Step, *, sign_language: bool) -> bool:
    """Whether the official and the customer stop sending each other pictures.

    In a sign-language call the pictures that carry the conversation are the customer's
    to the interpreter and the signer's to the customer; the official follows by the
    interpreter's voice. On a link below full those two pictures keep what it carries,
    and the pictures between official and customer are the first thing given up (both
    sides show them paused, never as a live frozen picture)."""
    return sign_language and step < Step.FULL


def least_signer_report(step: Step) -> int:
    """The bitrate the kiosk reports at least (REMB) to a sign-language interpreter's
    browser on ``step``: what moving signs need while the step carries moving pictures,
    nothing below. The kiosk's own delay-based estimate cannot be trusted to say the link
    is short (media/aiortc_internals.py, floor_reported_bitrate); loss can: the ladder
    then leaves the moving-picture steps and the floor goes with them."""
    return SIGN_REDUCED_NEEDS if step >= Step.REDUCED else 0


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
        sending=max((s.sending for s in samples if s.sending is not None), default=None),
        loss_out=max(s.loss_out for s in samples),
    )


@dataclass(frozen=True)
class LinkSample:
    """One second of a call's link, the worse of its directions and peers.

    ``bitrate``: what the far side says it can take (REMB), None when it has not said;
    ``loss``: the share of packets lost (0-1), the worse direction; ``sending``: what we
    sent, bits per second, None when not measured; ``loss_out``: the share of ours the far
    side lost (what our sound's copies are for: media/sound_protection.py)."""

    bitrate: int | None
    loss: float
    rtt_s: float | None = None
    sending: int | None = None
    loss_out: float = 0.0

    @property
    def asks_for_less(self) -> bool:
        """The far side reports less than we send: it is telling us to slow down. (A
        report at or above what we send is only a receiver that has seen no trouble
        yet: it cannot report more than it has seen, and grows slowly.)"""
        if self.bitrate is None:
            return False
        return self.sending is None or self.bitrate < self.sending * SLOWER_THAN

    def held_under(self, need: int) -> bool:
        """The report is under ``need`` and the link holds it there: it does not grow
        past what we send, as a receiver on a link with room does. (We fit what we send
        to the report, so on a link at the edge of a step the report never asks for less:
        a 640x480 picture squeezed into 250 kbit/s, when 320x240 would be sharp.)"""
        if self.bitrate is None or self.bitrate >= need:
            return False
        return self.sending is not None and self.bitrate < self.sending * HELD_UNDER


def tolerates(step: Step, *, sign_language: bool = False) -> float:
    """The share of packets ``step`` may lose; a sign-language call's small moving
    picture takes the place of stills and sound alone, and what they tolerate."""
    if sign_language and step is Step.REDUCED:
        return TOLERATES[Step.STILLS]
    return TOLERATES[step]


def needs(step: Step, *, sign_language: bool = False) -> int:
    """Bits per second ``step`` needs."""
    if sign_language and step is Step.REDUCED:
        return SIGN_REDUCED_NEEDS
    return NEEDS[step]


def carries(sample: LinkSample, *, sign_language: bool = False) -> Step:
    """The best step this one sample says the link can carry."""
    for step in sorted(Step, reverse=True):
        if sample.loss > tolerates(step, sign_language=sign_language):
            continue
        if sample.bitrate is not None and sample.bitrate < needs(step, sign_language=sign_language):
            continue
        return step
    return Step.TEXT


def steps_for(*, sign_language: bool) -> tuple[Step, ...]:
    """The steps a call moves between, lowest first."""
    return SIGN_STEPS if sign_language else tuple(Step)


def step_above(step: Step, *, sign_language: bool = False) -> Step | None:
    """The next step up this call uses (None at the top)."""
    return next((s for s in steps_for(sign_language=sign_language) if s > step), None)


def step_at_or_below(step: Step, *, sign_language: bool = False) -> Step:
    """The best step this call uses that is no better than ``step``."""
    return max(s for s in steps_for(sign_language=sign_language) if s <= step)


def may_climb(
    step: Step, sample: LinkSample, *, sign_language: bool = False, learning: bool = False
) -> bool:
    """Whether this sample is good enough to try the step above ``step``: loss well within
    what it tolerates, no queue building up, and, from a step with moving video, a bitrate
    report that already covers it, or one that is still rising (``learning``: a receiver
    that lost sight of the link and grows back by some 8 % a second). Below moving video
    the far side sees too little to report what the link could carry, so a climb is a
    probe, undone if it fails."""
    above = step_above(step, sign_language=sign_language)
    if above is None:
        return False
    if sample.loss > tolerates(above, sign_language=sign_language) / 2:
        return False
    if sample.rtt_s is not None and sample.rtt_s > QUEUED_RTT_S:
        return False
    if step >= Step.REDUCED and sample.bitrate is not None and not learning:
        # What we send caps what a receiver reports (it cannot see past 1.5 times its
        # input), so a report 80 % of the way to the next step is the headroom; but a
        # report the link holds under the next step (see held_under) would only bring the
        # call straight back down.
        need = needs(above, sign_language=sign_language)
        return sample.bitrate >= need * 4 // 5 and not sample.held_under(need)
    return True


def video_size_for(step: Step, bitrate: int | None, *, sign_language: bool) -> tuple[int, int]:
    """The picture for ``step``; a sign-language call at REDUCED shrinks the picture with
    the bitrate (240x180, then 160x120) instead of dropping frames."""
    size = VIDEO_SIZE[step]
    if size is None:
        return (0, 0)
    if sign_language and step is Step.REDUCED and bitrate is not None:
        if bitrate < 120_000:
            return (160, 120)
        if bitrate < NEEDS[Step.REDUCED]:
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
        self._stepped_down_at = -1e9
        #: The reports' latest run without a fall: since when, from what, to what, and
        #: when it last grew.
        self._run: tuple[float, int, int, float] | None = None

    def use_sign_language(self, sign_language: bool) -> Step | None:
        """A sign-language interpreter joined or left; the new step if the call's was one
        a sign-language call does not use (a still or sound alone: the chat instead, until
        the link shows it carries moving pictures)."""
        self.sign_language = sign_language
        step = step_at_or_below(self.step, sign_language=sign_language)
        if step == self.step:
            return None
        self._good_since = None
        self._lower_samples = 0
        self.step = step
        return step

    def observe(self, sample: LinkSample, now: float) -> Step | None:
        """Apply one sample taken at ``now`` (seconds); the new step if it changed."""
        if self._started is None:
            self._started = now
        self._follow_report(sample.bitrate, now)
        learning = now - self._started < WARMUP_S or (
            self._climbed_at is not None and now - self._climbed_at < WARMUP_S
        )
        if learning:
            # A receiver's reports start low and grow as it learns the link (again after
            # a climb: they are capped by what we sent below); until then loss decides.
            sample = LinkSample(None, sample.loss, sample.rtt_s, sample.sending)
        can = self._target(sample, now)
        if can < self.step:
            self._good_since = None
            self._lower_samples += 1
            if self._lower_samples < self._down_after(can):
                return None
            if self._climbed_at is not None and now - self._climbed_at < FAILED_CLIMB_S:
                self._up_after = min(UP_AFTER_MAX_S, self._up_after * 2)
            self._climbed_at = None
            return self._move(can, now)
        self._lower_samples = 0
        if self._climbed_at is not None and now - self._climbed_at >= FAILED_CLIMB_S:
            self._up_after = UP_AFTER_S  # the last climb held: trust the link again
            self._climbed_at = None
        if not may_climb(
            self.step,
            sample,
            sign_language=self.sign_language,
            learning=self._growing_for(now) >= RISING_S,
        ):
            self._good_since = None
            return None
        if self._good_since is None:
            self._good_since = now
            return None
        if learning or now - self._good_since < self._up_after:
            return None  # no climb on top of one whose reports have not caught up
        self._good_since = None
        self._climbed_at = now
        above = step_above(self.step, sign_language=self.sign_language)
        assert above is not None  # may_climb said there is one
        return self._move(above, now)

    def _down_after(self, target: Step) -> int:
        """Samples in a row that must say ``target`` before the ladder goes there."""
        if self.sign_language and target < Step.REDUCED <= self.step:
            return SIGN_DOWN_AFTER
        return DOWN_AFTER

    def _follow_report(self, bitrate: int | None, now: float) -> None:
        if bitrate is None:
            self._run = None
        elif self._run is None or bitrate < self._run[2]:
            self._run = (now, bitrate, bitrate, now)  # a fall: a new run starts
        elif bitrate > self._run[2]:
            self._run = (self._run[0], self._run[1], bitrate, now)

    def _growing_for(self, now: float) -> float:
        """Seconds the reports have grown without a fall or a pause (0 when they have not
        grown by a tenth or more): a receiver still learning the link."""
        if self._run is None:
            return 0.0
        since, start, latest, grew_at = self._run
        if latest < start * 1.1 or now - grew_at > REPORT_PAUSE_S:
            return 0.0
        return now - since

    def _target(self, sample: LinkSample, now: float) -> Step:
        """Where this sample would take the ladder down to: straight to what a bitrate
        report says the link carries, but only one step for loss alone, and only once
        the last move has had time to work: loss often comes from our own load (and the
        other side's) on a link that just got thinner, and one step down halves it."""
        # Below moving video the far side sees too little to estimate the link (a browser
        # receiving only sound goes on repeating its lowest report): loss decides there.
        moving = self.step >= Step.REDUCED
        # A report still rising is a receiver learning the link, not one asking for less.
        held = sample.asks_for_less or sample.held_under(
            needs(self.step, sign_language=self.sign_language)
        )
        asking = held and moving and self._growing_for(now) == 0
        reported = sample.bitrate if asking else None
        by_rate = carries(LinkSample(reported, 0.0), sign_language=self.sign_language)
        if self.sign_language:
            by_rate = max(by_rate, Step.REDUCED)  # see the module: loss alone takes signs away
        by_loss = carries(LinkSample(None, sample.loss), sign_language=self.sign_language)
        if now - self._stepped_down_at < SETTLE_S:
            by_loss = self.step
        target = min(by_rate, max(by_loss, Step(max(0, self.step - 1))), self.step)
        return step_at_or_below(target, sign_language=self.sign_language)

    def _move(self, step: Step, now: float) -> Step:
        if step < self.step:
            self._stepped_down_at = now
        self._lower_samples = 0
        self.step = step
        return step
