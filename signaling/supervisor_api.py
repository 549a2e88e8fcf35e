"""REST API for supervisors: the service catalogue (points, agencies, hours, exceptions),
clerks, appointments, and usage reports. JSON in, JSON out.

Every route needs a logged-in clerk whose role is ``supervisor`` or ``admin``; bodies are
validated by pydantic models and a bad one gets 400 with the field named. State-changing
routes take only ``application/json``, which a cross-site form cannot send (and the
session cookie is SameSite=Strict). A change to the catalogue reaches kiosks at once.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from signaling.exceptions import StoreError
from signaling.store import ClerkRow, Store

Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,31}$")]
Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Clock = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")]
Day = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=120)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NewPoint(_Body):
    name: Text
    timezone: str = "Europe/Helsinki"


class NewAgency(_Body):
    code: Code
    names: dict[Lang, Text]
    routes_by_language: bool = False


class NewService(_Body):
    agency: Code
    code: Code
    names: dict[Lang, Text]


class NewHours(_Body):
    point: Text
    agency: Code
    weekdays: list[Annotated[int, Field(ge=0, le=6)]]
    opens: Clock
    closes: Clock
    valid_from: Day | None = None
    valid_until: Day | None = None


class NewException(_Body):
    day: Day
    point: Text | None = None
    agency: Code | None = None
    opens: Clock | None = None
    closes: Clock | None = None
    note: Annotated[str, StringConstraints(max_length=200)] = ""


class NewClerk(_Body):
    username: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.@-]{2,64}$")]
    password: Annotated[str, StringConstraints(min_length=10, max_length=200)]
    display_name: Text
    agencies: list[Code]
    languages: list[Lang] = ["fi"]
    role: str = "clerk"


class NewKiosk(_Body):
    label: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
    point: Text


class NewAppointment(_Body):
    point: Text
    agency: Code
    starts_at: Annotated[str, StringConstraints(max_length=40)]  # local ISO time
    language: Lang = "fi"
    clerk: str | None = None


SUPERVISORS = frozenset({"supervisor", "admin"})


def setup(app: web.Application, *, store_key: Any, hub_key: Any, cookie: str) -> None:
    """Register the routes on ``app``; the keys name where the store and hub live."""

    async def supervisor(request: web.Request) -> ClerkRow:
        token = request.cookies.get(cookie, "")
        store: Store = request.app[store_key]
        clerk = await store.call(store.clerk_by_session, token, time.time()) if token else None
        if clerk is None:
            raise web.HTTPUnauthorized(
                text='{"error": "not logged in"}', content_type="application/json"
            )
        if clerk.role not in SUPERVISORS:
            raise web.HTTPForbidden(
                text='{"error": "supervisors only"}', content_type="application/json"
            )
        return clerk

    async def body(request: web.Request, model: type[_Body]) -> Any:
        if request.content_type != "application/json":
            raise _bad("send JSON with Content-Type: application/json")
        try:
            return model.model_validate(await request.json())
        except ValueError as exc:
            if isinstance(exc, ValidationError):
                first = exc.errors()[0]
                where = ".".join(str(x) for x in first["loc"]) or "body"
                raise _bad(f"field '{where}': {first['msg']}") from None
            raise _bad("body is not JSON") from None

    async def change(request: web.Request, fn: Any, *args: Any) -> Any:
        store: Store = request.app[store_key]
        try:
            return await store.call(fn, *args)
        except StoreError as exc:
            raise _bad(str(exc)) from None

    async def catalogue(request: web.Request) -> web.Response:
        await supervisor(request)
        store: Store = request.app[store_key]
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

    async def add_point(request: web.Request) -> web.Response:
        await supervisor(request)
        new: NewPoint = await body(request, NewPoint)
        store: Store = request.app[store_key]
        point_id = await change(request, store.add_point, new.name, new.timezone)
        await request.app[hub_key].reload_catalogue()
        return web.json_response({"id": point_id}, status=201)

    async def add_agency(request: web.Request) -> web.Response:
        await supervisor(request)
        new: NewAgency = await body(request, NewAgency)
        store: Store = request.app[store_key]
        await change(
            request,
            lambda: store.add_agency(
                new.code, dict(new.names), routes_by_language=new.routes_by_language
            ),
        )
        await request.app[hub_key].reload_catalogue()
        return web.json_response({"code": new.code}, status=201)

    async def add_service(request: web.Request) -> web.Response:
        await supervisor(request)
        new: NewService = await body(request, NewService)
        store: Store = request.app[store_key]
        await change(request, store.add_service, new.agency, new.code, dict(new.names))
        return web.json_response({"agency": new.agency, "code": new.code}, status=201)

    async def add_hours(request: web.Request) -> web.Response:
        await supervisor(request)
        new: NewHours = await body(request, NewHours)
        store: Store = request.app[store_key]
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
        await request.app[hub_key].reload_catalogue()
        return web.json_response({"added": len(new.weekdays)}, status=201)

    async def add_exception(request: web.Request) -> web.Response:
        await supervisor(request)
        new: NewException = await body(request, NewException)
        store: Store = request.app[store_key]
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
        await request.app[hub_key].reload_catalogue()
        return web.json_response({"day": new.day}, status=201)

    async def add_clerk(request: web.Request) -> web.Response:
        await supervisor(request)
        new: NewClerk = await body(request, NewClerk)
        store: Store = request.app[store_key]
        clerk_id = await change(
            request,
            store.add_clerk,
            new.username,
            new.password,
            new.display_name,
            new.agencies,
            new.languages,
            new.role,
        )
        return web.json_response({"id": clerk_id}, status=201)

    async def clerks(request: web.Request) -> web.Response:
        await supervisor(request)
        store: Store = request.app[store_key]
        rows = await store.call(store.clerks)
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
        await supervisor(request)
        new: NewAppointment = await body(request, NewAppointment)
        store: Store = request.app[store_key]
        zones = {name: tz for _i, name, tz in await store.call(store.points)}
        try:
            starts = datetime.fromisoformat(new.starts_at)
        except ValueError:
            raise _bad("field 'starts_at': use local ISO time, e.g. 2026-11-24T10:30") from None
        if starts.tzinfo is None:
            starts = starts.replace(tzinfo=ZoneInfo(zones.get(new.point, "Europe/Helsinki")))
        code = await change(
            request,
            store.add_appointment,
            new.point,
            new.agency,
            starts.timestamp(),
            new.language,
            new.clerk,
        )
        return web.json_response({"code": code, "starts_at": starts.timestamp()}, status=201)

    async def add_kiosk(request: web.Request) -> web.Response:
        """Register a kiosk; the answer carries its one-time enrolment code."""
        actor = await supervisor(request)
        new: NewKiosk = await body(request, NewKiosk)
        store: Store = request.app[store_key]
        code = await change(request, store.add_pending_kiosk, new.point, new.label, time.time())
        await store.call(
            store.audit, time.time(), actor.role, actor.clerk_id, "kiosk.added", None, new.label
        )
        return web.json_response({"label": new.label, "enrolment_code": code}, status=201)

    async def revoke_kiosk(request: web.Request) -> web.Response:
        """Switch a kiosk off: its token stops working and it is disconnected at once."""
        actor = await supervisor(request)
        label = request.match_info["label"]
        store: Store = request.app[store_key]
        kiosk_id = await change(request, store.revoke_kiosk, label)
        closed = request.app[hub_key].disconnect(kiosk_id=kiosk_id)
        await store.call(
            store.audit, time.time(), actor.role, actor.clerk_id, "kiosk.revoked", None, label
        )
        return web.json_response({"label": label, "revoked": True, "disconnected": closed})

    async def kiosks(request: web.Request) -> web.Response:
        """Every kiosk: online or not, what it is doing, and its devices' health."""
        await supervisor(request)
        store: Store = request.app[store_key]
        board = request.app[hub_key].switchboard
        rows = []
        for kiosk in await store.call(store.kiosks):
            report = board.health.get(kiosk.kiosk_id)
            rows.append(
                {
                    "label": kiosk.label,
                    "point": kiosk.point_name,
                    "online": board.kiosk_online(kiosk.kiosk_id),
                    "health": report[0].model_dump(exclude={"type"}) if report else None,
                    "reported_at": report[1] if report else None,
                }
            )
        return web.json_response(rows)

    async def audit(request: web.Request) -> web.Response:
        await supervisor(request)
        store: Store = request.app[store_key]
        return web.json_response(
            await store.call(store.audit_entries, request.query.get("call_id"))
        )

    async def report(request: web.Request) -> web.Response:
        """Contacts per agency, point, outcome and local hour of day, between two dates."""
        await supervisor(request)
        store: Store = request.app[store_key]
        try:
            since = _day_start(request.query.get("from", "1970-01-01"))
            until = _day_start(request.query.get("to", "2100-01-01"))
        except ValueError:
            raise _bad("from and to are dates, YYYY-MM-DD") from None
        rows = [t for t in await store.call(store.transactions) if since <= t.queued_at < until]
        names = {i: n for i, n, _tz in await store.call(store.points)}
        ratings = await store.call(store.feedback, since, until)
        by_agency_scores: dict[str, list[int]] = {}
        for _at, _point, agency, score, _reason in ratings:
            by_agency_scores.setdefault(agency, []).append(int(score))
        hours = Counter(
            datetime.fromtimestamp(t.queued_at, ZoneInfo("Europe/Helsinki")).hour for t in rows
        )
        answered = [t.answered_at - t.queued_at for t in rows if t.answered_at is not None]
        interpreted: dict[str, list[float]] = {}
        for t in rows:
            if t.interpreter_language:
                interpreted.setdefault(t.interpreter_language, []).append(t.interpreter_seconds)
        return web.json_response(
            {
                "contacts": len(rows),
                "by_agency": dict(Counter(t.agency for t in rows)),
                "by_point": dict(Counter(names.get(t.point_id, str(t.point_id)) for t in rows)),
                "by_outcome": dict(Counter(t.outcome for t in rows)),
                "by_hour": {str(h): n for h, n in sorted(hours.items())},
                "by_agency_and_hour": _nested(
                    Counter(
                        (
                            t.agency,
                            datetime.fromtimestamp(t.queued_at, ZoneInfo("Europe/Helsinki")).hour,
                        )
                        for t in rows
                    )
                ),
                "median_wait_s": sorted(answered)[len(answered) // 2] if answered else None,
                "feedback": {
                    agency: {"count": len(scores), "mean": round(sum(scores) / len(scores), 2)}
                    for agency, scores in sorted(by_agency_scores.items())
                },
                "feedback_reasons": dict(Counter(r[4] for r in ratings if r[4])),
                "interpreting": {
                    language: {"calls": len(times), "minutes": round(sum(times) / 60, 1)}
                    for language, times in sorted(interpreted.items())
                },
            }
        )

    app.router.add_get("/api/supervisor/catalogue", catalogue)
    app.router.add_post("/api/supervisor/points", add_point)
    app.router.add_post("/api/supervisor/agencies", add_agency)
    app.router.add_post("/api/supervisor/services", add_service)
    app.router.add_post("/api/supervisor/hours", add_hours)
    app.router.add_post("/api/supervisor/exceptions", add_exception)
    app.router.add_get("/api/supervisor/clerks", clerks)
    app.router.add_post("/api/supervisor/clerks", add_clerk)
    app.router.add_post("/api/supervisor/appointments", add_appointment)
    app.router.add_get("/api/supervisor/report", report)
    app.router.add_post("/api/supervisor/kiosks", add_kiosk)
    app.router.add_get("/api/supervisor/kiosks", kiosks)
    app.router.add_post("/api/supervisor/kiosks/{label}/revoke", revoke_kiosk)
    app.router.add_get("/api/supervisor/audit", audit)


def _bad(message: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(
        text=web.json_response({"error": message}).text, content_type="application/json"
    )


def _day_start(text: str) -> float:
    day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=ZoneInfo("Europe/Helsinki"))
    return day.astimezone(UTC).timestamp()


def _nested(counts: Counter[tuple[str, int]]) -> dict[str, dict[str, int]]:
    result: dict[str, dict[str, int]] = {}
    for (agency, hour), n in sorted(counts.items()):
        result.setdefault(agency, {})[str(hour)] = n
    return result
