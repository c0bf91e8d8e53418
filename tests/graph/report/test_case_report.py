"""`case.report(...)`: the brief from the Python API, as the command writes it."""

import allegraph
from allegraph.demo import baku_files


def test_case_report_returns_the_text_or_writes_the_file(tmp_path):
    with allegraph.open(tmp_path / "baku.db") as case:
        case.load(*baku_files())
        text = case.report(actor="Moskalkova", title="Moskalkova")
        assert text.startswith("# Moskalkova\n")
        assert text.count("\n### Claim `") == 3
        page = case.report(tmp_path / "b.html", everything=True)
        assert page == (tmp_path / "b.html").read_text("utf-8")
        assert page.startswith("<!DOCTYPE html>") and page.count('<section class="claim"') == 7
        assert case.report(claim="c-kursk", format="html").count('<section class="claim"') == 1
