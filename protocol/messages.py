"""Every message on the /ws wire, typed and validated, with no I/O.

The kiosk, the server, the tests and the console's JSON Schema all come from this one
module (docs/protocol.md describes each message with an example). A message is a JSON
object whose ``type`` field selects the model; unknown fields are rejected so that a typo
is an error at the edge rather than a silently ignored value.

Decoding happens once, at the edge, through :func:`parse_client_message` (server side) or
:func:`parse_server_message` (kiosk side); both raise :class:`ProtocolError` with a message
that names the field and the bad value.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, TypeAlias, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from protocol.exceptions import ProtocolError

#: Largest message the server accepts; SDP of a three-way call stays well below it.
MAX_MESSAGE_BYTES = 64 * 1024

Role: TypeAlias = Literal["kiosk", "clerk", "interpreter"]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
AgencyCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,31}$")]
#: ISO 639-1/639-3 language code such as "fi", "sv", "se" (North Sami) or "fin".
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Outcome: TypeAlias = Literal["handled", "transferred", "abandoned", "no_clerk", "connection_lost"]
IceTransportPolicy: TypeAlias = Literal["all", "relay"]
#: "left": sent to an interpreter whose own leaving ended the call for them.
EndReason: TypeAlias = Literal[
    "ended_by_clerk",
    "ended_by_kiosk",
    "connection_lost",  # a member's connection stayed down for the whole grace period
    "transferred",
    "left",
    "server_error",  # the server failed while changing the call: ended, not left half-done
]
QueueLeftReason: TypeAlias = Literal["left", "expired", "no_clerk"]
ClerkStatus: TypeAlias = Literal["available", "away", "offered", "busy"]
WithdrawnReason: TypeAlias = Literal["expired", "left", "declined", "away"]
Requester: TypeAlias = Literal["clerk", "kiosk"]
VoidReason: TypeAlias = Literal[
    "taken", "cancelled", "expired", "call_ended", "away", "busy", "declined"
]
InterpreterState: TypeAlias = Literal["requested", "joined", "left", "timed_out", "cancelled"]
ErrorCode: TypeAlias = Literal[
    "bad_message",  # not JSON, unknown type, or a field fails validation
    "forbidden",  # this role may not send this message
    "not_found",  # the ticket or call named does not exist (any more)
    "invalid_state",  # the message does not fit the sender's current state
    "too_large",  # over MAX_MESSAGE_BYTES
    "rate_limited",  # more messages than the connection's budget allows
    "server_error",  # the server failed on this message (its call, if any, was ended)
    "service_paused",  # the server's database does not answer: send it again shortly
]


class Message(BaseModel):
    """Base of every wire message: frozen, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


# --- shared parts ------------------------------------------------------------------------


class SessionDescription(Message):
    """An SDP offer or answer (RFC 8829 JSEP), as RTCSessionDescriptionInit."""

    type: Literal["offer", "answer"]
    sdp: Annotated[str, StringConstraints(min_length=1, max_length=MAX_MESSAGE_BYTES)]


class IceCandidate(Message):
    """One trickled ICE candidate (RFC 8838), as RTCIceCandidateInit."""

    candidate: Annotated[str, StringConstraints(max_length=1024)]
    sdpMid: Annotated[str, StringConstraints(max_length=64)] | None = None
    sdpMLineIndex: Annotated[int, Field(ge=0, le=64)] | None = None


class IceServer(Message):
    """One entry of RTCConfiguration.iceServers, handed out by the server per call."""

    urls: list[Annotated[str, StringConstraints(max_length=256)]]
    username: str | None = None
    credential: str | None = None


class AgencyInfo(Message):
    """An agency as a kiosk offers it now: names per language, open or not, expected wait."""

    code: AgencyCode
    names: dict[LanguageCode, Annotated[str, StringConstraints(max_length=120)]]
    open: bool
    #: Expected wait for someone joining now, in seconds; absent when no clerk serves.
    wait_min_s: float | None = None
    wait_max_s: float | None = None
    #: Unix time of the next opening when closed (absent when not within two weeks).
    next_opening: float | None = None


