"""Video frames handed to the decoder as soon as their last packet is in.

aiortc's jitter buffer knows a frame is complete only when the first packet of the *next*
frame arrives (a new RTP timestamp), so every picture the kiosk receives waits one frame
interval (about 33 ms at 30 fps) before it is even decoded. The sender marks the last
packet of each frame with the RTP marker bit (RFC 7741 for VP8, RFC 6184 for H.264):
this buffer releases a frame as soon as it holds every packet of it up to the marked one
(at the marked packet, or at the retransmission that fills the last gap), and keeps
aiortc's rule besides.

It also does not wait at a gap that will not fill. aiortc's buffer holds at the first
missing packet until some 512 packets later (3.5 to 6 s after an outage of a few seconds,
issue 14), so the picture came back long after the sound. Here, when packets keep arriving
while the oldest frame still lacks one for :data:`STALL_S`, or two round trips on a slow
link (retransmission had its chance), the buffer asks for a key frame (RTCP PLI, RFC 4585
6.3.1), drops the frames it cannot complete, and delivers nothing until that key frame:
the picture returns about one round trip later, never as a smear of frames decoded from
missing references. The same
holds when an outage is longer than the buffer (aiortc empties it at the jump and asks for
a key frame once): nothing is shown until the key frame, asked for twice a second. And for
a new stream (a call, or a connection made again after an outage) whose first frame is not
a key frame, because the sender made it before the connection could carry it: aiortc would
decode nothing and ask for nothing, and the picture would not come until the sender chose
to send a key frame (Chromium does not, unasked: CI saw a clerk's picture missing for good
after an outage of 45 s).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from aiortc.jitterbuffer import JitterBuffer, JitterFrame
from aiortc.rtcrtpreceiver import RTCRtpReceiver
from aiortc.rtp import RtpPacket
from aiortc.utils import uint16_add

from media.aiortc_internals import (
    audio_jitter_buffer,
    packet_payload,
    replace_jitter_buffer,
    video_jitter_buffer,
)

log = logging.getLogger(__name__)

#: aiortc's own size for video.
VIDEO_CAPACITY = 512
#: aiortc's own size for audio (the arrival-order buffer keeps no packet, only the shape).
AUDIO_CAPACITY = 16
#: How long a gap may hold the buffer while later packets arrive (NACK and RTX repair a
#: lost packet within a round trip) before it gives up on the gap and asks for a key frame.
STALL_S = 0.2
#: On a link with a long round trip the repair takes longer: a gap is given this many
#: round trips (a 4G link of 150 ms, queueing at 600 kbit/s, had its repairs given up just
#: before they came, and each cost a key frame: a second of frozen signs), up to STALL_MAX_S.
STALL_ROUND_TRIPS = 2.0
STALL_MAX_S = 1.0
#: While waiting for the key frame, ask again this often: a PLI can be lost, and a sender
#: ignores one that comes right after the key frame it just made (which may itself have
#: lost a packet).
PLI_REPEAT_S = 0.5
#: Give up waiting for a key frame after this long and deliver what comes.
KEYFRAME_WAIT_S = 3.0


def is_vp8_key_frame(data: bytes) -> bool:
    """A VP8 frame's payload (RFC 7741, descriptor removed) is a key frame: the frame tag's
    lowest bit is 0 and the start code 9d 01 2a follows (RFC 6386 9.1)."""
    return len(data) >= 6 and data[0] & 0x01 == 0 and data[3:6] == b"\x9d\x01\x2a"


class MarkerJitterBuffer(JitterBuffer):
    def __init__(
        self, capacity: int = VIDEO_CAPACITY, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(capacity=capacity, is_video=True)
        self._clock = clock
        self._blocked_at: int | None = None  # the origin at which the buffer is held
        self._blocked_since = 0.0
        #: Since when only a key frame may pass; a new stream starts there.
        self._keyframe_wanted_since: float | None = None
        #: When a key frame was last asked for (None: not yet while waiting for this one).
        self._last_pli: float | None = None
        self._fresh = True
        #: Times the buffer gave up a gap (for the tests and the logs).
        self.stalls = 0
        #: The connection's latest round trip, seconds (PeerSession.link_sample sets it).
        self.round_trip_s = 0.0

    @property
    def stall_s(self) -> float:
        """How long a gap may hold the buffer on this connection's link."""
        return min(STALL_MAX_S, max(STALL_S, STALL_ROUND_TRIPS * self.round_trip_s))

    def add(self, packet: RtpPacket) -> tuple[bool, JitterFrame | None]:
        pli, frame = super().add(packet)
        now = self._clock()
        if self._fresh:
            self._fresh = False
            self._keyframe_wanted_since = now  # asked for only if a delta frame comes first
        if pli and self._keyframe_wanted_since is None:
            # aiortc emptied the buffer at a jump (an outage longer than the buffer, or a
            # sender that started over): what follows refers to pictures that never came.
            log.info("video jumped past the buffer: asking for a key frame")
            self._keyframe_wanted_since = now
            self._last_pli = now
        if frame is None:
            frame = self._first_frame_if_complete()
        if frame is None and self._is_held():
            if self._blocked_at != self._origin:
                self._blocked_at, self._blocked_since = self._origin, now
            elif now - self._blocked_since >= self.stall_s:
                log.info("video held at a gap for %.1f s: asking for a key frame", self.stall_s)
                self._give_up_gap()
                self.stalls += 1
                self._keyframe_wanted_since = now
                self._last_pli = now
                return True, None
        elif frame is not None:
            self._blocked_at = None
        return self._until_key_frame(frame, pli, now)

    def _until_key_frame(
        self, frame: JitterFrame | None, pli: bool, now: float
    ) -> tuple[bool, JitterFrame | None]:
        """After a gap was given up, only a key frame (or, much later, anything) passes."""
        wanted = self._keyframe_wanted_since
        if wanted is None:
            return pli, frame
        if frame is None:
            # Still no frame: ask (again) once the last request, or the wait, is old.
            if now - (self._last_pli if self._last_pli is not None else wanted) >= PLI_REPEAT_S:
                self._last_pli = now
                return True, None
            return pli, frame
        if is_vp8_key_frame(frame.data) or now - wanted >= KEYFRAME_WAIT_S:
            if self._last_pli is not None:
                log.info("video resumes %.2f s after the key frame was asked for", now - wanted)
            self._keyframe_wanted_since = None
            self._last_pli = None
            return pli, frame
        # A frame that refers to one we never had: ask at once, then twice a second.
        if self._last_pli is None or now - self._last_pli >= PLI_REPEAT_S:
            self._last_pli = now
            pli = True
        return pli, None

    def _is_held(self) -> bool:
        """Packets after the oldest frame are in, but that frame cannot be completed yet."""
        if self._origin is None:
            return False
        first = self._packets[self._origin % self.capacity]
        for count in range(1, self.capacity):
            packet = self._packets[(self._origin + count) % self.capacity]
            if packet is not None and (first is None or packet.timestamp != first.timestamp):
                return True
        return False

    def _give_up_gap(self) -> None:
        """Drop everything before the newest frame boundary (the packet after the last
        marked one), so that the next complete frame can come out."""
        assert self._origin is not None
        last_marker = None
        for count in range(self.capacity):
            packet = self._packets[(self._origin + count) % self.capacity]
            if packet is not None and packet.marker:
                last_marker = count
        self.remove(self.capacity if last_marker is None else last_marker + 1)
        if last_marker is None:
            self._origin = None
        self._blocked_at = None

    def _first_frame_if_complete(self) -> JitterFrame | None:
        """The oldest frame, if its packets from the buffer's start to a marked one are
        all in (a gap, or no marked packet yet: not complete)."""
        if self._origin is None:
            return None
        parts: list[RtpPacket] = []
        for count in range(self.capacity):
            packet = self._packets[(self._origin + count) % self.capacity]
            if packet is None or (parts and packet.timestamp != parts[0].timestamp):
                return None
            parts.append(packet)
            if packet.marker:
                self.remove(count + 1)
                data = b"".join(packet_payload(p) for p in parts)
                return JitterFrame(data=data, timestamp=packet.timestamp)
        return None


