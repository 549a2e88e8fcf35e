"""Command line of the server.

    python -m signaling [--host H] [--port P] [--db URL] [--ice-server URL ...]
    python -m signaling schema
    python -m signaling admin --db URL COMMAND ...

Configuration is read here and only here, then passed down as one ServerConfig.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import os
import signal
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import web

from protocol import messages as protocol
from signaling.app import create_app
from signaling.config import ServerConfig
from signaling.core.state import Timing
from signaling.demo_data import seed_demo
from signaling.exceptions import StoreError
from signaling.ice import IcePolicy
from signaling.store import Store

DEFAULT_DB = "sqlite:///var/signaling.db"


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m signaling",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--db", default=DEFAULT_DB, help="sqlite:///path (default %(default)s)")
    parser.add_argument(
        "--ice-server",
        action="append",
        default=[],
        metavar="URL",
        help="STUN/TURN URL handed to call members (repeatable)",
    )
    parser.add_argument(
        "--turn-secret-file",
        type=Path,
        help="file with coturn's static-auth-secret (or TURN_SECRET in the environment);"
        " TURN URLs then get per-call credentials",
    )
    parser.add_argument(
        "--relay-only",
        action="store_true",
        help="calls use TURN relays only (iceTransportPolicy relay)",
    )
    parser.add_argument(
        "--secure-cookies", action="store_true", help="mark session cookies Secure (behind TLS)"
    )
    parser.add_argument("--log-level", default="INFO")
    timing = Timing()
    parser.add_argument(
        "--offer-timeout-s",
        type=float,
        default=timing.offer_timeout_s,
        help="seconds a clerk has to accept an offer (default %(default)s)",
    )
    parser.add_argument(
        "--kiosk-grace-s",
        type=float,
        default=timing.kiosk_grace_s,
        help="seconds a queued kiosk may be offline and keep its place",
    )
    parser.add_argument(
        "--member-grace-s",
        type=float,
        default=timing.member_grace_s,
        help="seconds a call waits for a member whose connection dropped",
    )
    parser.add_argument(
        "--interpreter-timeout-s",
        type=float,
        default=timing.interpreter_timeout_s,
        help="seconds an interpreter request waits for an interpreter to accept",
    )
    parser.add_argument("--tick-s", type=float, default=1.0, help=argparse.SUPPRESS)
    return parser


def _admin_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m signaling admin", description="Manage points, agencies, kiosks and clerks."
    )
    parser.add_argument("--db", default=DEFAULT_DB)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("add-point", help="add a service point").add_argument("name")
    agency = sub.add_parser("add-agency", help="add an agency")
    agency.add_argument("code", help="short code, e.g. kela")
    agency.add_argument(
        "--name",
        action="append",
        required=True,
        metavar="LANG=NAME",
        help="name in one language, e.g. fi=Kela (repeatable)",
    )
    kiosk = sub.add_parser("add-kiosk", help="register a kiosk and print its device token")
    kiosk.add_argument("label")
    kiosk.add_argument("--point", required=True)
    rotate = sub.add_parser("kiosk-token", help="issue a new token for a kiosk (old one stops)")
    rotate.add_argument("label")
    clerk = sub.add_parser("add-clerk", help="add a clerk (password read from stdin or asked)")
    clerk.add_argument("username")
    clerk.add_argument("--name", required=True, help="display name")
    clerk.add_argument(
        "--agency",
        action="append",
        default=[],
        help="agency code (repeatable; needed for every role but interpreter)",
    )
    clerk.add_argument(
        "--language",
        action="append",
        default=None,
        help="language the clerk serves in, e.g. fi (repeatable; default fi)",
    )
    clerk.add_argument(
        "--role", default="clerk", choices=("clerk", "interpreter", "supervisor", "admin")
    )
    link = sub.add_parser(
        "link-identity", help="let a single sign-on (OIDC) identity log in as a clerk"
    )
    link.add_argument("username")
    link.add_argument("--issuer", required=True, help="the OIDC issuer URL (iss)")
    link.add_argument("--subject", required=True, help="the user's subject at it (sub)")
    hours = sub.add_parser("add-hours", help="weekly remote-service hours of an agency at a point")
    hours.add_argument("--point", required=True)
    hours.add_argument("--agency", required=True)
    hours.add_argument(
        "--weekday",
        type=int,
        action="append",
        required=True,
        help="0 = Monday ... 6 = Sunday (repeatable)",
    )
    hours.add_argument("--opens", required=True, help="HH:MM")
    hours.add_argument("--closes", required=True, help="HH:MM (24:00 = end of day)")
    hours.add_argument("--valid-from", help="first date (YYYY-MM-DD), e.g. of a pilot")
    hours.add_argument("--valid-until", help="last date (YYYY-MM-DD)")
    exception = sub.add_parser("add-exception", help="a dated exception: closed or special hours")
    exception.add_argument("day", help="YYYY-MM-DD")
    exception.add_argument("--point", help="only this point (default: all)")
    exception.add_argument("--agency", help="only this agency (default: all)")
    exception.add_argument("--opens", help="HH:MM; omit both times to close the day")
    exception.add_argument("--closes", help="HH:MM")
    exception.add_argument("--note", default="")
    service = sub.add_parser("add-service", help="a service of an agency")
    service.add_argument("agency")
    service.add_argument("code")
    service.add_argument("--name", action="append", required=True, metavar="LANG=NAME")
    booking = sub.add_parser("add-appointment", help="book a remote appointment; prints its code")
    booking.add_argument("--point", required=True)
    booking.add_argument("--agency", required=True)
    booking.add_argument("--at", required=True, help="local time, YYYY-MM-DDTHH:MM")
    booking.add_argument("--language", default="fi")
    booking.add_argument("--clerk", help="username of the booked clerk")
    sub.add_parser("seed-demo", help="create the demo data; print the credentials")
    sub.add_parser("list", help="print points, agencies and clerks")
    return parser


def _names(items: list[str]) -> dict[str, str]:
    names = dict(item.split("=", 1) for item in items if "=" in item)
    if len(names) != len(items):
        raise StoreError("--name takes LANG=NAME, e.g. fi=Kela")
    return names


def _read_secret(path: Path | None) -> str | None:
    return path.read_text().strip() if path else None


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("password: ")
    return sys.stdin.readline().rstrip("\n")


def admin(argv: list[str]) -> int:
    args = _admin_parser().parse_args(argv)
    store = Store(args.db)
    try:
        match args.command:
            case "add-point":
                store.add_point(args.name)
                print(f"added service point {args.name}")
            case "add-agency":
                store.add_agency(args.code, _names(args.name))
                print(f"added agency {args.code}")
            case "add-service":
                store.add_service(args.agency, args.code, _names(args.name))
                print(f"added service {args.agency}/{args.code}")
            case "add-hours":
                for weekday in args.weekday:
                    store.add_hours(
                        args.point,
                        args.agency,
                        weekday,
                        args.opens,
                        args.closes,
                        args.valid_from,
                        args.valid_until,
                    )
                print(f"added hours of {args.agency} at {args.point}")
            case "add-exception":
                store.add_exception(
                    args.day,
                    point=args.point,
                    agency=args.agency,
                    opens=args.opens,
                    closes=args.closes,
                    note=args.note,
                )
                print(f"added exception for {args.day}")
            case "add-appointment":
                timezone = next(
                    (tz for _i, name, tz in store.points() if name == args.point), "Europe/Helsinki"
                )
                starts = datetime.fromisoformat(args.at).replace(tzinfo=ZoneInfo(timezone))
                code = store.add_appointment(
                    args.point, args.agency, starts.timestamp(), args.language, args.clerk
                )
                print(f"appointment code (give it to the customer): {code}")
            case "add-kiosk":
                token = store.add_kiosk(args.point, args.label)
                print(f"added kiosk {args.label}; its device token (shown once):\n{token}")
            case "kiosk-token":
                print(store.rotate_kiosk_token(args.label))
            case "add-clerk":
                if not args.agency and args.role != "interpreter":
                    raise StoreError("give at least one --agency (only interpreters have none)")
                password = _read_password()
                if len(password) < 4:
                    raise StoreError("password too short")
                store.add_clerk(
                    args.username,
                    password,
                    args.name,
                    args.agency,
                    args.language or ["fi"],
                    args.role,
                )
                print(f"added clerk {args.username}")
            case "link-identity":
                store.link_identity(args.username, args.issuer, args.subject)
                print(f"linked {args.issuer} {args.subject} to {args.username}")
            case "seed-demo":
                creds = seed_demo(store)
                print(json.dumps(creds.__dict__))
            case "list":
                for point_id, name, tz in store.points():
                    print(f"point {point_id} {name} ({tz})")
                for agency in store.agencies():
                    print(f"agency {agency.code}: {agency.names}")
                for clerk in store.clerks():
                    print(
                        f"{clerk.role} {clerk.username}: {sorted(clerk.agencies)}"
                        f" {sorted(clerk.languages)}"
                    )
    except (StoreError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


async def serve(config: ServerConfig) -> None:
    runner = web.AppRunner(create_app(config), handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port)
    await site.start()
    sockets = site._server.sockets if site._server else []  # type: ignore[union-attr,attr-defined]
    port = sockets[0].getsockname()[1] if sockets else config.port
    # Tests and the demo read this line to learn the port when --port 0 was given.
    print(f"listening on http://{config.host}:{port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await runner.cleanup()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["schema"]:
        print(json.dumps(protocol.json_schema(), indent=2))
        return 0
    if argv[:1] == ["admin"]:
        return admin(argv[1:])
    args = _serve_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    config = ServerConfig(
        host=args.host,
        port=args.port,
        db_url=args.db,
        ice=IcePolicy(
            stun_urls=tuple(u for u in args.ice_server if u.startswith("stun")),
            turn_urls=tuple(u for u in args.ice_server if u.startswith("turn")),
            turn_secret=os.environ.get("TURN_SECRET") or _read_secret(args.turn_secret_file),
            relay_only=args.relay_only,
        ),
        secure_cookies=args.secure_cookies,
        tick_s=args.tick_s,
        timing=Timing(
            offer_timeout_s=args.offer_timeout_s,
            kiosk_grace_s=args.kiosk_grace_s,
            member_grace_s=args.member_grace_s,
            interpreter_timeout_s=args.interpreter_timeout_s,
        ),
    )
    asyncio.run(serve(config))
    return 0


if __name__ == "__main__":
    sys.exit(main())