QueueKind: TypeAlias = Literal["transferred", "appointment", "walk_in"]


class QueueEntry(Message):
    """A waiting customer as a clerk sees them: no personal data, only the ticket."""

    ticket: Identifier
    agency: AgencyCode
    language: LanguageCode
    point: Annotated[str, StringConstraints(max_length=120)]
    queued_at: float = Field(description="Unix time when the customer joined the queue")
    kind: QueueKind = "walk_in"


class CallPeer(Message):
    """Another member of the call. ``initiator`` says whether *you* send the first offer."""

    member_id: Identifier
    role: Role
    initiator: bool
    #: For an interpreter: the language they interpret (a sign language gets a large tile).
    language: LanguageCode | None = None
    #: To a clerk: this peer's first offer (generation 1), sent ahead while its customer
    #: queued (``queue.offer``): apply it as if it had come in a signal.
    offer: SessionDescription | None = None
    #: To a kiosk: the number of its offer sent ahead that this peer was given with its
    #: ``call.started``; the kiosk sends that connection's offer no more, it waits for the
    #: answer.
    offer_given: Annotated[int, Field(ge=1, le=1_000_000_000)] | None = None


class _SignalBody(Message):
    call_id: Identifier
    description: SessionDescription | None = None
    candidate: IceCandidate | None = None
    end_of_candidates: bool = False
    #: Which peer connection of this pair the signal belongs to. A pair whose path broke
    #: is replaced by a new connection with the next generation (aiortc has no ICE
    #: restart); a signal of an older generation is stale and dropped, one of a newer
    #: generation makes the receiver replace its connection (docs/resilience.md).
    generation: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    #: Asks the pair's offerer to replace this generation's connection (its media stalled
    #: here although signalling works).
    restart: bool = False

    @model_validator(mode="after")
    def _exactly_one_payload(self) -> _SignalBody:
        given = [
            name
            for name, present in (
                ("description", self.description is not None),
                ("candidate", self.candidate is not None),
                ("end_of_candidates", self.end_of_candidates),
                ("restart", self.restart),
            )
            if present
        ]
        if len(given) != 1:
            raise ValueError(
                "a signal carries exactly one of description, candidate, end_of_candidates,"
                f" restart (got {', '.join(given) or 'none'})"
            )
        return self


# --- client to server --------------------------------------------------------------------


class QueueJoin(Message):
    """Kiosk: put the customer in a queue, by agency (walk-in) or by appointment code."""

    type: Literal["queue.join"] = "queue.join"
    agency: AgencyCode | None = None
    appointment: Annotated[str, StringConstraints(pattern=r"^[0-9]{8}$")] | None = None
    language: LanguageCode
    service: Identifier | None = None
    #: The customer asked for an interpreter of this language (e.g. "fse", Finnish Sign
    #: Language); the request goes out when the call starts.
    interpreter: LanguageCode | None = None

    @model_validator(mode="after")
    def _agency_or_appointment(self) -> QueueJoin:
        if (self.agency is None) == (self.appointment is None):
            raise ValueError("give exactly one of agency, appointment")
        return self


class QueueLeave(Message):
    """Kiosk: the customer gave up waiting."""

    type: Literal["queue.leave"] = "queue.leave"


class QueueOffer(Message):
    """Kiosk, while queued: the offer of its call's first connection, made while its
    customer waits (media/session.py ``PreparedOffer``), so that the clerk's console gets it
    with ``call.started`` instead of after it. ``number`` names this offer among the
    kiosk's; a new one replaces the last, and ``description`` null withdraws it (the kiosk
    closed that connection)."""

    type: Literal["queue.offer"] = "queue.offer"
    ticket: Identifier
    number: Annotated[int, Field(ge=1, le=1_000_000_000)]
    description: SessionDescription | None = None

    @model_validator(mode="after")
    def _an_offer(self) -> QueueOffer:
        if self.description is not None and self.description.type != "offer":
            raise ValueError("description must be an offer")
        return self


class ClerkStatusSet(Message):
    """Clerk or interpreter: I am available for offers (invitations), or away."""

    type: Literal["clerk.status"] = "clerk.status"
    status: Literal["available", "away"]


