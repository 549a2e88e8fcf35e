"""What each supervisor API route does. Authentication, the role and scope checks, body
validation and the audit of writes happen before and after, in the middleware
(routes.py): a handler only reads the caller's reach to filter what it returns."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from aiohttp import web

from signaling.appkeys import CONFIG, HUB, STORE
from signaling.exceptions import DatabaseUnavailable, StoreError
from signaling.problems import ProblemCode
from signaling.roles import Role
from signaling.supervisor import costs as cost_sharing
from signaling.supervisor import reports
from signaling.supervisor.bodies import (
    AccountRef,
    CancelAppointment,
    ClerkAgencies,
    NewAgency,
    NewAppointment,
    NewClerk,
    NewException,
    NewHours,
    NewKiosk,
    NewPassword,
    NewPoint,
    NewService,
)
from signaling.supervisor.context import Caller, bad_request, body_of, caller_of
from signaling.supervisor.qr import qr_data_url

T = TypeVar("T")


async def change(request: web.Request, fn: Callable[..., T], *args: Any) -> T:
    """Run a store write; a StoreError (unknown agency, duplicate name...) is a 400; an
    unreachable database is the edge's 503 (signaling/app.py), not the request's fault."""
    store = request.config_dict[STORE]
    try:
        return await store.call(fn, *args)
    except DatabaseUnavailable:
        raise
    except StoreError as exc:
        raise bad_request(exc.code, str(exc), exc.field) from None


async def catalogue(request: web.Request) -> web.Response:
    store = request.config_dict[STORE]
    cat = await store.call(store.load_catalogue)
    now = time.time()
    return web.json_response(
        {
            "points": [{"id": i, "name": n} for i, n in cat.points.items()],
            "agencies": [
                {
                    "code": a.code,
                    "names": a.names,
                    "routes_by_language": a.routes_by_language,
                    "services": [
                        {"code": code, "names": names}
                        for code, names in await store.call(store.services, a.code)
                    ],
                }
                for a in cat.agencies.values()
            ],
            "open_now": [
                {
                    "point": cat.points.get(p),
                    "agency": s.agency.code,
                    "open": s.open,
                    "next_opening": s.next_opening,
                }
                for p in cat.points
                for s in cat.at_point(p, now)
            ],
        }
    )


async def _catalogue_changed(request: web.Request) -> None:
    await request.config_dict[HUB].reload_catalogue()


async def add_point(request: web.Request) -> web.Response:
    new = body_of(request, NewPoint)
    store = request.config_dict[STORE]
    point_id = await change(request, store.add_point, new.name, new.timezone)
    await _catalogue_changed(request)
    return web.json_response({"id": point_id}, status=201)


async def add_agency(request: web.Request) -> web.Response:
    new = body_of(request, NewAgency)
    store = request.config_dict[STORE]
    await change(
        request,
        lambda: store.add_agency(
            new.code, dict(new.names), routes_by_language=new.routes_by_language
        ),
    )
    await _catalogue_changed(request)
    return web.json_response({"code": new.code}, status=201)


async def add_service(request: web.Request) -> web.Response:
    new = body_of(request, NewService)
    store = request.config_dict[STORE]
    await change(request, store.add_service, new.agency, new.code, dict(new.names))
    return web.json_response({"agency": new.agency, "code": new.code}, status=201)


async def add_hours(request: web.Request) -> web.Response:
    new = body_of(request, NewHours)
    store = request.config_dict[STORE]
    for weekday in new.weekdays:
        await change(
            request,
            store.add_hours,
            new.point,
            new.agency,
            weekday,
            new.opens,
            new.closes,
            new.valid_from,
            new.valid_until,
        )
    await _catalogue_changed(request)
    return web.json_response({"added": len(new.weekdays)}, status=201)


async def add_exception(request: web.Request) -> web.Response:
    new = body_of(request, NewException)
    store = request.config_dict[STORE]
    await change(
        request,
        lambda: store.add_exception(
            new.day,
            point=new.point,
            agency=new.agency,
            opens=new.opens,
            closes=new.closes,
            note=new.note,
        ),
    )
    await _catalogue_changed(request)
    return web.json_response({"day": new.day}, status=201)


async def add_clerk(request: web.Request) -> web.Response:
    new = body_of(request, NewClerk)
    store = request.config_dict[STORE]
    clerk_id = await change(
        request,
        store.add_clerk,
        new.username,
        new.password,
        new.display_name,
        new.agencies,
        new.languages,
        new.role.value,
        new.point,
    )
    return web.json_response({"id": clerk_id}, status=201)


async def disable_clerk(request: web.Request) -> web.Response:
    """No more logins for the account; its open consoles close at once."""
    username = body_of(request, AccountRef).username
    store = request.config_dict[STORE]
    clerk_id = await change(request, store.disable_clerk, username)
    closed = request.config_dict[HUB].disconnect(clerk_id=clerk_id)
    return web.json_response({"username": username, "consoles_closed": closed})


async def set_clerk_agencies(request: web.Request) -> web.Response:
    """The agencies a clerk serves; their open consoles reconnect at once (a call goes
    on) and are offered the new agencies' customers from then on."""
    new = body_of(request, ClerkAgencies)
    store = request.config_dict[STORE]
    clerk_id = await change(request, store.set_clerk_agencies, new.username, new.agencies)
    closed = request.config_dict[HUB].disconnect(clerk_id=clerk_id, reason="agencies changed")
    return web.json_response({"username": new.username, "consoles_closed": closed})


