"""The kiosk's camera and microphone, encoded once for every peer connection of a call.

aiortc gives each RTCRtpSender an encoder of its own, so in a three-way call the kiosk
would convert and encode every camera frame twice (aiortc issue #1155), on a small
machine that also decodes two incoming videos. Here one VP8 encoder runs per kiosk:
each peer connection gets an :class:`EncodedTrack` whose ``recv`` hands out the
already encoded ``av.Packet``; aiortc's sender then only packetises it (its documented
path for pre-encoded media), with its own RTP sequence numbers, picture ids, NACK
history and RTX.

Two things of a sender still matter to the shared encoder and are routed to it when the
track is attached (:meth:`EncodedTrack.attach_sender`): a key frame asked for by
any receiver (PLI/FIR) is produced for all, which also lets a newly joined receiver start
decoding; and the bitrate each receiver can take (REMB, which aiortc's sender stores on
its packetiser) is read back, and the encoder follows the lowest. What the link carries
(the picture's size, stills, none) is the quality ladder's to say (media/quality.py,
:meth:`SharedVideoEncoder.follow`): it makes the picture smaller before it drops frames,
since sign language needs the frame rate more than the detail (EN 301 549 asks for at
least 20 fps).

The microphone is shared the same way (one Opus encoder, :class:`SharedAudioEncoder`),
so muting it mutes every peer at once.
"""

from __future__ import annotations

import asyncio
import fractions
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import av
import cv2
import numpy as np
from aiortc import RTCRtpSender
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from media.aiortc_internals import reported_bitrate, route_keyframe_requests
from media.quality import VideoPlan

log = logging.getLogger(__name__)

#: Before the first receiver report: about what Chromium starts at (300 kbit/s with the
#: sound). aiortc's 500 kbit/s lost half the packets of a call begun on a 300 kbit/s link
#: in its first seconds (bench/thin_link.py), and a report comes within a second anyway.
START_BITRATE = 250_000
#: Re-creating the encoder (how libvpx takes a new bitrate here) costs a key frame, so
#: follow the receivers' estimate at most this often, and only for a change of 15 % or more.
RECONFIGURE_EVERY_S = 2.0
RECONFIGURE_CHANGE = 0.15
#: Within a step, the picture's size changes at most this often (each change is a key frame).
RESIZE_EVERY_S = 4.0
#: Queued packets per receiver; one that falls further behind skips to the next key frame.
QUEUE_PACKETS = 4


class _SharedEncoder:
    """One encoder fed by one source subscription, fanned out to several senders: the
    source is opened when the first peer connection subscribes and closed when the last
    one stops, and each frame is encoded once, on a thread of the encoder's own."""

    kind = ""

    def __init__(self, open_source: Callable[[], MediaStreamTrack]) -> None:
        self._open_source = open_source
        self._subscribers: set[EncodedTrack] = set()
        self._task: asyncio.Task[None] | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{self.kind}-encoder")
        #: What tests and benchmarks read: frames encoded (once, whatever the peers).
        self.frames_encoded = 0

    def subscribe(self) -> EncodedTrack:
        """A track for one more peer connection; the encoder runs while any is live."""
        track = EncodedTrack(self)
        self._subscribers.add(track)
        self.request_keyframe()  # the new receiver needs a picture to start from
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._run())
        return track

    def request_keyframe(self) -> None:
        """Only video has key frames."""

    def _unsubscribe(self, track: EncodedTrack) -> None:
        self._subscribers.discard(track)

    async def _run(self) -> None:
        source = self._open_source()
        loop = asyncio.get_running_loop()
        try:
            while self._subscribers:
                try:
                    frame = await source.recv()
                except MediaStreamError:
                    break
                if not self._subscribers:
                    break
                assert isinstance(frame, av.frame.Frame)
                packets = await loop.run_in_executor(self._pool, self._encode, frame)
                for packet in packets:
                    for track in list(self._subscribers):
                        track._deliver(packet)
        finally:
            source.stop()
            for track in list(self._subscribers):
                track._deliver(None)
            self._reset()

    def _encode(self, frame: av.frame.Frame) -> list[av.Packet]:
        raise NotImplementedError

    def _reset(self) -> None:
        """The source ended: the next subscriber starts a fresh encoder."""

    def close(self) -> None:
        for track in list(self._subscribers):
            track.stop()
        self._pool.shutdown(wait=False)