class CallAccept(Message):
    """Clerk: take the customer offered to you; the server starts a call."""

    type: Literal["call.accept"] = "call.accept"
    ticket: Identifier


class CallDecline(Message):
    """Clerk: not now; the offer moves on and you are marked away."""

    type: Literal["call.decline"] = "call.decline"
    ticket: Identifier


class CallTransfer(Message):
    """Clerk: send the customer to another agency's queue, at its head."""

    type: Literal["call.transfer"] = "call.transfer"
    call_id: Identifier
    agency: AgencyCode


class CallEnd(Message):
    """Any member: end the call. A clerk may give the outcome for the transaction record."""

    type: Literal["call.end"] = "call.end"
    call_id: Identifier
    outcome: Literal["handled", "abandoned", "connection_lost"] | None = None


class CallMediaState(Message):
    """Any member: its media from ``peer`` is flowing (connected), has stopped for a moment
    (interrupted: no packets for 2 s), or its peer connection gave up (failed). The call's
    state on the server follows (INTERRUPTED while any path is down)."""

    type: Literal["call.media"] = "call.media"
    call_id: Identifier
    peer: Identifier
    state: Literal["connected", "interrupted", "failed"]


#: How much of the call a member's link carries (media/quality.py), best first.
QualityStep = Literal["full", "reduced", "stills", "audio", "text"]
#: Sign languages: a call with an interpreter of one keeps its frame rate on a thin link.
SIGN_LANGUAGES = frozenset({"fse", "fss"})


class CallQuality(Message):
    """Any member: the step its link is on now (full video, reduced, stills, sound only,
    text only), sent when it changes, so that the others show it and send no more than
    it can take."""

    type: Literal["call.quality"] = "call.quality"
    call_id: Identifier
    step: QualityStep


class Ping(Message):
    """Any client: are you there? Answered at once with ``pong``. Browsers cannot see the
    WebSocket's own pings, so a console sends this every 2 s and reconnects when the
    answer is late (docs/resilience.md)."""

    type: Literal["ping"] = "ping"
    seq: Annotated[int, Field(ge=0, le=2**53)]


class CallDocument(Message):
    """Clerk: a document from the kiosk arrived verified (counted, never stored here)."""

    type: Literal["call.document"] = "call.document"
    call_id: Identifier
    bytes: Annotated[int, Field(ge=1, le=100 * 1024 * 1024)]


DeviceState: TypeAlias = Literal["ok", "stand_in", "missing", "failed", "unknown"]
#: A customer's headset: plugged in or not is the customer's choice, not a fault; "none":
#: this kiosk has no headset socket.
HeadsetState: TypeAlias = Literal["plugged", "unplugged", "none"]


class KioskHealth(Message):
    """Kiosk: the state of its devices, for the operators' overview. Sent on connecting
    and whenever something changes; ``last_error`` names an error class, never data."""

    type: Literal["kiosk.health"] = "kiosk.health"
    camera: DeviceState
    microphone: DeviceState
    speaker: DeviceState
    document_camera: DeviceState
    headset: HeadsetState = "none"
    version: Annotated[str, StringConstraints(max_length=40)]
    last_error: Annotated[str, StringConstraints(max_length=200)] | None = None


#: What a kiosk's self-test checks (kiosk/selftest.py), and what each check found:
#: "absent" (this kiosk has no such thing: no printer, no TURN configured), "skipped"
#: (a stand-in device, or the hardware cannot check it: a speaker without a microphone).
SelfTestCheck: TypeAlias = Literal[
    "camera", "microphone", "speaker", "document_camera", "printer", "server", "turn"
]
SelfTestResult: TypeAlias = Literal["ok", "failed", "absent", "skipped"]


class KioskSelfTest(Message):
    """Kiosk: what its self-test found (each morning, and when an operator asks), for
    the operators' overview and alerts. Results only, never a picture or a sound."""

    type: Literal["kiosk.self_test"] = "kiosk.self_test"
    results: dict[SelfTestCheck, SelfTestResult]
    started_at: float = Field(description="Unix time the self-test started")
    took_s: Annotated[float, Field(ge=0, le=600)]


