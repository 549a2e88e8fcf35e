"""Thin and lossy links (issue 14, item 5): the kiosk in a namespace of its own behind a
relay of our own (tests/support/relay.py: 150 ms round trip, a bottleneck of 300 and then
100 kbit/s, losses in bursts both ways), the clerk in real Chromium.

The call must step down by itself, sound first: a smaller picture at 300 kbit/s, still
pictures (or sound only) at 100 kbit/s, the sound whole throughout, each step shown on the
kiosk and the console alike; and climb back to full video when the link recovers.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.async_api import Page
from playwright.async_api import TimeoutError as PlaywrightTimeout

from signaling.demo_data import DemoCredentials
from tests.helpers import (
    require_loopback_only,
    seconds,
)
from tests.support.headless_kiosk import HeadlessReport
from tests.support.lab_call import LabCall, call_in_lab, frames_counted
from tests.support.relay import BurstLoss, RelayedHost, sent_by_host

pytestmark = pytest.mark.e2e

#: Bursts of loss both ways: one starts at 0.5 % of packets and lasts 2.5 packets on
#: average (about 1.2 % lost in all), as on a busy cell.
BURSTS = BurstLoss(enter=0.005, leave=0.4)
#: One way; 150 ms round trip.
DELAY_MS = 75


async def thin_lab(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path, *, kiosk_inside: bool
) -> AsyncIterator[LabCall[RelayedHost]]:
    require_loopback_only()
    db, creds = test_db
    host = await RelayedHost.create("q" if kiosk_inside else "w")
    try:
        async with call_in_lab(
            db, creds, tmp_path / "clerk", host, kiosk_inside=kiosk_inside
        ) as call:
            yield call
    finally:
        await host.remove()


@pytest.fixture
async def thin_call(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> AsyncIterator[LabCall[RelayedHost]]:
    """The kiosk behind the relay; the server and the clerk beside each other."""
    async for call in thin_lab(test_db, tmp_path, kiosk_inside=True):
        yield call


@pytest.fixture
async def thin_clerk_call(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> AsyncIterator[LabCall[RelayedHost]]:
    """The clerk's browser behind the relay; the kiosk beside the server."""
    async for call in thin_lab(test_db, tmp_path, kiosk_inside=False):
        yield call


async def console_reading(call: LabCall[RelayedHost]) -> dict[str, float | str]:
    """What the clerk's console shows: the customer's link step, frames decoded, the
    picture's width, the sound's energy so far."""
    reading: dict[str, float | str] = await call.page.evaluate(
        """() => {
            const stats = document.querySelector('#media-stats').dataset;
            return {
                step: document.querySelector('#link-quality').dataset.step,
                frames: Number(stats.framesDecoded || 0),
                width: Number(stats.width || 0),
                energy: Number(stats.audioEnergy || 0),
            };
        }"""
    )
    return reading


async def settle_on(
    call: LabCall[RelayedHost], steps: set[str], within: float
) -> tuple[float, HeadlessReport]:
    """Seconds until the kiosk's link is on one of ``steps`` and the console shows it."""
    started = time.monotonic()
    while True:
        elapsed = time.monotonic() - started
        assert elapsed < seconds(within), (
            f"not on {steps} within {within} s: kiosk {call.kiosk.last},"
            f" console {await console_reading(call)}"
        )
        report = await call.kiosk.report(seconds(5))
        if report.quality in steps and (await console_reading(call))["step"] == report.quality:
            return elapsed, report


