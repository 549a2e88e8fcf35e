"""Every private part of aiortc this project touches, in one place, checked at import.

aiortc has no public hook for six things the kiosk needs: routing a receiver's key
frame request (RTCP PLI/FIR) to an encoder shared by several peer connections, reading
the bitrate a receiver reports (REMB) as it is (aiortc's encoder clamps it to 250 kbit/s
or more, which hides a thin link), choosing the video jitter buffer (to release a
frame at its marked last packet and to ask for a key frame as soon as a gap stalls it),
and holding up the bitrate the kiosk itself reports to a sender (REMB) when its own delay
estimate collapses (media/session.py, ``least_reported_bitrate``), leaving what was
sent into an outage out of the loss the kiosk reports (media/receiver_reports.py), and
decoding Opus with a decoder that fills lost packets (media/opus_decoder.py).
A minor aiortc release could rename any of these and silently freeze video after loss,
so pyproject.toml pins the minor release this was written for, and importing this module
checks that each attribute still exists, raising :class:`UnsupportedAiortc` naming the
version otherwise. tests/test_media.py drives each path with real peer connections.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import aiortc
import aiortc.rtcrtpreceiver
from aiortc.codecs import CODECS
from aiortc.codecs.base import Decoder
from aiortc.jitterbuffer import JitterBuffer
from aiortc.rtcrtpparameters import RTCRtpCodecParameters
from aiortc.rtcrtpreceiver import RTCRtpReceiver, StreamStatistics
from aiortc.rtcrtpsender import RTCRtpSender
from aiortc.rtp import RTCP_PSFB_APP, RtcpPsfbPacket, RtpPacket, unpack_remb_fci

from media.exceptions import MediaError

#: The aiortc release these accessors were written and tested for.
WRITTEN_FOR = "1.16"

_JITTER_BUFFER = "_RTCRtpReceiver__jitter_buffer"
_SENDER_ENCODER = "_RTCRtpSender__encoder"
_REMOTE_ESTIMATOR = "_RTCRtpReceiver__remote_bitrate_estimator"
_REMOTE_STREAMS = "_RTCRtpReceiver__remote_streams"


def _is_opus(codec: RTCRtpCodecParameters) -> bool:
    return codec.mimeType.lower() == "audio/opus"


class UnsupportedAiortc(MediaError):
    """The installed aiortc lacks a private attribute the media layer relies on."""


def _check() -> None:
    """Raise UnsupportedAiortc unless every private part used below exists."""
    missing: list[str] = []
    if not aiortc.__version__.startswith(WRITTEN_FOR + "."):
        missing.append(f"version {WRITTEN_FOR}.x (found {aiortc.__version__})")
    receiver_source = inspect.getsource(RTCRtpReceiver)
    if "self.__jitter_buffer" not in receiver_source:
        missing.append("RTCRtpReceiver.__jitter_buffer")
    if "self.__remote_bitrate_estimator.add(" not in receiver_source:
        missing.append("RTCRtpReceiver.__remote_bitrate_estimator")
    if "self.__remote_streams[packet.ssrc] = StreamStatistics(" not in receiver_source:
        missing.append("RTCRtpReceiver.__remote_streams")
    stream = StreamStatistics(clockrate=90000)
    for name in ("_clockrate", "base_seq", "max_seq"):
        if not hasattr(stream, name):
            missing.append(f"StreamStatistics.{name}")
    for name in ("add", "packets_lost", "fraction_lost"):
        if not hasattr(StreamStatistics, name):
            missing.append(f"StreamStatistics.{name}")
    if "_send_rtcp_pli" not in receiver_source:
        missing.append("RTCRtpReceiver._send_rtcp_pli")
    sender_source = inspect.getsource(RTCRtpSender)
    if not callable(getattr(RTCRtpSender, "_send_keyframe", None)):
        missing.append("RTCRtpSender._send_keyframe")
    if "self.__encoder" not in sender_source:
        missing.append("RTCRtpSender.__encoder")
    if not inspect.iscoroutinefunction(getattr(RTCRtpSender, "_handle_rtcp_packet", None)):
        missing.append("RTCRtpSender._handle_rtcp_packet")
    if not hasattr(RTCRtpSender, "_ssrc") and "self._ssrc" not in sender_source:
        missing.append("RTCRtpSender._ssrc")
    buffer = JitterBuffer(capacity=16, is_video=True)
    for name in ("_origin", "_packets", "capacity", "remove", "_is_video"):
        if not hasattr(buffer, name):
            missing.append(f"JitterBuffer.{name}")
    if "packet._data = " not in receiver_source:  # set on each packet as it is depacketised
        missing.append("RtpPacket._data")
    if "decoder = get_decoder(codec)" not in inspect.getsource(
        aiortc.rtcrtpreceiver.decoder_worker
    ):
        missing.append("rtcrtpreceiver.decoder_worker's get_decoder")
    if not any(_is_opus(codec) for codec in CODECS["audio"]):
        missing.append("codecs.CODECS['audio'] with Opus")
    if missing:
        raise UnsupportedAiortc(
            f"aiortc {aiortc.__version__} lacks what media/ relies on: {', '.join(missing)};"
            f" install aiortc {WRITTEN_FOR}.x (pyproject.toml pins it)"
        )


_check()


def route_keyframe_requests(sender: RTCRtpSender, on_request: Callable[[], None]) -> None:
    """Call ``on_request`` whenever this sender's receiver asks for a key frame (PLI/FIR)
    instead of aiortc's own per-sender encoder."""
    sender._send_keyframe = on_request  # type: ignore[method-assign]


