"""What kiosks report besides queueing: the customer's rating of a call, and device health
(a camera or microphone lost mid-call is told to the official once; the call goes on)."""

from __future__ import annotations

import logging

from protocol import messages as p
from protocol.json_logs import about
from signaling.core.effects import Effect, SaveFeedback, SaveSelfTest, Send
from signaling.core.presence import KioskPrincipal
from signaling.core.state import Core
from signaling.exceptions import NotAllowed

log = logging.getLogger(__name__)

#: How long after a call its kiosk may still send feedback on it.
FEEDBACK_WINDOW_S = 15 * 60.0


def feedback(core: Core, kiosk: KioskPrincipal, msg: p.Feedback) -> list[Effect]:
    last = core.kiosk_book.last_call.get(kiosk.kiosk_id)
    now = core.clock()
    if last is None or last[0] != msg.call_id or now - last[3] > FEEDBACK_WINDOW_S:
        raise NotAllowed("not_found", f"no recent call '{msg.call_id}' of this kiosk")
    del core.kiosk_book.last_call[kiosk.kiosk_id]  # one rating per call
    _call_id, agency, point_id, _ended = last
    return [SaveFeedback(point_id, agency, msg.score, msg.reason, now)]


def health(core: Core, kiosk: KioskPrincipal, report: p.KioskHealth) -> list[Effect]:
    previous = core.kiosk_book.health.get(kiosk.kiosk_id)
    core.kiosk_book.health[kiosk.kiosk_id] = (report, core.clock())
    if report.last_error or "failed" in report.model_dump().values():
        log.warning("kiosk %s reports a problem", kiosk.kiosk_id)
    room = core.room_book.of("kiosk", kiosk.kiosk_id)
    if room is None:
        return []
    before = previous[0] if previous else None
    notices: list[p.CallNotice] = []
    if report.camera == "failed" and (before is None or before.camera != "failed"):
        notices.append(p.CallNotice(call_id=room.call_id, code="kiosk_camera_lost"))
    if report.microphone == "failed" and (before is None or before.microphone != "failed"):
        notices.append(p.CallNotice(call_id=room.call_id, code="kiosk_microphone_lost"))
    clerk = room.member_by_role("clerk")
    if clerk is None or clerk.conn is None:
        return []
    return [Send(clerk.conn, notice) for notice in notices]


def self_test(core: Core, kiosk: KioskPrincipal, report: p.KioskSelfTest) -> list[Effect]:
    """A kiosk's self-test: kept as its latest, for the operators' overview and alerts."""
    failed = sorted(check for check, result in report.results.items() if result == "failed")
    log.log(
        logging.WARNING if failed else logging.INFO,
        "kiosk %s self-test: %s",
        kiosk.kiosk_id,
        f"failed {', '.join(failed)}" if failed else "passed",
        extra=about("kiosk.self_test", point=kiosk.point_id),
    )
    results = {str(check): str(result) for check, result in report.results.items()}
    return [SaveSelfTest(kiosk.kiosk_id, report.started_at, report.took_s, results)]


def request_self_test(core: Core, kiosk_id: int) -> list[Effect]:
    """An operator asks a kiosk to test itself: now if it is connected, otherwise as soon
    as it connects (kept for the life of this server process)."""
    conn = core.presence.kiosk_conn(kiosk_id)
    if conn is None:
        core.kiosk_book.self_test_asked.add(kiosk_id)
        return []
    return [Send(conn, p.SelfTestRun())]


def self_test_asked(core: Core, kiosk_id: int, conn: str) -> list[Effect]:
    """A kiosk connects: the self-test an operator asked for while it was away."""
    if kiosk_id not in core.kiosk_book.self_test_asked:
        return []
    core.kiosk_book.self_test_asked.discard(kiosk_id)
    return [Send(conn, p.SelfTestRun())]
