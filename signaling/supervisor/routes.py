"""The supervisor API's authorisation table, and the one middleware that enforces it.

Every route names, for each role that may use it, its reach: ``everything`` (nationwide)
or ``own agencies`` (the agencies the request acts on must be the caller's, and what it
reads is filtered to them). A role the route does not name gets 403, as does a request
that acts on an agency outside the caller's reach, or on every agency at once. The
middleware authenticates, checks the table, validates the body against the route's
model (400 naming the field), and audits every successful write; a handler cannot
forget any of it. docs/security.md shows this table (a test keeps the two equal) and
tests/test_supervisor_authz.py tries every route as every role, in scope and out of it.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from aiohttp import web
from aiohttp.typedefs import Handler as Next
from pydantic import BaseModel, ValidationError

from signaling.appkeys import SESSION_COOKIE, STORE
from signaling.exceptions import DatabaseUnavailable, StoreError
from signaling.problems import ProblemCode
from signaling.roles import Role, parse_role
from signaling.supervisor import answers as a
from signaling.supervisor import costs, live
from signaling.supervisor import handlers as h
from signaling.supervisor.bodies import (
    AccountRef,
    AppointmentQuery,
    AuditQuery,
    Body,
    CancelAppointment,
    ClerkAgencies,
    CostQuery,
    NewAgency,
    NewAppointment,
    NewClerk,
    NewException,
    NewHours,
    NewKiosk,
    NewPassword,
    NewPoint,
    NewService,
    ReportQuery,
    field_of,
    read_body,
    refusal,
    validation_problem,
)
from signaling.supervisor.context import BODY, CALLER, Caller

log = logging.getLogger(__name__)

PREFIX = "/api/supervisor"


class Reach(enum.Enum):
    EVERYTHING = "everything"
    OWN_AGENCIES = "own agencies"
    OWN_POINT = "own point"


ActsOn = Callable[[Body | None, web.Request], Iterable[str | None]]
Guard = Callable[[Caller, Body | None], str | None]


def _none(_body: Body | None, _request: web.Request) -> Iterable[str | None]:
    return ()


def _agency_of_body(body: Body | None, _request: web.Request) -> Iterable[str | None]:
    return [getattr(body, "agency", None)]


def _agencies_of_body(body: Body | None, _request: web.Request) -> Iterable[str | None]:
    return list(getattr(body, "agencies", []))


def _agency_of_query(_body: Body | None, request: web.Request) -> Iterable[str | None]:
    agency = request.query.get("agency")
    return [agency] if agency is not None else []


def _account_of_body(body: Body | None) -> str:
    return str(getattr(body, "username", ""))


def _no_guard(_caller: Caller, _body: Body | None) -> str | None:
    return None


def _clerks_within_reach(caller: Caller, body: Body | None) -> str | None:
    """A supervisor adds clerks (of their own agencies) and interpreters; nobody else."""
    assert isinstance(body, NewClerk)
    if caller.nationwide:
        return None
    if body.role not in (Role.CLERK, Role.INTERPRETER):
        return f"a supervisor may not create a {body.role.value}"
    if body.role is Role.CLERK and not body.agencies:
        return "a clerk needs at least one of your agencies"
    return None


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # below PREFIX
    #: what the audit log calls a write on this route
    action: str
    handler: h.Handler
    access: Mapping[Role, Reach]
    body: type[Body] | None = None
    #: the agencies a request acts on; None stands for every agency at once
    acts_on: ActsOn = _none
    guard: Guard = _no_guard
    #: what the audit records of a write (codes and names of places, never of people)
    describe: Callable[[Body | None, web.Request], str] = field(default=lambda b, r: "")
    #: what it answers, with which status (signaling/openapi.py documents both)
    answer: type[BaseModel] = a.Problem
    status: int = 200
    #: the query's model, validated at the edge like a body
    query: type[Body] | None = None
    #: other media types it answers with, chosen by the query's ``format``
    downloads: tuple[str, ...] = ()
    #: the account (username) it acts on: for an own-agencies reach, a clerk of the
    #: caller's agencies only, looked up before the handler runs
    account: Callable[[Body | None], str] | None = None
    #: the kiosk (label) it acts on: for an own-point reach, a kiosk of the caller's
    #: point only, looked up before the handler runs
    kiosk: Callable[[web.Request], str] | None = None

    @property
    def writes(self) -> bool:
        return self.method != "GET"


ADMIN_ONLY = {Role.ADMIN: Reach.EVERYTHING}
OWN = {Role.ADMIN: Reach.EVERYTHING, Role.SUPERVISOR: Reach.OWN_AGENCIES}
#: What a service point's coordinator reads too: their point, across every agency.
OWN_OR_POINT = {**OWN, Role.COORDINATOR: Reach.OWN_POINT}
#: Appointments: a clerk books for a customer of their own agencies too.
BOOKING = {**OWN, Role.CLERK: Reach.OWN_AGENCIES}


def _agency(body: Body | None, _request: web.Request) -> str:
    return str(getattr(body, "agency", "") or "nationwide")


ROUTES: tuple[Route, ...] = (
    Route(
        "GET",
        "/catalogue",
        "catalogue.read",
        h.catalogue,
        {**OWN_OR_POINT, Role.CLERK: Reach.OWN_AGENCIES},  # a clerk's booking form
        answer=a.CatalogueAnswer,
    ),
    Route(
        "POST",
        "/points",
        "point.added",
        h.add_point,
        ADMIN_ONLY,
        NewPoint,
        describe=lambda b, r: getattr(b, "name", ""),
        answer=a.Created,
        status=201,
    ),
    Route(
        "POST",
        "/agencies",
        "agency.added",
        h.add_agency,
        ADMIN_ONLY,
        NewAgency,
        describe=lambda b, r: getattr(b, "code", ""),
        answer=a.AgencyCreated,
        status=201,
    ),
    Route(
        "POST",
        "/services",
        "service.added",
        h.add_service,
        OWN,
        NewService,
        _agency_of_body,
        describe=_agency,
        answer=a.ServiceCreated,
        status=201,
    ),
    Route(
        "POST",
        "/hours",
        "hours.added",
        h.add_hours,
        OWN,
        NewHours,
        _agency_of_body,
        describe=_agency,
        answer=a.HoursCreated,
        status=201,
    ),
    Route(
        "POST",
        "/exceptions",
        "exception.added",
        h.add_exception,
        OWN,
        NewException,
        _agency_of_body,
        describe=_agency,
        answer=a.ExceptionCreated,
        status=201,
    ),
    Route("GET", "/clerks", "clerks.read", h.clerks, OWN, answer=a.Clerks),
    Route(
        "POST",
        "/clerks",
        "clerk.added",
        h.add_clerk,
        OWN,
        NewClerk,
        _agencies_of_body,
        _clerks_within_reach,
        describe=lambda b, r: f"{getattr(b, 'role', '')} of {','.join(getattr(b, 'agencies', []))}",
        answer=a.Created,
        status=201,
    ),
    Route(
        "POST",
        "/clerks/disable",
        "clerk.disabled",
        h.disable_clerk,
        OWN,
        AccountRef,
        describe=lambda b, r: "an account",
        answer=a.AccountChanged,
        account=_account_of_body,
    ),
    Route(
        "POST",
        "/clerks/agencies",
        "clerk.agencies_set",
        h.set_clerk_agencies,
        OWN,
        ClerkAgencies,
        _agencies_of_body,
        describe=lambda b, r: ",".join(getattr(b, "agencies", [])),
        answer=a.AccountChanged,
        account=_account_of_body,
    ),
    Route(
        "POST",
        "/clerks/password",
        "clerk.password_reset",
        h.reset_clerk_password,
        OWN,
        NewPassword,
        describe=lambda b, r: "an account",
        answer=a.AccountChanged,
        account=_account_of_body,
    ),
    Route(
        "POST",
        "/appointments",
        "appointment.booked",
        h.add_appointment,
        BOOKING,
        NewAppointment,
        _agency_of_body,
        describe=_agency,
        answer=a.AppointmentCreated,
        status=201,
    ),
    Route(
        "GET",
        "/appointments",
        "appointments.read",
        h.appointments,
        {**BOOKING, Role.COORDINATOR: Reach.OWN_POINT},
        acts_on=_agency_of_query,
        answer=a.Appointments,
        query=AppointmentQuery,
    ),
    Route(
        "POST",
        "/appointments/cancel",
        "appointment.cancelled",
        h.cancel_appointment,
        BOOKING,
        CancelAppointment,
        _agency_of_body,
        describe=_agency,
        answer=a.AppointmentCancelled,
    ),
    Route(
        "GET",
        "/report",
        "report.read",
        h.report,
        OWN_OR_POINT,
        acts_on=_agency_of_query,
        answer=a.UsageReport,
        query=ReportQuery,
    ),
    Route("GET", "/live", "live.read", live.live, OWN_OR_POINT, answer=a.LiveSnapshot),
    Route(
        "GET",
        "/costs",
        "costs.read",
        h.costs,
        OWN_OR_POINT,
        acts_on=_agency_of_query,
        answer=a.CostReport,
        query=CostQuery,
        downloads=("text/csv", costs.XLSX),
    ),
    Route(
        "POST",
        "/kiosks",
        "kiosk.added",
        h.add_kiosk,
        ADMIN_ONLY,
        NewKiosk,
        describe=lambda b, r: getattr(b, "label", ""),
        answer=a.KioskCreated,
        status=201,
    ),
    Route("GET", "/kiosks", "kiosks.read", h.kiosks, ADMIN_ONLY, answer=a.Kiosks),
    Route(
        "POST",
        "/kiosks/{label}/revoke",
        "kiosk.revoked",
        h.revoke_kiosk,
        ADMIN_ONLY,
        describe=lambda b, r: r.match_info.get("label", ""),
        answer=a.KioskRevoked,
    ),
    Route(
        "POST",
        "/kiosks/{label}/self-test",
        "kiosk.self_test_asked",
        h.run_self_test,
        {Role.ADMIN: Reach.EVERYTHING, Role.COORDINATOR: Reach.OWN_POINT},
        describe=lambda b, r: r.match_info.get("label", ""),
        kiosk=lambda r: r.match_info.get("label", ""),
        answer=a.SelfTestAsked,
        status=202,
    ),
    Route("GET", "/audit", "audit.read", h.audit, OWN, answer=a.AuditLog, query=AuditQuery),
)

_BY_HANDLER: dict[h.Handler, Route] = {}


async def _caller(request: web.Request) -> Caller | None:
    token = request.cookies.get(SESSION_COOKIE, "")
    store = request.config_dict[STORE]
    clerk = await store.call(store.clerk_by_session, token, time.time()) if token else None
    if clerk is None:
        return None
    return Caller(clerk.clerk_id, parse_role(clerk.role), clerk.agencies, clerk.point)


@web.middleware
async def enforce(request: web.Request, handler: Next) -> web.StreamResponse:
    """Authenticate, authorise by the table, validate, call, audit: in that order."""
    route = _BY_HANDLER.get(getattr(request.match_info, "handler", None))  # type: ignore[arg-type]
    if route is None:  # not one of ours (e.g. 404, 405): aiohttp answers
        return await handler(request)
    caller = await _caller(request)
    if caller is None:
        return refusal(401, ProblemCode.NOT_LOGGED_IN, "not logged in")
    reach = route.access.get(caller.role)
    if reach is None:
        return refusal(
            403,
            ProblemCode.NOT_ALLOWED,
            f"a {caller.role.value} may not use {route.method} {route.path}",
        )
    if route.query is not None:
        try:
            route.query.model_validate(dict(request.query))
        except ValidationError as exc:
            return refusal(
                400,
                ProblemCode.INVALID,
                validation_problem(exc).replace("field", "query parameter", 1),
                field=field_of(exc),
            )
    body = await read_body(request, route.body) if route.body is not None else None
    if reach is Reach.OWN_POINT:
        asked = request.query.get("point")
        if caller.point is None or (asked is not None and asked != caller.point):
            return refusal(
                403,
                ProblemCode.OUT_OF_SCOPE,
                f"point '{asked}' is not yours" if asked else "you have no point",
                field="point",
            )
    if reach is Reach.OWN_POINT and route.kiosk is not None:
        if not await _kiosk_at_point(request, caller, route.kiosk(request)):
            return refusal(
                403, ProblemCode.OUT_OF_SCOPE, "that kiosk is not at your point", field="label"
            )
    if reach is Reach.OWN_AGENCIES:
        for agency in route.acts_on(body, request):
            if not caller.reaches(agency):
                what = f"agency '{agency}'" if agency else "every agency at once"
                return refusal(
                    403,
                    ProblemCode.OUT_OF_SCOPE,
                    f"{what} is outside your agencies",
                    field="agency",
                )
    if reach is Reach.OWN_AGENCIES and route.account is not None:
        if not await _account_within_reach(request, caller, route.account(body)):
            return refusal(
                403, ProblemCode.OUT_OF_SCOPE, "that account is not a clerk of your agencies"
            )
    overreach = route.guard(caller, body)
    if overreach is not None:
        return refusal(403, ProblemCode.OUT_OF_SCOPE, overreach)
    request[CALLER] = caller
    if body is not None:
        request[BODY] = body
    response = await handler(request)
    if route.writes and response.status < 400:
        store = request.config_dict[STORE]
        detail = route.describe(body, request)[:200]
        await store.call(
            store.audit, time.time(), caller.role.value, caller.clerk_id, route.action, None, detail
        )
    return response


async def _account_within_reach(request: web.Request, caller: Caller, username: str) -> bool:
    """A clerk whose every agency is the caller's (an unknown name answers the same, so
    that names cannot be probed)."""
    store = request.config_dict[STORE]
    try:
        account = await store.call(store.clerk, await store.call(store.clerk_id, username))
    except DatabaseUnavailable:
        raise  # the edge's 503, not a refusal
    except StoreError:
        return False
    return (
        account is not None
        and account.role == Role.CLERK
        and bool(account.agencies)
        and account.agencies <= caller.agencies
    )


async def _kiosk_at_point(request: web.Request, caller: Caller, label: str) -> bool:
    """A kiosk at the caller's own point (an unknown label answers the same, so that
    labels cannot be probed)."""
    store = request.config_dict[STORE]
    kiosks = await store.call(store.kiosks)
    return any(k.label == label and k.point_name == caller.point for k in kiosks)


def create_supervisor_app() -> web.Application:
    """The API as a sub-application, mounted at :data:`PREFIX` by signaling.app."""
    app = web.Application(middlewares=[enforce])
    for route in ROUTES:
        _BY_HANDLER[route.handler] = route
        app.router.add_route(route.method, route.path, route.handler)
    return app


def markdown_table() -> str:
    """The table as docs/security.md shows it."""
    roles = (Role.ADMIN, Role.SUPERVISOR, Role.COORDINATOR, Role.CLERK, Role.INTERPRETER)
    lines = [
        "| route | " + " | ".join(r.value for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for route in ROUTES:
        cells = [route.access[r].value if r in route.access else "never" for r in roles]
        lines.append(f"| `{route.method} {PREFIX}{route.path}` | {' | '.join(cells)} |")
    return "\n".join(lines)
