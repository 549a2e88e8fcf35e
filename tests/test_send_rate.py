"""What the kiosk sends on a link that loses its packets while the far side's bitrate
report says all is well (media/send_rate.py), and the camera's plan that follows."""

from __future__ import annotations

import asyncio

from media.encoder import SharedVideoEncoder
from media.quality import (
    AUDIO_BITRATE,
    REDUCED_MAX_BITRATE,
    SIGN_REDUCED_MIN_BITRATE,
    Step,
    VideoPlan,
    plan_for,
)
from media.send_rate import GROWTH, LEAST, LossBasedRate


def test_loss_over_a_tenth_cuts_what_is_sent_by_half_the_share_lost() -> None:
    rate = LossBasedRate()
    assert rate.observe(0.0, 280_000) is None, "nothing lost: nothing limited"
    assert rate.observe(0.05, 280_000) is None, "a burst or two: within what a link loses"
    assert rate.observe(0.40, 280_000) == 224_000
    # The next second's reports are mostly of what was sent before the cut.
    assert rate.observe(0.40, 280_000) == 224_000
    # Then the loss goes on at the new rate: cut again, from the lower figure.
    assert rate.observe(0.30, 280_000) == int(224_000 * 0.85)
    rate.observe(0.05, 150_000)
    assert rate.observe(0.30, 150_000) == int(150_000 * 0.85), "what was really sent"


def test_a_cut_rate_holds_through_some_loss_and_grows_back_only_on_a_clean_link() -> None:
    rate = LossBasedRate()
    cut = rate.observe(0.5, 200_000)
    assert cut == 150_000
    assert rate.observe(0.06, 150_000) == cut, "between 2 and 10 %: held"
    assert rate.observe(0.01, 150_000) == int(cut * GROWTH)
    for _ in range(200):
        rate.observe(0.0, 150_000)
    assert rate.rate is None, "grown past anything a call needs: no limit"


def test_it_never_cuts_below_the_smallest_moving_picture() -> None:
    rate = LossBasedRate()
    for _ in range(40):
        rate.observe(0.9, 100_000)
    assert rate.rate == LEAST
    assert rate.observe(0.0, None) == int(LEAST * GROWTH)
    assert LossBasedRate().observe(0.5, None) is None, "nothing measured: nothing to cut"


def test_the_cameras_plan_sends_no_more_than_arrives() -> None:
    report = 240_000  # the bench's interpreter, while a fifth of the picture was lost
    unlimited = plan_for(Step.REDUCED, report, sign_language=True)
    assert unlimited.bitrate == REDUCED_MAX_BITRATE, "the report alone fills the link"
    limited = plan_for(Step.REDUCED, report, sign_language=True, most=140_000)
    assert limited.bitrate == 140_000 - AUDIO_BITRATE[Step.REDUCED]
    # The signs keep their frame rate: the picture shrinks instead.
    assert limited.size == (240, 180) and limited.still_every_s == 0
    least = plan_for(Step.REDUCED, report, sign_language=True, most=LEAST)
    assert least.size == (160, 120) and least.bitrate == SIGN_REDUCED_MIN_BITRATE
    # A limit above what the step sends changes nothing; no report yet: the limit.
    assert plan_for(Step.REDUCED, 100_000, most=1_000_000) == plan_for(Step.REDUCED, 100_000)
    # No report this second: the encoder follows the receivers' last, up to the limit
    # (a limit grown large would otherwise be sent as it is).
    full = plan_for(Step.FULL, None, most=300_000)
    assert full == VideoPlan(size=(640, 480), most=300_000 - AUDIO_BITRATE[Step.FULL])
    assert plan_for(Step.FULL, None, most=1_900_000).bitrate is None
    assert plan_for(Step.STILLS, None, most=LEAST) == plan_for(Step.STILLS, None)
    assert plan_for(Step.AUDIO, None, most=LEAST).size is None


async def test_without_a_report_the_encoder_keeps_within_the_limit() -> None:
    """No report this second (a paused receiver's, or one not yet fresh): the encoder
    follows the receivers' last, but no higher than what arrives of its pictures."""
    from tests.test_quality import _Frames

    async def bytes_sent(plan: VideoPlan) -> int:
        video = SharedVideoEncoder(lambda: _Frames("video"))
        video.follow(plan)
        track = video.subscribe()
        try:
            packets = [await asyncio.wait_for(track.recv(), 5) for _ in range(60)]
        finally:
            track.stop()
            video.close()
        return sum(len(bytes(p)) for p in packets[30:])  # past the first key frame

    limited = plan_for(Step.FULL, None, most=LEAST)
    assert limited.bitrate is None and limited.most is not None
    unlimited = await bytes_sent(plan_for(Step.FULL, None))
    within = await bytes_sent(limited)
    assert within < unlimited / 2, (within, unlimited)
