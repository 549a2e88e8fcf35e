"""The bodies of the HTTP API's requests (the supervisor API, logins and kiosk
enrolment), validated where they enter (:func:`read_body`) with errors that name the
field. The admin CLI validates through the same models, and the OpenAPI description is
generated from them."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated, Literal, TypeVar

from aiohttp import web
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from signaling.hours import known_zone
from signaling.passwords import MAX_LENGTH as MAX_PASSWORD
from signaling.passwords import password_problem
from signaling.problems import ProblemCode
from signaling.roles import Role


def _known_zone(name: str) -> str:
    if not known_zone(name):
        raise ValueError(f"unknown time zone '{name[:40]}' (e.g. Europe/Helsinki)")
    return name


#: An IANA time zone name that this machine knows (a point with a bad one would stop
#: every opening-hours check of that point).
TimeZone = Annotated[
    str, StringConstraints(min_length=1, max_length=64), AfterValidator(_known_zone)
]

Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,31}$")]
Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Clock = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")]
Day = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=120)]


class Body(BaseModel):
    """Base of every request body: frozen, unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NewPoint(Body):
    name: Text
    timezone: TimeZone = "Europe/Helsinki"


class NewAgency(Body):
    code: Code
    names: dict[Lang, Text]
    routes_by_language: bool = False


class NewService(Body):
    agency: Code
    code: Code
    names: dict[Lang, Text]


class NewHours(Body):
    point: Text
    agency: Code
    weekdays: list[Annotated[int, Field(ge=0, le=6)]]
    opens: Clock
    closes: Clock
    valid_from: Day | None = None
    valid_until: Day | None = None


class NewException(Body):
    day: Day
    point: Text | None = None
    agency: Code | None = None
    opens: Clock | None = None
    closes: Clock | None = None
    note: Annotated[str, StringConstraints(max_length=200)] = ""


def _policy(password: str, info: ValidationInfo) -> str:
    """signaling/passwords.py's policy, given the account's username and name."""
    problem = password_problem(
        password,
        username=str(info.data.get("username", "")),
        display_name=str(info.data.get("display_name", "")),
    )
    if problem is not None:
        raise PydanticCustomError("password", problem)
    return password


class NewClerk(Body):
    """An account: the admin CLI and the REST API both validate through this model, so the
    password policy (signaling/passwords.py) and every limit are the same for both."""

    username: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.@-]{2,64}$")]
    display_name: Text
    password: Annotated[str, StringConstraints(max_length=MAX_PASSWORD)]
    agencies: list[Code]
    languages: list[Lang] = ["fi"]
    role: Role = Role.CLERK
    #: a coordinator's service point (its name)
    point: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None

    @field_validator("password")
    @classmethod
    def _not_guessable(cls, password: str, info: ValidationInfo) -> str:
        return _policy(password, info)

    @model_validator(mode="after")
    def _agencies_for_clerks(self) -> NewClerk:
        if self.role in (Role.CLERK, Role.SUPERVISOR) and not self.agencies:
            raise PydanticCustomError(
                "agencies",
                "give at least one agency (interpreters and admins belong to none)",
            )
        return self


class AccountRef(Body):
    """An account a request acts on (disabling it)."""

    username: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.@-]{2,64}$")]


class ClerkAgencies(Body):
    """The agencies a clerk serves, all of them (replacing what they served)."""

    username: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.@-]{2,64}$")]
    agencies: Annotated[list[Code], Field(min_length=1, max_length=50)]


class NewPassword(Body):
    """A password reset (admin CLI): the same policy as a new account's."""

    username: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.@-]{2,64}$")]
    display_name: str = ""
    password: Annotated[str, StringConstraints(max_length=MAX_PASSWORD)]

    @field_validator("password")
    @classmethod
    def _not_guessable(cls, password: str, info: ValidationInfo) -> str:
        return _policy(password, info)


class NewKiosk(Body):
    label: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
    point: Text


class NewAppointment(Body):
    point: Text
    agency: Code
    starts_at: Annotated[str, StringConstraints(max_length=40)]  # local ISO time
    language: Lang = "fi"
    clerk: str | None = None


class AppointmentQuery(Body):
    """``GET /appointments``' query: those starting in a period of whole days (Finnish
    time; ``to`` not included), at one point, of one agency."""

    from_: Day = Field(alias="from")
    to: Day
    agency: Code | None = None
    point: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None


