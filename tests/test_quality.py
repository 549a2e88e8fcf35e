"""The quality ladder (media/quality.py), pure: what a link's measurements make of a call,
and what each step lets the kiosk's encoders send."""

from __future__ import annotations

import asyncio
import contextlib
import fractions

import av
import numpy as np
import pytest
from aiortc.mediastreams import MediaStreamTrack

from media.encoder import SharedAudioEncoder, SharedVideoEncoder
from media.quality import (
    NEEDS,
    REPORT_PAUSE_S,
    SETTLE_S,
    SIGN_DOWN_AFTER,
    SIGN_REDUCED_NEEDS,
    TOLERATES,
    UP_AFTER_S,
    WARMUP_S,
    LinkSample,
    QualityLadder,
    Step,
    VideoPlan,
    carries,
    combine,
    least_signer_report,
    official_video_paused,
    plan_for,
)

GOOD = LinkSample(bitrate=2_000_000, loss=0.0, rtt_s=0.05)


def feed(ladder: QualityLadder, sample: LinkSample, start: float, seconds: int) -> list[Step]:
    """One sample a second for ``seconds``; the changes, in order."""
    changes = []
    for t in range(seconds):
        change = ladder.observe(sample, start + t)
        if change is not None:
            changes.append(change)
    return changes


def warmed(ladder: QualityLadder) -> float:
    """Past the warm-up on a link that holds the ladder's step; the time after it."""
    holding = LinkSample(bitrate=None, loss=TOLERATES[ladder.step])
    assert feed(ladder, holding, 0.0, int(WARMUP_S) + 1) == []
    return WARMUP_S + 1


def test_each_link_carries_the_step_its_bitrate_and_loss_allow() -> None:
    assert carries(GOOD) is Step.FULL
    assert carries(LinkSample(bitrate=250_000, loss=0.0)) is Step.REDUCED
    assert carries(LinkSample(bitrate=100_000, loss=0.0)) is Step.STILLS
    assert carries(LinkSample(bitrate=40_000, loss=0.0)) is Step.AUDIO
    assert carries(LinkSample(bitrate=20_000, loss=0.0)) is Step.TEXT
    assert carries(LinkSample(bitrate=None, loss=0.15)) is Step.STILLS
    assert carries(LinkSample(bitrate=None, loss=0.5)) is Step.TEXT
    # Sign language keeps moving pictures where another call would take stills.
    assert carries(LinkSample(bitrate=110_000, loss=0.0), sign_language=True) is Step.REDUCED


def test_a_thin_link_steps_down_at_once_but_not_for_one_bad_second() -> None:
    ladder = QualityLadder()
    t = warmed(ladder)
    thin = LinkSample(bitrate=90_000, loss=0.02)
    assert ladder.observe(thin, t) is None, "one sample is not a trend"
    assert ladder.observe(GOOD, t + 1) is None
    assert ladder.observe(thin, t + 2) is None
    assert ladder.observe(thin, t + 3) is Step.STILLS, "straight to what the link carries"


def test_bitrate_reports_are_not_trusted_while_the_receiver_learns_the_link() -> None:
    ladder = QualityLadder()
    early = LinkSample(bitrate=300_000, loss=0.0)  # a browser's first estimate
    assert feed(ladder, early, 0.0, int(WARMUP_S)) == []
    assert ladder.step is Step.FULL
    # ...but loss counts from the first second.
    lossy = QualityLadder()
    assert feed(lossy, LinkSample(bitrate=None, loss=0.25), 0.0, 3) == [Step.REDUCED]


def test_loss_alone_steps_down_one_step_at_a_time() -> None:
    """A link that just got thinner loses much of what we send until we send less: each
    step down halves the load, so loss moves one step per two seconds, not to the floor."""
    ladder = QualityLadder()
    t = warmed(ladder)
    cliff = LinkSample(bitrate=None, loss=0.46)
    assert feed(ladder, cliff, t, 2) == [Step.REDUCED]
    # The move is given time to work before loss moves the ladder again.
    assert feed(ladder, cliff, t + 2, int(SETTLE_S) - 1) == []
    assert feed(ladder, cliff, t + 1 + SETTLE_S, 2) == [Step.STILLS]
    # A bitrate report goes straight to what it says, loss or not.
    reported = QualityLadder()
    t = warmed(reported)
    assert feed(reported, LinkSample(bitrate=40_000, loss=0.46), t, 2) == [Step.AUDIO]


