"""Devices chosen by name (kiosk/devices.py): the operator's file, read and refused with
the key named; each device found or missing; what the customer's screen and the
operators' view say when one is missing."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk import __main__ as entry
from kiosk.agent import KioskAgent
from kiosk.devices import DeviceConfig, check, main, missing, parse_device_file
from kiosk.exceptions import DeviceFileError
from kiosk.qt.controller import KioskController
from kiosk.qt.sizing import Panel, sizing_for
from kiosk.qt.translator import LanguageSwitcher
from kiosk.qt.window import KioskWindow
from media.sources import open_local_media
from signaling.store import Store
from tests.fake_controller import FakeController
from tests.helpers import DemoCredentials, ServerProcess, require_loopback_only, seconds

CAMERA = "/dev/v4l/by-id/usb-046d_HD_Pro_Webcam_C920_A1B2C3D4-video-index0"
DOCUMENT_CAMERA = "/dev/v4l/by-id/usb-IPEVO_V4K_01234-video-index0"
FILE = f"""
camera = "{CAMERA}"
document_camera = "{DOCUMENT_CAMERA}"
microphone = "C920"
speaker = "PCH"
headset = "Headset"
"""


def test_the_file_names_devices_by_stable_names_and_says_which_alsa_device_each_is() -> None:
    config = parse_device_file(FILE)
    assert config.camera_source() == CAMERA
    assert config.microphone_source() == "plughw:CARD=C920,DEV=0"
    assert config.speaker_device() == "plughw:CARD=PCH,DEV=0"
    assert config.headset == "Headset"
    stand_ins = parse_device_file("")  # every key optional
    assert stand_ins == DeviceConfig()
    assert stand_ins.camera_source() == "test" and stand_ins.microphone_source() == "tone"
    assert stand_ins.speaker_device() == "default"
    assert stand_ins.headset is None, "no headset socket"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('camera = "/dev/video0"', "camera: '/dev/video0' is not a /dev/v4l/by-id/"),
        ('document_camera = "../etc/passwd"', "document_camera: '../etc/passwd'"),
        ('camera = "/dev/v4l/by-id/a b"', "camera: '/dev/v4l/by-id/a b'"),
        ('microphone = "hw:0,0"', "microphone: 'hw:0,0' is not an ALSA card name"),
        ('speaker = ""', "speaker: '' is not an ALSA card name"),
        ('headset = "hw:1"', "headset: 'hw:1' is not an ALSA card name"),
        ("printer = 'x'", "printer: not a device this file names"),
        ("camera = 3", "camera:"),
        ("camera = ", "not valid TOML"),
    ],
)
def test_a_bad_file_is_refused_with_the_key_and_the_reason(text: str, named: str) -> None:
    with pytest.raises(DeviceFileError) as refused:
        parse_device_file(text, "kiosk-devices.toml")
    assert named in str(refused.value)
    assert "Traceback" not in str(refused.value)


def test_each_device_is_found_or_missing_by_its_name(tmp_path: Path) -> None:
    dev, asound = tmp_path / "root", tmp_path / "asound"
    by_id = dev / "dev/v4l/by-id"
    by_id.mkdir(parents=True)
    (by_id / Path(CAMERA).name).symlink_to("../../video0")  # udev's link, to a node
    (asound / "C920").mkdir(parents=True)
    checks = check(parse_device_file(FILE), dev=dev, asound=asound)
    states = {c.device: c.state for c in checks}
    # (the camera's link points at a node this test does not make: it exists as a link)
    assert states == {
        "camera": "missing",
        "document_camera": "missing",
        "microphone": "ok",
        "speaker": "missing",
    }
    (dev / "dev/video0").touch()
    states = {c.device: c.state for c in check(parse_device_file(FILE), dev=dev, asound=asound)}
    assert states["camera"] == "ok"
    assert missing(check(DeviceConfig(), dev=dev, asound=asound)) == []
    assert {c.device: c.state for c in check(DeviceConfig(), dev=dev, asound=asound)} == {
        "camera": "stand_in",
        "document_camera": "stand_in",
        "microphone": "stand_in",
        "speaker": "unknown",  # the system's default is known only once it plays
    }


def test_the_self_test_lists_each_device_and_fails_on_a_missing_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    devices = tmp_path / "kiosk-devices.toml"
    devices.write_text('microphone = "NoSuchCard"\n')
    assert main([str(devices)]) == 1
    out = capsys.readouterr().out
    assert "microphone       missing   NoSuchCard" in out
    assert "camera           stand_in  test" in out
    devices.write_text("")
    assert main([str(devices)]) == 0
    devices.write_text('camera = "/dev/video0"\n')
    assert main([str(devices)]) == 2
    assert "/dev/v4l/by-id/" in capsys.readouterr().err


def test_the_kiosk_takes_the_file_or_the_development_flags_never_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    devices = tmp_path / "kiosk-devices.toml"
    devices.write_text(FILE)
    base = ["--server", "http://127.0.0.1:9", "--token", "t"]
    args = entry.parse_args([*base, "--devices", str(devices)])
    assert (args.camera, args.microphone, args.document_camera, args.speaker) == (
        CAMERA,
        "plughw:CARD=C920,DEV=0",
        DOCUMENT_CAMERA,
        "plughw:CARD=PCH,DEV=0",
    )
    assert args.headset == "Headset"
    assert "camera" in args.missing_devices  # no such camera on this machine
    args = entry.parse_args(base)
    assert (args.camera, args.microphone, args.document_camera) == ("0", "default", "test")
    for wrong, said in (
        (["--devices", str(devices), "--camera", "test"], "leave out --camera"),
        (["--devices", str(tmp_path / "none.toml")], "cannot read"),
    ):
        with pytest.raises(SystemExit) as stopped:
            entry.parse_args([*base, *wrong])
        assert stopped.value.code == 2
        assert said in capsys.readouterr().err
    devices.write_text('camera = "/dev/video1"\n')
    with pytest.raises(SystemExit):
        entry.parse_args([*base, "--devices", str(devices)])
    assert "a /dev/videoN number changes" in capsys.readouterr().err


@pytest.fixture
def finnish(qapp: QApplication) -> Iterator[FakeController]:
    controller = FakeController()
    yield controller
    controller.set_language("en")  # translators are global to the QApplication


def test_the_customer_is_told_what_to_do_instead_of_a_missing_device(
    finnish: FakeController, qtbot: QtBot, screenshots: Path
) -> None:
    finnish.missing_devices = ["camera", "document_camera"]
    panel = Panel(1280, 800, 331, 207)  # the smallest panel of tests/test_kiosk_layouts.py
    window = KioskWindow(finnish, double_tap_s=0, sizing=sizing_for(panel))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    finnish.set_language("fi")
    note_label = window.screens["start"].devices_note  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "Kamera ei toimi" in note_label.text())
    assert note_label.isVisible()
    note = note_label.text()
    assert "Kamera ei toimi" in note and "Asiakirjakamera ei toimi" in note
    assert (window.width(), window.height()) == (1280, 800), "the note fits the panel"
    window.grab().save(str(screenshots / "kiosk-device-missing-fi.png"))

    # (all four missing, in every language: tests/test_kiosk_layouts.py)
    fine = FakeController()
    other = KioskWindow(fine, double_tap_s=0)
    qtbot.addWidget(other)
    other.show()
    assert not other.screens["start"].devices_note.isVisible()  # type: ignore[attr-defined]


async def test_no_synthetic_pages_go_in_the_customers_name_without_the_document_camera(
    qapp: QApplication,
) -> None:
    agent = KioskAgent("http://127.0.0.1:9", "t", open_local_media("test", "tone"))
    agent.health.update(document_camera="missing")
    controller = KioskController(agent, LanguageSwitcher(), DOCUMENT_CAMERA)
    errors: list[str] = []
    controller.documentError.connect(errors.append)
    controller.documents_opened()
    controller.take_page()
    assert controller.missing_devices == ["document_camera"]
    assert agent.device_health().document_camera == "missing"
    # the take runs as a task: let it run (it returns at once, before any camera read)
    for _ in range(10):
        if len(errors) == 2:
            break
        await asyncio.sleep(0)
    assert errors == ["camera", "camera"] and controller.pages_taken == 0


@pytest.mark.e2e  # the real server and kiosk programs, the kiosk given 30 s to report
async def test_operators_see_the_configured_devices_that_are_missing(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    """The real kiosk program, started with a device file naming a camera and a sound
    card this machine has not: the operators' kiosk list says which, once it connects."""
    require_loopback_only()
    db, creds = test_db
    store = Store(f"sqlite:///{db}")
    store.add_clerk("olli", "operator-pass", "Olli", [], role="admin")  # kiosks are theirs
    store.close()
    devices = tmp_path / "kiosk-devices.toml"
    devices.write_text(f'camera = "{CAMERA}"\nmicrophone = "NoSuchCard"\n')
    server = ServerProcess(db)
    await server.start()
    kiosk = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        "--server",
        server.url,
        "--token",
        creds.kiosk_token,
        "--devices",
        str(devices),
        "--windowed",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        # (a cookie for an address, not a name: aiohttp keeps it only when told)
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(server.url, cookie_jar=jar) as http:
            login = {"username": "olli", "password": "operator-pass"}
            assert (await http.post("/api/login", json=login)).status == 200

            async def reported() -> dict[str, str]:
                while True:  # the operators' view is polled, as the page polls it
                    listed = await (await http.get("/api/supervisor/kiosks")).json()
                    if listed[0]["health"] is not None:
                        return dict(listed[0]["health"])
                    await asyncio.sleep(0.2)

            try:
                health: dict[str, str] | None = await asyncio.wait_for(reported(), seconds(30))
            except TimeoutError:
                health = None
    finally:
        if kiosk.returncode is None:
            kiosk.terminate()
        _, err = await kiosk.communicate()
        await server.stop()
    log = err.decode()
    # (the kiosk's own log, when it never reported: why is in there)
    assert health is not None, (
        f"no health reported in 30 s; the kiosk (exit status {kiosk.returncode}) said:\n"
        f"{log[-3000:]}"
    )
    assert health["camera"] == "missing" and health["microphone"] == "missing"
    assert health["document_camera"] == "stand_in"
    assert health["last_error"] in (
        "configured camera missing",
        "configured microphone missing",
    )
    assert "the camera the device file names is not there" in log
    assert "Traceback" not in log


