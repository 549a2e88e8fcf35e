"""python -m kiosk --server URL --token T [--headless] [--devices FILE] [--windowed]"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import ssl
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from kiosk.agent import KioskAgent
from kiosk.devices import check, missing, read_device_file
from kiosk.exceptions import DeviceFileError
from kiosk.qt.sizing import parse_panel_mm
from kiosk.selftest import parse_daily_time
from media.network import allow_loopback_candidates
from media.sources import open_local_media
from protocol import json_logs
from protocol.json_logs import add_log_options

#: Exit status for a Qt binding that would crash mid-call (sysexits' EX_CONFIG); the kiosk's
#: systemd unit does not restart on it (RestartPreventExitStatus), it waits for an operator.
EXIT_UNSAFE_RUNTIME = 78


def _seconds_between(least: float, most: float) -> Callable[[str], float]:
    """An argparse type: a number of seconds from ``least`` to ``most``, or a clear error."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
        if not least <= value <= most:
            raise argparse.ArgumentTypeError(f"{value:g} s is outside {least:g}-{most:g} s")
        return value

    return parse


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kiosk", description="The citizen's kiosk.")
    parser.add_argument("--server", required=True, help="server URL, e.g. http://127.0.0.1:8080")
    parser.add_argument(
        "--token",
        default=os.environ.get("KIOSK_TOKEN"),
        help="device token (or KIOSK_TOKEN in the environment)",
    )
    parser.add_argument(
        "--token-file", type=Path, help="file holding the device token (written by --enrol)"
    )
    parser.add_argument(
        "--enrol",
        metavar="CODE",
        help="trade a one-time enrolment code for the device token, store it in"
        " --token-file, and exit",
    )
    parser.add_argument(
        "--headless",
        action="store_true",
        help="no window: a virtual customer with a test pattern and a tone",
    )
    parser.add_argument(
        "--devices",
        type=Path,
        metavar="FILE",
        help="the device file naming the camera, document camera, microphone and speaker by"
        " stable names (kiosk/devices.py); a terminal's way to choose them",
    )
    parser.add_argument(
        "--camera", help="development: OpenCV camera index or path, or 'test' (default 0)"
    )
    parser.add_argument("--microphone", help="development: ALSA device, or 'tone' (default)")
    parser.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    parser.add_argument(
        "--panel-mm",
        type=_panel_mm,
        metavar="WxH",
        help="the panel's visible size in millimetres, e.g. 476x268, for panels that"
        " report it wrongly (sizes on screen follow it: 15 mm touch targets)",
    )
    parser.add_argument("--agency", help="headless: the agency the virtual customer queues for")
    parser.add_argument("--language", default="fi", help="headless: the customer's language")
    parser.add_argument(
        "--ice-loopback",
        action="store_true",
        help="offer 127.0.0.1 as an ICE candidate (server and console on this host)",
    )
    parser.add_argument(
        "--resolution",
        default="640x480",
        help="size of the test pattern, WIDTHxHEIGHT (default %(default)s)",
    )
    parser.add_argument(
        "--idle-s",
        type=_seconds_between(10.0, 3600.0),
        default=120.0,
        help="seconds without a touch before asking 'are you still there?'",
    )
    parser.add_argument(
        "--double-tap-s",
        type=_seconds_between(0.0, 2.0),
        default=0.5,
        help="a tap repeating the last one within this many seconds is ignored (EN 301 549"
        " 5.8; 0 turns it off; default %(default)s)",
    )
    parser.add_argument(
        "--document-camera",
        help="development: OpenCV device of the document camera, or 'test' (synthetic pages,"
        " the default)",
    )
    parser.add_argument(
        "--encode-per-peer",
        action="store_true",
        help="encode the camera separately for each peer (aiortc's way; for comparison)",
    )
    parser.add_argument(
        "--ca-file",
        type=Path,
        help="PEM file of the certificate authority the server's TLS certificate is"
        " checked against (default: the system's)",
    )
    parser.add_argument(
        "--self-test-at",
        default="07:00",
        type=_daily_time,
        metavar="HH:MM",
        help="the daily self-test's local time, before opening; it also runs once"
        " connected ('off': only when an operator asks; default %(default)s)",
    )
    add_log_options(parser)
    args = parser.parse_args(argv)
    try:
        args.tls = server_tls(args.ca_file)
    except (OSError, ssl.SSLError) as exc:
        parser.error(f"cannot use --ca-file: {exc}")
    if args.enrol:
        if not args.token_file:
            parser.error("--enrol needs --token-file to store the device token in")
        return args
    if not args.token and args.token_file:
        try:
            args.token = args.token_file.read_text().strip()
        except OSError as exc:
            parser.error(f"cannot read the token file: {exc.strerror}")
    try:
        width, height = (int(n) for n in args.resolution.lower().split("x"))
    except ValueError:
        parser.error("--resolution takes WIDTHxHEIGHT, e.g. 1280x720")
    args.size = (width, height)
    _choose_devices(parser, args)
    if not args.token:
        parser.error("a device token is needed: --token, --token-file or KIOSK_TOKEN")
    return args