def test_it_climbs_one_step_at_a_time_after_the_link_looked_good() -> None:
    ladder = QualityLadder()
    t = warmed(ladder)
    feed(ladder, LinkSample(bitrate=30_000, loss=0.0), t, 2)
    assert ladder.step is Step.TEXT
    t += 2
    # A link that recovered: no bitrate reports at these steps (too little video), low loss.
    recovered = LinkSample(bitrate=None, loss=0.0, rtt_s=0.1)
    changes = feed(ladder, recovered, t, int(4 * (max(UP_AFTER_S, WARMUP_S) + 1)) + 4)
    assert changes == [Step.AUDIO, Step.STILLS, Step.REDUCED, Step.FULL]


def test_a_sign_language_call_has_moving_pictures_or_the_chat_and_loss_alone_takes_them() -> None:
    """A still every few seconds shows no sign and a deaf customer hears nothing: such a
    call moves between full, reduced and the chat. A bitrate report does not take its
    pictures away (a CPU-starved receiver reports a collapse the link does not have:
    44 kbit/s on a 600 kbit/s link); loss, which a link too thin for them shows, does."""
    ladder = QualityLadder(sign_language=True)
    t = warmed(ladder)
    collapse = LinkSample(bitrate=44_000, loss=0.04, sending=120_000)
    assert feed(ladder, collapse, t, 2) == [Step.REDUCED]
    assert feed(ladder, collapse, t + 2, 60) == [], "the smallest moving picture holds"
    lossy = LinkSample(bitrate=44_000, loss=0.15, sending=80_000)
    assert feed(ladder, lossy, t + 62, 10) == [], "signs read through some loss"
    t += 72
    too_thin = LinkSample(bitrate=30_000, loss=0.3, sending=80_000)
    # (a browser joining over the thin link overshoots it for its first seconds)
    assert feed(ladder, too_thin, t, SIGN_DOWN_AFTER - 1) == [], "a burst: signs go on"
    assert feed(ladder, too_thin, t + SIGN_DOWN_AFTER - 1, 1) == [Step.TEXT], (
        "not stills, not sound alone"
    )
    t += SIGN_DOWN_AFTER
    recovered = LinkSample(bitrate=None, loss=0.0, rtt_s=0.1)
    changes = feed(ladder, recovered, t, int(3 * (max(UP_AFTER_S, WARMUP_S) + 1)))
    assert changes == [Step.REDUCED, Step.FULL]
    # A normal call on stills when a signer joins: the chat, until the link shows more.
    joined = QualityLadder(start=Step.STILLS)
    assert joined.use_sign_language(True) is Step.TEXT
    assert joined.use_sign_language(False) is None and joined.step is Step.TEXT


def test_a_queue_building_up_or_a_report_short_of_the_next_step_holds_the_climb() -> None:
    ladder = QualityLadder(start=Step.REDUCED)
    t = warmed(ladder)
    assert feed(ladder, LinkSample(bitrate=200_000, loss=0.0), t, 60) == []
    assert feed(ladder, LinkSample(bitrate=None, loss=0.0, rtt_s=1.5), t + 60, 60) == []
    assert ladder.step is Step.REDUCED


def test_after_a_climb_a_report_capped_by_the_step_below_does_not_undo_it() -> None:
    ladder = QualityLadder(start=Step.STILLS)
    t = warmed(ladder)
    assert feed(ladder, LinkSample(bitrate=None, loss=0.0), t, int(UP_AFTER_S) + 2) == [
        Step.REDUCED
    ]
    t += UP_AFTER_S + 2
    stale = LinkSample(bitrate=120_000, loss=0.0)  # what stills let the receiver see
    assert feed(ladder, stale, t, int(WARMUP_S) - 1) == []
    assert feed(ladder, stale, t + WARMUP_S, 3) == [Step.STILLS], "a report that stays low"


def test_a_failed_climb_makes_the_next_wait_longer() -> None:
    ladder = QualityLadder(start=Step.STILLS)
    t = warmed(ladder)
    probe = LinkSample(bitrate=None, loss=0.0)
    # The climb is a probe: bitrate reports lag behind it, loss tells at once.
    short = LinkSample(bitrate=100_000, loss=0.15)
    assert feed(ladder, probe, t, int(UP_AFTER_S) + 2) == [Step.REDUCED]
    t += UP_AFTER_S + 2
    assert feed(ladder, short, t, 2) == [Step.STILLS], "the climb failed"
    t += 2
    # The next climb waits twice as long.
    assert feed(ladder, probe, t, int(UP_AFTER_S) + 2) == []
    assert feed(ladder, probe, t + UP_AFTER_S + 2, int(UP_AFTER_S) + 2) == [Step.REDUCED]


