"""The deployment files say what docs/security.md promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from signaling.demo_data import DemoCredentials

DEPLOY = Path(__file__).parents[1] / "deploy"
#: Where the units expect the project's Python on a deployed machine.
INSTALLED_PYTHON = "/opt/remote-service/.venv/bin/python"


def options(path: Path) -> list[str]:
    return [
        line.strip()
        for line in path.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_coturn_uses_per_call_secrets_and_guards_private_networks() -> None:
    conf = options(DEPLOY / "turnserver.conf")
    assert "use-auth-secret" in conf
    assert not any(o.startswith("static-auth-secret") for o in conf), "no secret in the repo"
    assert "allow-loopback-peers" not in conf and "no-multicast-peers" in conf
    denied = {o.split("=", 1)[1] for o in conf if o.startswith("denied-peer-ip=")}
    for private in (
        "10.0.0.0-10.255.255.255",
        "172.16.0.0-172.31.255.255",
        "192.168.0.0-192.168.255.255",
        "127.0.0.0-127.255.255.255",
    ):
        assert private in denied
    assert "tls-listening-port=443" in conf, "TURN over TLS where only HTTPS gets out"
    assert "listening-port=3478" in conf and "no-tcp" not in conf, "TURN over UDP and TCP"
    unit = (DEPLOY / "remote-service.service").read_text()
    for url in ("3478?transport=udp", "3478?transport=tcp", "turns:turn.example.fi:443"):
        assert url in unit, f"the server hands out {url}"


def test_server_unit_restarts_and_keeps_secrets_out_of_the_command_line() -> None:
    unit = (DEPLOY / "remote-service.service").read_text()
    assert "Restart=always" in unit and "EnvironmentFile=" in unit
    assert "--secure-cookies" in unit
    assert "TURN_SECRET=" not in unit.split("EnvironmentFile")[1]
    assert "NoNewPrivileges=true" in unit
    assert "LimitNOFILE=65536" in unit, "thousands of sockets need more than 1024 descriptors"
    assert "--allowed-host" in unit and "--trusted-proxy 127.0.0.1" in unit


def test_the_server_unit_only_passes_options_the_server_has() -> None:
    import shlex

    from signaling.__main__ import _serve_parser

    unit = (DEPLOY / "remote-service.service").read_text()
    lines = unit.split("ExecStart=")[1].splitlines()
    while lines[0].endswith("\\"):  # systemd's continuation lines
        lines[0] = lines[0][:-1] + lines.pop(1)
    argv = shlex.split(lines[0].replace("${DATABASE_URL}", "sqlite:///x.db"))
    assert argv[1:3] == ["-m", "signaling"]
    args = _serve_parser().parse_args(argv[3:])  # exits on an option it does not have
    assert args.allowed_host == ["palvelu.example.fi"] and args.secure_cookies


def test_kiosk_unit_restarts_on_crash_and_hang() -> None:
    unit = (DEPLOY / "kiosk.service").read_text()
    assert "Type=notify" in unit and "WatchdogSec=" in unit and "Restart=always" in unit
    assert "--token-file" in unit and "--token " not in unit, "no token on the command line"


def test_kiosk_unit_runs_the_kiosk_alone_under_cage() -> None:
    """A terminal's panel shows the kiosk and nothing else: cage as the kiosk's own user,
    no way out to a console (no VT switching), the watchdog heard from cage's child
    (tests/test_kiosk_under_cage.py runs the kiosk under cage)."""
    unit = (DEPLOY / "kiosk.service").read_text().replace("\\\n", " ")
    settings = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and line[0] != "#"
    )
    command = settings["ExecStart"].split()
    assert command[0] == "/usr/bin/cage" and "--" in command
    assert "-s" not in command[: command.index("--")], "VT switching would reach a console"
    assert command[command.index("--") + 2 : command.index("--") + 4] == ["-m", "kiosk"]
    assert settings["User"] == "kiosk" and settings["NotifyAccess"] == "all"
    assert "getty@tty1.service" in settings["Conflicts"]


def test_kiosk_unit_names_its_devices_in_the_file_the_example_shows(tmp_path: Path) -> None:
    """The unit's kiosk takes only options the kiosk has, its devices from the device file
    (kiosk/devices.py), and deploy/kiosk-devices.toml is such a file."""
    import shlex

    from kiosk import __main__ as entry

    unit = (DEPLOY / "kiosk.service").read_text().replace("\\\n", " ")
    command = shlex.split(unit.split("ExecStart=")[1].splitlines()[0])
    kiosk_argv = command[command.index("--") + 4 :]
    devices = kiosk_argv[kiosk_argv.index("--devices") + 1]
    assert devices == "/etc/remote-service/kiosk-devices.toml"
    example = tmp_path / "kiosk-devices.toml"
    example.write_text((DEPLOY / "kiosk-devices.toml").read_text())
    kiosk_argv[kiosk_argv.index("--devices") + 1] = str(example)
    token = tmp_path / "token"
    token.write_text("t\n")
    kiosk_argv[kiosk_argv.index("--token-file") + 1] = str(token)
    args = entry.parse_args(kiosk_argv)  # exits on an option it does not have
    assert args.camera.startswith("/dev/v4l/by-id/") and args.speaker.startswith("plughw:")


async def test_kiosk_tells_systemd_it_is_ready_and_alive(tmp_path: Path) -> None:
    import asyncio
    import os
    import socket

    from kiosk.watchdog import keep_alive

    address = str(tmp_path / "notify")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(address)
    server.setblocking(False)
    os.environ.update(NOTIFY_SOCKET=address, WATCHDOG_USEC="200000")
    task = asyncio.ensure_future(keep_alive())
    try:
        loop = asyncio.get_running_loop()
        first = await asyncio.wait_for(loop.sock_recv(server, 64), 5)
        second = await asyncio.wait_for(loop.sock_recv(server, 64), 5)
        assert (first, second) == (b"READY=1", b"WATCHDOG=1")
    finally:
        task.cancel()
        server.close()
        del os.environ["NOTIFY_SOCKET"], os.environ["WATCHDOG_USEC"]


def read_sysctl(path: Path) -> dict[str, int]:
    """A sysctl.d file's settings."""
    return {
        key.strip(): int(value)
        for key, value in (
            line.split("=", 1) for line in path.read_text().splitlines() if "=" in line
        )
        if not key.startswith("#")
    }


