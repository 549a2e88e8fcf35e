"""What is served where and when: agencies, service points and their schedules.

A frozen snapshot loaded from the store and handed to the switchboard; a supervisor's
change produces a new snapshot. Pure: "now" is always a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from signaling.hours import Schedule


@dataclass(frozen=True)
class AgencyEntry:
    code: str
    names: dict[str, str]
    routes_by_language: bool = False


@dataclass(frozen=True)
class AgencyStatus:
    """An agency as one point offers it at one moment."""

    agency: AgencyEntry
    open: bool
    next_opening: float | None  # Unix time; None when open now or not within two weeks
    closes_at: float | None  # Unix time; None when closed now


@dataclass(frozen=True)
class Catalogue:
    agencies: dict[str, AgencyEntry] = field(default_factory=dict)
    #: (point id, agency code) -> schedule; an agency serves at a point iff it has one.
    schedules: dict[tuple[int, str], Schedule] = field(default_factory=dict)
    #: point id -> the point's name, as clerks see it
    points: dict[int, str] = field(default_factory=dict)

    def at_point(self, point_id: int, now: float) -> list[AgencyStatus]:
        moment = datetime.fromtimestamp(now, UTC)
        statuses = []
        for code, agency in self.agencies.items():
            schedule = self.schedules.get((point_id, code))
            if schedule is None:
                continue
            is_open = schedule.is_open(moment)
            upcoming = None if is_open else schedule.next_opening(moment)
            closing = schedule.closes_at(moment) if is_open else None
            statuses.append(
                AgencyStatus(
                    agency=agency,
                    open=is_open,
                    next_opening=upcoming.timestamp() if upcoming else None,
                    closes_at=closing.timestamp() if closing else None,
                )
            )
        return statuses

    def is_open(self, point_id: int, code: str, now: float) -> bool:
        schedule = self.schedules.get((point_id, code))
        return schedule is not None and schedule.is_open(datetime.fromtimestamp(now, UTC))

    def routes_by_language(self, code: str) -> bool:
        agency = self.agencies.get(code)
        return agency is not None and agency.routes_by_language
