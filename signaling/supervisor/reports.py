"""The usage report: contacts by agency, point, outcome, local hour, hour of the week and
day, waits (median, 90th percentile), handling time, documents, calls lost to the network
per point, feedback and interpreting, as the database counted them (Store.usage). Hours
are each service point's own local hours (its time zone); a period's days are Finnish
days."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from signaling.store import SLOT_S, UsageFigures

#: The day boundaries of a report's period: Finnish time (the service's own).
REPORT_ZONE = ZoneInfo("Europe/Helsinki")


def day_start(text: str) -> float:
    """The Unix time a day (YYYY-MM-DD) begins in Finnish time; ValueError for anything
    else, the first days of year 1 included (they begin in year 0, which has no time)."""
    day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=REPORT_ZONE)
    return unix_time(day)


def unix_time(moment: datetime) -> float:
    """A zoned time as Unix time; ValueError when it falls outside the calendar."""
    try:
        return moment.astimezone(UTC).timestamp()
    except OverflowError:
        raise ValueError(f"{moment:%Y-%m-%d} is out of range") from None


def usage(figures: UsageFigures, points: list[tuple[int, str, str]]) -> dict[str, Any]:
    """The report from what the database counted: a quarter-hour slot becomes the hour of
    day at its own point, in that point's time zone (summer time included)."""
    names = {i: name for i, name, _tz in points}
    zones = {i: ZoneInfo(tz) for i, _name, tz in points}

    def local(point_id: int, slot: int) -> datetime:
        return datetime.fromtimestamp(slot * SLOT_S, zones.get(point_id, REPORT_ZONE))

    by_agency: Counter[str] = Counter()
    by_point: Counter[str] = Counter()
    by_outcome: Counter[str] = Counter()
    hours: Counter[int] = Counter()
    agency_hours: Counter[tuple[str, int]] = Counter()
    week: Counter[tuple[int, int]] = Counter()
    days: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    for agency, point_id, outcome, slot, n in figures.slots:
        when = local(point_id, slot)
        hour = when.hour
        point = names.get(point_id, str(point_id))
        by_agency[agency] += n
        by_point[point] += n
        by_outcome[outcome] += n
        hours[hour] += n
        agency_hours[(agency, hour)] += n
        week[(when.isoweekday(), hour)] += n
        days[when.date().isoformat()] += n
        if outcome == "connection_lost":
            lost[point] += n
    by_weekday_and_hour: dict[str, dict[str, int]] = {}
    for (weekday, hour), n in sorted(week.items()):
        by_weekday_and_hour.setdefault(str(weekday), {})[str(hour)] = n
    by_agency_and_hour: dict[str, dict[str, int]] = {}
    for (agency, hour), n in sorted(agency_hours.items()):
        by_agency_and_hour.setdefault(agency, {})[str(hour)] = n
    return {
        "contacts": sum(by_agency.values()),
        "by_agency": dict(by_agency),
        "by_point": dict(by_point),
        "by_outcome": dict(by_outcome),
        "by_hour": {str(h): n for h, n in sorted(hours.items())},
        "by_agency_and_hour": by_agency_and_hour,
        "by_weekday_and_hour": by_weekday_and_hour,
        "by_day": dict(sorted(days.items())),
        "connection_lost_by_point": dict(lost),
        "median_wait_s": figures.median_wait_s,
        "wait_p90_s": figures.wait_p90_s,
        "median_handling_s": figures.median_handling_s,
        "documents": figures.documents,
        "feedback": {
            agency: {"count": count, "mean": round(mean, 2)}
            for agency, count, mean in figures.feedback
        },
        "feedback_reasons": dict(figures.reasons),
        "interpreting": {
            language: {"calls": calls, "minutes": round(seconds / 60, 1)}
            for language, calls, seconds in figures.interpreting
        },
    }
