"""The brief as PDF, printed by Debian's headless Chromium and read back by pdftotext."""

import shutil
import subprocess

import pytest

from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.report import write_report
from tests.conftest import IN_CI, require_chromium
from tests.graph.views.hostile_case import HOSTILE, HOSTILE_RECORDS, load_records

pytestmark = pytest.mark.browser


def pdf_text(path) -> str:
    """The PDF's text (poppler-utils' pdftotext), whitespace joined."""
    require_chromium()
    if shutil.which("pdftotext") is None:
        reason = "no pdftotext: `apt-get install poppler-utils` (scripts/test does it)"
        pytest.fail(reason) if IN_CI else pytest.skip(reason)
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True)  # fmt: skip
    return " ".join(done.stdout.split())


def test_the_pdf_gives_back_every_claim_id_and_text(embedded, tmp_path, artifacts):
    load(embedded, baku_files(), rejects_path=tmp_path / "rejects.jsonl")
    path = artifacts / "baku-brief.pdf"
    write_report(embedded, path, "pdf", everything=True, title="The Baku conference case")
    assert path.read_bytes().startswith(b"%PDF-")
    text = pdf_text(path)
    assert text.startswith("The Baku conference case A claim in this brief is what an actor")
    for claim in embedded.nodes("Claim"):
        assert f"Claim {claim.id}:" in text
    # the one claim short enough never to break over a line
    assert "alleges that Russian soldiers held in Ukrainian captivity were tortured." in text


def test_hostile_strings_are_text_in_the_pdf(embedded, tmp_path):
    load_records(embedded, HOSTILE_RECORDS, tmp_path)
    path = tmp_path / "hostile.pdf"
    write_report(embedded, path, "pdf", everything=True)
    text = pdf_text(path)
    for value in ("script", "img", "breakout", "close", "comment"):
        assert HOSTILE[value] in text, value
