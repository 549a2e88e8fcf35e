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
import os
import re
import signal
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import web

from protocol import json_logs
from protocol import messages as protocol
from protocol.json_logs import add_log_options
from signaling.app import create_runner
from signaling.appkeys import LEADERSHIP
from signaling.config import ServerConfig
from signaling.core.state import Timing
from signaling.demo_data import seed_demo
from signaling.edge import Network, parse_networks
from signaling.exceptions import StoreError
from signaling.heap import HeapPolicy
from signaling.ice import IcePolicy
from signaling.roles import Role
from signaling.store import Store
from signaling.supervisor.bodies import (
    NewAgency,
    NewAppointment,
    NewClerk,
    NewException,
    NewHours,
    NewKiosk,
    NewPassword,
    NewPoint,
    NewService,
    validated,
)

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
        type=_secret_file,
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
    parser.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        type=_network,
        metavar="ADDRESS[/BITS]",
        help="a reverse proxy whose X-Forwarded-For is believed (repeatable; default none)",
    )
    parser.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        type=_host_name,
        metavar="NAME",
        help="a host name this server answers to (repeatable; default: any)",
    )
    parser.add_argument(
        "--metrics-from",
        action="append",
        default=[],
        type=_network,
        metavar="ADDRESS[/BITS]",
        help="who may read /metrics besides this machine (repeatable)",
    )
    parser.add_argument(
        "--metrics-token-file",
        type=_secret_file,
        help="file with a bearer token that also opens /metrics (or METRICS_TOKEN in the"
        " environment), for a scraper outside --metrics-from",
    )
    parser.add_argument(
        "--node-url",
        type=_node_url,
        metavar="URL",
        help="where clients reach this node itself (https://node-a.example.fi:8443): a"
        " client that reaches a standby is sent to the leader's",
    )
    add_log_options(parser)
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


def _network(value: str) -> Network:
    try:
        return parse_networks([value])[0]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _node_url(value: str) -> str:
    if not re.fullmatch(
        r"https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|https?://\[[0-9a-fA-F:.]+\](:[0-9]{1,5})?",
        value,
    ):
        raise argparse.ArgumentTypeError(
            f"not a node URL (scheme, host and port only): {value[:80]!r}"
        )
    return value


def _host_name(value: str) -> str:
    name = value.strip().lower()
    if not re.fullmatch(r"[a-z0-9.-]{1,253}|\[[0-9a-f:.]+\]", name):
        raise argparse.ArgumentTypeError(f"not a host name: {value[:60]!r}")
    return name


def _admin_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m signaling admin", description="Manage points, agencies, kiosks and clerks."
    )
    parser.add_argument("--db", default=DEFAULT_DB)
    sub = parser.add_subparsers(dest="command", required=True)
    point = sub.add_parser("add-point", help="add a service point")
    point.add_argument("name")
    point.add_argument("--timezone", default="Europe/Helsinki", help="IANA time zone")
    agency = sub.add_parser("add-agency", help="add an agency")
    agency.add_argument("code", help="short code, e.g. kela")
    agency.add_argument(
        "--name",
        action="append",
        required=True,
        metavar="LANG=NAME",
        help="name in one language, e.g. fi=Kela (repeatable)",
    )
    disable = sub.add_parser(
        "disable-clerk", help="stop an account's logins and close its open consoles at once"
    )
    disable.add_argument("username")
    reset = sub.add_parser(
        "reset-password",
        help="set a new password (read from stdin or asked); ends every session of the account",
    )
    reset.add_argument("username")
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
    clerk.add_argument("--role", default="clerk", choices=[role.value for role in Role])
    clerk.add_argument("--point", help="a coordinator's service point (its name)")
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


def _secret_file(value: str) -> str:
    """A secret's file, read as the arguments are: a missing or empty one is said at once."""
    try:
        secret = Path(value).read_text().strip()
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"cannot read {value}: {exc.strerror}") from None
    if not secret:
        raise argparse.ArgumentTypeError(f"{value} is empty")
    return secret


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("password: ")
    return sys.stdin.readline().rstrip("\n")


