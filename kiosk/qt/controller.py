"""The kiosk's service object: owns the agent (signalling, media) and speaks Qt signals.

Widgets bind only to :class:`ControllerBase`: its signals say what changed, its methods are
what the customer can do. :class:`KioskController` is the real one; the widget tests use a
fake with the same base and no network.
"""

from __future__ import annotations

import asyncio
import logging
import subprocess
import time
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

import av
import cv2
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from kiosk import selftest
from kiosk.agent import AgentListener, KioskAgent
from kiosk.connection import ConnectionState
from kiosk.devices import DEVICES, alsa_device, card_present
from kiosk.i18n import DEFAULT_LANGUAGE
from kiosk.printing import print_document, printer_available, render_pdf_page
from kiosk.qt.frames import FrameConverter, rgb_to_qimage
from kiosk.qt.translator import LanguageSwitcher
from kiosk.speech import DEFAULT_PLAYER, Speaker
from kiosk.visit import VisitState
from media.activity import VoiceActivity
from media.doccam import DocumentCamera, jpeg, pages_to_pdf
from media.documents import Document, DocumentError
from media.playback import AudioPlayback, player_command
from media.quality import Step
from media.sinks import TrackPump, audio_rms
from media.volume import STEPS_DB, Volume
from protocol import messages as p

log = logging.getLogger(__name__)

#: How often the headset socket is looked at: a customer who plugs one in hears the
#: next words in it.
HEADSET_LOOK_MS = 1000

#: The interpreter a customer asks for with "I need a sign language interpreter":
#: Finnish Sign Language (ISO 639-3), the default; Finland-Swedish Sign Language is "fss".
SIGN_LANGUAGE = "fse"
#: The sign languages a customer can ask for, by their names in the written language of
#: their users (as the language menu names each language in itself): not translated.
SIGN_LANGUAGE_NAMES = {"fse": "Suomalainen viittomakieli", "fss": "Finlandssvenskt teckenspråk"}
#: The self view needs no more than this; it saves the kiosk's CPU for the call.
SELF_VIEW_FPS = 15
#: How long the start screen offers to call again after a call the network cut off (the
#: server's head-of-queue place lasts as long: Timing.cut_off_priority_s).
CALL_AGAIN_S = 10 * 60


