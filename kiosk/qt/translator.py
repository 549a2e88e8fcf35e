"""A QTranslator fed from the .ts files (see kiosk.i18n)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.i18n import SOURCE_LANGUAGE, Catalogue, read_ts, ts_path


class TsTranslator(QTranslator):
    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self._catalogue = catalogue

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        # A string without a translation shows in English rather than blank (a test
        # fails on any such string, so this is only ever a safety net).
        return self._catalogue.get((context, source), source)

    def isEmpty(self) -> bool:
        return not self._catalogue


class LanguageSwitcher:
    """Installs the translator of the chosen language; Qt then sends LanguageChange.

    The application has one language at a time, so the installed translator is the
    process's, not a switcher's: a second switcher (a new window, the next test) takes
    out what an earlier one installed. Otherwise a forgotten Finnish translator would
    go on answering after English was chosen (Qt asks the newest translator first, and
    English installs none)."""

    _installed: TsTranslator | None = None

    def __init__(self) -> None:
        self.code = SOURCE_LANGUAGE

    def use(self, code: str) -> None:
        if LanguageSwitcher._installed is not None:
            QCoreApplication.removeTranslator(LanguageSwitcher._installed)
            LanguageSwitcher._installed = None
        if code != SOURCE_LANGUAGE:
            catalogue, _missing = read_ts(ts_path(code))
            LanguageSwitcher._installed = TsTranslator(catalogue)
            QCoreApplication.installTranslator(LanguageSwitcher._installed)
        self.code = code
