"""A kiosk's self-test end to end: a kiosk whose camera gives only black pictures (a
covered lens) tests itself once connected, says so on its health, and the operators see
it: on the kiosk list, in /metrics (the alert's series), and again when they ask for a
self-test from the supervisor API. The real server; the camera a video file through
OpenCV, as a real one is read."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import aiohttp
import av
import numpy as np
import pytest

from kiosk.agent import KioskAgent
from media.sources import LocalMedia, ToneTrack, open_camera
from signaling.demo_data import DemoCredentials
from signaling.store import Store
from tests.helpers import RecordingListener, ServerProcess, require_loopback_only, scrape

pytestmark = pytest.mark.e2e
ADMIN = ("olli", "operator-pass-2026")


def camera_file(path: Path, *, black: bool, seconds: float = 20.0) -> Path:
    """A camera's picture as a video file: noise (a room) or black (a covered lens)."""
    rng = np.random.default_rng(3)
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mjpeg", rate=15)
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuvj420p"
        for _ in range(int(seconds * 15)):
            picture = np.zeros((120, 160, 3), np.uint8)
            if not black:
                picture = rng.integers(0, 255, (120, 160, 3), dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def kiosk_with_camera(url: str, token: str, video: Path, listener: RecordingListener) -> KioskAgent:
    camera = open_camera(str(video))
    assert camera is not None, "OpenCV cannot read the camera's file"
    media = LocalMedia(
        video_source=camera,
        audio_source=ToneTrack(),
        camera_is_test_pattern=False,
        microphone_is_tone=True,
    )
    return KioskAgent(url, token, media, listener, self_test_at=dt.time(7, 0))


@pytest.mark.parametrize("black", [True, False], ids=["covered camera", "working camera"])
async def test_a_kiosk_tests_itself_once_connected_and_the_operators_see_it(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path, black: bool
) -> None:
    require_loopback_only()
    db, creds = test_db
    store = Store(f"sqlite:///{db}")
    store.add_clerk(ADMIN[0], ADMIN[1], "Olli", [], role="admin")
    store.close()
    server = ServerProcess(db)
    await server.start()
    listener = RecordingListener()
    video = camera_file(tmp_path / "camera.avi", black=black)
    agent = kiosk_with_camera(server.url, creds.kiosk_token, video, listener)
    agent.start()
    try:
        await listener.watch.until(lambda: bool(listener.self_tests), 15, "the first self-test")
        report = listener.self_tests[0]
        assert report.results == {
            "server": "ok",
            "camera": "failed" if black else "ok",
            "microphone": "skipped",  # the test tone: nothing to test
            "speaker": "skipped",  # nothing real hears it
            "document_camera": "absent",  # a headless kiosk has none
            "printer": "absent",
            "turn": "absent",  # no TURN configured
        }
        assert agent.health.get("camera") == ("failed" if black else None)

        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as admin:
            login = {"username": ADMIN[0], "password": ADMIN[1]}
            assert (await admin.post(f"{server.url}/api/login", json=login)).status == 200
            listed = await until_listed(admin, server.url, report.started_at)
            assert listed["self_test"]["results"]["camera"] == report.results["camera"]
            if black:
                assert listed["health"]["camera"] == "failed"
            failing = await asyncio.to_thread(scrape, server.url)
            series = 'remote_service_kiosks_self_test_failed{point="Nurmes"}'
            assert failing[series] == (1 if black else 0)
            assert failing['remote_service_kiosks_self_test_stale{point="Nurmes"}'] == 0

            # An operator asks for another one: it runs, and is listed in its place.
            asked = await admin.post(f"{server.url}/api/supervisor/kiosks/nurmes-1/self-test")
            answer = (asked.status, await asked.json())
            assert answer == (202, {"label": "nurmes-1", "connected": True})
            await listener.watch.until(lambda: len(listener.self_tests) == 2, 15, "another")
            again = await until_listed(admin, server.url, listener.self_tests[1].started_at)
            assert again["self_test"]["results"] == dict(listener.self_tests[1].results)
            absent = await admin.post(f"{server.url}/api/supervisor/kiosks/nurmes-9/self-test")
            assert absent.status == 400
            assert "no kiosk 'nurmes-9'" in (await absent.json())["error"]
    finally:
        await agent.stop()
        await server.stop()


async def until_listed(admin: aiohttp.ClientSession, url: str, started_at: float) -> dict:
    """The kiosk's row once its self-test of ``started_at`` is stored (the write follows
    the kiosk's message by a moment)."""
    for _ in range(50):
        rows = await (await admin.get(f"{url}/api/supervisor/kiosks")).json()
        row = next(r for r in rows if r["label"] == "nurmes-1")
        if row["self_test"] and row["self_test"]["started_at"] == pytest.approx(started_at):
            return dict(row)
        await asyncio.sleep(0.1)  # a poll of the operators' list, as the dashboard reads it
    raise AssertionError("the self-test was not listed within 5 s")
