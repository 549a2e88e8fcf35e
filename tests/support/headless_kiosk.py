"""A headless kiosk in a process of its own (e.g. inside a network namespace), reporting
what the fault tests check, several times a second.

``python -m tests.support.headless_kiosk --server URL --token=T [--join kela]`` runs the
real :class:`kiosk.agent.KioskAgent` with the test pattern and tone. With ``--join`` the
customer queues once for that agency. Each report is one JSON line: the signalling
state, the visit, the call, frames and audio received per member, the media state and
what the kiosk would show the customer, and the process's threads and file descriptors
(so that a test can see that nothing leaks).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import av

from kiosk.agent import AgentListener, KioskAgent
from kiosk.connection import ConnectionState
from kiosk.visit import VisitState
from media.network import allow_loopback_candidates
from media.opus_decoder import FILLED
from media.quality import Step
from media.sinks import TrackPump
from media.sources import open_local_media
from protocol import messages as p
from tests.support.processes import ReportingProcess

#: A pause in a member's video at least this long ends with a "resumed" time.
RESUMED_AFTER_S = 0.5


@dataclass
class HeadlessReport:
    t: float
    connection: str
    visit: str
    call_id: str | None
    #: member id -> frames decoded from them (video) / audio frames with their loudness
    video_frames: dict[str, int] = field(default_factory=dict)
    audio_frames: dict[str, int] = field(default_factory=dict)
    audio_rms: dict[str, float] = field(default_factory=dict)
    #: member id -> the media state the kiosk shows ("connected", "interrupted", ...)
    media: dict[str, str] = field(default_factory=dict)
    #: member id -> wall-clock time (time.time()) of the last change of that media state
    media_at: dict[str, float] = field(default_factory=dict)
    #: member id -> wall-clock time of the first video frame after a pause of 0.5 s or more
    #: (the picture coming back after an outage; the benchmark times recovery with it)
    video_resumed_at: dict[str, float] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    sessions: int = 0
    threads: int = 0
    fds: int = 0
    #: the TURN URL the kiosk chose (None without TURN)
    turn: str | None = None
    #: the step the call's link is on (media/quality.py), and the picture the kiosk sends
    quality: str = "full"
    sending: tuple[int, int] = (0, 0)
    #: the loss (percent) the kiosk's sound is protected for (media/sound_protection.py)
    sound_protection_pct: int = 0
    #: lost packets of the sound received that the kiosk filled (media/opus_decoder.py)
    sound_filled: int = 0
    #: the most the kiosk sends, bits a second, by the loss reported (media/send_rate.py)
    send_limit: int | None = None

    @classmethod
    def parse(cls, line: bytes) -> HeadlessReport:
        fields = json.loads(line)
        fields["sending"] = tuple(fields.get("sending", (0, 0)))
        return cls(**fields)

    def frames_from(self, member: str) -> int:
        return self.video_frames.get(member, 0)


class Reporter(AgentListener):
    def __init__(self, agent: KioskAgent, join: str | None) -> None:
        self.agent = agent
        self.join = join
        self.joined = False
        self.started = time.monotonic()
        self.video: dict[str, list[TrackPump]] = {}
        self.audio: dict[str, list[TrackPump]] = {}
        self.media: dict[str, str] = {}
        self.media_at: dict[str, float] = {}
        self.last_frame_at: dict[str, float] = {}
        self.video_resumed_at: dict[str, float] = {}
        self.notices: list[str] = []
        self.quality = "full"
        self.wake = asyncio.Event()

    def connection_changed(self, state: ConnectionState) -> None:
        self.wake.set()

    def agencies_changed(self, agencies: Sequence[p.AgencyInfo]) -> None:
        self.wake.set()

    def remote_video(self, pump: TrackPump, peer: str) -> None:
        self.video.setdefault(peer, []).append(pump)

        def seen(frame: av.VideoFrame | av.AudioFrame) -> None:
            now = time.time()
            if now - self.last_frame_at.get(peer, now) >= RESUMED_AFTER_S:
                self.video_resumed_at[peer] = now
            self.last_frame_at[peer] = now

        pump.listeners.append(seen)

    def remote_audio(self, pump: TrackPump, peer: str) -> None:
        self.audio.setdefault(peer, []).append(pump)

    def media_state_changed(self, peer: str, state: str) -> None:
        self.media[peer] = state
        self.media_at[peer] = time.time()

    def notice(self, code: str) -> None:
        self.notices.append(code)

    def quality_changed(self, step: Step) -> None:
        self.quality = step.wire

    def report(self) -> HeadlessReport:
        agent = self.agent
        return HeadlessReport(
            t=round(time.monotonic() - self.started, 3),
            connection=agent.client.state.value,
            visit=agent.visit.state.value,
            call_id=agent.call.call_id if agent.call else None,
            video_frames={m: sum(p.video.frames for p in ps) for m, ps in self.video.items()},
            audio_frames={m: sum(p.audio.frames for p in ps) for m, ps in self.audio.items()},
            audio_rms={
                m: round(
                    max((max(p.audio.recent_rms[-10:], default=0.0) for p in ps), default=0), 4
                )
                for m, ps in self.audio.items()
            },
            media=dict(self.media),
            media_at=dict(self.media_at),
            video_resumed_at=dict(self.video_resumed_at),
            notices=list(self.notices),
            sessions=len(agent.sessions),
            turn=agent.turn_url,
            quality=self.quality if agent.call else "full",
            sending=agent.media.encoder.size if agent.media.encode_once else (0, 0),
            sound_protection_pct=(
                agent.media.audio_encoder.expected_loss_pct if agent.media.encode_once else 0
            ),
            sound_filled=FILLED.packets,
            send_limit=agent.send_rate.rate,
            threads=threading.active_count(),
            fds=len(os.listdir("/proc/self/fd")),
        )

    async def run(self, every_s: float) -> None:
        while True:
            agent = self.agent
            if (
                self.join
                and not self.joined
                and agent.client.state is ConnectionState.OPEN
                and agent.agencies
                and agent.visit.state is VisitState.START
            ):
                agent.begin()
                self.joined = await agent.join(self.join, "fi")
            print(json.dumps(asdict(self.report())), flush=True)
            await asyncio.sleep(every_s)  # the report's pace, not a wait for an event


async def main_async(args: argparse.Namespace) -> int:
    allow_loopback_candidates()
    agent = KioskAgent(args.server, args.token, open_local_media("test", "tone"))
    reporter = Reporter(agent, args.join)
    agent.listener = reporter
    agent.start()
    try:
        await reporter.run(args.report_s)
    finally:
        await agent.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.headless_kiosk")
    parser.add_argument("--server", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--join", help="queue once for this agency")
    parser.add_argument("--report-s", type=float, default=0.25)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s"
    )
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())


def headless_kiosk(
    server: str,
    token: str,
    *,
    join: str | None = None,
    prefix: Sequence[str] = (),
    env: dict[str, str] | None = None,
) -> ReportingProcess[HeadlessReport]:
    """The headless kiosk as its own process, e.g. ``prefix=host.command([])`` to run it
    inside a lab host's namespace; ``env`` adds to the environment."""
    args = ["--server", server, f"--token={token}"] + (["--join", join] if join else [])
    return ReportingProcess(
        "tests.support.headless_kiosk",
        args,
        HeadlessReport.parse,
        prefix=prefix,
        env={**os.environ, **env} if env else None,
    )
