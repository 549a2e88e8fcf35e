"""What operators see of the live service, read off the core's state at one moment: the
figures /metrics exposes (signaling/metrics.py) and the dashboard will show. Places and
agencies only; no person is named or counted individually."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from signaling.core.presence import ClerkPrincipal, KioskPrincipal
from signaling.core.state import Core


@dataclass(frozen=True)
class LiveFigures:
    #: connections by role: kiosk, clerk, interpreter
    connections: dict[str, int] = field(default_factory=dict)
    #: point name -> kiosks connected, and of those the ones whose last report names a
    #: failed device or an error
    kiosks_online: dict[str, int] = field(default_factory=dict)
    kiosks_unhealthy: dict[str, int] = field(default_factory=dict)
    #: agency -> customers waiting, and how long the longest has waited (s)
    queued: dict[str, int] = field(default_factory=dict)
    longest_wait_s: dict[str, float] = field(default_factory=dict)
    calls: int = 0
    #: clerks online by status (available, away, offered, busy)
    clerks: dict[str, int] = field(default_factory=dict)
    #: interpreters online by state (available, away, in_call)
    interpreters: dict[str, int] = field(default_factory=dict)
    #: point name -> 1 while any agency serves there now (its opening hours), else 0
    points_open: dict[str, int] = field(default_factory=dict)


def live_figures(core: Core, now: float) -> LiveFigures:
    connections: Counter[str] = Counter()
    online: Counter[str] = Counter()
    unhealthy: Counter[str] = Counter()
    for _kiosk_id, conn in core.presence.kiosk_conns():
        principal = core.presence.principal(conn)
        if not isinstance(principal, KioskPrincipal):
            continue
        online[principal.point_name] += 1
        report = core.kiosk_book.health.get(principal.kiosk_id)
        if report is not None and _unhealthy(report[0].model_dump()):
            unhealthy[principal.point_name] += 1
    connections["kiosk"] = sum(online.values())
    for _clerk_id, conns in core.presence.clerks_online():
        principal = core.presence.principal(conns[0])
        if isinstance(principal, ClerkPrincipal):
            connections[principal.role] += len(conns)
    queued: Counter[str] = Counter()
    longest: dict[str, float] = {}
    for ticket in core.router.tickets.values():
        queued[ticket.agency] += 1
        longest[ticket.agency] = max(longest.get(ticket.agency, 0.0), now - ticket.queued_at)
    clerks = Counter(seat.status.value for seat in core.router.seats.values())
    interpreters = Counter(
        "in_call" if desk.in_call else "available" if desk.available else "away"
        for desk in core.interpreters.desks.values()
    )
    return LiveFigures(
        connections=dict(connections),
        kiosks_online=dict(online),
        kiosks_unhealthy=dict(unhealthy),
        queued=dict(queued),
        longest_wait_s=longest,
        calls=len(core.room_book.rooms),
        clerks=dict(clerks),
        interpreters=dict(interpreters),
        points_open={
            name: int(any(status.open for status in core.catalogue.at_point(point_id, now)))
            for point_id, name in core.catalogue.points.items()
        },
    )


def _unhealthy(report: dict[str, object]) -> bool:
    return bool(report.get("last_error")) or "failed" in report.values()


def live_view(
    core: Core,
    kiosks: list[tuple[int, str, str]],
    self_tests: dict[int, tuple[float, float, dict[str, str]]],
    agencies: frozenset[str] | None,
    now: float,
    point: str | None = None,
) -> dict[str, object]:
    """What the dashboard's live page shows, for a caller who sees ``agencies`` (None:
    every agency): each service point's kiosks (what each is doing, its devices, its
    latest self-test), the queues with their longest wait, clerks and interpreters by
    state, calls; at ``point`` only when one is given (a coordinator's: its queues and
    calls). ``kiosks``: (id, label, point name) of every enrolled kiosk shown."""
    point_ids = {i for i, name in core.catalogue.points.items() if point in (None, name)}
    book = core.queue_book
    points: dict[str, list[dict[str, object]]] = {}
    for kiosk_id, label, point in kiosks:
        online = core.presence.kiosk_conn(kiosk_id) is not None
        if core.room_book.of("kiosk", kiosk_id) is not None:
            activity = "in_call"
        elif kiosk_id in book.ticket_of_kiosk:
            activity = "queued"
        else:
            activity = "idle" if online else "offline"
        report = core.kiosk_book.health.get(kiosk_id)
        tested = self_tests.get(kiosk_id)
        points.setdefault(point, []).append(
            {
                "label": label,
                "online": online,
                "activity": activity,
                "devices": (
                    report[0].model_dump(include={"camera", "microphone", "speaker",
                                                  "document_camera"})
                    if report
                    else None
                ),
                "self_test": (
                    {
                        "at": tested[0],
                        "failed": sorted(c for c, r in tested[2].items() if r == "failed"),
                    }
                    if tested
                    else None
                ),
            }
        )  # fmt: skip
    waiting: dict[str, list[float]] = {}
    for ticket in core.router.tickets.values():
        if (agencies is None or ticket.agency in agencies) and ticket.point_id in point_ids:
            waiting.setdefault(ticket.agency, []).append(now - ticket.queued_at)
    clerks = Counter(
        seat.status.value
        for seat in core.router.seats.values()
        if agencies is None or seat.agencies & agencies
    )
    interpreters = Counter(
        "in_call" if desk.in_call else "available" if desk.available else "away"
        for desk in core.interpreters.desks.values()
    )
    return {
        "at": now,
        "points": [{"name": name, "kiosks": rows} for name, rows in sorted(points.items())],
        "queues": [
            {"agency": code, "waiting": len(waits), "longest_wait_s": round(max(waits), 1)}
            for code, waits in sorted(waiting.items())
        ],
        "clerks": dict(clerks),
        "interpreters": dict(interpreters),
        "calls": sum(
            1
            for room in core.room_book.rooms.values()
            if (agencies is None or room.ticket.agency in agencies)
            and room.ticket.point_id in point_ids
        ),
    }