class ControllerBase(QObject):
    """What the kiosk's widgets may see and do."""

    def __init__(self) -> None:
        super().__init__()
        #: The size each video stream ("clerk", "self", an interpreter's member id) is
        #: shown at, told by the view showing it (VideoView.shows): pictures come scaled
        #: to it (kiosk/qt/frames.py).
        self.picture_boxes: dict[str, tuple[int, int]] = {}

    connectionChanged = Signal(str)  # ConnectionState value
    visitChanged = Signal(str)  # VisitState value
    agenciesChanged = Signal(list)  # list[protocol.AgencyInfo]
    queueChanged = Signal(int, int)  # position (1 = next), number waiting
    remoteFrame = Signal(QImage)  # the official's video
    peerFrame = Signal(str, QImage)  # member id, a frame of another member (interpreter)
    peerJoined = Signal(str, str, str)  # member id, role, language interpreted ("" if none)
    peerLeft = Signal(str)  # member id
    interpreterChanged = Signal(str, str, int)  # state, language, interpreters invited
    chatLine = Signal(str, str, bool)  # sender's role, text, written here
    chatDraft = Signal(str, str, str)  # member id, role, the line they are writing now
    selfFrame = Signal(QImage)
    noticeRaised = Signal(str)  # e.g. "join_refused", "call_ended", "offline"
    #: member id, how media from them fares: "connected", "interrupted", "reconnecting",
    #: "failed", "closed"
    mediaChanged = Signal(str, str)
    #: the step the call's link is on: "full", "reduced", "stills", "audio", "text"
    qualityChanged = Signal(str)
    peerPresence = Signal(str, bool)  # member id, online
    languageChanged = Signal(str)
    documentImage = Signal(QImage)  # the page just taken, to accept or retake
    documentState = Signal(str)  # "taken", "sending", "received", "failed"
    documentReceipt = Signal(str, int, str, str)  # receipt code, pages, agency code, HH:MM
    documentError = Signal(str)
    shownDocument = Signal(QImage, str, bool)  # the clerk's document, its name, printable
    documentRequested = Signal()  # the clerk asks for a document: open the capture
    speakingChanged = Signal(str, bool)  # member id, speaking (media/activity.py)
    volumeChanged = Signal(int, int)  # step (0 = quietest), number of steps
    privateListeningChanged = Signal(bool)  # a headset was plugged in (True) or out
    devicesChanged = Signal()  # missing_devices changed (a self-test found one failed)

    point_name: str = ""
    camera_is_test_pattern: bool = False
    microphone_is_tone: bool = False
    language: str = DEFAULT_LANGUAGE
    agencies: Sequence[p.AgencyInfo] = ()
    queue_status: p.QueueStatus | None = None
    #: The customer asked for a sign-language interpreter for this visit, and of which
    #: sign language: Finnish (fse) or Finland-Swedish (fss).
    needs_sign_language: bool = False
    sign_language: str = SIGN_LANGUAGE
    #: The agency of a call the network cut off; the customer may call it again, first in
    #: its queue, for :data:`CALL_AGAIN_S` ("" when there is none).
    cut_off_agency: str = ""
    #: Devices the operator's device file names that are not there (kiosk/devices.py), or
    #: that failed the self-test (kiosk/selftest.py): said on the start screen, so that
    #: the customer knows what to do instead, and what needs them is not offered.
    missing_devices: Sequence[str] = ()
    #: The customer listens on a headset, not the room's loudspeaker: what is private
    #: (codes, the chat) may be said too (spoken.py).
    private_listening: bool = False

    def begin(self) -> None: ...
    def back(self) -> None: ...
    def choose(self, agency: str) -> None: ...
    def choose_appointment(self, code: str) -> None: ...
    def cancel(self) -> None: ...
    def hang_up(self) -> None: ...
    def set_muted(self, muted: bool) -> None: ...
    def take_page(self) -> None: ...
    def retake_page(self) -> None: ...
    def send_pages(self) -> None: ...
    def print_shown(self) -> None: ...
    def give_feedback(self, score: int | None, reason: str | None = None) -> None: ...
    def reset_visit(self) -> None: ...

    def documents_opened(self) -> None: ...
    def documents_closed(self) -> None: ...
    def send_chat(self, text: str) -> None: ...
    def send_draft(self, text: str) -> None: ...
    def speak(self, text: str) -> None: ...
    def call_again(self) -> None: ...
    def louder(self) -> None: ...
    def quieter(self) -> None: ...

    def can_speak(self, language: str | None = None) -> bool:
        """Whether reading aloud is offered in ``language`` (the current one if None)."""
        return False

    def stop_speaking(self) -> None:
        """A touch stops what is being read (EN 301 549 5.1.3.4-5)."""

    def interpreter_wanted(self) -> str | None:
        """The interpreter to ask for with the queue place, if the customer needs one."""
        return self.sign_language if self.needs_sign_language else None

    pages_taken: int = 0

    def set_language(self, code: str) -> None:
        self.language = code
        self.languageChanged.emit(code)


def unusable_devices(health: dict[str, str]) -> list[str]:
    """The devices a customer cannot use here: not there, or failed their self-test."""
    return [device for device in DEVICES if health.get(device) in ("missing", "failed")]


