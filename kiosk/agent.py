"""The kiosk's brain without a face: signalling, the visit, and the call's media.

Both faces use it: the PySide6 window (through kiosk.qt.controller, which turns the
listener calls into Qt signals) and the headless virtual kiosk of the demo, tests and
benchmarks. It owns the SignalingClient, the Visit state machine and one PeerSession
per other member of the call.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
import ssl
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeVar

from aiortc.mediastreams import MediaStreamTrack

from kiosk import __version__, selftest
from kiosk.connection import (
    DEFAULT_BACKOFF,
    IN_CALL_BACKOFF,
    Backoff,
    ConnectionState,
    SignalingClient,
)
from kiosk.recovery import PairHealth, reason_to_replace
from kiosk.visit import InvalidTransition, Visit, VisitEvent, VisitState
from media.documents import Document, DocumentError, Receipt, TransferInterrupted
from media.encoder import EncodedTrack
from media.exceptions import SignalError
from media.network import host_addresses
from media.quality import (
    QualityLadder,
    Step,
    combine,
    least_signer_report,
    official_video_paused,
)
from media.send_rate import LossBasedRate
from media.session import IceServerConfig, PeerSession, PreparedOffer, SendSignal, Signal
from media.sinks import TrackPump
from media.sound_protection import SoundProtection
from media.sources import LocalMedia
from media.turn_probe import working_turn_url
from media.watch import Flow
from protocol import messages as p

log = logging.getLogger(__name__)
T = TypeVar("T")

#: How often the guard samples each member's media.
GUARD_EVERY_S = 0.5
#: How often the call's link is measured for its quality step (media/quality.py).
QUALITY_EVERY_S = 1.0
#: How long a TURN probe's verdict holds (media/turn_probe.py).
TURN_CHOICE_S = 600.0
#: While the customer queues, a probe that found no TURN transport is tried again after
#: this long: a moment's failure (the TURN server restarting) must not decide the
#: transport of ten minutes of calls.
TURN_RETRY_S = 5.0
#: How long a cut document transfer waits for a channel to resume on (a connection made
#: again after an outage takes some seconds), and how often it looks.
RESUME_WITHIN_S = 30.0
DOCUMENTS_LOOK_S = 0.2
#: A connection prepared while queued is used for at most this long (its host candidates
#: may have gone stale); the next queue status prepares a new one after half of it.
PREPARED_FOR_S = 300.0


class AgentListener:
    """What the agent tells its face. Override what you show; the defaults do nothing."""

    def connection_changed(self, state: ConnectionState) -> None: ...

    def visit_changed(self, state: VisitState) -> None: ...

    def agencies_changed(self, agencies: Sequence[p.AgencyInfo]) -> None: ...

    def queue_changed(self, status: p.QueueStatus) -> None: ...

    def remote_video(self, pump: TrackPump, peer: str) -> None:
        """Video from call member ``peer`` ("clerk", "interpreter-1", ...) started."""

    def remote_audio(self, pump: TrackPump, peer: str) -> None: ...

    def peer_joined(self, peer: p.CallPeer) -> None:
        """Someone (an interpreter) joined the call; their video follows."""

    def peer_left(self, peer: str) -> None:
        """Someone left the call, which goes on: take their picture away."""

    def interpreter_changed(self, status: p.InterpreterStatus) -> None:
        """The call's interpreter was asked for, joined, left, or could not be found."""

    def chat_received(self, line: p.Chat, mine: bool) -> None:
        """A line of the call's text chat (``mine``: this kiosk wrote it)."""

    def chat_draft_received(self, draft: p.ChatDraft) -> None:
        """What another member is writing now (real-time text); empty: nothing."""

    def media_state_changed(self, peer: str, state: str) -> None: ...

    def quality_changed(self, step: Step) -> None:
        """The call's link carries less (or more) now: show the customer which step."""

    def document_received(self, receipt: Receipt) -> None:
        """The clerk's console has the document, verified: show the customer a receipt."""

    def document_requested(self) -> None:
        """The clerk asks the customer to hand in a document now."""

    def document_shown(self, document: Document) -> None:
        """The clerk shows the customer a document (a form, a decision) for this call."""

    def peer_presence(self, peer: str, online: bool) -> None:
        """Another member's connection to the server dropped (False) or came back."""

    def self_tested(self, report: selftest.SelfTestReport) -> None:
        """A self-test ended; a device it found failed (or working again) is in
        ``agent.health`` already."""

    def notice(self, code: str) -> None:
        """Something the customer should be told: "join_refused", "offline", "call_ended",
        "connection_lost", "transferred", "place_lost", "no_clerk", "appointment_refused",
        "appointment_wait"; or may be: "service_paused" and "service_normal" (the server's
        database did not answer for a moment), "change_held" (a paused server refused
        what the customer asked for; it is sent again by itself)."""


