"""The kiosk's devices, named once by the operator in a file, by names that stay true.

``/dev/video0`` is whichever camera the kernel found first: after a reboot or a replug
the customer's camera and the document camera can swap, and the official then sees a
desk instead of a face. udev's ``/dev/v4l/by-id/...`` names (maker, model, serial) and
ALSA's card names (``/proc/asound/cards``: ``C920``, ``PCH``) stay with the device. So
the file names devices only that way, and a device it names that is not there is said
plainly: on the kiosk's screen, in its health report to the operators, and by the
self-test (``python -m kiosk.devices FILE``), all from :func:`check`.

The file (TOML, every key optional)::

    camera = "/dev/v4l/by-id/usb-046d_HD_Pro_Webcam_C920_A1B2C3D4-video-index0"
    document_camera = "/dev/v4l/by-id/usb-IPEVO_V4K_01234-video-index0"
    microphone = "C920"    # an ALSA card name, or "default"
    speaker = "PCH"        # an ALSA card name, or "default"
    headset = "Headset"    # the ALSA card a customer's headset has while plugged in
                           # (a USB headset in a front-panel socket)

Left out, or ``test``: the stand-ins (a test pattern, a tone, synthetic pages); the
speaker left out is the system's default sound device; the headset left out, the kiosk
has no headset socket. A headset is not a device that can be missing: plugged in, the
customer hears the call and the kiosk's speech privately (:func:`card_present`).
Parsing is pure; :func:`check` reads only the paths it is given.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from kiosk.exceptions import DeviceFileError
from protocol.messages import DeviceState

#: What a stand-in is called where a device could be named.
STAND_IN = "test"
#: A camera by its udev name: by maker, model and serial, or by the port it is plugged in.
CameraName = Annotated[
    str,
    StringConstraints(pattern=r"^(test|/dev/v4l/by-(id|path)/[A-Za-z0-9_.:+-]{1,200})$"),
]
#: An ALSA card by its name (``/proc/asound/cards``), or the system's default device.
CardName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,32}$")]
Device: TypeAlias = Literal["camera", "document_camera", "microphone", "speaker"]
DEVICES: tuple[Device, ...] = ("camera", "document_camera", "microphone", "speaker")


class DeviceConfig(BaseModel):
    """Which devices the kiosk uses; ``test`` for a stand-in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    camera: CameraName = STAND_IN
    document_camera: CameraName = STAND_IN
    microphone: CardName = STAND_IN
    speaker: CardName = "default"
    headset: CardName | None = None

    def camera_source(self) -> str:
        """What media/sources.py opens for the customer's camera."""
        return self.camera

    def microphone_source(self) -> str:
        """The ALSA capture device (media/sources.py), or ``tone`` for the stand-in."""
        return "tone" if self.microphone == STAND_IN else alsa_device(self.microphone)

    def speaker_device(self) -> str:
        """The ALSA playback device (media/playback.py)."""
        return alsa_device(self.speaker)


def card_present(card: str, asound: Path = Path("/proc/asound")) -> bool:
    """Whether the sound card is there now (ALSA makes a link per card name)."""
    return (asound / card).exists()


def alsa_device(card: str) -> str:
    """The ALSA device string for a card name: its first device, converted as needed."""
    return "default" if card == "default" else f"plughw:CARD={card},DEV=0"


def parse_device_file(text: str, source: str = "the device file") -> DeviceConfig:
    """The configuration in ``text``; DeviceFileError naming the key and why otherwise."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DeviceFileError(f"{source} is not valid TOML: {exc}") from None
    try:
        return DeviceConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_explain(error) for error in exc.errors())
        raise DeviceFileError(f"{source}: {problems}") from None


def read_device_file(path: Path) -> DeviceConfig:
    try:
        text = path.read_text()
    except OSError as exc:
        raise DeviceFileError(f"cannot read {path}: {exc.strerror}") from None
    return parse_device_file(text, str(path))


def _explain(error: object) -> str:
    details = error if isinstance(error, dict) else {}
    key = ".".join(str(part) for part in details.get("loc", ())) or "the file"
    kind = details.get("type", "")
    if kind == "extra_forbidden":
        return f"{key}: not a device this file names ({', '.join(DEVICES)}, headset)"
    if key in ("camera", "document_camera"):
        return (
            f"{key}: {details.get('input')!r} is not a /dev/v4l/by-id/ or /dev/v4l/by-path/"
            " name (a /dev/videoN number changes when cameras are replugged), nor 'test'"
        )
    if key in ("microphone", "speaker", "headset"):
        return (
            f"{key}: {details.get('input')!r} is not an ALSA card name as /proc/asound/cards"
            " lists it (letters, digits, '_' and '-')"
            + ("" if key == "headset" else ", nor 'default'")
        )
    return f"{key}: {details.get('msg', 'invalid')}"


@dataclass(frozen=True)
class DeviceCheck:
    """One configured device and whether it is there."""

    device: Device
    name: str
    state: DeviceState


def check(
    config: DeviceConfig, *, dev: Path = Path("/"), asound: Path = Path("/proc/asound")
) -> list[DeviceCheck]:
    """Each device the configuration names, found or missing: cameras by their path
    (under ``dev``), sound cards by their name under ``asound`` (ALSA makes a link per
    card name there). The system default cannot be checked before it is opened."""
    checks = []
    for device in DEVICES:
        name: str = getattr(config, device)
        state: DeviceState
        if name == STAND_IN and device != "speaker":
            state = "stand_in"
        elif name == "default":
            state = "unknown"
        elif device in ("camera", "document_camera"):
            state = "ok" if (dev / name.lstrip("/")).exists() else "missing"
        else:
            state = "ok" if card_present(name, asound) else "missing"
        checks.append(DeviceCheck(device, name, state))
    return checks


def missing(checks: list[DeviceCheck]) -> list[Device]:
    return [c.device for c in checks if c.state == "missing"]


def main(argv: list[str] | None = None) -> int:
    """The self-test: each configured device, found or not; status 1 if any is missing."""
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.devices", description="Check the devices a kiosk's file names."
    )
    parser.add_argument("file", type=Path, help="the device file (TOML)")
    args = parser.parse_args(argv)
    try:
        config = read_device_file(args.file)
    except DeviceFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    checks = check(config)
    for found in checks:
        print(f"{found.device:<16} {found.state:<9} {found.name}")
    return 1 if missing(checks) else 0


if __name__ == "__main__":
    sys.exit(main())
