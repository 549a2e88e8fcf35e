"""The marker-aware video jitter buffer and the arrival-order audio buffer against
aiortc's own."""

from __future__ import annotations

from aiortc import RTCConfiguration, RTCPeerConnection
from aiortc.jitterbuffer import JitterBuffer
from aiortc.rtp import RtpPacket

from media.aiortc_internals import audio_jitter_buffer, jitter_buffer, video_jitter_buffer
from media.jitter import AudioArrivalBuffer, MarkerJitterBuffer, release_audio_on_arrival

KEY = b"\x00\x00\x00\x9d\x01\x2a" + b"k" * 10  # a VP8 key frame's first bytes (RFC 6386 9.1)
DELTA = b"\x01\x00\x00" + b"d" * 10


def packet(seq: int, timestamp: int, *, marker: bool = False) -> RtpPacket:
    p = RtpPacket(sequence_number=seq, timestamp=timestamp, marker=marker)
    p._data = bytes([seq % 256])  # type: ignore[attr-defined]
    return p


def started(capacity: int = 128) -> MarkerJitterBuffer:
    """A buffer whose stream began with a key frame (sequence 0): what follows may refer to
    it (a new stream waits for its key frame: see the tests below)."""
    buffer = MarkerJitterBuffer(capacity)
    first = RtpPacket(sequence_number=0, timestamp=0, marker=True)
    first._data = KEY  # type: ignore[attr-defined]
    assert buffer.add(first)[1] is not None
    return buffer


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
    assert frames(started(), stream) == [
        (2, 3000, b"\x01\x02\x03"),
        (4, 6000, b"\x04\x05"),
    ]


def test_a_missing_packet_holds_the_frame_until_the_retransmission_fills_it() -> None:
    buffer = started()
    assert frames(buffer, [packet(1, 3000), packet(3, 3000, marker=True)]) == []
    _pli, filled = buffer.add(packet(2, 3000))  # the retransmission completes it
    assert filled is not None and (filled.timestamp, filled.data) == (3000, b"\x01\x02\x03")
    assert frames(buffer, [packet(4, 6000, marker=True)]) == [(0, 6000, b"\x04")]


def test_a_lost_marked_packet_holds_its_frame_and_the_next_until_it_comes_again() -> None:
    buffer = started()
    assert frames(buffer, [packet(1, 3000), packet(2, 3000), packet(4, 6000, marker=True)]) == []
    _pli, filled = buffer.add(packet(3, 3000, marker=True))  # the retransmission
    assert filled is not None and filled.timestamp == 3000
    assert frames(buffer, [packet(5, 9000)]) == [(0, 6000, b"\x04")]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def vp8(seq: int, timestamp: int, data: bytes, *, marker: bool = True) -> RtpPacket:
    p = RtpPacket(sequence_number=seq, timestamp=timestamp, marker=marker)
    p._data = data  # type: ignore[attr-defined]
    return p


def test_a_gap_that_does_not_fill_asks_for_a_key_frame_within_200_ms() -> None:
    """After an outage the first packets are missing for good. aiortc would wait ~512
    packets; this buffer asks for a key frame 200 ms into the stall and shows the picture
    as soon as the key frame arrives, never the broken frames in between."""
    clock = Clock()
    buffer = MarkerJitterBuffer(512, clock=clock)
    assert buffer.add(vp8(1, 3000, KEY))[1] is not None
    # Packet 2 is lost for good; frames 3.. arrive, one every 33 ms.
    plis, released = [], []
    for seq in range(3, 40):
        clock.now += 0.033
        pli, frame = buffer.add(vp8(seq, 3000 * seq, DELTA if seq != 20 else KEY))
        plis.append((round(clock.now - 100.0, 3), pli))
        if frame is not None:
            released.append(seq)
    first_pli = next(t for t, pli in plis if pli)
    assert first_pli <= 0.033 * 8, f"key frame asked for {first_pli} s into the stall"
    assert buffer.stalls == 1
    assert released[0] == 20, "nothing until the key frame, then everything"
    assert released == list(range(20, 40))


def test_a_retransmission_within_200_ms_fills_the_gap_without_a_key_frame() -> None:
    clock = Clock()
    buffer = MarkerJitterBuffer(512, clock=clock)
    buffer.add(vp8(1, 3000, KEY))
    for seq in (3, 4):
        clock.now += 0.03
        assert buffer.add(vp8(seq, 3000 * seq, DELTA)) == (False, None)
    clock.now += 0.05  # the RTX of packet 2 comes 110 ms after the loss
    pli, frame = buffer.add(vp8(2, 6000, DELTA))
    assert not pli and frame is not None and frame.timestamp == 6000
    assert buffer.stalls == 0


def test_on_a_long_round_trip_the_repair_is_given_two_round_trips() -> None:
    """At 150 ms and a queue the retransmission comes some 250 ms after the loss: giving up
    at 200 ms cost a key frame (a second of frozen signs on a thin link) for every burst."""
    clock = Clock()
    buffer = MarkerJitterBuffer(512, clock=clock)
    buffer.round_trip_s = 0.2
    buffer.add(vp8(1, 3000, KEY))
    plis = []
    for seq in range(3, 15):  # packet 2 lost; 360 ms of later frames
        clock.now += 0.03
        pli, frame = buffer.add(vp8(seq, 3000 * seq, DELTA))
        plis.append(pli)
        assert frame is None
    pli, frame = buffer.add(vp8(2, 6000, DELTA))  # the retransmission, 360 ms on
    assert not any(plis) and not pli and buffer.stalls == 0
    assert frame is not None and frame.timestamp == 6000
    # A gap that does not fill is given up after two round trips (400 ms), as before.
    clock = Clock()
    buffer = MarkerJitterBuffer(512, clock=clock)
    buffer.round_trip_s = 0.2
    buffer.add(vp8(1, 3000, KEY))
    asked_at = None
    for seq in range(3, 40):
        clock.now += 0.03
        if buffer.add(vp8(seq, 3000 * seq, DELTA))[0] and asked_at is None:
            asked_at = clock.now - 100.0
    assert asked_at is not None and 0.4 <= asked_at <= 0.5 and buffer.stalls == 1