async def reset_clerk_password(request: web.Request) -> web.Response:
    """A new password (the policy checked it at the edge), the account enabled again,
    and every session of it ended."""
    new = body_of(request, NewPassword)
    store = request.config_dict[STORE]
    clerk_id = await change(request, store.reset_password, new.username, new.password)
    closed = request.config_dict[HUB].disconnect(clerk_id=clerk_id)
    return web.json_response({"username": new.username, "consoles_closed": closed})


async def clerks(request: web.Request) -> web.Response:
    """Everyone who logs in; a supervisor sees their agencies' clerks and supervisors, and
    the interpreters (who serve every agency)."""
    caller = caller_of(request)
    store = request.config_dict[STORE]
    rows = [
        c
        for c in await store.call(store.clerks)
        if caller.nationwide
        or c.agencies & caller.agencies
        or (c.role == Role.INTERPRETER and not c.agencies)
    ]
    return web.json_response(
        [
            {
                "id": c.clerk_id,
                "username": c.username,
                "display_name": c.display_name,
                "agencies": sorted(c.agencies),
                "languages": sorted(c.languages),
                "role": c.role,
            }
            for c in rows
        ]
    )


async def add_appointment(request: web.Request) -> web.Response:
    new = body_of(request, NewAppointment)
    store = request.config_dict[STORE]
    zones = {name: tz for _i, name, tz in await store.call(store.points)}
    try:
        starts = datetime.fromisoformat(new.starts_at)
    except ValueError:
        raise bad_request(
            ProblemCode.INVALID,
            "field 'starts_at': use local ISO time, e.g. 2026-11-24T10:30",
            "starts_at",
        ) from None
    if starts.tzinfo is None:
        starts = starts.replace(tzinfo=ZoneInfo(zones.get(new.point, "Europe/Helsinki")))
    try:
        at = reports.unix_time(starts)
    except ValueError as exc:
        raise bad_request(ProblemCode.INVALID, str(exc), "starts_at") from None
    late_s = request.config_dict[CONFIG].timing.appointment_late_s
    if at + late_s < time.time():  # a code the kiosk would never take
        raise bad_request(ProblemCode.IN_THE_PAST, "that time has passed", "starts_at")
    code = await change(
        request, store.add_appointment, new.point, new.agency, at, new.language, new.clerk
    )
    return web.json_response({"code": code, "starts_at": at}, status=201)


async def appointments(request: web.Request) -> web.Response:
    """Appointments in a period, soonest first: a supervisor's or clerk's of their
    agencies, a coordinator's at their point; never the codes (only the customer has
    one: a lost code is a cancelled appointment and a new one)."""
    caller = caller_of(request)
    store = request.config_dict[STORE]
    try:
        since = reports.day_start(request.query["from"])
        until = reports.day_start(request.query["to"])
    except ValueError as exc:
        raise bad_request(ProblemCode.INVALID, str(exc), "from") from None
    scope = _agencies_seen(caller)
    if "agency" in request.query:  # within the caller's reach: the middleware checked
        scope = frozenset({request.query["agency"]})
    point = caller.point if caller.role is Role.COORDINATOR else request.query.get("point")
    rows = await store.call(store.appointments, since, until, scope, point)
    return web.json_response(
        [
            {
                "id": r.appointment_id,
                "point": r.point,
                "agency": r.agency,
                "language": r.language,
                "starts_at": r.starts_at,
                "status": r.status,
            }
            for r in rows
        ]
    )


async def cancel_appointment(request: web.Request) -> web.Response:
    """Cancel a booked appointment: its code queues nobody from now on."""
    cancel = body_of(request, CancelAppointment)
    store = request.config_dict[STORE]
    if not await store.call(store.cancel_appointment, cancel.id, cancel.agency):
        raise bad_request(
            ProblemCode.NOT_FOUND, f"no booked {cancel.agency} appointment {cancel.id}", "id"
        )
    return web.json_response({"id": cancel.id, "status": "cancelled"})


async def add_kiosk(request: web.Request) -> web.Response:
    """Register a kiosk; the answer carries its one-time enrolment code."""
    new = body_of(request, NewKiosk)
    store = request.config_dict[STORE]
    code = await change(request, store.add_pending_kiosk, new.point, new.label, time.time())
    answer = {"label": new.label, "enrolment_code": code, "enrolment_qr": qr_data_url(code)}
    return web.json_response(answer, status=201)


async def revoke_kiosk(request: web.Request) -> web.Response:
    """Switch a kiosk off: its token stops working and it is disconnected at once."""
    label = request.match_info["label"]
    store = request.config_dict[STORE]
    kiosk_id = await change(request, store.revoke_kiosk, label)
    closed = request.config_dict[HUB].disconnect(kiosk_id=kiosk_id)
    return web.json_response({"label": label, "revoked": True, "disconnected": closed})


