"""The marker-aware video jitter buffer against aiortc's own."""

from __future__ import annotations

from aiortc.jitterbuffer import JitterBuffer
from aiortc.rtp import RtpPacket

from media.jitter import MarkerJitterBuffer


def packet(seq: int, timestamp: int, *, marker: bool = False) -> RtpPacket:
    p = RtpPacket(sequence_number=seq, timestamp=timestamp, marker=marker)
    p._data = bytes([seq % 256])  # type: ignore[attr-defined]
    return p


def frames(buffer: JitterBuffer, packets: list[RtpPacket]) -> list[tuple[int, int, bytes]]:
    """(index of the packet that completed it, timestamp, data) of each frame released."""
    out = []
    for index, p in enumerate(packets):
        _pli, frame = buffer.add(p)
        if frame is not None:
            out.append((index, frame.timestamp, frame.data))
    return out


def test_a_frame_is_released_at_its_last_packet_not_at_the_next_frame() -> None:
    stream = [
        packet(1, 3000),
        packet(2, 3000),
        packet(3, 3000, marker=True),
        packet(4, 6000),
        packet(5, 6000, marker=True),
        packet(6, 9000),
    ]
    assert frames(JitterBuffer(capacity=128, is_video=True), stream) == [
        (3, 3000, b"\x01\x02\x03"),  # aiortc: only when packet 4 arrives
        (5, 6000, b"\x04\x05"),
    ]
    assert frames(MarkerJitterBuffer(128), stream) == [
        (2, 3000, b"\x01\x02\x03"),
        (4, 6000, b"\x04\x05"),
    ]


def test_a_missing_packet_holds_the_frame_until_the_retransmission_fills_it() -> None:
    buffer = MarkerJitterBuffer(128)
    assert frames(buffer, [packet(1, 3000), packet(3, 3000, marker=True)]) == []
    _pli, filled = buffer.add(packet(2, 3000))  # the retransmission completes it
    assert filled is not None and (filled.timestamp, filled.data) == (3000, b"\x01\x02\x03")
    assert frames(buffer, [packet(4, 6000, marker=True)]) == [(0, 6000, b"\x04")]


def test_a_lost_marked_packet_holds_its_frame_and_the_next_until_it_comes_again() -> None:
    buffer = MarkerJitterBuffer(128)
    assert frames(buffer, [packet(1, 3000), packet(2, 3000), packet(4, 6000, marker=True)]) == []
    _pli, filled = buffer.add(packet(3, 3000, marker=True))  # the retransmission
    assert filled is not None and filled.timestamp == 3000
    assert frames(buffer, [packet(5, 9000)]) == [(0, 6000, b"\x04")]
