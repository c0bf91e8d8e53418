"""`case.report(...)` and `case.view(timeline=True)`: the brief and the timeline from the
Python API, as the commands write them."""

import pytest

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


def test_case_view_draws_the_timeline(tmp_path):
    from tests.graph.views.hostile_case import load_records
    from tests.graph.views.timeline_case import PLACED, TIMELINE_RECORDS

    with allegraph.open(tmp_path / "dated.db") as case:
        load_records(case.store, TIMELINE_RECORDS, tmp_path)
        timeline = case.view(timeline=True, from_="2024-03", to="2024-03")
        assert timeline.items == ["e-siege", "c-siege", "e-raid", "c-raid"]
        assert case.view(timeline=True).items == list(PLACED)
        assert "<iframe" in timeline._repr_html_()
        with pytest.raises(ValueError, match="need timeline=True"):
            case.view(location="North Town")
