"""The quality ladder (media/quality.py), pure: what a link's measurements make of a call,
and what each step lets the kiosk's encoders send."""

from __future__ import annotations

import asyncio
import fractions

import av
import numpy as np
from aiortc.mediastreams import MediaStreamTrack

from media.encoder import SharedAudioEncoder, SharedVideoEncoder
from media.quality import (
    NEEDS,
    TOLERATES,
    UP_AFTER_S,
    WARMUP_S,
    LinkSample,
    QualityLadder,
    Step,
    VideoPlan,
    carries,
    combine,
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
    assert carries(LinkSample(bitrate=300_000, loss=0.0)) is Step.REDUCED
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
    assert feed(lossy, LinkSample(bitrate=None, loss=0.25), 0.0, 3) == [Step.AUDIO]


def test_it_climbs_one_step_at_a_time_after_the_link_looked_good() -> None:
    ladder = QualityLadder()
    t = warmed(ladder)
    feed(ladder, LinkSample(bitrate=30_000, loss=0.0), t, 2)
    assert ladder.step is Step.TEXT
    t += 2
    # A link that recovered: no bitrate reports at these steps (too little video), low loss.
    recovered = LinkSample(bitrate=None, loss=0.0, rtt_s=0.1)
    changes = feed(ladder, recovered, t, int(4 * (UP_AFTER_S + 1)) + 4)
    assert changes == [Step.AUDIO, Step.STILLS, Step.REDUCED, Step.FULL]


def test_a_queue_building_up_or_a_report_short_of_the_next_step_holds_the_climb() -> None:
    ladder = QualityLadder(start=Step.REDUCED)
    t = warmed(ladder)
    assert feed(ladder, LinkSample(bitrate=300_000, loss=0.0), t, 60) == []
    assert feed(ladder, LinkSample(bitrate=None, loss=0.0, rtt_s=1.5), t + 60, 60) == []
    assert ladder.step is Step.REDUCED


def test_a_failed_climb_makes_the_next_wait_longer() -> None:
    ladder = QualityLadder(start=Step.STILLS)
    t = warmed(ladder)
    probe = LinkSample(bitrate=None, loss=0.0)
    short = LinkSample(bitrate=100_000, loss=0.0)
    assert feed(ladder, probe, t, int(UP_AFTER_S) + 2) == [Step.REDUCED]
    t += UP_AFTER_S + 2
    assert feed(ladder, short, t, 2) == [Step.STILLS], "the climb failed"
    t += 2
    # The next climb waits twice as long.
    assert feed(ladder, probe, t, int(UP_AFTER_S) + 2) == []
    assert feed(ladder, probe, t + UP_AFTER_S + 2, int(UP_AFTER_S) + 2) == [Step.REDUCED]


def test_a_call_of_several_connections_goes_by_its_tightest_link() -> None:
    merged = combine(
        [
            LinkSample(bitrate=900_000, loss=0.01, rtt_s=0.05),
            LinkSample(bitrate=200_000, loss=0.0, rtt_s=0.2),
            LinkSample(bitrate=None, loss=0.08, rtt_s=None),
        ]
    )
    assert merged == LinkSample(bitrate=200_000, loss=0.08, rtt_s=0.2)
    assert combine([]) is None


def test_each_step_plans_the_camera_and_sign_language_keeps_its_frame_rate() -> None:
    assert plan_for(Step.FULL, 2_000_000) == VideoPlan(size=(640, 480))
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
        still = await asyncio.wait_for(track.recv(), 5)
        assert still is not None
        keyframes = video.keyframes
        # The next still comes seconds later, not with the next camera frame.
        try:
            await asyncio.wait_for(track.recv(), 1.0)
            raise AssertionError("a second picture within a second at the stills step")
        except TimeoutError:
            pass
        assert video.keyframes == keyframes
        video.follow(plan_for(Step.AUDIO, None))
        encoded = video.frames_encoded
        await asyncio.sleep(0.3)  # the camera keeps running; nothing may be encoded
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