async def test_spoken_guidance_plays_on_the_configured_speaker(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the screen aloud goes to the speaker the file names, as the call does."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is missing: ./run installs it")
    heard = tmp_path / "aplay-args"
    os.mkfifo(heard)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "aplay").write_text(f'#!/bin/sh\ncat > /dev/null\necho "$@" > {heard}\n')
    (bin_dir / "aplay").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    agent = KioskAgent("http://127.0.0.1:9", "t", open_local_media("test", "tone"))
    config = parse_device_file(FILE)
    controller = KioskController(agent, LanguageSwitcher(), "test", config.speaker_device())
    controller.set_language("fi")
    controller.speak("Tervetuloa")
    loop = asyncio.get_running_loop()
    reading = loop.run_in_executor(None, heard.read_text)
    try:
        args = await asyncio.wait_for(asyncio.shield(reading), seconds(10))
    finally:
        controller.set_language("en")
        if not reading.done():  # let the reader's thread go: an empty write ends its read
            with contextlib.suppress(OSError):
                os.close(os.open(heard, os.O_WRONLY | os.O_NONBLOCK))
    assert "-D plughw:CARD=PCH,DEV=0" in args


async def test_a_document_camera_that_fails_its_self_test_is_said_and_not_offered(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, screenshots: Path
) -> None:
    """The real self-test on a document camera that gives only black pictures: the
    start screen says it does not work, and the call screen offers no hand-in."""
    from tests.test_selftest_e2e import camera_file

    black = camera_file(tmp_path / "doccam.avi", black=True, seconds=2.0)
    agent = KioskAgent("http://127.0.0.1:9", "t", open_local_media("test", "tone"))
    controller = KioskController(agent, LanguageSwitcher(), str(black))
    window = KioskWindow(controller, double_tap_s=0)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    start, call = window.screens["start"], window.screens["in_call"]
    assert not start.devices_note.isVisible()  # type: ignore[attr-defined]
    call.retranslate()
    assert not call.show_document.isHidden()  # type: ignore[attr-defined]

    report = await agent.self_test()
    assert report.results["document_camera"] == "failed"
    assert report.results["server"] == "failed"  # no server at that address
    assert controller.missing_devices == ["document_camera"]
    note = start.devices_note  # type: ignore[attr-defined]
    assert note.isVisible() and "Asiakirjakamera ei toimi" in note.text()  # in Finnish
    assert call.show_document.isHidden(), "no hand-in without a document camera"  # type: ignore[attr-defined]
    assert agent.device_health().document_camera == "failed"
    window.grab().save(str(screenshots / "kiosk-self-test-failed-fi.png"))