def test_a_report_no_lower_than_what_we_send_is_no_reason_to_step_down() -> None:
    """A receiver cannot report more than it has seen: a report that merely matches our
    own (reduced) rate says nothing against the link."""
    ladder = QualityLadder(start=Step.REDUCED)
    t = warmed(ladder)
    matching = LinkSample(bitrate=180_000, loss=0.0, sending=170_000)
    assert feed(ladder, matching, t, 20) == []
    asking = LinkSample(bitrate=120_000, loss=0.0, sending=170_000)
    assert feed(ladder, asking, t + 20, 2) == [Step.STILLS]


def test_a_report_the_link_holds_under_the_step_moves_it_down_and_holds_the_climb() -> None:
    """We fit what we send to the report, so on a link at the edge of full video the
    report never asks for less: it stays at what we send, under what full needs, where a
    link with room lets it grow half as much again (CI saw a 300 kbit/s link keep
    640x480 at 250 kbit/s for 30 s)."""
    ladder = QualityLadder()
    t = warmed(ladder)
    unseen = LinkSample(bitrate=280_000, loss=0.0, sending=150_000)  # it saw too little
    assert feed(ladder, unseen, t, 10) == []
    held = LinkSample(bitrate=280_000, loss=0.0, sending=270_000)
    assert feed(ladder, held, t + 10, 2) == [Step.REDUCED]
    assert feed(ladder, held, t + 12, 60) == [], "no climb straight back into it"
    room = LinkSample(bitrate=420_000, loss=0.0, sending=280_000)
    assert feed(ladder, room, t + 72, int(UP_AFTER_S) + 2) == [Step.FULL]


def test_a_report_still_rising_is_a_receiver_learning_not_one_asking_for_less() -> None:
    ladder = QualityLadder(start=Step.REDUCED)
    t = warmed(ladder)
    for second, bitrate in enumerate((60_000, 75_000, 90_000, 110_000, 130_000)):
        sample = LinkSample(bitrate=bitrate, loss=0.0, sending=160_000)
        assert ladder.observe(sample, t + second) is None
    flat = LinkSample(bitrate=130_000, loss=0.0, sending=160_000)
    changes = feed(ladder, flat, t + 5, int(REPORT_PAUSE_S) + 3)
    assert changes == [Step.STILLS], "a report that stopped rising"


def test_a_report_growing_back_lets_the_picture_climb_before_it_covers_the_step() -> None:
    """After a thin spell a browser's report starts from its floor and grows some 8 % a
    second: a clean link need not wait the minute it takes to cover full video."""
    ladder = QualityLadder(start=Step.STILLS)
    t = warmed(ladder)
    bitrate, changes = 20_000.0, []
    for second in range(int(UP_AFTER_S + WARMUP_S) + 8):
        sample = LinkSample(bitrate=int(bitrate), loss=0.0, rtt_s=0.15, sending=160_000)
        if (change := ladder.observe(sample, t + second)) is not None:
            changes.append(change)
        bitrate *= 1.08
    assert changes == [Step.REDUCED, Step.FULL]
    assert bitrate < NEEDS[Step.FULL] * 4 // 5, "full video before the report covered it"


def test_below_moving_video_bitrate_reports_are_not_listened_to() -> None:
    """A browser receiving only sound repeats its lowest report; it says nothing of the
    link, and must not keep the call from climbing back."""
    ladder = QualityLadder(start=Step.AUDIO)
    t = warmed(ladder)
    stuck = LinkSample(bitrate=9_000, loss=0.0, sending=47_000)
    assert feed(ladder, stuck, t, int(UP_AFTER_S) + 2) == [Step.STILLS]


def test_a_call_of_several_connections_goes_by_its_tightest_link() -> None:
    merged = combine(
        [
            LinkSample(bitrate=900_000, loss=0.01, rtt_s=0.05, sending=300_000),
            LinkSample(bitrate=200_000, loss=0.0, rtt_s=0.2, sending=310_000),
            LinkSample(bitrate=None, loss=0.08, rtt_s=None),
        ]
    )
    assert merged == LinkSample(bitrate=200_000, loss=0.08, rtt_s=0.2, sending=310_000)
    assert combine([]) is None


