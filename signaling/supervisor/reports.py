"""The usage report: contacts by agency, point, outcome and local hour, waits, feedback and
interpreting. Hours are each service point's own local hours (its time zone)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from signaling.records import TransactionRecord

#: The day boundaries of a report's period: Finnish time (the service's own).
REPORT_ZONE = ZoneInfo("Europe/Helsinki")


def day_start(text: str) -> float:
    day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=REPORT_ZONE)
    return day.astimezone(UTC).timestamp()


def usage(
    rows: list[TransactionRecord],
    points: list[tuple[int, str, str]],
    ratings: list[tuple[Any, ...]],
) -> dict[str, Any]:
    names = {i: name for i, name, _tz in points}
    zones = {i: ZoneInfo(tz) for i, _name, tz in points}

    def local_hour(t: TransactionRecord) -> int:
        zone = zones.get(t.point_id, REPORT_ZONE)
        return datetime.fromtimestamp(t.queued_at, zone).hour

    by_agency_scores: dict[str, list[int]] = {}
    for _at, _point, agency, score, _reason in ratings:
        by_agency_scores.setdefault(agency, []).append(int(score))
    hours = Counter(local_hour(t) for t in rows)
    answered = sorted(t.answered_at - t.queued_at for t in rows if t.answered_at is not None)
    interpreted: dict[str, list[float]] = {}
    for t in rows:
        if t.interpreter_language:
            interpreted.setdefault(t.interpreter_language, []).append(t.interpreter_seconds)
    by_agency_and_hour: dict[str, dict[str, int]] = {}
    for (agency, hour), n in sorted(Counter((t.agency, local_hour(t)) for t in rows).items()):
        by_agency_and_hour.setdefault(agency, {})[str(hour)] = n
    return {
        "contacts": len(rows),
        "by_agency": dict(Counter(t.agency for t in rows)),
        "by_point": dict(Counter(names.get(t.point_id, str(t.point_id)) for t in rows)),
        "by_outcome": dict(Counter(t.outcome for t in rows)),
        "by_hour": {str(h): n for h, n in sorted(hours.items())},
        "by_agency_and_hour": by_agency_and_hour,
        "median_wait_s": answered[len(answered) // 2] if answered else None,
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