def rmem_max() -> int:
    return int(Path("/proc/sys/net/core/rmem_max").read_text())


async def test_a_kiosks_media_sockets_get_the_receive_buffer_the_sysctl_file_allows() -> None:
    """The kiosk asks for 1 MiB to receive into (media/network.py); the kernel gives at most
    net.core.rmem_max, which deploy/sysctl-kiosk.conf raises to cover it."""
    import socket

    import aioice

    from media.network import RECEIVE_BUFFER_BYTES, allow_loopback_candidates, use_receive_buffers

    assert read_sysctl(DEPLOY / "sysctl-kiosk.conf")["net.core.rmem_max"] >= RECEIVE_BUFFER_BYTES
    allowed = rmem_max()
    use_receive_buffers()
    allow_loopback_candidates()
    connection = aioice.Connection(ice_controlling=True)
    try:
        await connection.gather_candidates()
        sockets = [p.transport.get_extra_info("socket") for p in connection._protocols]
        assert sockets
        for sock in sockets:  # Linux doubles what it grants, for its own bookkeeping
            granted = sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
            assert granted == 2 * min(RECEIVE_BUFFER_BYTES, allowed), granted
    finally:
        allow_loopback_candidates(False)
        await connection.close()


def test_every_systemd_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    """systemd's own check of each unit (unknown keys, bad values, missing binaries), with
    the project's Python where the units expect /opt/remote-service's."""
    units = []
    for unit in sorted(DEPLOY.glob("*.service")):
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text().replace(INSTALLED_PYTHON, sys.executable))
        units.append(str(copy))
    assert len(units) == 2
    checked = subprocess.run(
        ["systemd-analyze", "verify", *units], capture_output=True, text=True, timeout=60
    )
    assert checked.returncode == 0, checked.stderr
    assert [line for line in checked.stderr.splitlines() if ".service" in line] == []


def test_coturn_starts_with_the_deployed_configuration(tmp_path: Path) -> None:
    """coturn has no check-only mode: it is started with the deployed file (its ports,
    certificate and log made the test's) and must come up without a configuration error."""
    from tests.coturn import READY, self_signed
    from tests.helpers import free_port, require_loopback_only

    require_loopback_only()
    cert = self_signed(tmp_path, "127.0.0.1")
    text = (DEPLOY / "turnserver.conf").read_text()
    for old, new in {
        "listening-port=3478": f"listening-port={free_port()}",
        "tls-listening-port=443": f"tls-listening-port={free_port()}",
        "/etc/remote-service/tls/fullchain.pem": str(cert),
        "/etc/remote-service/tls/privkey.pem": str(tmp_path / "turn.key"),
    }.items():
        assert old in text, f"turnserver.conf no longer has {old}"
        text = text.replace(old, new)
    config = tmp_path / "turnserver.conf"
    config.write_text(text)
    server = subprocess.Popen(
        [
            "turnserver", "-c", str(config), "--listening-ip=127.0.0.1",
            "--relay-ip=127.0.0.1", "--static-auth-secret=test-only", "--log-file=stdout",
            f"--userdb={tmp_path / 'turndb'}", f"--pidfile={tmp_path / 'turn.pid'}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        said = b""
        while READY not in said:
            line = server.stdout.readline()
            assert line, f"coturn did not start: {said.decode()[-800:]}"
            said += line
        refused = ("Bad configuration", "CONFIG ERROR", "ERROR:", "Unknown")
        wrong = [line for line in said.decode().splitlines() if any(w in line for w in refused)]
        assert wrong == [], wrong
    finally:
        server.terminate()
        server.wait(timeout=30)


PROMETHEUS = DEPLOY / "prometheus"


def test_the_prometheus_configuration_and_alerts_pass_promtool() -> None:
    """promtool's own checks of the files, then its unit tests of what each alert does
    (alerts_test.yml: a kiosk offline at an open point alerts, at a closed one it does
    not; a paused database; no leader; a failed device; a 20-minute wait)."""
    for command in (
        ["promtool", "check", "config", "prometheus.yml"],
        ["promtool", "check", "rules", "alerts.yml"],
        ["promtool", "test", "rules", "alerts_test.yml"],
    ):
        checked = subprocess.run(
            command, cwd=PROMETHEUS, capture_output=True, text=True, timeout=60
        )
        assert checked.returncode == 0, f"{' '.join(command)}: {checked.stdout}{checked.stderr}"


async def test_every_series_the_alerts_use_is_one_the_server_exposes(
    test_db: tuple[Path, DemoCredentials],
) -> None:
    """A renamed series would leave its alert silent for ever: each name alerts.yml uses
    is in a real scrape of a leading server."""
    from tests.helpers import app_client

    used = set(re.findall(r"remote_service_\w+", (PROMETHEUS / "alerts.yml").read_text()))
    assert used
    async with app_client(test_db[0]) as client:
        exposed = await (await client.get("/metrics")).text()
    families = {line.split()[2] for line in exposed.splitlines() if line.startswith("# TYPE")}
    counters = {f"{name}_total" for name in families}
    assert used <= families | counters, used - families - counters
