"""One peer connection to one other member of a call, over aiortc.

The session knows nothing of WebSockets: it takes a ``send`` coroutine for the signals it
produces (perfect-negotiation style, webrtc/samples ``peer.js``) and is fed the far side's
signals through :meth:`PeerSession.receive`. Signals are plain dicts shaped like the
browser's RTCSessionDescriptionInit and RTCIceCandidateInit.

aiortc cannot roll back a local offer, so an aiortc peer is always the *impolite* side
(RFC 8829 JSEP glare): it ignores an offer that collides with its own. aiortc gathers all
its candidates before ``setLocalDescription`` returns, so its SDP carries them and it sends
no trickle candidates; it does accept the browser's trickled ones.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aiortc import (
    RTCConfiguration,
    RTCDataChannel,
    RTCIceCandidate,
    RTCIceServer,
    RTCIceTransportPolicy,
    RTCPeerConnection,
    RTCRtpSender,
    RTCRtpTransceiver,
    RTCSessionDescription,
)
from aiortc.mediastreams import MediaStreamTrack
from aiortc.sdp import candidate_from_sdp

from media.aiortc_internals import floor_reported_bitrate, video_jitter_buffer, watch_remb
from media.documents import CHANNEL_LABEL, SHOWN_LABEL, Document, DocumentSender, serve_receiver
from media.encoder import EncodedTrack
from media.exceptions import SignalError
from media.ice import report_ice_completion_promptly
from media.jitter import MarkerJitterBuffer, release_audio_on_arrival, release_frames_at_marker
from media.network import use_receive_buffers
from media.opus_decoder import fill_lost_sound
from media.quality import LinkSample
from media.receiver_reports import leave_outages_out_of_reports

log = logging.getLogger(__name__)

# Before any connection is made: lost packets of the sound received are filled
# (media/opus_decoder.py).
fill_lost_sound()

Signal = dict[str, Any]
SendSignal = Callable[[Signal], Awaitable[None]]

#: How long after a browser's end of candidates ICE is told of it (see
#: PeerSession._end_candidates_later).
END_OF_CANDIDATES_AFTER_S = 2.0
#: A receiver's bitrate report older than this says nothing of the link now (a receiver
#: that gets no video may stop reporting).
REMB_FRESH_S = 3.0


@dataclass(frozen=True)
class IceServerConfig:
    """One ICE server; the list is always explicit (aiortc's default calls a public STUN)."""

    urls: tuple[str, ...]
    username: str | None = None
    credential: str | None = None


def rtc_configuration(
    servers: Sequence[IceServerConfig], *, relay_only: bool = False
) -> RTCConfiguration:
    return RTCConfiguration(
        iceServers=[
            RTCIceServer(urls=list(s.urls), username=s.username, credential=s.credential)
            for s in servers
        ],
        iceTransportPolicy=(
            RTCIceTransportPolicy.RELAY if relay_only else RTCIceTransportPolicy.ALL
        ),
    )


def _parse_candidate(init: Signal) -> RTCIceCandidate | None:
    """An RTCIceCandidateInit as aiortc's object; None for the empty end-of-candidates one."""
    text = str(init.get("candidate") or "")
    if not text:
        return None
    candidate = candidate_from_sdp(text.removeprefix("candidate:"))
    candidate.sdpMid = init.get("sdpMid")
    candidate.sdpMLineIndex = init.get("sdpMLineIndex")
    return candidate


def _share_lost(before: tuple[int, int], after: tuple[int, int]) -> float:
    """The share of packets lost between two readings of (received, lost) counters."""
    got, lost = after[0] - before[0], max(0, after[1] - before[1])
    if got < 0 or got + lost == 0:
        return 0.0  # a counter that went back (a new stream): nothing to tell yet
    return lost / (got + lost)


#: How long closing a connection is waited for. The media stops within milliseconds (aiortc
#: stops senders and receivers first), and on a working network the whole close takes a
#: round trip or three; what can take long is the end: deleting each TURN allocation,
#: which aioice retransmits for 63 s when the TURN server cannot be reached (an outage,
#: another network). That goes on in the background, and what it does not finish the TURN
#: server frees at the allocation's expiry.
CLOSE_WAIT_S = 0.5
#: Connections still closing in the background (a reference keeps their task alive).
_closing: set[asyncio.Task[None]] = set()


async def close_connection(pc: RTCPeerConnection) -> None:
    """Close ``pc``; return once it is closed or after :data:`CLOSE_WAIT_S`, whichever
    comes first, so that no caller (a replacement, the customer leaving the queue) waits
    on an unreachable TURN server."""
    closing = asyncio.ensure_future(pc.close())
    _closing.add(closing)
    closing.add_done_callback(_closed)
    await asyncio.wait({closing}, timeout=CLOSE_WAIT_S)


def _closed(closing: asyncio.Task[None]) -> None:
    _closing.discard(closing)
    if not closing.cancelled() and closing.exception() is not None:
        log.warning("closing a connection failed: %r", closing.exception())


def prefer_shared_codecs(transceiver: RTCRtpTransceiver, kind: str) -> None:
    """The shared encoders make VP8 and Opus, so a connection fed by them must send those."""
    wanted = ("video/vp8", "video/rtx") if kind == "video" else ("audio/opus",)
    codecs = RTCRtpSender.getCapabilities(kind).codecs
    transceiver.setCodecPreferences([c for c in codecs if c.mimeType.lower() in wanted])


class PreparedOffer:
    """A kiosk's first connection of a call, made and its offer gathered while the
    customer waits in the queue.

    aiortc gathers every candidate before its offer leaves, a TURN allocation included
    (two round trips to the TURN server), and that used to be on the call's set-up path,
    after the clerk's click. Prepared, the offer is sent the moment the call starts. It
    carries no tracks yet (the camera is not encoded for nobody): the shared encoder's
    are put on its senders then (:class:`PeerSession`, ``prepared``). Its channel for
    documents is opened now, as an initiator's is, so one negotiation covers both.
    """

    def __init__(self, ice_servers: Sequence[IceServerConfig], *, relay_only: bool) -> None:
        self.relay_only = relay_only
        self.made_at = time.monotonic()
        self.pc = RTCPeerConnection(rtc_configuration(ice_servers, relay_only=relay_only))
        self.documents_channel = self.pc.createDataChannel(CHANNEL_LABEL)
        for kind in ("audio", "video"):
            prefer_shared_codecs(self.pc.addTransceiver(kind, direction="sendrecv"), kind)
        self._gathered = asyncio.ensure_future(self._gather())

    async def _gather(self) -> None:
        await self.pc.setLocalDescription(await self.pc.createOffer())

    def age_s(self) -> float:
        return time.monotonic() - self.made_at

    async def ready(self) -> bool:
        """Once its candidates are gathered: True, or False when gathering failed (the
        caller then makes a connection the usual way)."""
        try:
            await asyncio.shield(self._gathered)
        except Exception as exc:  # aiortc and aioice fail with many kinds
            log.warning("a prepared connection could not gather its candidates: %r", exc)
            return False
        return self.pc.localDescription is not None

    async def close(self) -> None:
        self._gathered.cancel()
        await close_connection(self.pc)


class PeerSession:
    """A peer connection to ``peer_id``; the initiator sends the first offer (made ahead
    when ``prepared`` is given: :class:`PreparedOffer`)."""

    def __init__(
        self,
        *,
        peer_id: str,
        initiator: bool,
        ice_servers: Sequence[IceServerConfig],
        relay_only: bool = False,
        send: SendSignal,
        tracks: Sequence[MediaStreamTrack],
        on_remote_track: Callable[[MediaStreamTrack], None],
        on_state: Callable[[str], None] = lambda state: None,
        log_id: str = "",
        connect_timeout_s: float = 20.0,
        generation: int = 1,
        prepared: PreparedOffer | None = None,
        offer_given: bool = False,
    ) -> None:
        self.peer_id = peer_id
        self.initiator = initiator
        use_receive_buffers()
        report_ice_completion_promptly()  # DTLS starts 0-20 ms sooner
        #: Which connection of this pair this is: a replacement has the next generation
        #: (docs/resilience.md); it goes out with every signal.
        self.generation = generation
        self._send = send
        self._tracks = list(tracks)
        self._tracks_added = False
        self._pending_candidates: list[RTCIceCandidate | None] = []
        self._log_id = log_id or peer_id
        self._closed = False
        self._on_state = on_state
        self._tasks: set[asyncio.Task[None]] = set()
        #: The far side's last bitrate report for our video (REMB) and when it came.
        self._remb: tuple[int, float] | None = None
        #: Inbound packets (received, lost) and bytes sent, with when, at the last sample.
        self._inbound_seen = (0, 0)
        self._outbound_seen = (0, 0)
        self._sent_seen: tuple[int, float] | None = None
        #: The bitrate we report to the far side for its video (REMB) at least, in bit/s:
        #: the caller's judgement of the link (media/quality.py, least_signer_report).
        self.least_reported_bitrate = 0
        #: True when this connection's offer was made while the customer queued.
        self.prepared = prepared is not None
        #: True when the far side was given that offer with its call.started (the server
        #: held it): it is not sent again, the answer is awaited.
        self.offer_given = offer_given and prepared is not None
        self.pc = (
            prepared.pc
            if prepared is not None
            else RTCPeerConnection(rtc_configuration(ice_servers, relay_only=relay_only))
        )

        @self.pc.on("track")
        def _on_track(track: MediaStreamTrack) -> None:
            for receiver in self.pc.getReceivers():
                if receiver.track is track:
                    leave_outages_out_of_reports(receiver)
                if receiver.track is track and track.kind == "video":
                    release_frames_at_marker(receiver)  # a frame interval less of delay
                    floor_reported_bitrate(receiver, lambda: self.least_reported_bitrate)
                elif receiver.track is track and track.kind == "audio":
                    release_audio_on_arrival(receiver)  # four frames less of delay
            on_remote_track(track)

        #: Documents to this peer (media/documents.py). The initiator opens the channel
        #: before its offer so that one negotiation covers media and data.
        self.documents: DocumentSender | None = None
        #: Called with each document the far side shows us (on its "shown" channel).
        self.on_shown_document: Callable[[Document], None] = lambda document: None
        if prepared is not None:
            self.documents = DocumentSender(prepared.documents_channel)
        elif initiator:
            self.documents = DocumentSender(self.pc.createDataChannel(CHANNEL_LABEL))
        self.pc.on("datachannel", self._on_datachannel)
        # aiortc reports no failure when it cannot reach a TURN server (a wrong secret
        # leaves it in "new" for ever, docs/stack-facts.md): give up on our own.
        self._watchdog = asyncio.get_event_loop().call_later(
            connect_timeout_s, self._connect_timed_out
        )

        @self.pc.on("connectionstatechange")
        def _state_changed() -> None:
            log.info("%s peer %s: %s", self._log_id, peer_id, self.pc.connectionState)
            if self.pc.connectionState == "connected":
                self._watchdog.cancel()
                # The key frame made when this connection subscribed to the shared encoder
                # went out before DTLS was up, and was lost: the receiver needs one now.
                for sender in self.pc.getSenders():
                    if isinstance(sender.track, EncodedTrack) and sender.track.kind == "video":
                        sender.track.request_keyframe()
            on_state(self.pc.connectionState)

    def reopen_documents(self) -> bool:
        """A new documents channel on the same connection (the old one closed), so that an
        interrupted transfer resumes on it; False when the connection itself is gone."""
        if not self.initiator or self._closed or self.pc.connectionState != "connected":
            return False
        old = self.documents
        self.documents = DocumentSender(self.pc.createDataChannel(CHANNEL_LABEL))
        if old is not None:
            self.documents.on_request = old.on_request
        return True

    def _on_datachannel(self, channel: RTCDataChannel) -> None:
        if channel.label == CHANNEL_LABEL and self.documents is None:
            self.documents = DocumentSender(channel)
        elif channel.label == SHOWN_LABEL:
            log.info("%s peer %s: a channel to show documents", self._log_id, self.peer_id)
            serve_receiver(channel, lambda document: self.on_shown_document(document))

    def _connect_timed_out(self) -> None:
        if not self._closed and self.pc.connectionState != "connected":
            log.warning(
                "%s peer %s: not connected in time (%s)",
                self._log_id,
                self.peer_id,
                self.pc.connectionState,
            )
            self._on_state("failed")

    @property
    def state(self) -> str:
        return str(self.pc.connectionState)

    def _add_tracks(self) -> None:
        """The local tracks on the connection: on the senders a prepared offer (or the
        far side's offer) already has, else on new ones (aiortc's addTrack)."""
        if not self._tracks_added:
            for track in self._tracks:
                sender = self.pc.addTrack(track)
                if isinstance(track, EncodedTrack):
                    self._use_shared_encoder(sender, track)
            self._tracks_added = True

    def _use_shared_encoder(self, sender: RTCRtpSender, track: EncodedTrack) -> None:
        track.attach_sender(sender)
        if track.kind == "video":
            watch_remb(sender, self._on_remb)
        transceiver = next(t for t in self.pc.getTransceivers() if t.sender is sender)
        prefer_shared_codecs(transceiver, track.kind)

    async def start(self) -> None:
        """Add local tracks; the initiator also sends its offer (made now, or while the
        customer queued)."""
        if self.initiator:
            self._add_tracks()
            if self.pc.localDescription is None:
                await self.pc.setLocalDescription(await self.pc.createOffer())
            if not self.offer_given:
                await self._send_description()

    async def _send_description(self) -> None:
        local = self.pc.localDescription
        await self._send(
            {"description": {"type": local.type, "sdp": local.sdp}, "generation": self.generation}
        )

    async def packets_received(self) -> int:
        """A pulse of the path from the peer: RTP packets received from it so far, plus
        the packets its receiver reports have reached it. A member that sends no media
        (a console without a camera or microphone answers recvonly) still reports what it
        receives, so its path is seen alive; during an outage neither grows."""
        if self._closed:
            return 0
        stats = await self.pc.getStats()
        return sum(
            int(getattr(report, "packetsReceived", 0) or 0)
            for report in stats.values()
            if getattr(report, "type", "") in ("inbound-rtp", "remote-inbound-rtp")
        )

    @property
    def far_reported_bitrate(self) -> int | None:
        """The far side's latest bitrate report for our video (REMB, unclamped), however
        old; None before the first."""
        return self._remb[0] if self._remb is not None else None

    def _on_remb(self, bitrate: int) -> None:
        self._remb = (bitrate, asyncio.get_running_loop().time())

    async def link_sample(self) -> LinkSample | None:
        """This connection's link since the last sample: the bitrate the far side can take
        (if it said so lately), the share of packets lost, the worse way, and the round
        trip; None when the connection is not up."""
        if self._closed or self.pc.connectionState != "connected":
            return None
        stats = await self.pc.getStats()
        rtt = None
        received = lost = sent = 0
        far_received = far_lost = 0  # what the far side's receiver reports got through
        for report in stats.values():
            kind = getattr(report, "type", "")
            if kind == "remote-inbound-rtp":
                far_received += int(getattr(report, "packetsReceived", 0) or 0)
                far_lost += int(getattr(report, "packetsLost", 0) or 0)
                if getattr(report, "roundTripTime", None) is not None:
                    rtt = max(rtt or 0.0, float(report.roundTripTime))
            elif kind == "outbound-rtp":
                sent += int(getattr(report, "bytesSent", 0) or 0)
            elif kind == "inbound-rtp":
                received += int(getattr(report, "packetsReceived", 0) or 0)
                lost += int(getattr(report, "packetsLost", 0) or 0)
        # From the counters, not a report's "fraction lost": a receiver that sends its
        # reports seldom (at a low bitrate) would have its last fraction counted again.
        loss_in = _share_lost(self._inbound_seen, (received, lost))
        loss_out = _share_lost(self._outbound_seen, (far_received, far_lost))
        self._inbound_seen, self._outbound_seen = (received, lost), (far_received, far_lost)
        now = asyncio.get_running_loop().time()
        sending = None
        if self._sent_seen is not None and now > self._sent_seen[1]:
            sending = int((sent - self._sent_seen[0]) * 8 / (now - self._sent_seen[1]))
        self._sent_seen = (sent, now)
        bitrate = None
        if self._remb is not None and now - self._remb[1] <= REMB_FRESH_S:
            bitrate = self._remb[0]
        if rtt is not None:
            for receiver in self.pc.getReceivers():
                buffer = video_jitter_buffer(receiver)
                if isinstance(buffer, MarkerJitterBuffer):
                    buffer.round_trip_s = rtt
        return LinkSample(bitrate, max(loss_out, loss_in), rtt, sending, loss_out)

    async def receive(
        self,
        *,
        description: Signal | None = None,
        candidate: Signal | None = None,
        end_of_candidates: bool = False,
        generation: int = 1,
    ) -> None:
        """Apply one signal from the far side; SignalError when it cannot be applied. A
        signal of another generation belongs to another connection of this pair: dropped."""
        if self._closed or generation != self.generation:
            return
        try:
            if description is not None:
                await self._receive_description(description)
            elif candidate is not None:
                parsed = _parse_candidate(candidate)
                if self.pc.remoteDescription is None:
                    self._pending_candidates.append(parsed)
                else:
                    await self.pc.addIceCandidate(parsed)
            elif end_of_candidates and self.pc.remoteDescription is not None:
                self._end_candidates_later()
        except (ValueError, AttributeError, KeyError, IndexError, TypeError, AssertionError) as exc:
            # aiortc reports malformed SDP or candidates with any of these.
            raise SignalError(f"cannot apply signal from {self.peer_id}: {exc!r}") from exc

    def _end_candidates_later(self) -> None:
        """Tell ICE that the far side has no more candidates, a moment from now. aioice
        fails at once when none of the candidates given pairs with ours (a browser whose
        only host candidate is one we cannot reach), even while that browser's own
        checks are on their way and would reveal a working peer-reflexive path."""

        async def end() -> None:
            await asyncio.sleep(END_OF_CANDIDATES_AFTER_S)  # the browser's checks' head start
            if not self._closed and self.pc.connectionState not in ("connected", "closed"):
                await self.pc.addIceCandidate(None)

        task = asyncio.ensure_future(end())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _receive_description(self, description: Signal) -> None:
        kind = description["type"]
        if kind not in ("offer", "answer") or not str(description["sdp"]).startswith("v=0"):
            raise ValueError("not an SDP offer or answer (RFC 8866 starts with v=0)")
        if kind == "offer" and self.pc.signalingState != "stable":
            # Impolite side of perfect negotiation: our own offer wins the collision.
            log.info("%s ignoring colliding offer from %s", self._log_id, self.peer_id)
            return
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=description["sdp"], type=kind))
        if kind == "offer":
            self._add_tracks()
            await self.pc.setLocalDescription(await self.pc.createAnswer())
            await self._send_description()
        pending, self._pending_candidates = self._pending_candidates, []
        for candidate in pending:
            await self.pc.addIceCandidate(candidate)

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._watchdog.cancel()
            for task in list(self._tasks):
                task.cancel()
            await close_connection(self.pc)
            for track in self._tracks:  # made for this connection alone
                track.stop()
