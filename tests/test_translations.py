"""Every user-visible kiosk string is translated into every kiosk language.

lupdate (Qt's own extractor) reads the code afresh into a scratch copy of each .ts file;
a string in the code that the committed file lacks, or one left unfinished, fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import PySide6
import pytest

from kiosk.i18n import LANGUAGES, SOURCE_LANGUAGE, read_ts, ts_path

KIOSK_QT = Path(__file__).parents[1] / "kiosk" / "qt"
LUPDATE = Path(PySide6.__file__).parent / "lupdate"
TRANSLATED = [lang.code for lang in LANGUAGES if lang.code != SOURCE_LANGUAGE]


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_string_in_the_code_is_translated(code: str, tmp_path: Path) -> None:
    scratch = tmp_path / f"kiosk_{code}.ts"
    shutil.copy(ts_path(code), scratch)
    sources = sorted(str(p) for p in KIOSK_QT.glob("*.py"))
    subprocess.run(
        [str(LUPDATE), *sources, "-locations", "none", "-no-obsolete", "-ts", str(scratch)],
        check=True,
        capture_output=True,
    )
    done, missing = read_ts(scratch)
    assert not missing, f"untranslated in {code}: {missing}"
    committed, _ = read_ts(ts_path(code))
    assert done.keys() == committed.keys(), "kiosk_{code}.ts is out of date: run lupdate"
    assert len(done) >= 20


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_survive_translation(code: str) -> None:
    done, _ = read_ts(ts_path(code))
    for (_context, source), text in done.items():
        assert ("%1" in source) == ("%1" in text), f"{code}: {source!r} -> {text!r}"


def test_the_finnish_texts_are_plain_language() -> None:
    """Issue 21 item 10, selkokieli's rules that can be checked: short sentences (ten
    words at most), one thing each, nothing in parentheses. The kiosk's Finnish is read by
    people of every age and reading ability, often in a hurry."""
    done, _ = read_ts(ts_path("fi"))
    for text in done.values():
        assert "(" not in text, f"parentheses: {text!r}"
        for sentence in re.split(r"[.!?:;•\n]+", text):
            words = sentence.split()
            assert len(words) <= 10, f"{len(words)} words in one sentence: {text!r}"


def test_the_demo_catalogue_names_every_agency_in_every_kiosk_language(tmp_path: Path) -> None:
    from signaling.demo_data import seed_demo
    from signaling.store import Store

    store = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    seed_demo(store)
    agencies = store.agencies()
    store.close()
    assert len(agencies) == 10
    for agency in agencies:
        missing = [lang.code for lang in LANGUAGES if not agency.names.get(lang.code)]
        assert not missing, f"{agency.code} has no name in {missing}"


def test_choosing_english_leaves_no_earlier_translator_answering(qapp: object) -> None:
    """Two CI runs showed Finnish after English was chosen: a switcher of an earlier
    window (or test) had left its Finnish translator installed, and Qt asks the newest
    translator first. The language is the application's: a new choice takes out the
    old translator whoever installed it."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.qt.translator import LanguageSwitcher

    earlier = LanguageSwitcher()
    earlier.use("fi")
    assert QCoreApplication.translate("StartScreen", "Start") == "Aloita"
    LanguageSwitcher().use("en")
    assert QCoreApplication.translate("StartScreen", "Start") == "Start"
    assert earlier.code == "fi", "the earlier switcher is still alive, holding its choice"