def reported_bitrate(sender: RTCRtpSender | None) -> int | None:
    """The bitrate the receiver last reported (REMB), as aiortc's packetiser holds it."""
    packetiser = getattr(sender, _SENDER_ENCODER, None)
    bitrate = getattr(packetiser, "target_bitrate", None)
    return int(bitrate) if bitrate is not None else None


def watch_remb(sender: RTCRtpSender, on_bitrate: Callable[[int], None]) -> None:
    """Call ``on_bitrate`` with each bitrate the receiver reports for this sender's stream
    (REMB, unclamped), before aiortc handles the packet as it would anyway."""
    handle = sender._handle_rtcp_packet

    async def handle_and_watch(packet: Any) -> None:
        if isinstance(packet, RtcpPsfbPacket) and packet.fmt == RTCP_PSFB_APP:
            try:
                bitrate, ssrcs = unpack_remb_fci(packet.fci)
            except ValueError:
                pass
            else:
                if sender._ssrc in ssrcs:
                    on_bitrate(bitrate)
        await handle(packet)

    sender._handle_rtcp_packet = handle_and_watch  # type: ignore[method-assign]


def floor_reported_bitrate(receiver: RTCRtpReceiver, least: Callable[[], int]) -> bool:
    """Report (REMB) no less than ``least()`` bit/s for this receiver's stream, whatever
    aiortc's delay-based estimate says; False when the receiver has no estimator (audio).

    aiortc times each packet's arrival when its event loop gets to it, not when the socket
    had it: on a kiosk busy decoding, that wait reads as a queue building on the link, the
    estimate falls to 85 % of what arrives, and the sender, capped by it, sends less, so it
    never climbs back (measured: 45-70 kbit/s on a 600 kbit/s link with room)."""
    estimator = getattr(receiver, _REMOTE_ESTIMATOR, None)
    if estimator is None:
        return False
    estimate = estimator.add

    def add_with_floor(**packet: Any) -> tuple[int, list[int]] | None:
        reported = estimate(**packet)
        if reported is None:
            return None
        bitrate, ssrcs = reported
        return max(bitrate, least()), ssrcs

    estimator.add = add_with_floor
    return True


def jitter_buffer(receiver: RTCRtpReceiver) -> JitterBuffer | None:
    """The buffer the receiver hands its packets to."""
    current = getattr(receiver, _JITTER_BUFFER, None)
    return current if isinstance(current, JitterBuffer) else None


def video_jitter_buffer(receiver: RTCRtpReceiver) -> JitterBuffer | None:
    """The receiver's jitter buffer if it is the video one, else None."""
    current = jitter_buffer(receiver)
    return current if current is not None and getattr(current, "_is_video", False) else None


def audio_jitter_buffer(receiver: RTCRtpReceiver) -> JitterBuffer | None:
    """The receiver's jitter buffer if it is aiortc's own audio one, else None."""
    current = jitter_buffer(receiver)
    return current if type(current) is JitterBuffer and not current._is_video else None


def replace_jitter_buffer(receiver: RTCRtpReceiver, buffer: JitterBuffer) -> None:
    setattr(receiver, _JITTER_BUFFER, buffer)


class _StreamsKeptBy(dict[int, StreamStatistics]):
    """A receiver's statistics per stream, each made by ``make`` (given the clock rate)
    instead of aiortc's class, which the receiver names as it meets a new stream."""

    def __init__(self, make: Callable[[int], StreamStatistics]) -> None:
        super().__init__()
        self._make = make

    def __setitem__(self, ssrc: int, stream: StreamStatistics) -> None:
        if type(stream) is StreamStatistics:
            stream = self._make(stream._clockrate)
        super().__setitem__(ssrc, stream)


def keep_stream_statistics(
    receiver: RTCRtpReceiver, make: Callable[[int], StreamStatistics]
) -> None:
    """Have this receiver count each stream it meets from now on with ``make(clockrate)``
    (what its reports and stats say was received and lost)."""
    streams = _StreamsKeptBy(make)
    streams.update(getattr(receiver, _REMOTE_STREAMS))  # any already met, as they are
    setattr(receiver, _REMOTE_STREAMS, streams)


def packet_payload(packet: RtpPacket) -> bytes:
    """The depacketised payload aiortc's receiver stores on each RTP packet."""
    return packet._data  # type: ignore[attr-defined,no-any-return]


async def send_picture_loss(receiver: RTCRtpReceiver, media_ssrc: int) -> None:
    """Send a real RTCP PLI for ``media_ssrc`` from this receiver (RFC 4585, 6.3.1)."""
    send: Callable[[int], Any] = receiver._send_rtcp_pli  # type: ignore[attr-defined]
    await send(media_ssrc)


def decode_opus_with(make: Callable[[], Decoder]) -> None:
    """From now on every receiver in this process decodes Opus with ``make()``: aiortc
    picks a receiver's decoder by codec from a module-level function, in its decoding
    thread. (The codec table, and so every offer and answer, is left as it is: asking
    senders for Opus's in-band copies, ``useinbandfec=1``, made the thin-link sign-language
    call worse; docs/resilience.md.)"""
    original = _ORIGINAL_GET_DECODER

    def get_decoder(codec: RTCRtpCodecParameters) -> Decoder:
        return make() if _is_opus(codec) else original(codec)

    aiortc.rtcrtpreceiver.get_decoder = get_decoder  # type: ignore[assignment]


_ORIGINAL_GET_DECODER = aiortc.rtcrtpreceiver.get_decoder
