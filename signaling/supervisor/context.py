"""What the supervisor API's middleware hands each handler: who is calling, with which
reach, and the request's validated body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from aiohttp import web

from signaling.roles import Role
from signaling.supervisor.bodies import Body, bad_request

__all__ = ["bad_request", "body_of", "caller_of"]


@dataclass(frozen=True)
class Caller:
    """A logged-in person using the API: their id, role and agencies."""

    clerk_id: int
    role: Role
    agencies: frozenset[str]
    #: a coordinator's service point (its name)
    point: str | None = None

    @property
    def nationwide(self) -> bool:
        return self.role is Role.ADMIN

    def reaches(self, agency: str | None) -> bool:
        """Whether this caller may act for ``agency`` (None: every agency, nationwide)."""
        return self.nationwide or (agency is not None and agency in self.agencies)

    def agencies_in_reach(self, agencies: set[str]) -> set[str]:
        return set(agencies) if self.nationwide else set(agencies) & self.agencies


CALLER = web.RequestKey("caller", Caller)
BODY = web.RequestKey("body", Body)
B = TypeVar("B", bound=Body)


def caller_of(request: web.Request) -> Caller:
    return request[CALLER]


def body_of(request: web.Request, kind: type[B]) -> B:
    body = request[BODY]
    assert isinstance(body, kind), f"route declares {type(body).__name__}, handler wants {kind}"
    return body
