"""``GET /api/openapi.json``: the whole HTTP API as OpenAPI 3.1, generated from what the
server itself uses: the supervisor API's route table (signaling/supervisor/routes.py,
with who may call each route), the pydantic models that validate every body and query
where it enters (bodies.py), and the models of what each route answers (answers.py).
tests/test_openapi_fuzz.py fuzzes the document against the running server, so neither
can drift from the other."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from pydantic import BaseModel

from signaling import __version__
from signaling.appkeys import SESSION_COOKIE
from signaling.supervisor import answers as a
from signaling.supervisor.bodies import Body, Enrolment, Login, Logout
from signaling.supervisor.routes import PREFIX, ROUTES, Reach

#: Refusals any operation may give, and why.
REFUSALS = {
    "400": "the body or query is not what this operation takes (the error names the field)",
    "408": "the body came too slowly",
    "421": "a host name this server does not serve",
    "429": "too many tries or too many connections from this address (see Retry-After)",
    "503": "this node is on standby (the error names the serving node if it is known) or"
    " its database does not answer for a moment: try again (see Retry-After)",
}
SIGNED_IN = {
    "401": "not logged in",
    "403": "the caller's role or reach does not include this (the error says which)",
}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    answer: type[BaseModel]
    status: int = 200
    body: type[Body] | None = None
    query: type[Body] | None = None
    signed_in: bool = False
    extra_refusals: tuple[tuple[str, str], ...] = ()
    body_optional: bool = False
    #: other media types its answer may have (a download chosen by ``format``)
    downloads: tuple[str, ...] = ()


PUBLIC = (
    Operation("GET", "/healthz", "Whether the server is up (for a load balancer)", a.Health),
    Operation(
        "POST",
        "/api/login",
        "Log in a clerk, supervisor, interpreter or admin: sets the session cookie",
        a.Me,
        body=Login,
        extra_refusals=(
            ("401", "wrong username or password"),
            ("503", "password checks are saturated: try again (see Retry-After)"),
        ),
    ),
    Operation(
        "POST",
        "/api/logout",
        "End this session (everywhere: every session of the account)",
        a.LoggedOut,
        body=Logout,
        body_optional=True,
    ),
    Operation(
        "GET", "/api/me", "Who is logged in", a.Me, extra_refusals=(("401", "not logged in"),)
    ),
    Operation(
        "POST",
        "/api/kiosks/enrol",
        "A new kiosk trades its one-time enrolment code for its device token",
        a.Enrolled,
        body=Enrolment,
        extra_refusals=(("401", "unknown or expired enrolment code"),),
    ),
)


def _supervisor_operations() -> list[Operation]:
    operations = []
    for route in ROUTES:
        who = ", ".join(
            f"{role.value} ({'nationwide' if reach is Reach.EVERYTHING else 'own agencies'})"
            for role, reach in route.access.items()
        )
        operations.append(
            Operation(
                route.method,
                PREFIX + route.path,
                f"{route.action}: for {who}",
                route.answer,
                route.status,
                route.body,
                route.query,
                signed_in=True,
                downloads=route.downloads,
            )
        )
    return operations


class _Components:
    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}

    def ref(self, model: type[BaseModel], mode: str = "serialization") -> dict[str, str]:
        schema = model.model_json_schema(
            by_alias=True,
            ref_template="#/components/schemas/{model}",
            mode=mode,  # type: ignore[arg-type]
        )
        self.schemas.update(schema.pop("$defs", {}))
        self.schemas[model.__name__] = schema
        return {"$ref": f"#/components/schemas/{model.__name__}"}


def _parameters(operation: Operation) -> list[dict[str, Any]]:
    parameters = []
    if "{label}" in operation.path:
        parameters.append(
            {
                "name": "label",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,39}$"},
            }
        )
    if operation.query is not None:
        schema = operation.query.model_json_schema(by_alias=True)
        for name, prop in schema["properties"].items():
            parameters.append(
                {
                    "name": name,
                    "in": "query",
                    "required": name in schema.get("required", []),
                    "schema": prop,
                }
            )
    return parameters


@functools.cache
def document() -> dict[str, Any]:
    components = _Components()
    problem = {"application/json": {"schema": components.ref(a.Problem)}}
    paths: dict[str, dict[str, Any]] = {}
    for operation in [*PUBLIC, *_supervisor_operations()]:
        refusals = dict(REFUSALS)
        if operation.signed_in:
            refusals.update(SIGNED_IN)
        if operation.method != "GET":
            refusals.setdefault("403", "a browser's request from another site or scheme")
        refusals.update(operation.extra_refusals)
        responses: dict[str, Any] = {
            str(operation.status): {
                "description": "done",
                "content": {
                    "application/json": {"schema": components.ref(operation.answer)},
                    **{
                        media: {"schema": {"type": "string", "format": "binary"}}
                        for media in operation.downloads
                    },
                },
            }
        }
        for status, why in sorted(refusals.items()):
            responses[status] = {"description": why, "content": problem}
        entry: dict[str, Any] = {
            "summary": operation.summary,
            "operationId": f"{operation.method.lower()} {operation.path}",
            "responses": responses,
        }
        if operation.signed_in:
            entry["security"] = [{"session": []}]
        parameters = _parameters(operation)
        if parameters:
            entry["parameters"] = parameters
        if operation.body is not None:
            entry["requestBody"] = {
                "required": not operation.body_optional,
                "content": {
                    "application/json": {"schema": components.ref(operation.body, "validation")}
                },
            }
        paths.setdefault(operation.path, {})[operation.method.lower()] = entry
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Remote service for public service points",
            "version": __version__,
            "description": (
                "Logins, kiosk enrolment and the supervisor API. The call protocol is a"
                " WebSocket at /ws (docs/protocol.md; `python -m signaling schema`)."
            ),
        },
        "paths": paths,
        "components": {
            "schemas": components.schemas,
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE}
            },
        },
    }


async def openapi_json(request: web.Request) -> web.Response:
    return web.json_response(document())