def test_each_step_plans_the_camera_and_sign_language_keeps_its_frame_rate() -> None:
    assert plan_for(Step.FULL, None) == VideoPlan(size=(640, 480))
    full = plan_for(Step.FULL, 2_000_000)
    assert full.size == (640, 480) and full.bitrate is not None and full.bitrate > 1_000_000
    # Not aiortc's clamp (250 kbit/s or more): a report of 280 kbit/s is followed.
    thin = plan_for(Step.FULL, 280_000)
    assert thin.bitrate is not None and thin.bitrate < 250_000
    reduced = plan_for(Step.REDUCED, 300_000)
    assert reduced.size == (320, 240) and reduced.still_every_s == 0
    assert reduced.bitrate is not None and reduced.bitrate < 300_000
    stills = plan_for(Step.STILLS, 100_000)
    assert stills.size == (320, 240) and stills.still_every_s > 0
    assert plan_for(Step.AUDIO, None).size is None
    assert plan_for(Step.TEXT, None).size is None
    signing = plan_for(Step.REDUCED, 110_000, sign_language=True)
    assert signing.size == (160, 120) and signing.still_every_s == 0
    assert NEEDS[Step.FULL] > NEEDS[Step.REDUCED] > NEEDS[Step.STILLS] > NEEDS[Step.AUDIO]


class _Frames(MediaStreamTrack):
    """A 640x480 picture or 20 ms of tone, as fast as asked."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.pts = 0

    async def recv(self) -> av.frame.Frame:
        await asyncio.sleep(0)
        if self.kind == "video":
            image = (np.arange(640 * 480 * 3, dtype=np.uint32) % 251).astype(np.uint8)
            frame = av.VideoFrame.from_ndarray(image.reshape(480, 640, 3), format="rgb24")
            frame.time_base = fractions.Fraction(1, 90_000)
            self.pts += 3000
        else:
            tone = (np.sin(np.arange(960) / 10) * 8000).astype(np.int16).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(tone, format="s16", layout="mono")
            frame.sample_rate = 48_000
            frame.time_base = fractions.Fraction(1, 48_000)
            self.pts += 960
        frame.pts = self.pts
        return frame


async def in_flight(track: MediaStreamTrack) -> None:
    """Take the packet (if any) encoded before the plan changed."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(track.recv(), 0.2)


async def test_the_shared_encoders_send_what_the_step_allows() -> None:
    video = SharedVideoEncoder(lambda: _Frames("video"))
    track = video.subscribe()
    try:
        await asyncio.wait_for(track.recv(), 5)
        assert video.size == (640, 480)
        video.follow(plan_for(Step.REDUCED, 300_000))
        for _ in range(3):
            await asyncio.wait_for(track.recv(), 5)
        assert video.size == (320, 240)
        video.follow(plan_for(Step.STILLS, 100_000))
        await in_flight(track)
        keyframes = video.keyframes
        await asyncio.wait_for(track.recv(), 5)
        assert video.keyframes == keyframes + 1, "each still stands alone"
        # The next still comes seconds later, not with the next camera frame.
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(track.recv(), 1.0)
        video.follow(plan_for(Step.AUDIO, None))
        await in_flight(track)
        encoded = video.frames_encoded
        with pytest.raises(TimeoutError):  # the camera runs on; nothing is encoded
            await asyncio.wait_for(track.recv(), 1.0)
        assert video.frames_encoded == encoded
    finally:
        track.stop()
        video.close()

    audio = SharedAudioEncoder(lambda: _Frames("audio"))
    sound = audio.subscribe()
    try:
        first = await asyncio.wait_for(sound.recv(), 5)
        audio.follow(16_000)
        packets = [await asyncio.wait_for(sound.recv(), 5) for _ in range(20)]
        # A new bitrate is a new Opus encoder; the packets' clock runs on.
        times = [first.pts, *(p.pts for p in packets)]
        assert times == sorted(times) and len(set(times)) == len(times)
    finally:
        sound.stop()
        audio.close()


def test_a_thin_sign_language_call_gives_up_the_pictures_between_official_and_customer() -> None:
    """The customer's picture to the interpreter and the signer's to the customer carry
    the conversation; below full, the official's and the customer's to the official go."""
    assert not official_video_paused(Step.FULL, sign_language=True)
    for step in (Step.REDUCED, Step.STILLS, Step.AUDIO, Step.TEXT):
        assert official_video_paused(step, sign_language=True)
        assert not official_video_paused(step, sign_language=False)


def test_the_signers_picture_is_reported_room_for_moving_signs_while_the_ladder_allows() -> None:
    """The kiosk's delay estimate starves the signer's picture on a link with room (45-70
    kbit/s reported on 600): while the ladder (moved by loss) keeps moving pictures, the
    kiosk reports at least what they need to the interpreter's browser; below, nothing."""
    for step in (Step.FULL, Step.REDUCED):
        assert least_signer_report(step) == SIGN_REDUCED_NEEDS
        # the floor alone never makes the ladder think the link carries less than that
        floor = LinkSample(bitrate=least_signer_report(step), loss=0.0)
        assert carries(floor, sign_language=True) >= Step.REDUCED
    for step in (Step.STILLS, Step.AUDIO, Step.TEXT):
        assert least_signer_report(step) == 0
