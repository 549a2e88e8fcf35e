"""The bodies of the supervisor API's requests, validated at the edge (the middleware in
routes.py) with errors that name the field. The OpenAPI description is generated from
these same models."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from signaling.roles import Role


def _known_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone '{name[:40]}' (e.g. Europe/Helsinki)") from None
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


class NewClerk(Body):
    username: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.@-]{2,64}$")]
    password: Annotated[str, StringConstraints(min_length=10, max_length=200)]
    display_name: Text
    agencies: list[Code]
    languages: list[Lang] = ["fi"]
    role: Role = Role.CLERK


class NewKiosk(Body):
    label: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
    point: Text


class NewAppointment(Body):
    point: Text
    agency: Code
    starts_at: Annotated[str, StringConstraints(max_length=40)]  # local ISO time
    language: Lang = "fi"
    clerk: str | None = None
