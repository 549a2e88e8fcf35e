"""What the HTTP API answers, as models: the OpenAPI description's responses are generated
from them (signaling/openapi.py), and the property-based fuzz of that description
(tests/test_openapi_fuzz.py) checks every real answer against them, so the document
cannot drift from what the server sends."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, RootModel

from signaling.problems import ProblemCode


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(Answer):
    """Every refusal: a sentence that says what is wrong (never a traceback), and the
    same as a code a page translates (signaling/problems.py)."""

    error: str
    code: ProblemCode
    #: The field (body member or query parameter) at fault, when one was.
    field: str | None = None
    #: A standby's refusal: the node that serves, when it said where it is.
    serving: str | None = None


class Health(Answer):
    #: "ok" (200) from the leader; "standby" and "paused" (its database does not answer
    #: for a moment) come with 503.
    status: Literal["ok", "standby", "paused"]


class Me(Answer):
    name: str
    agencies: list[str]
    role: str
    #: a coordinator's service point
    point: str | None = None


class LoggedOut(Answer):
    ok: bool
    sessions_ended: int


class Enrolled(Answer):
    label: str
    token: str


class PointEntry(Answer):
    id: int
    name: str


class ServiceEntry(Answer):
    code: str
    names: dict[str, str]


class AgencyEntry(Answer):
    code: str
    names: dict[str, str]
    routes_by_language: bool
    services: list[ServiceEntry]


class OpenNow(Answer):
    point: str | None
    agency: str
    open: bool
    next_opening: float | None


class CatalogueAnswer(Answer):
    points: list[PointEntry]
    agencies: list[AgencyEntry]
    open_now: list[OpenNow]


class Created(Answer):
    id: int


class AgencyCreated(Answer):
    code: str


class ServiceCreated(Answer):
    agency: str
    code: str


class HoursCreated(Answer):
    added: int


class ExceptionCreated(Answer):
    day: str


class AppointmentCreated(Answer):
    code: str
    starts_at: float


class AppointmentEntry(Answer):
    id: int
    point: str
    agency: str
    language: str
    starts_at: float
    #: "booked", "arrived" (the customer queued with it) or "cancelled"
    status: Literal["booked", "arrived", "cancelled"]


class Appointments(RootModel[list[AppointmentEntry]]):
    pass


class AppointmentCancelled(Answer):
    id: int
    status: Literal["cancelled"]


class KioskCreated(Answer):
    label: str
    #: typed at the terminal (python -m kiosk --enrol CODE) within 15 minutes
    enrolment_code: str
    #: the same code as a QR code: an SVG in a data: URL
    enrolment_qr: str


class KioskRevoked(Answer):
    label: str
    revoked: bool
    disconnected: int


class ClerkEntry(Answer):
    id: int
    username: str
    display_name: str
    agencies: list[str]
    languages: list[str]
    role: str


class SelfTestEntry(Answer):
    started_at: float
    took_s: float
    results: dict[str, str]


class KioskEntry(Answer):
    label: str
    point: str
    online: bool
    health: dict[str, Any] | None
    reported_at: float | None
    #: The kiosk's latest self-test, if it has made one.
    self_test: SelfTestEntry | None = None


class AccountChanged(Answer):
    username: str
    #: its consoles open now, closed at once (a disabled account, a reset password)
    consoles_closed: int


class SelfTestAsked(Answer):
    label: str
    #: True: the kiosk was told now; False: it will be when it next connects.
    connected: bool


class AuditEntry(Answer):
    at: float
    actor_role: str
    actor_id: int | None
    action: str
    call_id: str | None
    detail: str


class Rating(Answer):
    count: int
    mean: float


class Interpreting(Answer):
    calls: int
    minutes: float


class UsageReport(Answer):
    contacts: int
    by_agency: dict[str, int]
    by_point: dict[str, int]
    by_outcome: dict[str, int]
    by_hour: dict[str, int]
    by_agency_and_hour: dict[str, dict[str, int]]
    #: ISO weekday (1 = Monday) -> local hour -> contacts: is an extended evening used?
    by_weekday_and_hour: dict[str, dict[str, int]]
    #: day (YYYY-MM-DD, at the point) -> contacts
    by_day: dict[str, int]
    #: point -> calls the network cut off (the point's link, as customers met it)
    connection_lost_by_point: dict[str, int]
    median_wait_s: float | None
    wait_p90_s: float | None
    median_handling_s: float | None
    documents: int
    feedback: dict[str, Rating]
    feedback_reasons: dict[str, int]
    interpreting: dict[str, Interpreting]


class CostEntry(Answer):
    """Per month, point and agency: transactions served (handled and transferred: what
    the point is paid for) and each outcome's count (signaling/supervisor/costs.py)."""

    month: str
    point: str
    agency: str
    served: int
    handled: int
    transferred: int
    abandoned: int
    no_clerk: int
    connection_lost: int


class CostReport(Answer):
    rows: list[CostEntry]
    #: the period's transactions served, all rows together
    served: int


class KioskLive(Answer):
    label: str
    online: bool
    #: offline, idle (online, no customer), queued, in_call
    activity: Literal["offline", "idle", "queued", "in_call"]
    #: camera, microphone, speaker, document_camera: their last reported state
    devices: dict[str, str] | None
    #: the latest self-test: when, and which checks failed
    self_test: dict[str, Any] | None


class PointLive(Answer):
    name: str
    kiosks: list[KioskLive]


class QueueLive(Answer):
    agency: str
    waiting: int
    longest_wait_s: float


class LiveSnapshot(Answer):
    """The dashboard's live page, scoped to the caller's agencies (queues, clerks, calls)."""

    at: float
    points: list[PointLive]
    queues: list[QueueLive]
    clerks: dict[str, int]
    interpreters: dict[str, int]
    calls: int


class Clerks(RootModel[list[ClerkEntry]]):
    pass


class Kiosks(RootModel[list[KioskEntry]]):
    pass


class AuditLog(RootModel[list[AuditEntry]]):
    pass
