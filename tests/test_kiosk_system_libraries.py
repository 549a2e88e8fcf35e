"""The system libraries the kiosk window needs: every one its Qt platform plugins link
resolves on this machine (set up by ``./run`` from nothing in CI), and the list that
``./run`` installs is the one deploy/README.md gives kiosk terminals."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parent.parent
QT = Path(PySide6.__file__).parent / "Qt"
#: The window on X (xcb) and under a Wayland compositor (cage), and what they load.
LINKED = [
    QT / "plugins" / "platforms" / "libqxcb.so",
    QT / "plugins" / "platforms" / "libqwayland.so",
    QT / "lib" / "libQt6XcbQpa.so.6",
    QT / "lib" / "libQt6WaylandClient.so.6",
    QT / "lib" / "libQt6Gui.so.6",
    QT / "lib" / "libQt6Widgets.so.6",
]


def run_packages() -> list[str]:
    text = (ROOT / "run").read_text()
    found = re.search(r"KIOSK_WINDOW_PACKAGES=\(([^)]*)\)", text)
    assert found, "./run names the kiosk window's packages"
    return found.group(1).split()


def owning_package(path: Path) -> str:
    """The Debian package of a library file, under either name of a merged /usr."""
    resolved = path.resolve()
    for candidate in (resolved, Path("/usr") / resolved.relative_to("/"), path):
        owner = subprocess.run(["dpkg", "-S", str(candidate)], capture_output=True, text=True)
        if owner.returncode == 0:
            return owner.stdout.split(":")[0]
    return "?"


@pytest.mark.parametrize("library", LINKED, ids=lambda p: p.name)
def test_every_library_a_platform_plugin_links_is_installed(library: Path) -> None:
    assert library.exists(), f"PySide6 no longer ships {library.name}"
    out = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=True)
    missing = [line.split()[0] for line in out.stdout.splitlines() if "not found" in line]
    assert missing == [], f"{library.name} cannot load: {missing} (./run installs the packages)"


def test_the_libraries_come_from_the_packages_run_installs() -> None:
    """Each system library the plugins link belongs to a package of ./run's list (or to
    the C runtime every Debian has), so that a kiosk terminal installing that list from
    deploy/README.md gets a window that opens."""
    listed = set(run_packages())
    base = {"libc6", "libgcc-s1", "libstdc++6"}
    unlisted: dict[str, str] = {}
    for library in LINKED:
        out = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=True)
        for line in out.stdout.splitlines():
            found = re.search(r"=> (/\S+)", line)
            if not found or str(QT) in found.group(1):
                continue
            name = Path(found.group(1)).name
            if not re.match(r"lib(xcb|X11-xcb|xkbcommon|wayland|EGL\.|GL\.|fontconfig|dbus)", name):
                continue  # what those packages pull in themselves (glib, freetype, glvnd...)
            package = owning_package(Path(found.group(1)))
            if package not in listed | base:
                unlisted[name] = package
    assert unlisted == {}, f"linked but not in ./run's KIOSK_WINDOW_PACKAGES: {unlisted}"


def test_deploy_readme_lists_what_run_installs() -> None:
    readme = (ROOT / "deploy" / "README.md").read_text()
    block = re.search(r"```\n(lib[^`]*)```", readme)
    assert block, "deploy/README.md lists the kiosk window's packages in a block"
    assert block.group(1).split() == run_packages()