class KioskAgent:
    """One kiosk's session with the server, across visits and reconnections."""

    def __init__(
        self,
        server_url: str,
        token: str,
        media: LocalMedia,
        listener: AgentListener | None = None,
        *,
        backoff: Backoff = DEFAULT_BACKOFF,
        tls: ssl.SSLContext | None = None,
        self_test_at: dt.time | None = None,
    ) -> None:
        """``tls``: how the server's certificate is checked over wss:// (None: against
        the system's authorities). ``self_test_at``: the time of day of the daily
        self-test (kiosk/selftest.py), which also runs once connected; None: only when
        an operator asks."""
        self.media = media
        self.listener = listener or AgentListener()
        self.visit = Visit()
        self.agencies: list[p.AgencyInfo] = []
        self.point_name = ""
        #: The call just ended, which the feedback screen rates.
        self.last_call_id: str | None = None
        #: The agency of a call the network cut off, which the customer may call again at
        #: the head of its queue (for ten minutes, the server's rule).
        self.cut_off_agency: str | None = None
        self._backoff = backoff
        self.client = SignalingClient(
            ws_url(server_url),
            token,
            on_message=self._on_message,
            on_state=self._on_connection,
            backoff=backoff,
            tls=tls,
        )
        self.call: p.CallStarted | None = None
        self.sessions: dict[str, PeerSession] = {}
        #: member id -> who they are in the call, and how our connection to them fares
        self.peers: dict[str, p.CallPeer] = {}
        self.pairs: dict[str, PairHealth] = {}
        self._guard: asyncio.Task[None] | None = None
        #: The step the call's link is on (media/quality.py); a new one for each call.
        self.ladder = QualityLadder()
        #: How much of the sound is sent twice (media/sound_protection.py); per call.
        self.sound_protection = SoundProtection()
        #: The most the kiosk sends, by the loss its receivers report (media/send_rate.py).
        self.send_rate = LossBasedRate()
        self._quality_at = 0.0
        #: The step the server (and so the others) last heard of; None: tell it again.
        self._quality_told: Step | None = Step.FULL
        #: The TURN URL that works from here (media/turn_probe.py), and when it was found;
        #: forgotten after TURN_CHOICE_S or when this kiosk's address changes.
        self.turn_url: str | None = None
        self._turn_checked = -TURN_CHOICE_S
        #: The TURN URLs of the server's welcome, probed while the customer waits in the
        #: queue, so that a firewalled kiosk's call does not start with the probe's wait.
        self._turn_urls: tuple[str, ...] = ()
        self._turn_probe: asyncio.Task[None] | None = None
        self._turn_retry: asyncio.TimerHandle | None = None
        #: The last queue.status: what a connection prepared again is made with.
        self._queue_status: p.QueueStatus | None = None
        #: The call's first connection, made and its offer gathered while the customer
        #: waits (media/session.py, PreparedOffer); None when it could not be.
        self._preparing: asyncio.Task[PreparedOffer | None] | None = None
        #: The prepared offer handed to the server for the clerk's console (queue.offer);
        #: None when the server holds none of ours.
        self._sent_ahead: SentAhead | None = None
        self._offer_numbers = itertools.count(1)
        #: member id -> the pumps of that member's audio and video
        self.pumps: dict[str, list[TrackPump]] = {}
        #: member id -> the shared encoder's track of our camera to that member
        self._video_to: dict[str, EncodedTrack] = {}
        self._task: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[Any]] = set()
        self._joined_by_code = False
        #: The last change of each kind sent, and those a paused server refused
        #: (service_paused): sent again when it says "normal", if still wanted.
        self._changes: dict[str, p.Message] = {}
        self._refused_while_paused: dict[str, p.Message] = {}
        self._stopping = False
        #: Devices the agent cannot see itself; the face fills them in.
        self.health: dict[str, str] = {"speaker": "unknown", "document_camera": "unknown"}
        #: How the face checks what the agent cannot reach itself (None: it cannot).
        self.speaker_check: Callable[[], Awaitable[p.SelfTestResult]] | None = None
        self.document_camera_check: Callable[[], Awaitable[p.SelfTestResult]] | None = None
        self.printer_check: Callable[[], Awaitable[p.SelfTestResult]] | None = None
        self.last_self_test: selftest.SelfTestReport | None = None
        self._self_test_at = self_test_at
        self._self_test_wanted = self_test_at is not None  # once connected
        self._self_testing = False
        self._pongs: dict[int, asyncio.Future[None]] = {}
        self._pings = itertools.count(1)
        # A camera or microphone that stops mid-call is reported; the call goes on.
        media.video_source.on("ended", lambda: self._device_lost("camera"))
        media.audio_source.on("ended", lambda: self._device_lost("microphone"))

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        self._task = asyncio.ensure_future(self.client.run())
        if self._self_test_at is not None:
            self._spawn(self._self_test_daily(self._self_test_at))

    async def stop(self) -> None:
        self._stopping = True
        self._forget_turn()
        await self._discard_prepared(withdraw=False)  # the server forgets it with us
        await self._close_call()
        await self.client.close()
        if self._task is not None:
            await self._task
        self.media.stop()

    # --- what the customer does ----------------------------------------------------------

    def begin(self) -> None:
        self._apply(VisitEvent.BEGIN)

    def back(self) -> None:
        self._apply(VisitEvent.BACK)

    async def join(
        self,
        agency: str | None,
        language: str,
        *,
        appointment: str | None = None,
        interpreter: str | None = None,
    ) -> bool:
        """Ask for a place in a queue, by agency or by appointment code (and, if the
        customer needs one, an interpreter of ``interpreter``); the visit moves on when
        the server agrees."""
        if self.visit.state is not VisitState.CHOOSING:
            return False
        request = p.QueueJoin(
            agency=agency, appointment=appointment, language=language, interpreter=interpreter
        )
        self._joined_by_code = appointment is not None
        sent = await self._send_change(request)
        if not sent:
            self.listener.notice("offline")
        elif self._turn_urls:
            self._probe_turn_ahead()
        return sent

    async def leave(self) -> None:
        if self.visit.state is VisitState.QUEUED:
            if not await self._send_change(p.QueueLeave()):
                self._apply(VisitEvent.LEFT)

    async def hang_up(self) -> None:
        call = self.call
        if call is not None:
            await self._send_change(p.CallEnd(call_id=call.call_id))
            await self._end_call()
            self.listener.notice("call_ended")

    async def send_document(
        self, document: Document, on_progress: Callable[[int, int], None] = lambda s, t: None
    ) -> Receipt:
        """Hand a document to the clerk over the call's data channel; the receipt once the
        clerk's console has verified it. DocumentError (with a message for the customer's
        screen) when there is no call or the transfer fails.

        A transfer cut while the call goes on (the channel closed, or the whole connection
        to the clerk made again after a stall) resumes by itself on the new channel within
        RESUME_WITHIN_S: the console kept what arrived, so only the rest travels, and the
        customer is not asked to send it again."""
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + RESUME_WITHIN_S
        while True:
            session = self.sessions.get("clerk")
            if self.call is None or session is None or session.documents is None:
                raise DocumentError("there is no call to send the document in")
            try:
                receipt = await session.documents.send(document, on_progress)
                break
            except TransferInterrupted:
                if loop.time() >= give_up_at:
                    raise
                log.info("documents: the transfer was cut; resuming on a new channel")
                if session.documents.channel.readyState != "open":
                    session.reopen_documents()
                await self._documents_channel_open(give_up_at)
        self.listener.document_received(receipt)
        return receipt

    async def _documents_channel_open(self, give_up_at: float) -> None:
        """Until the clerk's connection (this one, or the one made again) has an open
        documents channel; TransferInterrupted at ``give_up_at``."""
        loop = asyncio.get_running_loop()
        while loop.time() < give_up_at:
            session = self.sessions.get("clerk")
            if self.call is None:
                raise DocumentError("there is no call to send the document in")
            if session is not None and session.documents is not None:
                if session.documents.channel.readyState == "open":
                    return
            await asyncio.sleep(DOCUMENTS_LOOK_S)
        raise TransferInterrupted

    async def send_chat(self, text: str) -> bool:
        """A line of text for everyone in the call; it shows when the server echoes it."""
        text = text.strip()[:1000]
        if self.call is None or not text:
            return False
        return await self.client.send(p.ChatSend(call_id=self.call.call_id, text=text))

    async def send_draft(self, text: str) -> bool:
        """The line the customer is writing, as it stands, for the others to read before
        Send (real-time text; the caller paces it)."""
        if self.call is None:
            return False
        return await self.client.send(p.ChatDraftSend(call_id=self.call.call_id, text=text[:1000]))

    async def give_feedback(self, score: int | None, reason: str | None = None) -> None:
        """The customer's rating of the call that ended (None: skipped); then a clean start."""
        if self.visit.state is not VisitState.FEEDBACK:
            return
        if score is not None and self.last_call_id is not None:
            await self._send_change(
                p.Feedback(call_id=self.last_call_id, score=score, reason=reason)  # type: ignore[arg-type]
            )
        self.last_call_id = None
        self._apply(VisitEvent.FEEDBACK_DONE)

    async def reset_visit(self) -> None:
        """The customer walked away (idle time ran out): leave any queue, skip the rating,
        and start clean for the next person. A running call is never cut this way."""
        state = self.visit.state
        if state is VisitState.IN_CALL:
            return
        if state is VisitState.QUEUED:
            await self._send_change(p.QueueLeave())
        self.last_call_id = None
        self._apply(VisitEvent.RESET)

    def set_muted(self, muted: bool) -> None:
        self.media.set_muted(muted)

    # --- what the server says ------------------------------------------------------------

    def _on_connection(self, state: ConnectionState) -> None:
        if state is ConnectionState.OPEN and self.call is not None:
            # The link is back: repair what cannot come back by itself now, not at the
            # guard's next sample; say again what the link carries.
            self._spawn(self._check_pairs(time.monotonic()))
            self._quality_told = None
        if state is ConnectionState.RECONNECTING:
            # The server keeps our place or call for a grace period, and a call's media
            # flows peer to peer meanwhile: carry on and reconcile on the next welcome.
            self._apply(VisitEvent.CONNECTION_LOST)
        self.listener.connection_changed(state)

    async def _on_message(self, message: p.ServerMessage) -> None:
        match message:
            case p.Welcome(name=name, agencies=agencies):
                self.point_name = name
                self.agencies = list(agencies)
                self._turn_urls = tuple(message.turn_urls)
                # Connected again, perhaps from another address: a connection prepared
                # before says nothing of this one (the next queue status makes one); the
                # server forgot its offer when the last connection dropped.
                await self._discard_prepared(withdraw=False)
                self.listener.agencies_changed(self.agencies)
                await self.client.send(self.device_health())
                await self._reconcile(message)
                self._self_test_if_wanted()
            case p.AgencyList(agencies=agencies):
                self.agencies = list(agencies)
                self.listener.agencies_changed(self.agencies)
            case p.QueueStatus():
                self._apply(VisitEvent.QUEUED)
                self._queue_status = message
                self.listener.queue_changed(message)
                self._prepare_ahead(message)
            case p.QueueLeft(reason=reason):
                self._queue_status = None
                await self._discard_prepared(withdraw=False)
                self._apply(VisitEvent.LEFT)
                if reason != "left":
                    self.listener.notice("place_lost" if reason == "expired" else reason)
            case p.CallStarted():
                await self._start_call(message)
            case p.SignalIn():
                await self._on_signal(message)
            case p.CallMember(call_id=call_id, member_id=member_id, online=online) if (
                self.call and call_id == self.call.call_id
            ):
                pair = self.pairs.get(member_id)
                if pair is not None:
                    pair.peer_online = online
                    pair.peer_back_since = time.monotonic()
                self.listener.peer_presence(member_id, online)
            case p.PeerJoined(call_id=call_id, peer=peer) if (
                self.call and call_id == self.call.call_id
            ):
                if peer.language in p.SIGN_LANGUAGES:
                    self._use_sign_language(True)
                self.listener.peer_joined(peer)
                await self._connect_peer(self.call, peer)
            case p.PeerLeft(call_id=call_id, member_id=member_id) if (
                self.call and call_id == self.call.call_id
            ):
                await self._drop_peer(member_id)
                self.peers.pop(member_id, None)
                self._use_sign_language(
                    any(peer.language in p.SIGN_LANGUAGES for peer in self.peers.values())
                )
                for other in self._video_to:
                    self._pause_official_video(other)
                self.listener.peer_left(member_id)
            case p.CallIce(call_id=call_id) if self.call and call_id == self.call.call_id:
                # Fresh TURN credentials: the connections made from now on use them.
                self.call = self.call.model_copy(
                    update={
                        "ice_servers": message.ice_servers,
                        "ice_transport_policy": message.ice_transport_policy,
                    }
                )
            case p.InterpreterStatus(call_id=call_id) if self.call and call_id == self.call.call_id:
                self.listener.interpreter_changed(message)
            case p.Chat(call_id=call_id) if self.call and call_id == self.call.call_id:
                self.listener.chat_received(message, mine=message.from_ == self.call.you)
            case p.ChatDraft(call_id=call_id) if self.call and call_id == self.call.call_id:
                self.listener.chat_draft_received(message)
            case p.CallEnded(call_id=call_id, reason=reason) if (
                self.call and call_id == self.call.call_id
            ):
                if reason == "transferred":
                    await self._close_call()
                    self._apply(VisitEvent.TRANSFERRED)
                    self.listener.notice("transferred")
                else:
                    agency = self.call.agency
                    await self._end_call()
                    self._after_call(reason, agency)
            case p.SelfTestRun():
                log.info("an operator asks for a self-test")
                self._self_test_wanted = True
                self._self_test_if_wanted()
            case p.Pong(seq=seq):
                answered = self._pongs.pop(seq, None)
                if answered is not None and not answered.done():
                    answered.set_result(None)
            case p.ServiceStatus(state=state):
                log.warning("server: changes %s", state)
                if state == "normal":
                    await self._send_refused_changes()
                self.listener.notice(f"service_{state}")
            case p.Error(code="service_paused", in_reply_to=in_reply_to):
                log.warning("server paused: %s is sent again when it answers", in_reply_to)
                held = self._changes.get(in_reply_to or "")
                if held is not None:
                    self._refused_while_paused[held.type] = held  # type: ignore[attr-defined]
                    self.listener.notice("change_held")
            case p.Error(code="invalid_state", in_reply_to="queue.offer"):
                # The clerk accepted before the offer made ahead arrived (a slow link, a
                # clerk waiting): the call makes its offer the usual way.
                log.info("the call started before the offer made ahead arrived")
            case p.Error(code=code, in_reply_to=in_reply_to):
                log.warning("server refused %s: %s", in_reply_to, code)
                if in_reply_to == "queue.join":
                    if not self._joined_by_code:
                        self.listener.notice("join_refused")
                    elif code == "rate_limited":  # too many wrong codes here: wait
                        self.listener.notice("appointment_wait")
                    else:
                        self.listener.notice("appointment_refused")

    async def _send_change(self, message: p.Message) -> bool:
        """Send a message that changes the record, remembered in case a paused server
        refuses it."""
        self._changes[message.type] = message  # type: ignore[attr-defined]
        return await self.client.send(message)

    async def _send_refused_changes(self) -> None:
        """The server accepts changes again: send what it refused while paused, each if
        this visit still wants it (the customer may have moved on meanwhile)."""
        refused, self._refused_while_paused = self._refused_while_paused, {}
        wanted_in = {"queue.join": VisitState.CHOOSING, "queue.leave": VisitState.QUEUED}
        for kind, message in refused.items():
            if kind not in wanted_in or self.visit.state is wanted_in[kind]:
                await self._send_change(message)

    def device_health(self) -> p.KioskHealth:
        """What the operators see of this kiosk's devices."""
        media = self.media
        return p.KioskHealth(
            camera=self.health.get("camera")  # type: ignore[arg-type]
            or ("stand_in" if media.camera_is_test_pattern else "ok"),
            microphone=self.health.get("microphone")  # type: ignore[arg-type]
            or ("stand_in" if media.microphone_is_tone else "ok"),
            speaker=self.health["speaker"],  # type: ignore[arg-type]
            document_camera=self.health["document_camera"],  # type: ignore[arg-type]
            headset=self.health.get("headset", "none"),  # type: ignore[arg-type]
            version=__version__,
            last_error=self.health.get("last_error"),
        )

    def _device_lost(self, device: str) -> None:
        if self._stopping:
            return
        log.warning("%s stopped", device)
        self.report(**{device: "failed", "last_error": f"{device} stopped"})

    def report(self, **changes: str) -> None:
        """A device changed (e.g. the speaker failed): tell the server if connected."""
        self.health.update(changes)
        self._spawn(self.client.send(self.device_health()))

    async def _reconcile(self, welcome: p.Welcome) -> None:
        """After (re)connecting: agree with the server on where this visit stands."""
        state = self.visit.state
        if welcome.resume == "queued":
            self._apply(VisitEvent.RESUMED_QUEUED)
        elif welcome.resume == "in_call":
            if self.call is None or self.call.call_id != welcome.call_id:
                # This process restarted mid-call: the call is kept but its media is gone,
                # so connect to the others again.
                await self._send_change(p.CallRejoin(call_id=welcome.call_id or ""))
        elif state is VisitState.QUEUED:
            self._apply(VisitEvent.LEFT)
            self.listener.notice("place_lost")
        elif state is VisitState.IN_CALL and self.call is not None:
            # The call ended while this kiosk could not be reached.
            agency = self.call.agency
            await self._end_call()
            self._after_call("connection_lost", agency)

    async def _start_call(self, call: p.CallStarted) -> None:
        await self._close_call()
        self.call = call
        self.ladder = QualityLadder(
            sign_language=any(peer.language in p.SIGN_LANGUAGES for peer in call.peers)
        )
        self.send_rate = LossBasedRate()
        self._follow_step(Step.FULL, None)
        self.sound_protection = SoundProtection()
        self.media.protect_sound(0)
        self._quality_told = Step.FULL
        if self.visit.state is VisitState.QUEUED:
            self._apply(VisitEvent.CALL_STARTED)
        else:  # back into a call after a restart (call.rejoin)
            self._apply(VisitEvent.RESUMED_IN_CALL)
        prepared = await self._take_prepared(call)
        sent, self._sent_ahead = self._sent_ahead, None
        for peer in call.peers:
            use = prepared if peer.initiator and peer.role == "clerk" else None
            given = (
                use is not None
                and sent is not None
                and sent.number == peer.offer_given
                and sent.prepared is use
            )
            # A console given an offer of a connection closed since (replaced as the clerk
            # accepted) answers that one in vain: the next generation replaces it.
            generation = 2 if peer.offer_given is not None and not given else 1
            await self._connect_peer(
                call, peer, prepared=use, generation=generation, offer_given=given
            )
            if use is not None:
                prepared = None
        if prepared is not None:  # nobody it fits (an interpreter alone, a rejoin)
            await prepared.close()

    async def _connect_peer(
        self,
        call: p.CallStarted,
        peer: p.CallPeer,
        *,
        generation: int = 1,
        prepared: PreparedOffer | None = None,
        offer_given: bool = False,
    ) -> None:
        """A peer connection to one member; the camera's encoding is shared by all.
        ``offer_given``: the member got ``prepared``'s offer with its call.started."""
        await self._drop_peer(peer.member_id)  # a member reconnecting replaces its old self
        self.peers[peer.member_id] = peer
        if self._quality_told is not Step.FULL:
            self._quality_told = None  # someone new (or reloaded) must hear the step too
        self.pairs[peer.member_id] = PairHealth(generation=generation, started_at=time.monotonic())
        self._start_guard()
        ice = await self._ordered_ice(call.ice_servers)
        video = self.media.video_for_peer()
        if isinstance(video, EncodedTrack):
            self._video_to[peer.member_id] = video
            self._pause_official_video(peer.member_id)
        session = PeerSession(
            peer_id=peer.member_id,
            initiator=peer.initiator,
            ice_servers=ice,
            relay_only=call.ice_transport_policy == "relay",
            send=self._sender(call.call_id, peer.member_id),
            tracks=[self.media.audio_for_peer(), video],
            on_remote_track=self._remote_track_reporter(peer.member_id),
            on_state=self._media_state_reporter(peer.member_id, generation),
            log_id=call.call_id,
            generation=generation,
            prepared=prepared,
            offer_given=offer_given,
        )
        if peer.role == "clerk":  # documents go to the official only
            session.on_shown_document = self.listener.document_shown
            if session.documents is not None:
                session.documents.on_request = self.listener.document_requested
        self.sessions[peer.member_id] = session
        self._hold_signer_report(peer.member_id)
        await session.start()

    async def _ordered_ice(self, given: Sequence[p.IceServer]) -> list[IceServerConfig]:
        """ICE servers with the TURN transport that works from here first (aiortc uses
        only the first TURN URL: behind a firewall that drops UDP it must be TCP or TLS).
        The probe's verdict is reused for a while: it costs up to a second."""
        servers = [IceServerConfig(tuple(s.urls), s.username, s.credential) for s in given]
        if not any(u.startswith("turn") for s in servers for u in s.urls):
            return servers
        if self._turn_probe is not None and self._probing_turn:
            await asyncio.shield(self._turn_probe)  # begun while queued: nearly done
        if time.monotonic() - self._turn_checked >= TURN_CHOICE_S:
            await self._probe_turn(servers)
        chosen = self.turn_url
        return [
            IceServerConfig((chosen, *(u for u in s.urls if u != chosen)), s.username, s.credential)
            if chosen in s.urls
            else s
            for s in servers
        ]

    def _prepare_ahead(self, status: p.QueueStatus) -> None:
        """Make the call's first connection and gather its candidates now, while the
        customer waits, with the ICE servers the server gave this ticket: the offer then
        leaves the moment the clerk accepts. Again when the last one is half spent."""
        if status.ice_servers is None or not self.media.encode_once:
            return  # an old server; or aiortc's own per-connection encoders (a benchmark)
        task = self._preparing
        if task is not None and not task.done():
            return
        if task is not None:
            prepared = _result_of(task)
            if prepared is not None and prepared.age_s() < PREPARED_FOR_S / 2:
                return
            self._preparing = None
            if prepared is not None:
                self._spawn(self._retire(prepared))
        self._preparing = self._spawn(self._prepare(status))

    async def _prepare(self, status: p.QueueStatus) -> PreparedOffer | None:
        assert status.ice_servers is not None
        relay_only = status.ice_transport_policy == "relay"
        try:
            ice = await self._ordered_ice(status.ice_servers)
        except Exception as exc:  # the call then makes its connection the usual way
            log.warning("preparing the call's connection failed: %r", exc)
            return None
        prepared = PreparedOffer(ice, relay_only=relay_only)
        try:
            if await prepared.ready():
                await self._send_ahead(prepared, status.ticket)
                return prepared
        except asyncio.CancelledError:  # the customer left the queue meanwhile
            await prepared.close()
            raise
        await prepared.close()
        return None

    async def _take_prepared(self, call: p.CallStarted) -> PreparedOffer | None:
        """The connection prepared while queued, when it fits this call; still gathering,
        it is waited for (it began before a new one would)."""
        task, self._preparing = self._preparing, None
        if task is None:
            return None
        await asyncio.wait([task])
        prepared = _result_of(task)
        if prepared is None:
            return None
        if prepared.relay_only != (call.ice_transport_policy == "relay") or (
            prepared.age_s() > PREPARED_FOR_S
        ):
            await prepared.close()
            return None
        log.info("%s: the offer made while queued, %.0f s ago", call.call_id, prepared.age_s())
        return prepared

    @property
    def prepared_offer(self) -> PreparedOffer | None:
        """The connection ready for the next call, made while queued (None: none yet)."""
        task = self._preparing
        return _result_of(task) if task is not None and task.done() else None

    async def _send_ahead(self, prepared: PreparedOffer, ticket: str) -> None:
        """Hand the prepared offer to the server while the customer still waits: the
        clerk's console then gets it with the call's start and answers before it has
        drawn the call (docs/benchmarks.md, set-up). Not sent: the call offers it then."""
        status = self._queue_status
        if status is None or status.ticket != ticket or self.visit.state is not VisitState.QUEUED:
            return
        number = next(self._offer_numbers)
        offer = p.SessionDescription(type="offer", sdp=prepared.pc.localDescription.sdp)
        if await self.client.send(p.QueueOffer(ticket=ticket, number=number, description=offer)):
            self._sent_ahead = SentAhead(ticket, number, prepared)

    async def _retire(self, prepared: PreparedOffer, *, withdraw: bool = True) -> None:
        """Close a prepared connection; its offer, if the server holds it, is withdrawn
        first (a console given it would answer a closed connection)."""
        sent = self._sent_ahead
        if sent is not None and sent.prepared is prepared:
            self._sent_ahead = None
            status = self._queue_status
            if withdraw and status is not None and status.ticket == sent.ticket:
                await self.client.send(p.QueueOffer(ticket=sent.ticket, number=sent.number))
        await prepared.close()

    async def _discard_prepared(self, *, withdraw: bool = True) -> None:
        """Close the prepared connection (or call its preparation off). ``withdraw``
        False: the server has already forgotten its offer (this connection to it is new,
        or the place is gone)."""
        if not withdraw:
            self._sent_ahead = None
        task, self._preparing = self._preparing, None
        if task is None:
            return
        if not task.done():
            task.cancel()
            return
        prepared = _result_of(task)
        if prepared is not None:
            await self._retire(prepared, withdraw=withdraw)

    async def _probe_turn(self, servers: Sequence[IceServerConfig]) -> None:
        checked = time.monotonic()
        # None when none answered: held as long as a found one, so that a site where
        # TURN cannot be reached does not wait for the probe at every call's start.
        self.turn_url = await working_turn_url(servers)
        self._turn_checked = checked

    @property
    def _probing_turn(self) -> bool:
        return self._turn_probe is not None and not self._turn_probe.done()

    def _probe_turn_ahead(self) -> None:
        """Probe the welcome's TURN URLs now, unless a verdict still holds or is coming."""
        if self._probing_turn or time.monotonic() - self._turn_checked < TURN_CHOICE_S:
            return
        self._turn_probe = self._spawn(self._probe_turn_while_queued(retry=False))

    async def _probe_turn_while_queued(self, *, retry: bool) -> None:
        await self._probe_turn([IceServerConfig(self._turn_urls)])
        if self.turn_url is None:
            self._turn_retry = asyncio.get_running_loop().call_later(
                TURN_RETRY_S, self._retry_turn_while_queued
            )
        elif retry and self._queue_status is not None and self.visit.state is VisitState.QUEUED:
            # The connection prepared meanwhile had no transport known to work: again.
            log.info("TURN over %s answers now", self.turn_url)
            await self._discard_prepared()
            self._prepare_ahead(self._queue_status)

    def _retry_turn_while_queued(self) -> None:
        self._turn_retry = None
        if self._probing_turn or self._stopping or self.visit.state is not VisitState.QUEUED:
            return  # a call's start probes again once the verdict has expired
        self._turn_probe = self._spawn(self._probe_turn_while_queued(retry=True))

    def _forget_turn(self) -> None:
        """Another network: what worked on the old one says nothing."""
        if self._turn_retry is not None:
            self._turn_retry.cancel()
            self._turn_retry = None
        if self._turn_probe is not None:
            self._turn_probe.cancel()
            self._turn_probe = None
        self._turn_checked = -TURN_CHOICE_S

    async def _drop_peer(self, member_id: str) -> None:
        self.pairs.pop(member_id, None)
        self._video_to.pop(member_id, None)
        session = self.sessions.pop(member_id, None)
        pumps = self.pumps.pop(member_id, [])
        if session is not None:
            await session.close()
        for pump in pumps:
            await pump.stop()

    def _sender(self, call_id: str, peer_id: str) -> SendSignal:
        # aiortc puts every candidate in its SDP, so only descriptions go out.
        async def send(signal: Signal) -> None:
            description = signal.get("description")
            await self.client.send(
                p.SignalOut(
                    call_id=call_id,
                    to=peer_id,
                    description=p.SessionDescription(**description) if description else None,
                    generation=int(signal.get("generation", 1)),
                )
            )

        return send

    async def _on_signal(self, message: p.SignalIn) -> None:
        session = self.sessions.get(message.from_)
        if self.call is None or message.call_id != self.call.call_id or session is None:
            return
        if message.generation != session.generation:
            # An older connection's signal is stale; a newer one would be the browser's
            # to start, which it never is towards a kiosk (the kiosk offers).
            log.info(
                "call %s: signal of generation %d from %s dropped (ours is %d)",
                message.call_id,
                message.generation,
                message.from_,
                session.generation,
            )
            return
        if message.restart:
            self.pairs[message.from_].restart_asked = True
            return
        try:
            await session.receive(
                description=message.description.model_dump() if message.description else None,
                candidate=message.candidate.model_dump() if message.candidate else None,
                end_of_candidates=message.end_of_candidates,
                generation=message.generation,
            )
        except SignalError as exc:
            log.warning("call %s: %s", message.call_id, exc)

    def _remote_track_reporter(self, peer_id: str) -> Callable[[MediaStreamTrack], None]:
        def on_track(track: MediaStreamTrack) -> None:
            pump = TrackPump(track, log_id=self.call.call_id if self.call else "")
            self.pumps.setdefault(peer_id, []).append(pump)
            pump.start()
            if track.kind == "video":
                self.listener.remote_video(pump, peer_id)
            else:
                self.listener.remote_audio(pump, peer_id)

        return on_track

    def _media_state_reporter(self, peer_id: str, generation: int) -> Callable[[str], None]:
        def report(state: str) -> None:
            pair = self.pairs.get(peer_id)
            if pair is not None and pair.generation == generation:  # not a replaced one
                self._on_media_state(peer_id, state)

        return report

    def _on_media_state(self, peer_id: str, state: str) -> None:
        """The peer connection's own state. Whether media flows is the guard's to say
        (WebRTC notices a dead path late); a connection that gave up is reported here."""
        call = self.call
        if call is not None and state == "failed":
            report = p.CallMediaState(call_id=call.call_id, peer=peer_id, state="failed")
            self._spawn(self.client.send(report))
        if state in ("failed", "closed"):
            self.listener.media_state_changed(peer_id, state)

    # --- keeping the call's media alive (kiosk/recovery.py, docs/resilience.md) --------

    def _start_guard(self) -> None:
        self.client.backoff = IN_CALL_BACKOFF
        if self._guard is None or self._guard.done():
            self._guard = asyncio.ensure_future(self._guard_media())

    async def _guard_media(self) -> None:
        """Twice a second: is media arriving from each member? Tell the customer, the
        server and the others when it stops and comes back; replace a connection that
        will not come back by itself."""
        addresses = host_addresses()
        while self.call is not None:
            now = time.monotonic()
            seen = host_addresses()
            if seen != addresses:
                # Every path is gone; the new ones are made once signalling is back on
                # the new address (_on_connection checks the pairs then).
                log.warning("this kiosk's addresses changed: reconnecting everything")
                addresses = seen
                for moved in self.pairs.values():
                    moved.moved = True
                self._forget_turn()
                self._spawn(self.client.reconnect())
            else:
                await self._check_pairs(now)
                if now - self._quality_at >= QUALITY_EVERY_S:
                    self._quality_at = now
                    await self._check_quality(now)
            await asyncio.sleep(GUARD_EVERY_S)  # a sampling pace, not a wait for an event

    async def _check_pairs(self, now: float) -> None:
        for member_id, session in list(self.sessions.items()):
            health = self.pairs.get(member_id)
            if health is None or health.generation != session.generation:
                continue
            change = health.watch.observe(await session.packets_received(), now)
            if change is not None and self.call is not None:
                self._report_flow(member_id, change)
            why = reason_to_replace(
                health,
                now=now,
                connection_state=session.state,
                signalling_open_since=self.client.open_since,
            )
            if (
                why is not None
                and self.call is not None
                and self.sessions.get(member_id) is session
            ):
                await self._replace(member_id, why)

    async def _check_quality(self, now: float) -> None:
        """Once a second: what does the call's link carry? Step down at once when it is
        short, up slowly when it has room (media/quality.py); tell the customer, the
        others and the encoders."""
        samples = []
        for member_id, session in list(self.sessions.items()):
            sample = await session.link_sample()  # taken anyway: the next counts from now
            if sample is None:
                continue
            health = self.pairs.get(member_id)
            if health is not None and not health.watch.tells_of_the_link(now):
                continue  # an outage's losses (media/watch.py)
            track = self._video_to.get(member_id)
            if track is not None and track.paused:
                # A receiver sent no picture has nothing to measure: its bitrate report
                # stays wherever it was when the picture stopped (often a transient low)
                # and would hold the whole call down. Its loss and round trip still count.
                sample = replace(sample, bitrate=None)
            samples.append(sample)
        sample = combine(samples)
        if sample is None or self.call is None:
            return
        changed = self.ladder.observe(sample, now)
        step = self.ladder.step
        self.send_rate.observe(sample.loss_out, sample.sending)
        self._follow_step(step, sample.bitrate)
        self.media.protect_sound(self.sound_protection.observe(sample.loss_out, now))
        if step != self._quality_told and await self.client.send(
            p.CallQuality(call_id=self.call.call_id, step=step.wire)  # type: ignore[arg-type]
        ):
            self._quality_told = step  # else again next second (signalling may be down)
        if changed is None:
            return
        log.info(
            "call %s: the link carries %s (%s kbit/s reported, %.0f %% lost, %.0f %% of ours; %s)",
            self.call.call_id,
            step.wire,
            "?" if sample.bitrate is None else sample.bitrate // 1000,
            sample.loss * 100,
            sample.loss_out * 100,
            "loss limits nothing"
            if self.send_rate.rate is None
            else f"sending {self.send_rate.rate // 1000} kbit/s at most",
        )
        self.listener.quality_changed(step)

    def _use_sign_language(self, sign_language: bool) -> None:
        changed = self.ladder.use_sign_language(sign_language)
        if changed is not None:
            self._follow_step(changed, None)
            self.listener.quality_changed(changed)  # and the others at the next sample

    def _follow_step(self, step: Step, bitrate: int | None) -> None:
        self.media.follow(
            step, bitrate, sign_language=self.ladder.sign_language, most=self.send_rate.rate
        )
        for member_id in self._video_to:
            self._pause_official_video(member_id)
        for member_id in self.sessions:
            self._hold_signer_report(member_id)

    def _hold_signer_report(self, member_id: str) -> None:
        """The signer's picture is what a sign-language customer follows: the bitrate the
        kiosk reports to the interpreter's browser does not fall below what moving signs
        need while the ladder (moved by loss) says the link carries moving pictures."""
        peer, session = self.peers.get(member_id), self.sessions.get(member_id)
        if peer is None or session is None:
            return
        signer = peer.role == "interpreter" and peer.language in p.SIGN_LANGUAGES
        session.least_reported_bitrate = (
            least_signer_report(self.ladder.step) if signer and self.ladder.sign_language else 0
        )

    def _pause_official_video(self, member_id: str) -> None:
        """The official's picture of the customer, given up first in a thin sign-language
        call (media/quality.py, official_video_paused); the interpreter's goes on."""
        peer, track = self.peers.get(member_id), self._video_to.get(member_id)
        if peer is None or track is None:
            return
        paused = peer.role == "clerk" and official_video_paused(
            self.ladder.step, sign_language=self.ladder.sign_language
        )
        if paused != track.paused:
            log.info("video to %s %s", member_id, "paused" if paused else "resumed")
        track.pause(paused)

    def _report_flow(self, member_id: str, flow: Flow) -> None:
        assert self.call is not None
        log.info("call %s: media from %s %s", self.call.call_id, member_id, flow.value)
        state: Literal["connected", "interrupted"] = (
            "connected" if flow is Flow.FLOWING else "interrupted"
        )
        report = p.CallMediaState(call_id=self.call.call_id, peer=member_id, state=state)
        if flow is Flow.FLOWING:
            # Media from the other side proves the network is back: the signalling need
            # not wait out its back-off (the clerk's banner waits for it).
            self.client.retry_now()
        self._spawn(self.client.send(report))
        self.listener.media_state_changed(member_id, state)

    async def _replace(self, member_id: str, why: str) -> None:
        call, peer, pair = self.call, self.peers.get(member_id), self.pairs.get(member_id)
        if call is None or peer is None or pair is None:
            return
        generation = pair.generation + 1
        log.warning(
            "call %s: new connection to %s (generation %d): %s",
            call.call_id,
            member_id,
            generation,
            why,
        )
        self.listener.media_state_changed(member_id, "reconnecting")
        await self._connect_peer(call, peer, generation=generation)

    def _after_call(self, reason: str, agency: str) -> None:
        """Tell the customer how the call ended. One lost to the network may be taken up
        again: for a while the server puts this kiosk at the head of the same queue."""
        if reason == "connection_lost":
            self.cut_off_agency = agency
            self.listener.notice("connection_lost")
        else:
            self.listener.notice("call_ended")

    async def _end_call(self) -> None:
        self.media.set_muted(False)  # the next customer starts with the microphone on
        if self.call is not None:
            self.last_call_id = self.call.call_id
            await self._close_call()
            self._apply(VisitEvent.CALL_ENDED)

    async def _close_call(self) -> None:
        self.call = None
        self.client.backoff = self._backoff
        guard, self._guard = self._guard, None
        if guard is not None and guard is not asyncio.current_task():
            guard.cancel()
        for member_id in list(self.sessions):
            await self._drop_peer(member_id)
        self.peers.clear()
        self.pairs.clear()

    def _spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run a coroutine from a synchronous callback, keeping a reference until done."""
        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    def _apply(self, event: VisitEvent) -> None:
        before = self.visit.state
        try:
            after = self.visit.apply(event)
        except InvalidTransition as exc:
            log.info("ignored: %s", exc)
            return
        if after is not before:
            log.info("visit %s -> %s (%s)", before.value, after.value, event.value)
            self.listener.visit_changed(after)
            self._self_test_if_wanted()

    # --- self-test -----------------------------------------------------------------------

    def _self_test_if_wanted(self) -> None:
        """Run a wanted self-test now if no customer is using the kiosk; otherwise the
        next time none is (never during a visit: it borrows the camera and speaker)."""
        free = self.visit.state is VisitState.START and self.call is None
        if self._self_test_wanted and free and not self._self_testing:
            self._self_test_wanted = False
            self._spawn(self.self_test())

    async def self_test(self) -> selftest.SelfTestReport:
        """Check everything a customer will need, tell the server, and mark failed
        devices in ``health`` (the start screen says so and hides what needs them)."""
        self._self_testing = True
        try:
            report = await selftest.run(self._self_checks(), self._stand_ins())
        finally:
            self._self_testing = False
        self.last_self_test = report
        changed = False
        for device in selftest.DEVICE_CHECKS:
            result = report.results[device]
            if result == "failed" and self.health.get(device) != "failed":
                self.health[device], changed = "failed", True
            elif result == "ok" and self.health.get(device) == "failed":
                self.health[device], changed = "ok", True
        log.log(
            logging.WARNING if report.failed else logging.INFO,
            "self-test: %s",
            f"failed {', '.join(report.failed)}" if report.failed else "passed",
        )
        await self.client.send(report.message())
        if changed:
            await self.client.send(self.device_health())
        self.listener.self_tested(report)
        return report

    def _stand_ins(self) -> list[p.SelfTestCheck]:
        stand_ins: list[p.SelfTestCheck] = []
        if self.media.camera_is_test_pattern:
            stand_ins.append("camera")
        if self.media.microphone_is_tone:
            stand_ins += ["microphone", "speaker"]  # nothing real hears the speaker
        if self.health.get("document_camera") == "stand_in":
            stand_ins.append("document_camera")
        return stand_ins

    def _self_checks(self) -> selftest.Checks:
        media = self.media

        async def camera() -> p.SelfTestResult:
            return selftest.judge_frames(await selftest.grab_frames(media.video_for_preview()))

        async def microphone() -> p.SelfTestResult:
            samples, _rate = await selftest.grab_samples(media.audio_for_check())
            return selftest.judge_level(samples)

        async def turn() -> p.SelfTestResult:
            # Any of the welcome's TURN URLs reachable from here.
            found = await working_turn_url([IceServerConfig(tuple(self._turn_urls))])
            return "failed" if found is None else "ok"

        return selftest.Checks(
            camera=camera,
            microphone=microphone,
            speaker=self.speaker_check,
            document_camera=self.document_camera_check,
            printer=self.printer_check,
            server=self._server_round_trip,
            turn=turn if self._turn_urls else None,
        )

    async def _server_round_trip(self) -> p.SelfTestResult:
        """A ping answered within two seconds."""
        seq = next(self._pings)
        answered = self._pongs[seq] = asyncio.get_running_loop().create_future()
        try:
            if not await self.client.send(p.Ping(seq=seq)):
                return "failed"
            await asyncio.wait_for(answered, 2.0)
        except TimeoutError:
            return "failed"
        finally:
            self._pongs.pop(seq, None)
        return "ok"

    async def _self_test_daily(self, at: dt.time) -> None:
        while True:
            now = dt.datetime.now().astimezone()
            await asyncio.sleep((selftest.next_run(now, at) - now).total_seconds())
            self._self_test_wanted = True
            self._self_test_if_wanted()


def ws_url(server_url: str) -> str:
    """http(s)://host:port -> ws(s)://host:port/ws"""
    base = server_url.rstrip("/")
    if base.startswith("http"):
        base = "ws" + base.removeprefix("http")
    return base if base.endswith("/ws") else base + "/ws"


@dataclass(frozen=True)
class SentAhead:
    """An offer prepared while queued that the server holds for the clerk's console."""

    ticket: str
    number: int
    prepared: PreparedOffer


def _result_of(task: asyncio.Task[PreparedOffer | None]) -> PreparedOffer | None:
    """A finished preparation's connection; None when it failed (logged where it failed,
    in ``_prepare``) or was called off: a call then makes its connection the usual way."""
    if task.cancelled() or task.exception() is not None:
        return None
    return task.result()
