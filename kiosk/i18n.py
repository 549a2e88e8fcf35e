"""The kiosk's languages and Qt translation files (.ts, Qt Linguist's XML format).

Every user-visible string is written in English in the code through Qt's ``tr()`` and
translated through a QTranslator that reads the committed .ts files directly, so the
.ts files kept in the repository are the single source: no compiled .qm to forget.
``pyside6-lupdate`` refreshes them from the code (see docs/architecture.md); a test fails
when any string lacks a translation.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Language:
    code: str
    #: The language's name in itself, as the customer looks for it.
    own_name: str
    right_to_left: bool = False


LANGUAGES: tuple[Language, ...] = (
    Language("fi", "Suomi"),
    Language("sv", "Svenska"),
    Language("en", "English"),
    Language("se", "Davvisámegiella"),
    Language("ru", "Русский"),
    Language("uk", "Українська"),
    Language("et", "Eesti"),
    Language("ar", "العربية", right_to_left=True),
    Language("so", "Soomaali"),
)
SOURCE_LANGUAGE = "en"
DEFAULT_LANGUAGE = "fi"


def translations_dir() -> Path:
    return Path(str(resources.files("kiosk") / "translations"))


def ts_path(code: str) -> Path:
    return translations_dir() / f"kiosk_{code}.ts"


Catalogue = dict[tuple[str, str], str]


def read_ts(path: Path) -> tuple[Catalogue, list[tuple[str, str]]]:
    """(finished translations by (context, source), untranslated (context, source) pairs)."""
    done: Catalogue = {}
    missing: list[tuple[str, str]] = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            source = message.findtext("source", default="")
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            unfinished = translation is None or translation.get("type") in (
                "unfinished",
                "vanished",
                "obsolete",
            )
            if text and not unfinished:
                done[(name, source)] = text
            elif translation is None or translation.get("type") not in ("vanished", "obsolete"):
                missing.append((name, source))
    return done, missing