#: Packed RGB (the test pattern) and OpenCV's BGR (a camera) to the encoder's I420 by
#: OpenCV: measured here on a 640x480 frame, 0.11 ms against swscale's 0.47 (with the
#: copies in and out of PyAV's frames), on a path where every millisecond is one of the
#: customer's picture's delay at the clerk (media/stamp.py; bench/display.py).
_OPENCV_TO_I420 = {"rgb24": cv2.COLOR_RGB2YUV_I420, "bgr24": cv2.COLOR_BGR2YUV_I420}


def to_i420(frame: av.VideoFrame, width: int, height: int) -> av.VideoFrame:
    """``frame`` as the encoder takes it: yuv420p at ``width`` x ``height``. A camera's
    frame at its own size is converted by OpenCV; any other (scaled for a thinner link,
    or in another format) by swscale, which scales and converts in one pass."""
    conversion = _OPENCV_TO_I420.get(frame.format.name)
    if conversion is None or (width, height) != (frame.width, frame.height):
        return frame.reformat(width=width, height=height, format="yuv420p")
    planar = cv2.cvtColor(frame.to_ndarray(), conversion).astype(np.uint8, copy=False)
    return av.VideoFrame.from_ndarray(planar, format="yuv420p")


def fit_within(width: int, height: int, box: tuple[int, int]) -> tuple[int, int]:
    """``width`` x ``height`` scaled down (never up) to fit ``box``, even sides."""
    scale = min(1.0, box[0] / width, box[1] / height)
    return (max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2))


class SharedVideoEncoder(_SharedEncoder):
    """VP8 for the camera: key frames on request, bitrate after the receivers, and a
    smaller picture before fewer frames."""

    kind = "video"

    def __init__(self, open_source: Callable[[], MediaStreamTrack]) -> None:
        super().__init__(open_source)
        self._codec: av.VideoCodecContext | None = None
        self._bitrate = START_BITRATE
        self._configured_at = 0.0
        self._keyframe_wanted = True
        self.keyframes = 0
        self.size: tuple[int, int] = (0, 0)
        self.plan = VideoPlan()
        self._still_at = -1e9
        self._resized_at = -1e9

    def request_keyframe(self) -> None:
        self._keyframe_wanted = True

    def follow(self, plan: VideoPlan) -> None:
        """Send what the link's step allows from the next frame on. Within a step, a new
        picture size (which costs a key frame) is taken at most every RESIZE_EVERY_S, so
        that a bitrate report wavering about a threshold does not cost frames."""
        if plan == self.plan:
            return
        now = time.monotonic()
        same_kind = (
            plan.size is not None
            and self.plan.size is not None
            and plan.still_every_s == self.plan.still_every_s
        )
        if same_kind and plan.size != self.plan.size:
            if now - self._resized_at < RESIZE_EVERY_S:
                plan = VideoPlan(self.plan.size, plan.still_every_s, plan.bitrate)
            else:
                self._resized_at = now
        if self.plan.size is None or plan.still_every_s:
            self._keyframe_wanted = True  # pictures again: start from a whole one
        if plan.still_every_s != self.plan.still_every_s:
            self._still_at = -1e9
        self.plan = plan

    def _target_bitrate(self) -> int:
        if self.plan.bitrate is not None:
            return self.plan.bitrate
        wanted = [b for t in list(self._subscribers) if (b := t.receiver_bitrate()) is not None]
        reported = min(wanted) if wanted else START_BITRATE
        return reported if self.plan.most is None else min(reported, self.plan.most)

    def _reset(self) -> None:
        self._codec = None

    def _encode(self, frame: av.frame.Frame) -> list[av.Packet]:
        """Runs on the encoder's own thread: convert and scale once, encode once."""
        assert isinstance(frame, av.VideoFrame)
        plan = self.plan
        now = time.monotonic()
        if plan.size is None:
            return []  # sound only: the camera waits
        if plan.still_every_s:
            if now - self._still_at < plan.still_every_s:
                return []
            self._still_at = now
            self._keyframe_wanted = True  # each still stands alone: any may be the first
        keyframe, self._keyframe_wanted = self._keyframe_wanted, False
        bitrate = self._target_bitrate()
        if self._codec is not None and (
            abs(bitrate - self._bitrate) / self._bitrate >= RECONFIGURE_CHANGE
            and now - self._configured_at >= RECONFIGURE_EVERY_S
        ):
            self._codec = None
        if self._codec is None:
            self._bitrate = bitrate
            self._configured_at = now
        width, height = fit_within(frame.width, frame.height, plan.size)
        if self._codec is not None and (width, height) != self.size:
            self._codec = None
        if self._codec is None:
            self._codec = _vp8_codec(width, height, self._bitrate)
            self.size = (width, height)
            keyframe = True  # a new encoder starts with one anyway
        image = to_i420(frame, width, height)
        image.pts, image.time_base = frame.pts, frame.time_base
        if keyframe:
            image.pict_type = av.video.frame.PictureType.I
        encoded = self._codec.encode(image)
        data = b"".join(bytes(p) for p in encoded)
        if not data:
            return []
        self.frames_encoded += 1
        is_key = any(p.is_keyframe for p in encoded)
        if is_key:
            self.keyframes += 1
        packet = av.Packet(data)
        packet.is_keyframe = is_key  # a paused receiver resumes at one (EncodedTrack.pause)
        packet.pts = frame.pts
        packet.time_base = frame.time_base or fractions.Fraction(1, 90_000)
        return [packet]


