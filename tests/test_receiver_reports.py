"""The kiosk's receiver reports leave out what was sent into an outage, and only that."""

from __future__ import annotations

from aiortc.rtcrtpreceiver import StreamStatistics
from aiortc.rtp import RtpPacket

from media.receiver_reports import OutageAwareStatistics
from media.watch import STALL_S


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def feed(streams: list[StreamStatistics], clock: Clock, seqs: range, every_s: float) -> None:
    for seq in seqs:
        packet = RtpPacket(payload_type=96, sequence_number=seq % 65536, timestamp=seq * 3000)
        for stream in streams:
            stream.add(packet)
        clock.now += every_s


def test_packets_sent_into_an_outage_are_not_reported_lost() -> None:
    clock = Clock()
    ours, aiortcs = OutageAwareStatistics(90000, clock), StreamStatistics(90000)
    feed([ours, aiortcs], clock, range(65500, 65600), 0.02)  # across the wrap, too
    assert ours.fraction_lost == 0 and ours.packets_lost == 0
    aiortcs.fraction_lost  # noqa: B018 - a report went out: its interval starts again
    clock.now += STALL_S + 6  # eight seconds of nothing: 400 packets sent into the void
    feed([ours, aiortcs], clock, range(66000, 66050), 0.02)
    assert aiortcs.packets_lost == 400 and aiortcs.fraction_lost > 200, "aiortc counts them"
    assert ours.packets_lost == 0 and ours.fraction_lost == 0
    assert ours.lost_to_outages == 400
    assert ours.packets_expected == ours.packets_received == 150


def test_loss_on_a_link_that_still_carries_packets_is_reported() -> None:
    clock = Clock()
    ours = OutageAwareStatistics(48000, clock)
    feed([ours], clock, range(0, 50), 0.02)
    ours.fraction_lost  # noqa: B018
    clock.now += STALL_S - 0.1  # a burst of loss, not an outage
    feed([ours], clock, range(150, 200), 0.02)
    assert ours.packets_lost == 100 and ours.fraction_lost == (100 << 8) // 150
    assert ours.lost_to_outages == 0


def test_a_late_packet_after_a_silence_moves_nothing() -> None:
    clock = Clock()
    ours, aiortcs = OutageAwareStatistics(90000, clock), StreamStatistics(90000)
    feed([ours, aiortcs], clock, range(100, 120), 0.02)
    clock.now += STALL_S + 1
    feed([ours, aiortcs], clock, range(90, 91), 0.02)  # from before: reordered, no jump
    assert ours.lost_to_outages == 0
    assert (ours.packets_expected, ours.packets_lost) == (
        aiortcs.packets_expected,
        aiortcs.packets_lost,
    )
