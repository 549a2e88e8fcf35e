"""Remote-service hours: a weekly pattern with validity periods, and dated exceptions.

Pure functions of an aware datetime; nothing reads a clock. A point's hours for an agency
are the weekly entries valid on that date (several per day allowed, e.g. 08-12 and
13-16, or an extended-hours pilot "Tuesdays 08-18" valid for a season), unless an
exception names that date: then the exceptions of the highest specificity (point and
agency > agency > point > nationwide) replace the weekly pattern for the day. An
exception without times closes the day (a public holiday).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: How far ahead to look for the next opening before saying "not within two weeks".
LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class WeeklyHours:
    weekday: int  # Monday = 0
    opens: time
    closes: time
    valid_from: date | None = None
    valid_until: date | None = None

    def applies(self, day: date) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or day >= self.valid_from)
            and (self.valid_until is None or day <= self.valid_until)
        )


@dataclass(frozen=True)
class HoursException:
    day: date
    opens: time | None = None  # None: closed all day
    closes: time | None = None
    specificity: int = 0  # 0 nationwide, 1 point, 2 agency, 3 point and agency


@dataclass(frozen=True)
class Schedule:
    weekly: tuple[WeeklyHours, ...]
    exceptions: tuple[HoursException, ...] = ()
    timezone: str = "Europe/Helsinki"

    def intervals_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """Opening intervals of a local date, as aware datetimes, earliest first."""
        tz = ZoneInfo(self.timezone)
        todays = [e for e in self.exceptions if e.day == day]
        if todays:
            top = max(e.specificity for e in todays)
            spans = [(e.opens, e.closes) for e in todays if e.specificity == top]
            if any(opens is None or closes is None for opens, closes in spans):
                return []
        else:
            spans = [(w.opens, w.closes) for w in self.weekly if w.applies(day)]
        return sorted(
            (datetime.combine(day, opens, tz), datetime.combine(day, closes, tz))
            for opens, closes in spans
            if opens is not None and closes is not None and opens < closes
        )

    def is_open(self, at: datetime) -> bool:
        local = at.astimezone(ZoneInfo(self.timezone))
        return any(start <= local < end for start, end in self.intervals_on(local.date()))

    def next_opening(self, at: datetime) -> datetime | None:
        """The next moment (after ``at``) the service opens; None within LOOKAHEAD_DAYS."""
        local = at.astimezone(ZoneInfo(self.timezone))
        for offset in range(LOOKAHEAD_DAYS + 1):
            for start, _end in self.intervals_on(local.date() + timedelta(days=offset)):
                if start > local:
                    return start
        return None

    def closes_at(self, at: datetime) -> datetime | None:
        """When the current opening interval ends; None when closed now."""
        local = at.astimezone(ZoneInfo(self.timezone))
        for start, end in self.intervals_on(local.date()):
            if start <= local < end:
                return end
        return None


def parse_time(text: str) -> time:
    """'08:00' -> time(8, 0); '24:00' is the end of the day; a clear error otherwise."""
    if text == "24:00":
        return time.max
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"time must be HH:MM (got {text!r})") from None


def known_zone(name: str) -> bool:
    """Whether this machine knows the IANA time zone ``name``."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
