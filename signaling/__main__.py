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
import signal
import sys

from aiohttp import web

from signaling import protocol
from signaling.app import create_app
from signaling.config import ServerConfig
from signaling.demo_data import seed_demo
from signaling.exceptions import StoreError
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
        "--secure-cookies", action="store_true", help="mark session cookies Secure (behind TLS)"
    )
    parser.add_argument("--log-level", default="INFO")
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
    clerk.add_argument("--agency", action="append", required=True, help="agency code (repeatable)")
    sub.add_parser("seed-demo", help="create the demo data; print the credentials")
    sub.add_parser("list", help="print points, agencies and clerks")
    return parser


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
                names = dict(item.split("=", 1) for item in args.name if "=" in item)
                if len(names) != len(args.name):
                    raise StoreError("--name takes LANG=NAME, e.g. fi=Kela")
                store.add_agency(args.code, names)
                print(f"added agency {args.code}")
            case "add-kiosk":
                token = store.add_kiosk(args.point, args.label)
                print(f"added kiosk {args.label}; its device token (shown once):\n{token}")
            case "kiosk-token":
                print(store.rotate_kiosk_token(args.label))
            case "add-clerk":
                password = _read_password()
                if len(password) < 4:
                    raise StoreError("password too short")
                store.add_clerk(args.username, password, args.name, args.agency)
                print(f"added clerk {args.username}")
            case "seed-demo":
                creds = seed_demo(store)
                print(json.dumps(creds.__dict__))
            case "list":
                for agency in store.agencies():
                    print(f"agency {agency.code}: {agency.names}")
    except StoreError as exc:
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
        ice_servers=tuple(protocol.IceServer(urls=[url]) for url in args.ice_server),
        secure_cookies=args.secure_cookies,
    )
    asyncio.run(serve(config))
    return 0


if __name__ == "__main__":
    sys.exit(main())