class SharedAudioEncoder(_SharedEncoder):
    """Opus for the microphone, 20 ms packets at 48 kHz as WebRTC expects."""

    kind = "audio"

    def __init__(self, open_source: Callable[[], MediaStreamTrack]) -> None:
        super().__init__(open_source)
        self._codec: av.AudioCodecContext | None = None
        self._resampler: av.AudioResampler | None = None
        #: Samples sent so far: each packet's time, across a change of bitrate (a new
        #: encoder, whose own clock starts again).
        self._samples_sent = 0
        self.bitrate = OPUS_BITRATE
        #: The share of packets (percent) the receivers are expected to lose: Opus's
        #: in-band copies are sized by it (media/sound_protection.py); 0 sends none.
        self.expected_loss_pct = 0
        self._codec_settings = (OPUS_BITRATE, 0)

    def _reset(self) -> None:
        self._codec, self._resampler, self._samples_sent = None, None, 0

    def follow(self, bitrate: int) -> None:
        """Opus at ``bitrate`` from the next frame on (the link's step)."""
        self.bitrate = bitrate

    def protect(self, expected_loss_pct: int) -> None:
        """From the next frame on, carry a copy of each packet in the next one, sized
        for ``expected_loss_pct`` percent lost (0: none)."""
        self.expected_loss_pct = expected_loss_pct

    def _encode(self, frame: av.frame.Frame) -> list[av.Packet]:
        assert isinstance(frame, av.AudioFrame)
        settings = (self.bitrate, self.expected_loss_pct)
        if self._codec is not None and self._codec_settings != settings:
            self._codec = None  # libopus takes new settings with a new encoder (FFmpeg's)
        if self._codec is None:
            self._codec = _opus_codec(*settings)
            self._codec_settings = settings
        if self._resampler is None:
            self._resampler = av.AudioResampler(
                format="s16", layout="stereo", rate=OPUS_RATE, frame_size=OPUS_FRAME
            )
        packets: list[av.Packet] = []
        for chunk in self._resampler.resample(frame):
            packets += self._codec.encode(chunk)
        for packet in packets:
            packet.pts = self._samples_sent
            packet.time_base = fractions.Fraction(1, OPUS_RATE)
            self._samples_sent += OPUS_FRAME
        self.frames_encoded += len(packets)
        return packets


OPUS_RATE = 48_000
OPUS_FRAME = 960  # 20 ms
OPUS_BITRATE = 48_000


