"""The brief as Markdown and HTML: every claim attributed, hostile strings as text,
templates a newsroom can replace."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.report import ReportError, gather, report_text
from allegraph.report.render import render
from allegraph.report.wording import ATTRIBUTIONS, attributed, clause
from tests.graph.report.brief_text import html_text, markdown_text, unattributed
from tests.graph.views.hostile_case import HOSTILE, HOSTILE_RECORDS, load_records


@pytest.fixture
def baku(embedded, tmp_path):
    load(embedded, baku_files(), rejects_path=tmp_path / "rejects.jsonl")
    return embedded


def texts(store):
    return [n.props["text"] for n in store.nodes("Claim")]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_no_sentence_states_a_claim_as_fact(baku, fmt):
    page = report_text(baku, fmt, everything=True)
    text = markdown_text(page) if fmt == "markdown" else html_text(page)[0]
    assert unattributed(text, texts(baku)) == []
    # the check can fail: a claim's bare text is caught
    assert unattributed(text + " Russian soldiers held in Ukrainian captivity were tortured.",
                        texts(baku)) != []  # fmt: skip


def test_the_html_brief_lists_every_claim_with_its_status_and_sources(baku):
    text, tags = html_text(report_text(baku, "html", everything=True, title="Baku"))
    for claim in baku.nodes("Claim"):
        assert f"Claim {claim.id}: " in text
    assert text.count("Claim c-garage-video: disputed") == 1
    assert text.count("art-1 Moskalkova calls for condemnation") == 7  # each claim's source
    assert "video-garage Video shown at the Baku conference: a man on a garage floor struck " \
           "with a baton: verification unresolved" in text  # fmt: skip
    assert {"script", "img", "a", "iframe", "link"} & set(tags) == {"link"}  # the icon only


def test_hostile_strings_are_text_in_html_and_markdown(embedded, tmp_path):
    load_records(embedded, HOSTILE_RECORDS, tmp_path)
    brief = gather(embedded, everything=True, title=HOSTILE["breakout"])
    page = render(brief, "html")
    text, tags = html_text(page)
    assert {"script", "img", "iframe", "a", "b"} & set(tags) == set()
    for value in ("script", "img", "breakout", "close", "comment"):
        assert HOSTILE[value] in text, value
    assert "https://evil.example/track.js?<script>alert(6)</script>" in text
    assert "javascript:alert(7)" in text
    # (no attribution check here: the hostile case gives a claim's text to names too)
    markdown = render(brief, "markdown")
    for value in ("script", "img", "breakout", "close", "comment"):
        assert HOSTILE[value] not in markdown  # escaped: Markdown cannot read it as HTML
        assert HOSTILE[value] in markdown_text(markdown)


def test_a_newsroom_template_replaces_ours_and_a_broken_one_says_where(baku, tmp_path):
    (tmp_path / "brief.md.j2").write_text(
        "{{ brief.title }}: {{ brief.claims | length }} claims\n", "utf-8"
    )
    assert report_text(baku, "markdown", tmp_path, everything=True, title="T") == "T: 7 claims\n"
    # the HTML template it lacks is ours
    assert "<h1>T</h1>" in report_text(baku, "html", tmp_path, everything=True, title="T")
    (tmp_path / "brief.md.j2").write_text("line one\n{% for c in brief.claims %}\n", "utf-8")
    with pytest.raises(ReportError) as caught:
        report_text(baku, "markdown", tmp_path, everything=True)
    assert str(caught.value) == (
        f"{tmp_path / 'brief.md.j2'}, line 2: Unexpected end of template. Jinja was looking "
        "for the following tags: 'endfor' or 'else'. The innermost block that needs to be "
        "closed is 'for'."
    )


words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1)


@given(names=st.lists(words, max_size=4), text=words)
def test_every_claim_sentence_is_attributed(names, text):
    sentence = attributed(names, text)
    said = clause(text)
    before = sentence[: len(sentence) - len(said) - 1]
    assert sentence.endswith(said + ".")
    assert before.endswith(ATTRIBUTIONS)
    assert all(name in before for name in names)
