"""What a label says when the screen is read aloud, where that differs from what it shows.

The kiosk speaks through a loudspeaker in a public room (EN 301 549 5.1.3.9 private
listening): an appointment code, a receipt number or what was written in the chat is
shown on the screen but never said to the room. A label marked with :func:`speak_as` is
read as the text given ("" : not read at all); every other label as it shows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

_PROPERTY = "spokenText"


def speak_as(label: QLabel, text: str) -> None:
    label.setProperty(_PROPERTY, text)


def spoken_text(label: QLabel) -> str:
    said = label.property(_PROPERTY)
    return said if isinstance(said, str) else label.text()