class AudioArrivalBuffer(JitterBuffer):
    """Each audio packet (one Opus frame) goes to the decoder when it arrives.

    aiortc's audio buffer holds four frames before it releases the first (80 ms of added
    delay, measured by bench/audio.py: the kiosk heard the clerk 33 ms later than a
    Chromium page did), and at a lost packet holds everything until 16 packets have come
    behind it (320 ms of silence, then a burst). Here nothing waits: a packet older than
    the last one released (reordered, or repeated) is dropped, as a late one would be; the
    kiosk's sound output (media/playback.py) keeps its own small buffer against jitter, and
    Opus needs no frame but its own to decode.
    """

    def __init__(self) -> None:
        super().__init__(capacity=AUDIO_CAPACITY)
        self._last: int | None = None
        #: Packets dropped as late or repeated (for the tests and the logs).
        self.late = 0

    def add(self, packet: RtpPacket) -> tuple[bool, JitterFrame | None]:
        if (
            self._last is not None
            and not 0 < uint16_add(packet.sequence_number, -self._last) < 0x8000
        ):
            self.late += 1
            return False, None
        self._last = packet.sequence_number
        return False, JitterFrame(data=packet_payload(packet), timestamp=packet.timestamp)


def release_audio_on_arrival(receiver: RTCRtpReceiver) -> None:
    """Give an audio receiver the arrival-order buffer, before any packet has arrived."""
    if audio_jitter_buffer(receiver) is not None:
        replace_jitter_buffer(receiver, AudioArrivalBuffer())


def release_frames_at_marker(receiver: RTCRtpReceiver) -> None:
    """Give a video receiver the marker-aware buffer, before any packet has arrived.

    aiortc has no public way to choose the buffer (media/aiortc_internals.py).
    """
    current = video_jitter_buffer(receiver)
    if current is not None and not isinstance(current, MarkerJitterBuffer):
        replace_jitter_buffer(receiver, MarkerJitterBuffer(current.capacity))