FeedbackReason: TypeAlias = Literal[
    "waiting_time", "sound_or_picture", "kiosk_hard_to_use", "matter_not_solved", "other"
]


class Feedback(Message):
    """Kiosk: the customer's rating of the call that just ended (1 = very unhappy ...
    5 = very happy) and, optionally, what was wrong. Chosen, never typed: no personal data."""

    type: Literal["feedback"] = "feedback"
    call_id: Identifier
    score: Annotated[int, Field(ge=1, le=5)]
    reason: FeedbackReason | None = None


class InterpreterRequest(Message):
    """Clerk: ask for an interpreter of ``language`` to join this call. Sent again after a
    request timed out, it means "keep waiting"."""

    type: Literal["interpreter.request"] = "interpreter.request"
    call_id: Identifier
    language: LanguageCode


class InterpreterCancel(Message):
    """Clerk: withdraw this call's open interpreter request."""

    type: Literal["interpreter.cancel"] = "interpreter.cancel"
    call_id: Identifier


class InvitationAccept(Message):
    """Interpreter: join the call behind this invitation (valid once, for a short time)."""

    type: Literal["invitation.accept"] = "invitation.accept"
    invitation: Identifier


class InvitationDecline(Message):
    """Interpreter: not this one; the others invited may still take it."""

    type: Literal["invitation.decline"] = "invitation.decline"
    invitation: Identifier


class CallLeave(Message):
    """Interpreter: leave the call; it goes on for the customer and the clerk."""

    type: Literal["call.leave"] = "call.leave"
    call_id: Identifier


class CallRejoin(Message):
    """Any member: I am back in this call (``welcome.resume`` said so) but lost its media
    (the page was reloaded, the kiosk restarted): connect me to the others again."""

    type: Literal["call.rejoin"] = "call.rejoin"
    call_id: Identifier


ChatText = Annotated[str, StringConstraints(min_length=1, max_length=1000)]


class ChatSend(Message):
    """Any member: a line of real-time text for everyone in the call. Relayed, never
    stored or logged by the server."""

    type: Literal["chat.send"] = "chat.send"
    call_id: Identifier
    text: ChatText


#: An unsent line may be empty: the writer deleted what they had typed.
DraftText = Annotated[str, StringConstraints(max_length=1000)]


class ChatDraftSend(Message):
    """Any member: the line I am writing, as it stands now (real-time text, EN 301 549
    6.2.1.1: the others read each character within 500 ms, before Send). The whole line
    each time, so that a lost or late draft is mended by the next; sent at once when it
    changes, then at most every 200 ms while it goes on changing. Relayed, never stored or
    logged."""

    type: Literal["chat.draft"] = "chat.draft"
    call_id: Identifier
    text: DraftText


class SignalOut(_SignalBody):
    """Any member: SDP or ICE for one other member of the same call."""

    type: Literal["signal"] = "signal"
    to: Identifier


ClientMessage = Annotated[
    QueueJoin
    | QueueLeave
    | QueueOffer
    | ClerkStatusSet
    | CallAccept
    | CallDecline
    | CallTransfer
    | CallEnd
    | CallMediaState
    | CallQuality
    | CallDocument
    | Feedback
    | KioskHealth
    | KioskSelfTest
    | InterpreterRequest
    | InterpreterCancel
    | InvitationAccept
    | InvitationDecline
    | CallLeave
    | CallRejoin
    | ChatSend
    | ChatDraftSend
    | Ping
    | SignalOut,
    Field(discriminator="type"),
]


# --- server to client --------------------------------------------------------------------


class Welcome(Message):
    """After the handshake: who you are, what you may offer, and what you were doing.

    ``resume`` tells a reconnecting client whether the server still holds its queue place
    (``queued``) or its call (``in_call``, with ``call_id``); ``none`` means neither.
    """

    type: Literal["welcome"] = "welcome"
    role: Role
    name: Annotated[str, StringConstraints(max_length=120)]
    agencies: list[AgencyInfo] = []
    resume: Literal["none", "queued", "in_call"] = "none"
    call_id: Identifier | None = None
    #: Kiosk: the TURN servers its calls will use (URLs only; credentials come per call),
    #: so that it can find the transport that gets through while its customer waits.
    turn_urls: list[Annotated[str, StringConstraints(max_length=256)]] = []