async def sound_and_pictures_for(
    call: LabCall[RelayedHost], seconds_: float
) -> tuple[float, float, float, float]:
    """Over ``seconds_``: frames a second at the console and at the kiosk, and whether
    sound with energy reached each (the console's energy gained, the kiosk's loudest)."""
    before = await console_reading(call)
    first = await call.kiosk.report(seconds(5))
    loudest = 0.0
    started = time.monotonic()
    last = first
    while time.monotonic() - started < seconds_:
        last = await call.kiosk.report(seconds(5))
        loudest = max(loudest, last.audio_rms.get("clerk", 0.0))
    after = await console_reading(call)
    elapsed = time.monotonic() - started
    console_fps = (float(after["frames"]) - float(before["frames"])) / elapsed
    kiosk_fps = (last.frames_from("clerk") - first.frames_from("clerk")) / elapsed
    energy = float(after["energy"]) - float(before["energy"])
    return console_fps, kiosk_fps, energy, loudest


async def sound_protected_through_the_bursts(call: LabCall[RelayedHost]) -> None:
    """The kiosk's sound carries copies and it fills the official's lost packets, once
    the bursts have struck each way. They come at random (about 1.2 % of packets): a
    measured stretch of the link may have none of the kiosk's (seen: 0 of 357 in 6 s),
    so each is waited for while the bursts go on, not read from one report."""
    await call.kiosk.until(
        lambda r: r.sound_protection_pct > 0, seconds(20), "the sound carrying copies"
    )
    await call.kiosk.until(
        lambda r: r.sound_filled > 0, seconds(20), "the official's lost sound filled"
    )


