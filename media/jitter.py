"""Video frames handed to the decoder as soon as their last packet is in.

aiortc's jitter buffer knows a frame is complete only when the first packet of the *next*
frame arrives (a new RTP timestamp), so every picture the kiosk receives waits one frame
interval (about 33 ms at 30 fps) before it is even decoded. The sender marks the last
packet of each frame with the RTP marker bit (RFC 7741 for VP8, RFC 6184 for H.264):
this buffer releases a frame as soon as it holds every packet of it up to the marked one
(at the marked packet, or at the retransmission that fills the last gap), and keeps
aiortc's rule besides.
"""

from __future__ import annotations

from aiortc.jitterbuffer import JitterBuffer, JitterFrame
from aiortc.rtcrtpreceiver import RTCRtpReceiver
from aiortc.rtp import RtpPacket

from media.aiortc_internals import packet_payload, replace_jitter_buffer, video_jitter_buffer

#: aiortc's own size for video.
VIDEO_CAPACITY = 512


class MarkerJitterBuffer(JitterBuffer):
    def __init__(self, capacity: int = VIDEO_CAPACITY) -> None:
        super().__init__(capacity=capacity, is_video=True)

    def add(self, packet: RtpPacket) -> tuple[bool, JitterFrame | None]:
        pli, frame = super().add(packet)
        if frame is None:
            frame = self._first_frame_if_complete()
        return pli, frame

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


def release_frames_at_marker(receiver: RTCRtpReceiver) -> None:
    """Give a video receiver the marker-aware buffer, before any packet has arrived.

    aiortc has no public way to choose the buffer (media/aiortc_internals.py).
    """
    current = video_jitter_buffer(receiver)
    if current is not None and not isinstance(current, MarkerJitterBuffer):
        replace_jitter_buffer(receiver, MarkerJitterBuffer(current.capacity))
