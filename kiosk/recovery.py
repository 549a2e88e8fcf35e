"""When the kiosk replaces a peer connection of its call, decided with no I/O.

aiortc has no ICE restart (docs/stack-facts.md), so a broken media path is repaired
by a new peer connection to the same member, under the same call, with the next
*generation*; the kiosk offers it (it is the offerer of every pair it is in) and the
browser on the other side replaces its own connection when it sees the newer generation.
A short outage on the same address needs none of this: ICE consent survives ~30 s and
the media comes back on the old connection (the jitter buffer asks for a key frame).

Replace a pair's connection when signalling has been back for a moment (a link that is
still down would only fail a new connection too), the member on the other side is online
(when their own link is down, an offer could not reach them and the old path may resume
when they are back), and

* the old connection is closed or failed (aiortc closes it after ~30 s of silence), or
* its media has been stalled for :attr:`RecoveryTiming.replace_after_s` although
  signalling works on both sides (the path broke while the networks work: a NAT that
  forgot us), or
* the member on the other side asked (its media from us stalled), or
* this kiosk's own address changed (a van's modem moved to another cell), or
* a replacement has not connected within :attr:`RecoveryTiming.connect_within_s`;

never more often than :attr:`RecoveryTiming.min_between_s` per pair, so a flapping link
ends with one working connection, not a pile of half-made ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from media.watch import Flow, MediaWatch


@dataclass(frozen=True)
class RecoveryTiming:
    #: Longer than the server takes to call a silent member offline (3 to 4.5 s): a stall
    #: caused by the other side's link is theirs to report, not ours to "repair".
    replace_after_s: float = 6.0
    #: A path that stalled through an outage resumes the moment the link is back, as a
    #: rule before signalling does: sample it a few times before judging it broken.
    settle_s: float = 1.5
    min_between_s: float = 4.0
    connect_within_s: float = 8.0


@dataclass
class PairHealth:
    """What the kiosk knows of its connection to one member."""

    generation: int = 1
    started_at: float = 0.0
    watch: MediaWatch = field(default_factory=MediaWatch)
    #: The member asked for a new connection of this generation.
    restart_asked: bool = False
    #: This kiosk's own address changed: every path it had is gone.
    moved: bool = False
    #: Whether the member's own signalling is online (the server says, call.member), and
    #: since when. While it is offline the trouble is on their side: an offer could not
    #: even reach them, and the old path may well resume when they are back.
    peer_online: bool = True
    peer_back_since: float = 0.0


def reason_to_replace(
    pair: PairHealth,
    *,
    now: float,
    connection_state: str,
    signalling_open_since: float | None,
    timing: RecoveryTiming = RecoveryTiming(),
) -> str | None:
    """Why this pair's connection should be replaced now; None: leave it.

    A connection that cannot come back (closed, failed, an address that is gone) is
    replaced as soon as signalling is open; a stalled one only after signalling has been
    open for ``settle_s``, so that media resuming on the old path (it resumes the moment
    the link returns) is seen first."""
    if signalling_open_since is None or now - pair.started_at < timing.min_between_s:
        return None
    if not pair.peer_online:
        return None
    if pair.moved:
        return "this kiosk's address changed"
    if connection_state in ("closed", "failed"):
        return f"connection {connection_state}"
    if pair.restart_asked:
        return "the member asked"
    if now - max(signalling_open_since, pair.peer_back_since) < timing.settle_s:
        return None
    if pair.watch.flow is Flow.INTERRUPTED and (
        pair.watch.stalled_for(now) >= timing.replace_after_s
    ):
        return "media stalled"
    if pair.watch.flow is Flow.WAITING and now - pair.started_at >= timing.connect_within_s:
        return "no media on the new connection"
    return None
