"""The brief as PDF: its HTML printed by headless Chromium (Debian's, as the views use).

Chromium reads the HTML from a file beside the PDF and prints it with
``--print-to-pdf``; the page's policy forbids any request, and the flags of
:mod:`allegraph.views.chromium` keep the browser itself off the network.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from allegraph.views.chromium import CHROMIUM, CHROMIUM_ARGS

TIMEOUT = 120  # seconds: a brief of thousands of claims is many pages


class PdfError(RuntimeError):
    """Chromium is missing or could not print the page."""


def chromium() -> str:
    """The Chromium to print with: Debian's, else one on PATH."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(
        f"PDF needs Chromium ({CHROMIUM}; Debian: apt-get install chromium); "
        "--format html writes the same brief without it"
    )


def html_to_pdf(page: str, path: Path) -> Path:
    """Print the HTML text ``page`` to the PDF file ``path``."""
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="allegraph-pdf-") as work:
        source = Path(work) / "brief.html"
        source.write_text(page, encoding="utf-8")
        command = [
            chromium(),
            *CHROMIUM_ARGS,
            f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={path}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Chromium did not print {path} within {TIMEOUT} s") from exc
    if done.returncode != 0 or not path.exists() or path.stat().st_size == 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise PdfError(f"Chromium could not print {path}: {last}")
    return path