class CancelAppointment(Body):
    #: the appointment (GET /appointments' id) and its agency, which must be the caller's
    id: Annotated[int, Field(ge=1, le=2**62)]
    agency: Code


class ReportQuery(Body):
    """``GET /report``'s query: a period of whole days (Finnish time; ``to`` not
    included), one agency, one service point (by name)."""

    from_: Day = Field("1970-01-01", alias="from")
    to: Day = "2100-01-01"
    agency: Code | None = None
    point: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None


Month = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]


class CostQuery(Body):
    """``GET /costs``'s query: whole months (Finnish time, both included), one agency or
    all within reach, and the answer's form: a table (json), CSV or an Excel workbook."""

    from_: Month = Field(alias="from")
    to: Month
    agency: Code | None = None
    point: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    format: Literal["json", "csv", "xlsx"] = "json"


class AuditQuery(Body):
    call_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")] | None = None


class Login(Body):
    username: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Logout(Body):
    #: end every session of the clerk and close their open consoles, not only this one
    everywhere: bool = False


class Enrolment(Body):
    code: Annotated[str, StringConstraints(min_length=4, max_length=32)]


B = TypeVar("B", bound=Body)
#: How long a request's body may take to arrive.
BODY_TIMEOUT_S = 30.0


def refusal(
    status: int,
    code: ProblemCode,
    message: str,
    *,
    field: str | None = None,
    retry_after_s: float | None = None,
) -> web.Response:
    """Every refused HTTP request's answer (answers.Problem): a code that a page
    translates, a sentence, the field at fault if one was, and Retry-After when waiting
    helps."""
    response = web.json_response(problem(code, message, field), status=status)
    if retry_after_s is not None:
        response.headers["Retry-After"] = str(int(retry_after_s) + 1)
    return response


def problem(code: ProblemCode, message: str, field: str | None = None) -> dict[str, str]:
    """A refusal's body (answers.Problem)."""
    body = {"error": message, "code": code.value}
    if field is not None:
        body["field"] = field
    return body


def bad_request(code: ProblemCode, message: str, field: str | None = None) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(
        text=json.dumps(problem(code, message, field)), content_type="application/json"
    )


async def read_body(request: web.Request, model: type[B]) -> B:
    """The request's JSON body as ``model``, or a 400 that says what is wrong (never a
    traceback: deep nesting included)."""
    if request.content_type != "application/json":
        raise bad_request(ProblemCode.NOT_JSON, "send JSON with Content-Type: application/json")
    try:
        async with asyncio.timeout(BODY_TIMEOUT_S):  # a body trickled in holds a handler
            raw = await request.read()
    except TimeoutError:
        raise web.HTTPRequestTimeout(
            text=json.dumps(problem(ProblemCode.NOT_JSON, "the body came too slowly")),
            content_type="application/json",
        ) from None
    try:
        text = raw.decode("utf-8")
        json.loads(text)
    except (ValueError, UnicodeDecodeError):  # UnicodeDecodeError is a ValueError too
        raise bad_request(ProblemCode.NOT_JSON, "body is not JSON") from None
    except RecursionError:
        raise bad_request(ProblemCode.NOT_JSON, "body is nested too deeply") from None
    try:
        # Strict: JSON's 0 is not false and "1" is not 1; what the schema forbids is
        # refused, not guessed at.
        return model.model_validate_json(text, strict=True)
    except ValidationError as exc:
        raise bad_request(ProblemCode.INVALID, validation_problem(exc), field_of(exc)) from None


def field_of(error: ValidationError) -> str:
    """The field of a refused body's first problem (its top-level name: a page marks
    that input)."""
    where = error.errors()[0]["loc"]
    return str(where[0]) if where else "body"


def validation_problem(error: ValidationError) -> str:
    """The first problem of a refused body, naming the field: what REST answers with 400
    and what the admin CLI prints."""
    first = error.errors()[0]
    where = ".".join(str(x) for x in first["loc"]) or "body"
    return f"field '{where}': {first['msg']}"


def validated(model: type[B], **fields: object) -> B:
    """A body built from the admin CLI's arguments; ValueError with the REST API's words."""
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        raise ValueError(validation_problem(exc)) from None