class _Bridge(AgentListener):
    """Turns the agent's listener calls into the controller's signals."""

    def __init__(self, controller: KioskController) -> None:
        self.c = controller

    def self_tested(self, report: selftest.SelfTestReport) -> None:
        unusable = unusable_devices(self.c.agent.health)
        if unusable != list(self.c.missing_devices):
            self.c.missing_devices = unusable
            self.c.devicesChanged.emit()

    def connection_changed(self, state: ConnectionState) -> None:
        self.c.connectionChanged.emit(state.value)

    def visit_changed(self, state: VisitState) -> None:
        self.c.on_visit(state)

    def agencies_changed(self, agencies: Sequence[p.AgencyInfo]) -> None:
        self.c.agencies = list(agencies)
        self.c.point_name = self.c.agent.point_name
        self.c.agenciesChanged.emit(list(agencies))

    def queue_changed(self, status: p.QueueStatus) -> None:
        self.c.queue_status = status
        self.c.queueChanged.emit(status.position, status.waiting)

    def remote_video(self, pump: TrackPump, peer: str) -> None:
        if peer == "clerk":
            emit: Callable[[QImage], None] = self.c.remoteFrame.emit
        else:
            emit = lambda image: self.c.peerFrame.emit(peer, image)  # noqa: E731
        frames = self.c.frames
        pump.listeners.append(lambda frame: frames.convert(peer, frame, emit))  # type: ignore[arg-type]

    def remote_audio(self, pump: TrackPump, peer: str) -> None:
        self.c.play_audio(pump, peer)

    def peer_joined(self, peer: p.CallPeer) -> None:
        self.c.peerJoined.emit(peer.member_id, peer.role, peer.language or "")

    def peer_left(self, peer: str) -> None:
        self.c.stop_audio(peer)
        self.c.peerLeft.emit(peer)

    def interpreter_changed(self, status: p.InterpreterStatus) -> None:
        self.c.interpreterChanged.emit(status.state, status.language, status.invited)

    def chat_received(self, line: p.Chat, mine: bool) -> None:
        self.c.chatLine.emit(line.role, line.text, mine)

    def chat_draft_received(self, draft: p.ChatDraft) -> None:
        self.c.chatDraft.emit(draft.from_, draft.role, draft.text)

    def media_state_changed(self, peer: str, state: str) -> None:
        self.c.mediaChanged.emit(peer, state)

    def peer_presence(self, peer: str, online: bool) -> None:
        self.c.peerPresence.emit(peer, online)

    def quality_changed(self, step: Step) -> None:
        self.c.qualityChanged.emit(step.wire)

    def document_shown(self, document: Document) -> None:
        self.c._spawn(self.c._show(document))

    def document_requested(self) -> None:
        self.c.documentRequested.emit()

    def notice(self, code: str) -> None:
        if code == "connection_lost":
            self.c.cut_off_agency = self.c.agent.cut_off_agency or ""
        self.c.noticeRaised.emit(code)