def _choose_devices(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """The devices from the file, or from the development flags; never both (which one
    would win is a guess an operator should not have to make)."""
    flags = [args.camera, args.microphone, args.document_camera]
    args.speaker = "default"
    args.headset = None
    args.missing_devices = []
    if args.devices is None:
        args.camera = args.camera or "0"
        args.microphone = args.microphone or "default"
        args.document_camera = args.document_camera or "test"
        return
    if any(flag is not None for flag in flags):
        parser.error(
            "--devices names every device: leave out --camera, --microphone and --document-camera"
        )
    try:
        config = read_device_file(args.devices)
    except DeviceFileError as exc:
        parser.error(str(exc))
    args.camera = config.camera_source()
    args.microphone = config.microphone_source()
    args.document_camera = config.document_camera
    args.speaker = config.speaker_device()
    args.headset = config.headset
    args.missing_devices = missing(check(config))


def server_tls(ca_file: Path | None) -> ssl.SSLContext | None:
    """How the server's certificate is checked: against ``ca_file`` when given (a
    ministry's own authority), else against the system's (None: the libraries' default)."""
    return ssl.create_default_context(cafile=str(ca_file)) if ca_file else None


def enrol(server: str, code: str, token_file: Path, tls: ssl.SSLContext | None = None) -> int:
    """Trade the code for the device token and keep it readable by this user only."""
    request = urllib.request.Request(
        server.rstrip("/") + "/api/kiosks/enrol",
        data=json.dumps({"code": code}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=15, context=tls) as response:
            answer = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        reason = json.loads(exc.read() or b"{}").get("error", exc.reason)
        print(f"enrolment refused: {reason}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cannot reach the server: {exc}", file=sys.stderr)
        return 1
    token_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(answer["token"] + "\n")
    print(f"enrolled as kiosk {answer['label']}; token stored in {token_file}")
    return 0


def _daily_time(value: str) -> dt.time | None:
    if value == "off":
        return None
    try:
        return parse_daily_time(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.enrol:
        return enrol(args.server, args.enrol, args.token_file, args.tls)
    json_logs.configure(args.log_level, args.log_format)
    if args.ice_loopback:
        allow_loopback_candidates()
    if args.headless:
        from kiosk.headless import run_headless

        async def headless() -> int:
            media = open_local_media("test", "tone", size=args.size)
            media.encode_once = not args.encode_per_peer
            agent = KioskAgent(
                args.server, args.token, media, tls=args.tls, self_test_at=args.self_test_at
            )
            return await run_headless(agent, agency=args.agency, language=args.language)

        return asyncio.run(headless())

    from kiosk.exceptions import UnsafeQtRuntime
    from kiosk.qt.runtime import check_qt_runtime

    try:
        check_qt_runtime()
    except UnsafeQtRuntime as exc:
        # One line for the operator; the unit does not restart into the same fault.
        logging.getLogger("kiosk").critical("%s", exc)
        return EXIT_UNSAFE_RUNTIME

    from kiosk.qt.app import run_window

    media = open_local_media(args.camera, args.microphone, size=args.size)
    media.encode_once = not args.encode_per_peer
    agent = KioskAgent(args.server, args.token, media, tls=args.tls, self_test_at=args.self_test_at)
    for device in args.missing_devices:
        # Said on the kiosk's screen and to the operators (kiosk.health), once connected.
        logging.getLogger("kiosk").error("the %s the device file names is not there", device)
        agent.health.update({device: "missing", "last_error": f"configured {device} missing"})
    return run_window(
        agent,
        windowed=args.windowed,
        idle_s=args.idle_s,
        document_camera=args.document_camera,
        speaker=args.speaker,
        headset=args.headset,
        double_tap_s=args.double_tap_s,
        panel_mm=args.panel_mm,
    )


def _panel_mm(text: str) -> tuple[float, float]:
    try:
        return parse_panel_mm(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


if __name__ == "__main__":
    sys.exit(main())