class AgencyList(Message):
    """Kiosk: the agencies changed (opened, closed, waits moved)."""

    type: Literal["agencies"] = "agencies"
    agencies: list[AgencyInfo]


class QueueStatus(Message):
    """Kiosk: your place in the queue (1 = next) and expected wait; sent on every change."""

    type: Literal["queue.status"] = "queue.status"
    ticket: Identifier
    agency: AgencyCode
    position: Annotated[int, Field(ge=1)]
    waiting: Annotated[int, Field(ge=1)]
    wait_min_s: float | None = None
    wait_max_s: float | None = None
    #: The ICE servers (with TURN credentials of this ticket's) and policy the kiosk's
    #: call will use, so that it can gather its candidates, a TURN allocation included,
    #: while its customer waits instead of after the clerk accepts. None: not said (a
    #: server older than this field); [] is a server with none (loopback, tests).
    ice_servers: list[IceServer] | None = None
    ice_transport_policy: IceTransportPolicy = "all"


class QueueLeft(Message):
    """Kiosk: you are no longer queued, and why."""

    type: Literal["queue.left"] = "queue.left"
    ticket: Identifier
    reason: QueueLeftReason


class QueueSummary(Message):
    """How many wait in one queue and for how long the longest has waited."""

    agency: AgencyCode
    language: LanguageCode | None = None
    waiting: int
    oldest_queued_at: float | None = None


class QueueSnapshot(Message):
    """Clerk: your agencies' queues and everyone in them, next first; sent on every change."""

    type: Literal["queue.snapshot"] = "queue.snapshot"
    entries: list[QueueEntry]
    queues: list[QueueSummary] = []


class ClerkState(Message):
    """Clerk: your routing status as the server sees it (e.g. away after a missed offer)."""

    type: Literal["clerk.state"] = "clerk.state"
    status: ClerkStatus


class CallOffer(Message):
    """Clerk: this customer is yours if you accept before ``expires_at`` (Unix time)."""

    type: Literal["call.offer"] = "call.offer"
    entry: QueueEntry
    expires_at: float
    #: The interpreter the customer asked for at the kiosk (a sign language), so that the
    #: official knows before accepting; only in the offer, never in the queue all see.
    interpreter: LanguageCode | None = None


class CallOfferWithdrawn(Message):
    """Clerk: the offer is gone (expired, the customer left, or you went away)."""

    type: Literal["call.offer_withdrawn"] = "call.offer_withdrawn"
    ticket: Identifier
    reason: WithdrawnReason


class CallStarted(Message):
    """Every member: a call exists; connect to each peer with these ICE servers."""

    type: Literal["call.started"] = "call.started"
    call_id: Identifier
    you: Identifier
    agency: AgencyCode
    language: LanguageCode
    peers: list[CallPeer]
    ice_servers: list[IceServer]
    #: "relay": use only TURN candidates (RTCConfiguration.iceTransportPolicy).
    ice_transport_policy: IceTransportPolicy = "all"
    #: For an interpreter: the language *you* interpret (a signer's console shares the
    #: kiosk's downlink as the sign-language rule says).
    interpreting: LanguageCode | None = None


class CallIce(Message):
    """Every member of a call using TURN: fresh credentials before the last ones expire
    (they last minutes). A connection already up keeps its relay; new ones (a replaced
    connection, an ICE restart) use these."""

    type: Literal["call.ice"] = "call.ice"
    call_id: Identifier
    ice_servers: list[IceServer]
    ice_transport_policy: IceTransportPolicy = "all"


class SignalIn(_SignalBody):
    """Every member: SDP or ICE relayed from another member of the same call."""

    type: Literal["signal"] = "signal"
    from_: Identifier = Field(alias="from")


