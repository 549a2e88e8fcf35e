"""The benchmark's audio clocks (bench/audio.py): the clicked tone the kiosk sends, the
onsets a receiver hears, and how mouths, ears and pictures become latencies and lip sync."""

from __future__ import annotations

import av
import numpy as np

from bench.audio import (
    CLICK_LEVEL,
    ClickTrack,
    Onsets,
    heard_with_latency,
    lip_sync,
    mouth_to_ear,
    peak_of,
)


async def test_the_click_track_clicks_once_a_second_and_says_when() -> None:
    mouths: list[int] = []
    track = ClickTrack(mouths.append)
    peaks = []
    for _ in range(120):  # 2.4 s of 20 ms frames, paced in real time
        peaks.append(peak_of(await track.recv()))
    track.stop()
    assert len(mouths) in (2, 3)
    assert all(ms % 1000 < 40 for ms in mouths), mouths  # handed on as the second turns
    loud = [p for p in peaks if p > 0.4]
    assert len(loud) == len(mouths)
    assert min(loud) > CLICK_LEVEL * 0.95
    assert max(p for p in peaks if p <= 0.4) < 0.06  # the tone between clicks is quiet


def test_an_onset_is_loud_after_quiet_and_a_long_click_counts_once() -> None:
    ears = Onsets()
    heard = [
        at
        for at, peak in [
            (0, 0.05),
            (10, 0.9),
            (20, 0.8),
            (30, 0.5),
            (40, 0.05),
            (200, 0.9),
            (600, 0.05),
            (1010, 0.85),
        ]
        if ears.hear(peak, at)
    ]
    assert heard == [10, 1010]  # 200 is the same click's tail: under 300 ms since loud


def test_mouths_and_ears_make_latencies_and_lip_sync() -> None:
    mouths = [1000, 2000, 3000]
    ears = [900, 1080, 2095, 4000, 4500]  # 900 before any mouth; 4000 a click period late
    assert mouth_to_ear(mouths, ears) == [80.0, 95.0]
    heard = heard_with_latency(mouths, ears)
    assert heard == [(1080, 80.0), (2095, 95.0)]
    shown = [(1000, 40.0), (1100, 50.0), (1600, 60.0), (2100, 200.0), (2700, 900.0)]
    # 1080: pictures at 1000 and 1100 (median 45); 2095: 1600 and 2100 (median 130)
    assert lip_sync(heard, shown) == [35.0, -35.0]
    assert lip_sync(heard, []) == []


def test_peak_of_reads_int_and_float_frames() -> None:
    pcm = (np.array([[0, 16384, -32768, 100]])).astype(np.int16)
    frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
    assert peak_of(frame) == 1.0
    floats = av.AudioFrame.from_ndarray(
        np.array([[0.1, -0.3]], dtype=np.float32), format="flt", layout="mono"
    )
    assert abs(peak_of(floats) - 0.3) < 1e-6
