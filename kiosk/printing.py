"""Showing and printing the documents a clerk sends to the kiosk.

Rendering a PDF page uses poppler's ``pdftoppm``; printing uses CUPS' ``lp`` on the
kiosk's default printer. Both are external programs run off the event loop; a kiosk
without them simply does not offer the action. Files are written only for ``lp``, only
readable by the kiosk's user, and deleted right after.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def render_pdf_page(pdf: bytes, *, dpi: int = 110) -> bytes | None:
    """The first page as PPM bytes (Qt reads them), or None when it cannot be rendered here.

    PPM, not PNG: compressing a scanned A4 page to PNG took pdftoppm 3.5 s of CPU here
    (0.07 s for PPM), and on a busy kiosk in a call that was more than the 15 s a clerk
    waits to see the decision appear.
    """
    if shutil.which("pdftoppm") is None:
        return None
    with tempfile.TemporaryDirectory(prefix="rs-pdf-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        done = subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(source),
                str(Path(folder) / "page"),
            ],
            capture_output=True,
            timeout=30,
            check=False,
        )
        page = Path(folder) / "page.ppm"
        return page.read_bytes() if done.returncode == 0 and page.exists() else None


def printer_available(lp: str = "lp", lpstat: str = "lpstat") -> bool:
    """A print command and a default printer exist."""
    if shutil.which(lp) is None or shutil.which(lpstat) is None:
        return False
    done = subprocess.run([lpstat, "-d"], capture_output=True, text=True, timeout=10, check=False)
    return done.returncode == 0 and "no system default" not in done.stdout.lower()


def print_document(data: bytes, title: str, lp: str = "lp") -> None:
    """Send to the default printer; OSError or CalledProcessError when it fails."""
    descriptor, path = tempfile.mkstemp(prefix="rs-print-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        subprocess.run([lp, "-t", title[:60], path], check=True, capture_output=True, timeout=30)
    finally:
        os.unlink(path)