class CallMember(Message):
    """Every other member: a member's connection to the server dropped or came back.

    Sent the moment the server notices, long before WebRTC would (aiortc reports a dead
    peer after about 30 s, docs/stack-facts.md), so each side can tell its user.
    """

    type: Literal["call.member"] = "call.member"
    call_id: Identifier
    member_id: Identifier
    online: bool


class Pong(Message):
    """The answer to ``ping``, with its sequence number."""

    type: Literal["pong"] = "pong"
    seq: Annotated[int, Field(ge=0, le=2**53)]


class MemberQuality(Message):
    """Every other member of a call: the step ``member_id``'s link is on (CallQuality)."""

    type: Literal["call.quality"] = "call.quality"
    call_id: Identifier
    member_id: Identifier
    step: QualityStep


class CallNotice(Message):
    """Clerk: something the official should know about the customer's kiosk in this call
    (a device stopped; the call goes on with what still works)."""

    type: Literal["call.notice"] = "call.notice"
    call_id: Identifier
    code: Literal["kiosk_camera_lost", "kiosk_microphone_lost"]


class ServiceStatus(Message):
    """Every client: whether the server accepts changes. ``paused`` while its database
    does not answer (seconds): calls and their media go on, changes are refused with
    ``service_paused``; ``normal`` when it answers again."""

    type: Literal["service"] = "service"
    state: Literal["paused", "normal"]


class SelfTestRun(Message):
    """Kiosk: an operator asks for a self-test now (answered with ``kiosk.self_test``
    once the kiosk is free: never during a visit)."""

    type: Literal["self_test.run"] = "self_test.run"


class Invitation(Message):
    """Interpreter: a call needs an interpreter of ``language``. The call is named only
    once the invitation is accepted; the first interpreter to accept takes it."""

    type: Literal["invitation"] = "invitation"
    invitation: Identifier
    language: LanguageCode
    agency: AgencyCode
    expires_at: float = Field(description="Unix time after which the invitation is void")
    #: Who asked: the clerk during the call, or the customer at the kiosk before it.
    requested_by: Requester


class InvitationWithdrawn(Message):
    """Interpreter: this invitation is void (another interpreter took it, the clerk
    cancelled, time ran out, the call ended, or you went away or into a call)."""

    type: Literal["invitation.withdrawn"] = "invitation.withdrawn"
    invitation: Identifier
    reason: VoidReason


class InterpreterStatus(Message):
    """Kiosk and clerk: where this call's interpreter request stands.

    ``invited`` counts the interpreters the request reached (0: none of that language is
    available now; the request still waits until ``expires_at``).
    """

    type: Literal["interpreter.status"] = "interpreter.status"
    call_id: Identifier
    language: LanguageCode
    state: InterpreterState
    invited: int = 0
    expires_at: float | None = None


class PeerJoined(Message):
    """Every member: someone joined the running call (an interpreter); connect to them."""

    type: Literal["call.peer_joined"] = "call.peer_joined"
    call_id: Identifier
    peer: CallPeer


class PeerLeft(Message):
    """Every member: someone left the running call; close the connection to them."""

    type: Literal["call.peer_left"] = "call.peer_left"
    call_id: Identifier
    member_id: Identifier


class Chat(Message):
    """Every member: a line of real-time text, including your own (in the server's order)."""

    type: Literal["chat"] = "chat"
    call_id: Identifier
    from_: Identifier = Field(alias="from")
    role: Role
    text: ChatText
    at: float


class ChatDraft(Message):
    """The other members: what ``from`` is writing now (empty: nothing). A line in
    ``chat`` from the same member ends their draft."""

    type: Literal["chat.draft"] = "chat.draft"
    call_id: Identifier
    from_: Identifier = Field(alias="from")
    role: Role
    text: DraftText


class CallEnded(Message):
    """Every member: the call is over; close peer connections and return to idle."""

    type: Literal["call.ended"] = "call.ended"
    call_id: Identifier
    reason: EndReason


class Error(Message):
    """Any client: your last message was refused; nothing changed on the server."""

    type: Literal["error"] = "error"
    code: ErrorCode
    message: Annotated[str, StringConstraints(max_length=500)]
    in_reply_to: str | None = None