class KioskController(ControllerBase):
    """The real controller around a KioskAgent; runs on the qasync event loop."""

    def __init__(
        self,
        agent: KioskAgent,
        languages: LanguageSwitcher,
        document_camera: str = "test",
        speaker: str = "default",
        headset: str | None = None,
        asound: Path = Path("/proc/asound"),
    ) -> None:
        super().__init__()
        self.agent = agent
        #: the call's pictures, converted to images off the window's thread
        self.frames = FrameConverter(self.picture_boxes)
        self._camera = DocumentCamera(document_camera)
        self._speaker_device = speaker
        if agent.health.get("document_camera") != "missing":
            agent.health["document_camera"] = "stand_in" if self._camera.is_synthetic else "ok"
        self.missing_devices = unusable_devices(agent.health)
        agent.speaker_check = self._speaker_check
        agent.document_camera_check = self._document_camera_check
        agent.printer_check = self._printer_check
        self._pages: list[bytes] = []
        self._shown: Document | None = None
        self._preview: asyncio.Future[None] | None = None
        self.agent.listener = _Bridge(self)
        self._languages = languages
        self.camera_is_test_pattern = agent.media.camera_is_test_pattern
        self.microphone_is_tone = agent.media.microphone_is_tone
        self._self_view: TrackPump | None = None
        self._playbacks: dict[str, AudioPlayback] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._last_self_frame = 0.0
        self._speaker = Speaker((*DEFAULT_PLAYER, "-D", speaker))  # the configured speaker
        #: The customer's headset socket (kiosk/devices.py), looked at every second: a
        #: headset plugged in takes the call's sound and the kiosk's speech, and lets
        #: what is private be said (EN 301 549 5.1.3.9, 8.1.2); unplugged, both go back
        #: to the loudspeaker.
        self._headset = headset
        self._asound = asound
        if headset is not None:
            agent.health["headset"] = "unplugged"
            self._headset_watch = QTimer(self)
            self._headset_watch.setInterval(HEADSET_LOOK_MS)
            self._headset_watch.timeout.connect(self.look_for_headset)
            self._headset_watch.start()
        #: How loud the call plays (media/volume.py): back to normal for every visit.
        self.volume = Volume()
        self.set_language(DEFAULT_LANGUAGE)

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        """A task of the window's that failed says so in the log (nobody awaits it)."""
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            name = getattr(task.get_coro(), "__qualname__", task.get_name())
            log.error("%s failed", name, exc_info=task.exception())

    # --- what the customer does ----------------------------------------------------------

    def begin(self) -> None:
        self.agent.begin()

    def back(self) -> None:
        self.agent.back()

    def choose(self, agency: str) -> None:
        interpreter = self.interpreter_wanted()
        self._spawn(self.agent.join(agency, self.language, interpreter=interpreter))

    def reset_visit(self) -> None:
        self._spawn(self.agent.reset_visit())
        self.needs_sign_language = False
        self.set_language(DEFAULT_LANGUAGE)

    def give_feedback(self, score: int | None, reason: str | None = None) -> None:
        self._spawn(self.agent.give_feedback(score, reason))

    def choose_appointment(self, code: str) -> None:
        self._spawn(self.agent.join(None, self.language, appointment=code))

    def call_again(self) -> None:
        """Queue again for the agency whose call the network cut off (the server puts the
        kiosk at the head of that queue for ten minutes)."""
        agency, self.cut_off_agency = self.cut_off_agency, ""
        if agency:
            self.agent.begin()
            self.choose(agency)

    def cancel(self) -> None:
        self._spawn(self.agent.leave())

    def hang_up(self) -> None:
        self._spawn(self.agent.hang_up())

    def set_muted(self, muted: bool) -> None:
        self.agent.set_muted(muted)

    def set_language(self, code: str) -> None:
        self._languages.use(code)
        super().set_language(code)

    # --- documents -----------------------------------------------------------------------

    async def _show(self, document: Document) -> None:
        """Render what the clerk sent (an image, or a PDF's first page) for the screen."""
        loop = asyncio.get_running_loop()
        data = document.data
        if document.mime == "application/pdf":
            rendered = await loop.run_in_executor(None, render_pdf_page, document.data)
            data = rendered or b""
        image = QImage.fromData(data)
        printable = await loop.run_in_executor(None, printer_available)
        self._shown = document
        self.shownDocument.emit(image, document.name, printable)

    def print_shown(self) -> None:
        document = self._shown
        if document is not None:
            self._spawn(self._print(document))

    async def _print(self, document: Document) -> None:
        try:
            await asyncio.get_running_loop().run_in_executor(
                None, print_document, document.data, document.name
            )
            self.noticeRaised.emit("printed")
        except (OSError, subprocess.SubprocessError):
            log.warning("printing failed")
            self.noticeRaised.emit("print_failed")

    # --- the self-test's checks of what the window kiosk drives (kiosk/selftest.py) ----------

    async def _speaker_check(self) -> p.SelfTestResult:
        """A tone through the loudspeaker, heard back through the microphone."""
        listening = asyncio.ensure_future(
            selftest.grab_samples(self.agent.media.audio_for_check(), selftest.LISTEN_S + 0.3)
        )
        played = await asyncio.create_subprocess_exec(
            *player_command(self.output_device),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        await played.communicate(selftest.tone_pcm(selftest.LISTEN_S))
        samples, rate = await listening
        if played.returncode != 0:
            return "failed"
        return selftest.judge_tone(samples, rate)

    async def _document_camera_check(self) -> p.SelfTestResult:
        try:
            image = await self._camera.still()
        except OSError:
            return "failed"
        return selftest.judge_still(image)

    async def _printer_check(self) -> p.SelfTestResult:
        available = await asyncio.get_running_loop().run_in_executor(None, printer_available)
        return "ok" if available else "absent"

    def documents_opened(self) -> None:
        """Live preview of the document camera (5 a second) until a page is taken."""
        if "document_camera" in self.missing_devices:
            # Never synthetic pages in the customer's name: the camera is not there.
            self.documentError.emit("camera")
            return
        if self._preview is None or self._preview.done():
            self._preview = asyncio.ensure_future(self._preview_loop())

    def documents_closed(self) -> None:
        if self._preview is not None:
            self._preview.cancel()
            self._preview = None

    async def _preview_loop(self) -> None:
        while True:
            try:
                image = await self._camera.preview()
            except OSError:
                self.documentError.emit("camera")
                return
            self.documentImage.emit(rgb_to_qimage(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)))
            await asyncio.sleep(0.2)  # a preview pace, not a wait for an event

    def take_page(self) -> None:
        self.documents_closed()
        self._spawn(self._take_page())

    async def _take_page(self) -> None:
        if "document_camera" in self.missing_devices:
            self.documentError.emit("camera")
            return
        try:
            image = await self._camera.still()
        except OSError:
            self.documentError.emit("camera")
            return
        self._pages.append(jpeg(image))
        self.pages_taken = len(self._pages)
        preview = cv2.resize(image, (image.shape[1] // 2, image.shape[0] // 2))
        self.documentImage.emit(rgb_to_qimage(cv2.cvtColor(preview, cv2.COLOR_BGR2RGB)))
        self.documentState.emit("taken")

    def retake_page(self) -> None:
        if self._pages:
            self._pages.pop()
        self.pages_taken = len(self._pages)
        self.take_page()

    def send_pages(self) -> None:
        self._spawn(self._send_pages())

    async def _send_pages(self) -> None:
        if not self._pages:
            return
        self.documentState.emit("sending")
        stamp = time.strftime("%Y%m%d-%H%M")
        documents = [
            Document(f"page-{n}-{stamp}.jpg", "image/jpeg", page)
            for n, page in enumerate(self._pages, start=1)
        ]
        if len(self._pages) > 1:  # the pages as one PDF as well as the images
            pdf = await asyncio.get_running_loop().run_in_executor(
                None, pages_to_pdf, list(self._pages)
            )
            documents.append(Document(f"document-{stamp}.pdf", "application/pdf", pdf))
        try:
            receipt = None
            for document in documents:
                receipt = await self.agent.send_document(document)
        except DocumentError as exc:
            log.info("document not delivered: %s", exc)
            self.documentError.emit(str(exc))
            self.documentState.emit("failed")
            return
        assert receipt is not None
        pages = len(self._pages)
        self._pages.clear()
        self.pages_taken = 0
        agency = self.agent.call.agency if self.agent.call else ""
        self.documentReceipt.emit(receipt.code, pages, agency, time.strftime("%H:%M"))
        self.documentState.emit("received")

    # --- what the agent reports ----------------------------------------------------------

    def on_visit(self, state: VisitState) -> None:
        self._spawn(self._speaker.stop())  # what was read belonged to the last screen
        if state is not VisitState.IN_CALL:
            self._pages.clear()  # nothing of a visit's documents outlives its call
            self._shown = None
            self.documents_closed()
            self.pages_taken = 0
        if state in (VisitState.QUEUED, VisitState.IN_CALL):
            # While waiting too: the customer sees how the official will see them.
            self._start_self_view()
        if state is not VisitState.IN_CALL:
            self._spawn(self._stop_call_media(keep_self_view=state is VisitState.QUEUED))
        if state is VisitState.START:
            # A new visit starts in the default language, without the last customer's
            # interpreter request: nothing of the last one remains.
            self.needs_sign_language = False
            self.sign_language = SIGN_LANGUAGE
            self.volume.reset()
            self._apply_volume()
            self.set_language(DEFAULT_LANGUAGE)
        self.visitChanged.emit(state.value)

    def _start_self_view(self) -> None:
        if self._self_view is None:
            self._self_view = TrackPump(self.agent.media.video_for_preview(), log_id="self-view")
            self._self_view.listeners.append(self._self_frame)
            self._self_view.start()

    def _self_frame(self, frame: av.VideoFrame | av.AudioFrame) -> None:
        now = time.monotonic()
        if isinstance(frame, av.VideoFrame) and now - self._last_self_frame >= 1 / SELF_VIEW_FPS:
            self._last_self_frame = now
            self.frames.convert("self", frame, self.selfFrame.emit)

    @property
    def output_device(self) -> str:
        """Where the call's sound and the kiosk's speech play: the headset while one is
        plugged in, the loudspeaker otherwise."""
        if self.private_listening and self._headset is not None:
            return alsa_device(self._headset)
        return self._speaker_device

    def look_for_headset(self) -> None:
        """Plugged in or out since the last look: sound and speech follow."""
        if self._headset is None:
            return
        plugged = card_present(self._headset, self._asound)
        if plugged == self.private_listening:
            return
        self.private_listening = plugged
        log.info("headset %s", "plugged in" if plugged else "unplugged")
        self._spawn(self._speaker.stop())  # what was being said to the other output
        self._speaker = Speaker((*DEFAULT_PLAYER, "-D", self.output_device))
        for peer in list(self._playbacks):
            self._move_playback(peer)
        self.agent.report(headset="plugged" if plugged else "unplugged")
        self.privateListeningChanged.emit(plugged)

    def _move_playback(self, peer: str) -> None:
        moved = AudioPlayback(player_command(self.output_device))
        moved.gain = self.volume.gain
        if not moved.start():
            log.warning("the call's sound cannot move to %s: it stays", self.output_device)
            return
        old, self._playbacks[peer] = self._playbacks[peer], moved
        asyncio.get_running_loop().run_in_executor(None, old.stop)

    def play_audio(self, pump: TrackPump, peer: str) -> None:
        """One player per call member: the sound system mixes them (ALSA dmix, PipeWire)."""
        if peer not in self._playbacks:
            playback = AudioPlayback(player_command(self.output_device))
            self._playbacks[peer] = playback
            if not playback.start():
                self.noticeRaised.emit("no_speaker")
                self.agent.report(speaker="missing")
            elif self.agent.health["speaker"] != "ok":
                self.agent.report(speaker="ok")
        self._playbacks[peer].gain = self.volume.gain
        pump.listeners.append(self._player_of(peer))
        pump.listeners.append(self._voice_of(peer))

    def _voice_of(self, peer: str) -> Callable[[av.AudioFrame | av.VideoFrame], None]:
        """Watch a member's sound for speech, to show that they are speaking."""
        voice = VoiceActivity()

        def heard(frame: av.AudioFrame | av.VideoFrame) -> None:
            if isinstance(frame, av.AudioFrame):
                change = voice.observe(audio_rms(frame), time.monotonic())
                if change is not None:
                    self.speakingChanged.emit(peer, change)

        return heard

    def _player_of(self, peer: str) -> Callable[[av.VideoFrame | av.AudioFrame], None]:
        """Plays ``peer``'s sound on whichever player is theirs now (a headset plugged
        in mid-call gives them a new one)."""

        def play(frame: av.VideoFrame | av.AudioFrame) -> None:
            playback = self._playbacks.get(peer)
            if playback is not None and isinstance(frame, av.AudioFrame):
                playback.play(frame)

        return play

    def stop_audio(self, peer: str) -> None:
        playback = self._playbacks.pop(peer, None)
        if playback is not None:
            asyncio.get_running_loop().run_in_executor(None, playback.stop)

    def send_chat(self, text: str) -> None:
        self._spawn(self.agent.send_chat(text))

    def send_draft(self, text: str) -> None:
        self._spawn(self.agent.send_draft(text))

    def speak(self, text: str) -> None:
        self._spawn(self._speaker.speak(text, self.language))

    def louder(self) -> None:
        if self.volume.louder():
            self._apply_volume()

    def quieter(self) -> None:
        if self.volume.quieter():
            self._apply_volume()

    def _apply_volume(self) -> None:
        for playback in self._playbacks.values():
            playback.gain = self.volume.gain
        self.volumeChanged.emit(self.volume.index, len(STEPS_DB))

    def can_speak(self, language: str | None = None) -> bool:
        return self._speaker.can_speak(language or self.language)

    def stop_speaking(self) -> None:
        self._spawn(self._speaker.stop())

    async def _stop_call_media(self, *, keep_self_view: bool = False) -> None:
        if not keep_self_view:
            pump, self._self_view = self._self_view, None
            if pump is not None:
                pump.track.stop()
                await pump.stop()
        playbacks, self._playbacks = self._playbacks, {}
        for playback in playbacks.values():
            await asyncio.get_running_loop().run_in_executor(None, playback.stop)