def admin(argv: list[str]) -> int:
    args = _admin_parser().parse_args(argv)
    store = Store(args.db)
    try:
        match args.command:
            # Every value is checked by the REST API's own models (signaling/supervisor/
            # bodies.py): the same limits and the same words for the same mistake.
            case "add-point":
                point = validated(NewPoint, name=args.name, timezone=args.timezone)
                store.add_point(point.name, point.timezone)
                print(f"added service point {point.name}")
            case "add-agency":
                agency = validated(NewAgency, code=args.code, names=_names(args.name))
                store.add_agency(agency.code, dict(agency.names))
                print(f"added agency {agency.code}")
            case "add-service":
                service = validated(
                    NewService, agency=args.agency, code=args.code, names=_names(args.name)
                )
                store.add_service(service.agency, service.code, dict(service.names))
                print(f"added service {service.agency}/{service.code}")
            case "add-hours":
                hours = validated(
                    NewHours,
                    point=args.point,
                    agency=args.agency,
                    weekdays=args.weekday,
                    opens=args.opens,
                    closes=args.closes,
                    valid_from=args.valid_from,
                    valid_until=args.valid_until,
                )
                for weekday in hours.weekdays:
                    store.add_hours(
                        hours.point,
                        hours.agency,
                        weekday,
                        hours.opens,
                        hours.closes,
                        hours.valid_from,
                        hours.valid_until,
                    )
                print(f"added hours of {hours.agency} at {hours.point}")
            case "add-exception":
                closed = validated(
                    NewException,
                    day=args.day,
                    point=args.point,
                    agency=args.agency,
                    opens=args.opens,
                    closes=args.closes,
                    note=args.note,
                )
                store.add_exception(
                    closed.day,
                    point=closed.point,
                    agency=closed.agency,
                    opens=closed.opens,
                    closes=closed.closes,
                    note=closed.note,
                )
                print(f"added exception for {closed.day}")
            case "add-appointment":
                booking = validated(
                    NewAppointment,
                    point=args.point,
                    agency=args.agency,
                    starts_at=args.at,
                    language=args.language,
                    clerk=args.clerk,
                )
                timezone = next(
                    (tz for _i, name, tz in store.points() if name == booking.point),
                    "Europe/Helsinki",
                )
                starts = datetime.fromisoformat(booking.starts_at).replace(
                    tzinfo=ZoneInfo(timezone)
                )
                code = store.add_appointment(
                    booking.point, booking.agency, starts.timestamp(), booking.language, args.clerk
                )
                print(f"appointment code (give it to the customer): {code}")
            case "add-kiosk":
                kiosk = validated(NewKiosk, label=args.label, point=args.point)
                token = store.add_kiosk(kiosk.point, kiosk.label)
                print(f"added kiosk {kiosk.label}; its device token (shown once):\n{token}")
            case "kiosk-token":
                # A running server closes the old token's connection within a second.
                print(store.rotate_kiosk_token(args.label))
            case "disable-clerk":
                store.disable_clerk(args.username)
                print(f"disabled {args.username}; their open consoles close within a second")
            case "reset-password":
                clerk = next((c for c in store.clerks() if c.username == args.username), None)
                if clerk is None:
                    raise StoreError(f"no clerk '{args.username}'")
                change = validated(
                    NewPassword,
                    username=clerk.username,
                    display_name=clerk.display_name,
                    password=_read_password(),
                )
                store.reset_password(change.username, change.password)
                print(f"new password set for {change.username}; their sessions are ended")
            case "add-clerk":
                account = validated(
                    NewClerk,
                    username=args.username,
                    display_name=args.name,
                    password=_read_password(),
                    agencies=args.agency,
                    languages=args.language or ["fi"],
                    role=args.role,
                    point=args.point,
                )
                store.add_clerk(
                    account.username,
                    account.password,
                    account.display_name,
                    account.agencies,
                    account.languages,
                    account.role.value,
                    account.point,
                )
                print(f"added clerk {account.username}")
            case "link-identity":
                store.link_identity(args.username, args.issuer, args.subject)
                print(f"linked {args.issuer} {args.subject} to {args.username}")
            case "seed-demo":
                creds = seed_demo(store)
                print(json.dumps(creds.__dict__))
            case "list":
                for point_id, name, tz in store.points():
                    print(f"point {point_id} {name} ({tz})")
                for entry in store.agencies():
                    print(f"agency {entry.code}: {entry.names}")
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