async def test_a_thin_lossy_link_steps_down_sound_first_and_back_up(
    thin_call: LabCall[RelayedHost], screenshots: Path
) -> None:
    call = thin_call
    report = await call.kiosk.report(seconds(5))
    assert report.quality == "full"

    await call.host.set(rate_kbit=300, delay_ms=DELAY_MS, burst_loss=BURSTS)
    took, report = await settle_on(call, {"reduced", "stills"}, within=30)
    before = await call.host.counts()
    console_fps, kiosk_fps, energy, loudest = await sound_and_pictures_for(call, 6.0)
    passed, dropped = sent_by_host(before, await call.host.counts())
    after = call.kiosk.last
    assert after is not None
    print(
        f"300 kbit/s, 150 ms, bursts: {report.quality} after {took:.1f} s, then"
        f" {after.quality}, sending {after.sending}; console {console_fps:.1f} fps,"
        f" kiosk {kiosk_fps:.1f} fps; the link dropped {dropped} of the kiosk's"
        f" {passed + dropped} packets"
    )
    assert report.sending[0] <= 320, "a smaller picture from the kiosk"
    assert dropped <= max(10, (passed + dropped) // 10), "the kiosk sends what the link carries"
    assert energy > 0 and loudest > 0.01, "the sound goes on both ways"
    await sound_protected_through_the_bursts(call)
    if report.quality == after.quality == "reduced":
        assert console_fps >= 15, "a smaller picture, not fewer frames"

    await call.host.set(rate_kbit=100, delay_ms=DELAY_MS, burst_loss=BURSTS)
    took, report = await settle_on(call, {"stills", "audio"}, within=30)
    # Long enough for the ladder to probe upwards and be pushed back down (a climb is
    # how it learns that the link has recovered).
    steps: list[str] = []
    started = time.monotonic()
    while time.monotonic() - started < 20:
        steps.append((await call.kiosk.report(seconds(5))).quality)
    held = sum(step in ("stills", "audio", "text") for step in steps) / len(steps)
    console_fps, kiosk_fps, energy, loudest = await sound_and_pictures_for(call, 6.0)
    print(
        f"100 kbit/s, 150 ms, bursts: {report.quality} after {took:.1f} s; stills or less"
        f" {held:.0%} of 20 s; console {console_fps:.1f} fps, kiosk {kiosk_fps:.1f} fps"
    )
    assert held >= 0.7, steps
    await call.page.screenshot(path=str(screenshots / "console-thin-link.png"))
    assert energy > 0 and loudest > 0.01, "the sound goes on both ways"
    counts = await call.host.counts()
    assert counts["out_dropped"] > 0 and counts["in_dropped"] > 0, counts

    await call.host.set()
    took, report = await settle_on(call, {"full"}, within=75)
    print(f"link recovered: full video again after {took:.1f} s")
    await call.page.wait_for_function(
        "() => Number(document.querySelector('#media-stats').dataset.width || 0) >= 640",
        timeout=seconds(20) * 1000,
    )
    assert report.call_id == call.call_id and report.sessions == 1
    await call.kiosk.until(
        lambda r: r.sound_protection_pct == 0, seconds(15), "no copies on a clean link"
    )
    assert call.records() == []  # the call goes on: no record yet


@pytest.mark.parametrize("link_kbit", [600])
async def test_a_sign_language_call_keeps_its_frame_rate_on_a_thin_link(
    thin_call: LabCall[RelayedHost], tmp_path: Path, screenshots: Path, link_kbit: int
) -> None:
    """With a sign-language interpreter in the call the kiosk gives up detail, never
    frames, and the pictures between official and customer go first (media/quality.py,
    official_video_paused): on a link too thin for full video to two receivers, the
    interpreter still sees the customer sign at 20 fps or more and the customer sees the
    signer, while the official's console shows the customer's picture as paused, and why.

    Four programs share this machine's CPUs, and on a busy host they cannot all keep 30
    frames a second even on a clean link: the same call is measured on the clean link
    first, and the thin link may cost the signing no more than a sixth of what the rig
    itself delivers (20 of 30 fps on a host with room)."""
    call = thin_call
    async with call.interpreter_joins(tmp_path / "interpreter", "fse") as interpreter:
        await call.kiosk.until(
            lambda r: r.frames_from("interpreter-1") >= 30, seconds(30), "the signer at the kiosk"
        )
        clean = await signing_rates(call, interpreter, 10.0)
        await call.host.set(rate_kbit=link_kbit, delay_ms=DELAY_MS, burst_loss=BURSTS)
        took, report = await settle_on(call, {"reduced"}, within=40)
        # (The link's first seconds at 600 kbit/s can stall everything long enough for the
        # console to say the connection is interrupted; the note follows once it flows.)
        try:
            await call.page.wait_for_function(
                "() => document.querySelector('#remote-video').dataset.paused === 'true'"
                " && document.querySelector('#picture-note').textContent"
                ".includes('interpreter still sees the customer')",
                timeout=seconds(8) * 1000,
            )
        except PlaywrightTimeout:
            note = await call.page.inner_text("#picture-note")
            raise AssertionError(f"the official's console says {note!r}") from None
        await call.page.screenshot(path=str(screenshots / "console-sign-call-thin-link.png"))
        # The pictures sent before the pause drain through the thin link's queue and the
        # console's jitter buffer for a moment (in a loaded CI run, 54 of them over the
        # next 10 s): measure from when the console has decoded none for a second.
        await call.page.wait_for_function(
            """() => {
              const stats = document.querySelector('#media-stats').dataset;
              const n = Number(stats.framesDecoded || 0);
              if (window.__drained !== n) {
                window.__drained = n;
                window.__since = performance.now();
              }
              return performance.now() - window.__since > 1500;
            }""",
            polling=100,
            timeout=seconds(10) * 1000,
        )
        thin = await signing_rates(call, interpreter, 10.0)
        print(
            f"sign language, {link_kbit} kbit/s: {report.quality} after {took:.1f} s"
            f" (then {sorted(thin.steps)}); the interpreter sees {thin.customer:.1f} fps of the"
            f" customer ({clean.customer:.1f} on the clean link), the kiosk"
            f" {thin.signer:.1f} fps of the signer ({clean.signer:.1f}); the kiosk sends"
            f" {sorted(set(thin.widths))} wide; official and customer exchange"
            f" {thin.official:.1f} and {thin.clerk:.1f} fps"
        )
        assert thin.customer >= min(20, clean.customer * 5 / 6), "signs need the frame rate"
        assert thin.signer >= min(20, clean.signer * 5 / 6), "the customer reads the signer"
        assert max(thin.widths) <= 320, "detail is what gives"
        if thin.steps == {"reduced"}:
            # (a few frames that were on the way, or counted by the console's once-a-second
            # statistics after the pause, against 30 a second had they flowed)
            assert thin.official < 3 and thin.clerk < 3, "the official's pictures went first"


@dataclass
class SigningRates:
    """Frames a second over a stretch of a sign-language call, as each side decoded them."""

    customer: float  # the customer's picture at the interpreter
    signer: float  # the signer's picture at the kiosk
    official: float  # the official's picture at the kiosk
    clerk: float  # the customer's picture at the official's console
    widths: list[int]  # what the kiosk sent, report by report
    steps: set[str]  # the steps the kiosk was on


async def signing_rates(
    call: LabCall[RelayedHost], interpreter: Page, for_s: float
) -> SigningRates:
    """Each rate from two counts and the moments each side counted them (the consoles count
    twice a second, so the test's own clock would be off by up to half a second)."""
    report = call.kiosk.last
    assert report is not None
    widths: list[int] = []
    steps: set[str] = set()
    started = time.monotonic()
    customer, clerk = await frames_counted(interpreter), await frames_counted(call.page)
    signer, official = kiosk_counted(report, "interpreter-1"), kiosk_counted(report, "clerk")
    while time.monotonic() - started < for_s:
        report = await call.kiosk.report(seconds(5))
        widths.append(report.sending[0])
        steps.add(report.quality)
    return SigningRates(
        customer=rate(customer, await frames_counted(interpreter)),
        signer=rate(signer, kiosk_counted(report, "interpreter-1")),
        official=rate(official, kiosk_counted(report, "clerk")),
        clerk=rate(clerk, await frames_counted(call.page)),
        widths=widths,
        steps=steps,
    )


def kiosk_counted(report: HeadlessReport, member: str) -> tuple[int, float]:
    return report.frames_from(member), report.t


def rate(before: tuple[int, float], after: tuple[int, float]) -> float:
    """Frames a second between two counts."""
    return (after[0] - before[0]) / max(after[1] - before[1], 1e-3)


async def test_a_clerk_on_a_thin_link_gets_the_same_ladder(
    thin_clerk_call: LabCall[RelayedHost],
) -> None:
    """The official's office link is the thin one (an agency's branch line): the kiosk
    measures every connection of its call (loss each way, the browser's bitrate reports),
    so the same ladder steps the call down and both sides show it; Chromium's own
    congestion control fits what the console sends to its uplink, frame rate first."""
    call = thin_clerk_call
    await call.host.set(rate_kbit=300, delay_ms=DELAY_MS, burst_loss=BURSTS)
    took, report = await settle_on(call, {"reduced", "stills"}, within=30)
    if report.quality == "reduced":
        # Settled for the official once the smaller picture reaches them (a key frame
        # through the thin link's queue; CI saw 2 fps in the seconds before it did).
        await call.page.wait_for_function(
            "() => { const width = Number(document.querySelector('#media-stats')"
            ".dataset.width || 0); return width > 0 && width <= 320; }",
            timeout=seconds(5) * 1000,
        )
    console_fps, kiosk_fps, energy, loudest = await sound_and_pictures_for(call, 6.0)
    after = call.kiosk.last
    assert after is not None
    print(
        f"the clerk's link at 300 kbit/s, 150 ms, bursts: {report.quality} after {took:.1f} s,"
        f" then {after.quality}; console {console_fps:.1f} fps, kiosk {kiosk_fps:.1f} fps"
    )
    assert report.sending[0] <= 320, "a smaller picture from the kiosk"
    assert energy > 0 and loudest > 0.01, "the sound goes on both ways"
    await sound_protected_through_the_bursts(call)
    if report.quality == after.quality == "reduced":
        assert console_fps >= 15 and kiosk_fps >= 10, "smaller pictures, still moving"
    assert report.call_id == call.call_id and report.sessions == 1