def test_a_lost_key_frame_request_is_repeated() -> None:
    clock = Clock()
    buffer = MarkerJitterBuffer(512, clock=clock)
    buffer.add(vp8(1, 3000, KEY))
    plis = []
    for seq in range(3, 80):
        clock.now += 0.033
        plis.append(buffer.add(vp8(seq, 3000 * seq, DELTA))[0])
    assert sum(plis) >= 4, "asked again twice a second while no key frame came"


def one_frame_a_packet(
    buffer: MarkerJitterBuffer, clock: Clock, seqs: range, *, key_at: int
) -> tuple[list[bool], list[int]]:
    """Frames of one packet each, 33 ms apart, delta frames but a key frame at ``key_at``:
    whether each asked for a key frame, and which were released."""
    plis, released = [], []
    for seq in seqs:
        clock.now += 0.033
        pli, frame = buffer.add(vp8(seq, 3000 * seq, KEY if seq == key_at else DELTA))
        plis.append(pli)
        if frame is not None:
            released.append(seq)
    return plis, released


def test_after_a_jump_past_the_buffer_only_a_key_frame_brings_the_picture_back() -> None:
    """A long outage: the next packet is more than the buffer's 512 ahead, so aiortc empties
    the buffer and asks for a key frame once. The frames that follow refer to pictures
    that never came: none is shown (CI saw them counted as the picture being back, then
    no picture for 1.5 s), and the request is repeated until the key frame comes."""
    clock = Clock()
    buffer = MarkerJitterBuffer(512, clock=clock)
    buffer.add(vp8(1, 3000, KEY))
    plis, released = one_frame_a_packet(buffer, clock, range(2000, 2060), key_at=2045)
    assert plis[0], "the key frame asked for at the jump"
    assert sum(plis[:45]) >= 3, "and asked again twice a second while it did not come"
    assert released == list(range(2045, 2060)), "nothing until the key frame, then everything"


def test_a_new_stream_that_starts_without_its_key_frame_asks_for_one_at_once() -> None:
    """The sender's first key frame went out before the connection carried it (a call
    made again after an outage): aiortc would hand the decoder frames it cannot decode
    and ask for nothing, and Chromium sends no key frame unasked. The first delta frame
    asks for one; nothing shows until it comes. A stream that starts with its key frame
    asks for nothing."""
    clock = Clock()
    buffer = MarkerJitterBuffer(512, clock=clock)
    plis, released = one_frame_a_packet(buffer, clock, range(500, 545), key_at=530)
    assert plis[0], "asked for at the first frame that is not a key frame"
    assert sum(plis[:30]) >= 2, "and again twice a second while it did not come"
    assert released == list(range(530, 545)), "nothing until the key frame, then everything"

    clock = Clock()
    buffer = MarkerJitterBuffer(512, clock=clock)
    plis = []
    for seq in range(700, 730):
        clock.now += 0.033
        plis.append(buffer.add(vp8(seq, 3000 * seq, KEY if seq == 700 else DELTA))[0])
    assert not any(plis)


def test_key_frames_are_recognised() -> None:
    from media.jitter import is_vp8_key_frame

    assert is_vp8_key_frame(KEY) and not is_vp8_key_frame(DELTA) and not is_vp8_key_frame(b"")


def test_audio_goes_to_the_decoder_as_each_packet_arrives() -> None:
    """aiortc's audio buffer releases a frame only when four more are in (80 ms)."""
    ours = frames(AudioArrivalBuffer(), [packet(seq, seq * 960) for seq in range(6)])
    assert [index for index, _, _ in ours] == [0, 1, 2, 3, 4, 5]
    theirs = frames(JitterBuffer(capacity=16, prefetch=4), [packet(s, s * 960) for s in range(6)])
    assert [index for index, _, _ in theirs] == [4, 5]


def test_a_lost_audio_packet_holds_nothing_and_a_late_or_repeated_one_is_dropped() -> None:
    buffer = AudioArrivalBuffer()
    arriving = [packet(seq, seq * 960) for seq in (65534, 65535, 1, 0, 1, 2)]  # 0 lost, late
    released = frames(buffer, arriving)
    assert [ts for _, ts, _ in released] == [65534 * 960, 65535 * 960, 960, 2 * 960]
    assert buffer.late == 2
    theirs = frames(JitterBuffer(capacity=16, prefetch=4), [packet(s, s * 960) for s in (0, 2, 3)])
    assert theirs == []  # aiortc's waits at the gap until 16 packets have come behind it


async def test_the_audio_receiver_gets_the_arrival_buffer_and_video_keeps_its_own() -> None:
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    audio = pc.addTransceiver("audio").receiver
    video = pc.addTransceiver("video").receiver
    assert audio_jitter_buffer(audio) is not None  # aiortc's, until replaced
    release_audio_on_arrival(audio)
    release_audio_on_arrival(video)
    assert isinstance(jitter_buffer(audio), AudioArrivalBuffer)
    assert video_jitter_buffer(video) is jitter_buffer(video)
    await pc.close()
