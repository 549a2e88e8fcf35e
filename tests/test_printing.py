"""Rendering a PDF page for the kiosk screen, and printing through CUPS' lp (a stand-in
lp and lpstat here, which record what they were asked to do)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.printing import print_document, printer_available, render_pdf_page
from media.doccam import jpeg, pages_to_pdf, synthetic_page
from tests.helpers import fake_printer


@pytest.fixture
def fake_cups(tmp_path: Path) -> Iterator[Path]:
    old = os.environ["PATH"]
    yield fake_printer(tmp_path)
    os.environ["PATH"] = old


def test_a_pdf_page_is_rendered_for_the_screen() -> None:
    pdf = pages_to_pdf([jpeg(synthetic_page(1))])
    page = render_pdf_page(pdf)
    assert page is not None
    kind, width, height = page.split(maxsplit=3)[:3]
    # An A4 page at 110 dpi: 8.27 x 11.69 in.
    assert (kind, int(width), int(height)) == (b"P6", 910, 1287)
    assert render_pdf_page(b"not a pdf") is None


def test_printing_goes_to_the_default_printer_and_leaves_no_file(
    fake_cups: Path, tmp_path: Path
) -> None:
    assert printer_available()
    print_document(b"%PDF-1.4 decision", "decision.pdf")
    assert fake_cups.read_bytes() == b"%PDF-1.4 decision"
    assert Path(f"{fake_cups}.title").read_text().strip() == "decision.pdf"
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("rs-print-*"))


def test_no_printer_no_print_button(tmp_path: Path) -> None:
    assert not printer_available(lp="no-such-lp")