def _opus_codec(bitrate: int = OPUS_BITRATE, expected_loss_pct: int = 0) -> av.AudioCodecContext:
    """libopus for speech: 48 kHz stereo as WebRTC's Opus is negotiated, VoIP tuning;
    in-band FEC when loss is expected (which also keeps libopus on its speech coder,
    SILK, the only one that carries the copies)."""
    codec = av.CodecContext.create("libopus", "w")
    assert isinstance(codec, av.AudioCodecContext)
    codec.bit_rate = bitrate
    codec.format = "s16"
    codec.layout = "stereo"
    codec.sample_rate = OPUS_RATE
    codec.time_base = fractions.Fraction(1, OPUS_RATE)
    options = {"application": "voip"}
    if expected_loss_pct:
        options |= {"fec": "1", "packet_loss": str(expected_loss_pct)}
    codec.options = options
    return codec


def _vp8_codec(width: int, height: int, bitrate: int) -> av.VideoCodecContext:
    """libvpx for live video: real-time deadline, no look-ahead, constant bitrate, key
    frames only when a receiver asks (loss is repaired by NACK/RTX and PLI)."""
    codec = av.CodecContext.create("libvpx", "w")
    assert isinstance(codec, av.VideoCodecContext)
    codec.width, codec.height, codec.pix_fmt = width, height, "yuv420p"
    codec.bit_rate = bitrate
    codec.time_base = fractions.Fraction(1, 90_000)
    codec.gop_size = 3000
    codec.qmin, codec.qmax = 2, 56
    # One thread up to 640x480: a second costs more CPU than it saves (measured here:
    # 1.34 against 1.45 ms a frame at cpu-used -8); larger pictures get two.
    codec.thread_count = 2 if width * height > 640 * 480 else 1
    codec.options = {
        "deadline": "realtime",
        "cpu-used": "-8",
        "lag-in-frames": "0",
        "bufsize": str(bitrate),
        "minrate": str(bitrate),
        "maxrate": str(bitrate),
        "undershoot-pct": "100",
        "overshoot-pct": "15",
        "static-thresh": "1",
        "partitions": "0",
    }
    return codec


class EncodedTrack(MediaStreamTrack):
    """One peer connection's view of a shared encoder: encoded packets, not frames."""

    def __init__(self, encoder: _SharedEncoder) -> None:
        super().__init__()
        self.kind = encoder.kind
        self._encoder = encoder
        self._queue: asyncio.Queue[av.Packet | None] = asyncio.Queue()
        self._sender: RTCRtpSender | None = None
        self._paused = False
        self._awaiting_keyframe = False

    def attach_sender(self, sender: RTCRtpSender) -> None:
        """Route the sender's key frame requests to the shared encoder, and let the
        encoder read the bitrate this receiver reports (video).

        aiortc has no public hook for either (media/aiortc_internals.py).
        """
        self._sender = sender
        route_keyframe_requests(sender, self._encoder.request_keyframe)

    def receiver_bitrate(self) -> int | None:
        return reported_bitrate(self._sender)

    def request_keyframe(self) -> None:
        """A key frame for this receiver (and, the encoder being shared, for all)."""
        self._encoder.request_keyframe()

    @property
    def paused(self) -> bool:
        return self._paused

    def pause(self, paused: bool) -> None:
        """Stop (or resume) sending this receiver pictures while the others still get
        them (media/quality.py, official_video_paused). Resuming waits for a key frame:
        the frames in between reference pictures this receiver never got."""
        if paused == self._paused:
            return
        self._paused = paused
        if not paused:
            self._awaiting_keyframe = True
            self._encoder.request_keyframe()

    def _deliver(self, packet: av.Packet | None) -> None:
        if self.readyState != "live":
            return
        if packet is not None and self._paused:
            return
        if packet is not None and self._awaiting_keyframe:
            if not packet.is_keyframe:
                return
            self._awaiting_keyframe = False
        if packet is not None and self._queue.qsize() >= QUEUE_PACKETS:
            # Behind: what is queued is useless without what was dropped; start again
            # from the next key frame.
            while not self._queue.empty():
                self._queue.get_nowait()
            self._awaiting_keyframe = self.kind == "video"
            self._encoder.request_keyframe()
            return
        self._queue.put_nowait(packet)

    async def recv(self) -> av.Packet:  # type: ignore[override]
        if self.readyState != "live":
            raise MediaStreamError
        packet = await self._queue.get()
        if packet is None:
            self.stop()
            raise MediaStreamError
        return packet

    def stop(self) -> None:
        super().stop()
        self._encoder._unsubscribe(self)