ServerMessage = Annotated[
    Welcome
    | AgencyList
    | QueueStatus
    | QueueLeft
    | QueueSnapshot
    | ClerkState
    | CallOffer
    | CallOfferWithdrawn
    | CallStarted
    | CallIce
    | SignalIn
    | CallMember
    | CallNotice
    | ServiceStatus
    | SelfTestRun
    | MemberQuality
    | Invitation
    | InvitationWithdrawn
    | InterpreterStatus
    | PeerJoined
    | PeerLeft
    | Chat
    | ChatDraft
    | CallEnded
    | Pong
    | Error,
    Field(discriminator="type"),
]

_client_adapter: TypeAdapter[Any] = TypeAdapter(ClientMessage)
_server_adapter: TypeAdapter[Any] = TypeAdapter(ServerMessage)
#: The concrete models of each direction, in the order of the unions above.
CLIENT_MESSAGE_TYPES: tuple[type[Message], ...] = get_args(get_args(ClientMessage)[0])
SERVER_MESSAGE_TYPES: tuple[type[Message], ...] = get_args(get_args(ServerMessage)[0])


def _describe(error: ValidationError, message_type: str | None) -> str:
    first = error.errors()[0]
    loc = [str(part) for part in first["loc"]]
    if loc and loc[0] == message_type:  # the discriminator's own level adds nothing
        loc = loc[1:]
    where = _clip(".".join(loc) or "type", 80)
    # pydantic may quote the bad input inside its message: keep the reply short.
    return (
        f"field '{where}': {_clip(first['msg'], 200)} (got {_clip(repr(first.get('input')), 60)})"
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _load(raw: str | bytes) -> dict[str, Any]:
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ProtocolError("too_large", f"message of {len(raw)} bytes exceeds {MAX_MESSAGE_BYTES}")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProtocolError("bad_message", f"message is not JSON: {exc}") from None
    except RecursionError:  # e.g. 100,000 nested brackets: refused, never a traceback
        raise ProtocolError("bad_message", "message is nested too deeply") from None
    if not isinstance(data, dict):
        raise ProtocolError(
            "bad_message", f"message must be a JSON object (got {type(data).__name__})"
        )
    return data


def _parse(raw: str | bytes, adapter: TypeAdapter[Any]) -> Any:
    data = _load(raw)
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        raise ProtocolError(
            "bad_message", _describe(exc, _type_of(data)), in_reply_to=_type_of(data)
        ) from None


def _type_of(data: dict[str, Any]) -> str | None:
    value = data.get("type")
    return value if isinstance(value, str) and len(value) <= 32 else None


def parse_client_message(raw: str | bytes) -> ClientMessage:
    """Decode and validate one message a kiosk or console sent; raise ProtocolError."""
    return _parse(raw, _client_adapter)  # type: ignore[no-any-return]


def parse_server_message(raw: str | bytes) -> ServerMessage:
    """Decode and validate one message the server sent; raise ProtocolError."""
    return _parse(raw, _server_adapter)  # type: ignore[no-any-return]


def encode(message: Message) -> str:
    """Serialise a message for the wire (aliases such as ``from`` applied, no nulls)."""
    return message.model_dump_json(by_alias=True, exclude_none=True)


def json_schema() -> dict[str, Any]:
    """One JSON Schema (2020-12) document with ``ClientMessage`` and ``ServerMessage``."""
    client = _client_adapter.json_schema(by_alias=True, ref_template="#/$defs/{model}")
    server = _server_adapter.json_schema(by_alias=True, ref_template="#/$defs/{model}")
    defs: dict[str, Any] = {}
    for part in (client, server):
        defs.update(part.pop("$defs", {}))
    # SignalOut and SignalIn share a base; keep both directions' definitions distinct.
    defs["ClientMessage"] = client
    defs["ServerMessage"] = server
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Remote service signalling messages",
        "description": "Messages on the /ws WebSocket; see docs/protocol.md.",
        "oneOf": [{"$ref": "#/$defs/ClientMessage"}, {"$ref": "#/$defs/ServerMessage"}],
        "$defs": defs,
    }