#: Exit status of a node that lost leadership (sysexits' EX_TEMPFAIL): started again
#: by systemd, it waits as a standby.
EXIT_LOST = 75
#: Exit status of a node that must not serve this database (EX_CONFIG: a newer
#: release's schema); deploy/remote-service.service does not restart it.
EXIT_REFUSED = 78

#: Connections the kernel may hold for us before we accept them (it caps this at
#: net.core.somaxconn). After a restart a country's kiosks connect within a second or two;
#: with aiohttp's 128 the kernel dropped the rest of them, each came again only after TCP's
#: 1 s, 3 s retries, past its handshake limit, and tried again: 2,200 clients took 30-60 s
#: to get in, where the server needed a few (bench: reconnect_storm_s).
LISTEN_BACKLOG = 4096


async def serve(config: ServerConfig) -> int:
    """Serve until asked to stop (0), until leadership is lost (EXIT_LOST: the service
    manager starts the node again, as a standby), or refuse to (EXIT_REFUSED)."""
    runner = create_runner(config)
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port, backlog=LISTEN_BACKLOG)
    await site.start()
    sockets = site._server.sockets if site._server else []  # type: ignore[union-attr,attr-defined]
    port = sockets[0].getsockname()[1] if sockets else config.port
    # Tests and the demo read this line to learn the port when --port 0 was given.
    print(f"listening on http://{config.host}:{port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    leadership = runner.app[LEADERSHIP]
    asked, lost = asyncio.ensure_future(stop.wait()), asyncio.ensure_future(leadership.lost.wait())
    await asyncio.wait({asked, lost}, return_when=asyncio.FIRST_COMPLETED)
    asked.cancel()
    lost.cancel()
    await runner.cleanup()
    if leadership.refused is not None:
        return EXIT_REFUSED
    return EXIT_LOST if leadership.lost.is_set() and not stop.is_set() else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["schema"]:
        print(json.dumps(protocol.json_schema(), indent=2))
        return 0
    if argv[:1] == ["admin"]:
        return admin(argv[1:])
    args = _serve_parser().parse_args(argv)
    json_logs.configure(args.log_level, args.log_format)
    config = ServerConfig(
        host=args.host,
        port=args.port,
        db_url=args.db,
        ice=IcePolicy(
            stun_urls=tuple(u for u in args.ice_server if u.startswith("stun")),
            turn_urls=tuple(u for u in args.ice_server if u.startswith("turn")),
            turn_secret=os.environ.get("TURN_SECRET") or args.turn_secret_file,
            relay_only=args.relay_only,
        ),
        secure_cookies=args.secure_cookies,
        trusted_proxies=tuple(args.trusted_proxy),
        allowed_hosts=tuple(args.allowed_host),
        metrics_from=(*ServerConfig().metrics_from, *args.metrics_from),
        tick_s=args.tick_s,
        node_url=args.node_url,
        metrics_token=os.environ.get("METRICS_TOKEN") or args.metrics_token_file,
        timing=Timing(
            offer_timeout_s=args.offer_timeout_s,
            kiosk_grace_s=args.kiosk_grace_s,
            member_grace_s=args.member_grace_s,
            interpreter_timeout_s=args.interpreter_timeout_s,
        ),
        heap=HeapPolicy(),
    )
    return asyncio.run(serve(config))


if __name__ == "__main__":
    sys.exit(main())