async def kiosks(request: web.Request) -> web.Response:
    """Every kiosk: online or not, what it is doing, and its devices' health."""
    store = request.config_dict[STORE]
    board = request.config_dict[HUB].switchboard
    self_tests = await store.call(store.self_tests)
    rows = []
    for kiosk in await store.call(store.kiosks):
        report = board.health.get(kiosk.kiosk_id)
        tested = self_tests.get(kiosk.kiosk_id)
        rows.append(
            {
                "label": kiosk.label,
                "point": kiosk.point_name,
                "online": board.kiosk_online(kiosk.kiosk_id),
                "health": report[0].model_dump(exclude={"type"}) if report else None,
                "reported_at": report[1] if report else None,
                "self_test": (
                    {"started_at": tested[0], "took_s": tested[1], "results": tested[2]}
                    if tested
                    else None
                ),
            }
        )
    return web.json_response(rows)


async def run_self_test(request: web.Request) -> web.Response:
    """Ask a kiosk for a self-test (it runs once no customer is using it): at once if it
    is connected (``connected``), otherwise when it next connects."""
    label = request.match_info["label"]
    store = request.config_dict[STORE]
    kiosk = next((k for k in await store.call(store.kiosks) if k.label == label), None)
    if kiosk is None:  # as for a revocation: the label names nothing
        raise bad_request(ProblemCode.NOT_FOUND, f"no kiosk '{label}'", "label")
    told = await request.config_dict[HUB].ask_self_test(kiosk.kiosk_id)
    return web.json_response({"label": label, "connected": told}, status=202)


async def audit(request: web.Request) -> web.Response:
    caller = caller_of(request)
    store = request.config_dict[STORE]
    scope = None if caller.nationwide else caller.agencies
    return web.json_response(
        await store.call(store.audit_entries, request.query.get("call_id"), scope)
    )


async def report(request: web.Request) -> web.Response:
    """Contacts per agency, point, outcome and each point's local hour, between two dates;
    a supervisor's report covers their agencies only."""
    caller = caller_of(request)
    store = request.config_dict[STORE]
    try:
        since = reports.day_start(request.query.get("from", "1970-01-01"))
        until = reports.day_start(request.query.get("to", "2100-01-01"))
    except ValueError:
        raise bad_request(
            ProblemCode.INVALID, "from and to are dates, YYYY-MM-DD", "from"
        ) from None
    scope = _agencies_seen(caller)
    if "agency" in request.query:  # within the caller's reach: the middleware checked
        scope = frozenset({request.query["agency"]})
    points = await store.call(store.points)
    point_id = _point_of(request, points)
    figures = await store.call(store.usage, since, until, scope, point_id)
    return web.json_response(reports.usage(figures, points))


def _agencies_seen(caller: Caller) -> frozenset[str] | None:
    """The agencies a report or list covers: a supervisor's or clerk's own; every one
    for an operator, and for a coordinator (whose point it is cut to instead)."""
    return caller.agencies if caller.role in (Role.SUPERVISOR, Role.CLERK) else None


def _point_of(request: web.Request, points: list[tuple[int, str, str]]) -> int | None:
    """The one service point a report covers: a coordinator's own, or ``?point=`` (the
    middleware let a coordinator ask for their own only); None: every point."""
    name = caller_of(request).point or request.query.get("point")
    if name is None:
        return None
    point_id = next((i for i, known, _zone in points if known == name), None)
    if point_id is None:
        raise bad_request(ProblemCode.NOT_FOUND, f"no service point named '{name}'", "point")
    return point_id


async def costs(request: web.Request) -> web.Response:
    """Transactions served per month, point and agency, for cost sharing: a table, or the
    same figures as CSV or an Excel workbook (``format``); a supervisor's cover their
    agencies only."""
    caller = caller_of(request)
    store = request.config_dict[STORE]
    query = request.query
    try:
        since, until = cost_sharing.month_bounds(query["from"], query["to"])
    except ValueError as exc:
        raise bad_request(
            ProblemCode.INVALID, f"from and to are months, YYYY-MM: {exc}", "from"
        ) from None
    scope = _agencies_seen(caller)
    if "agency" in query:  # within the caller's reach: the middleware checked
        scope = frozenset({query["agency"]})
    points = await store.call(store.points)
    figures = await store.call(store.usage, since, until, scope, _point_of(request, points))
    rows = cost_sharing.cost_rows(figures, points)
    name = f"transactions-{query['from']}-{query['to']}"
    match query.get("format", "json"):
        case "csv":
            return _download(cost_sharing.to_csv(rows), "text/csv", f"{name}.csv")
        case "xlsx":
            title = f"Transactions served {query['from']} to {query['to']}"
            workbook = cost_sharing.to_xlsx(rows, title)
            return _download(workbook, cost_sharing.XLSX, f"{name}.xlsx")
    served = sum(row.served for row in rows)
    return web.json_response({"rows": [asdict(row) for row in rows], "served": served})


def _download(body: bytes, media: str, filename: str) -> web.Response:
    return web.Response(
        body=body,
        content_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
