"""What the kiosk says of a widget, where that differs from what it shows.

The kiosk speaks through a loudspeaker in a public room (EN 301 549 5.1.3.9 private
listening): an appointment code, a receipt number or what was written in the chat is
shown on the screen but never said to the room. A label marked with :func:`speak_as` is
read as the text given ("" : not read at all) unless the customer listens on a headset
(``private``), when it is read as it shows. A widget with an accessible name (the volume
buttons, the bars of the link's quality) is read by that name; symbols drawn as text
(bars, arrows, "✕") are never read out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

_PROPERTY = "spokenText"
_QUIET = "notAnnounced"


def speak_as(label: QLabel, text: str) -> None:
    label.setProperty(_PROPERTY, text)


def not_announced(label: QLabel) -> None:
    """Speech guidance does not announce this label's changes: it speaks for itself (the
    idle question) or changes every second (a countdown)."""
    label.setProperty(_QUIET, True)


def announced(widget: QWidget) -> bool:
    return widget.property(_QUIET) is not True


def spoken_text(widget: QWidget, *, private: bool = False) -> str:
    """What reading ``widget`` aloud says: plain words, "" for nothing."""
    said = widget.property(_PROPERTY)
    if isinstance(said, str) and not private:
        return plain(said)
    if widget.accessibleName():
        return plain(widget.accessibleName())
    if isinstance(widget, QLabel | QAbstractButton):
        return plain(widget.text())
    return ""


def screen_text(screen: QWidget, *, private: bool = False) -> str:
    """What a screen says, in reading order: its texts, then what can be pressed."""
    labels = [w for w in screen.findChildren(QLabel) if w.isVisible()]
    buttons = [w for w in screen.findChildren(QAbstractButton) if w.isVisible()]
    return joined(spoken_text(w, private=private) for w in (*labels, *buttons))


def joined(texts: Iterable[str]) -> str:
    """Texts said one after another, each its own sentence."""
    return " ".join(t if t[-1] in ".?!…:" else f"{t}." for t in texts if t)


def plain(text: str) -> str:
    """Text without rich-text tags, line breaks and drawn symbols."""
    text = re.sub(r"<[^>]+>", "", text).replace("\n", " ")
    kept = "".join(" " if unicodedata.category(c) == "So" else c for c in text)
    return re.sub(r"\s+", " ", kept).strip()
