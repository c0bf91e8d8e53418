"""The timeline in a real headless Chromium, offline: items, ranges, clicks, safety."""

import pytest

from allegraph.demo import run_demo
from allegraph.views.timeline import timeline_of_store
from tests.graph.views.hostile_case import HOSTILE, load_records
from tests.graph.views.timeline_case import PLACED, TIMELINE_RECORDS, UNDATED

pytestmark = pytest.mark.browser

# the box of each item drawn, by id (vis-timeline keeps the id on its data)
BOXES = """() => Object.values(allegraph.timeline.itemSet.items).map(item => {
  const frame = item.dom && (item.dom.box || item.dom.point);
  const box = frame.getBoundingClientRect();
  return {id: item.id, type: item.data.type, width: box.width, text: frame.textContent};
})"""


@pytest.fixture
def dated(embedded, tmp_path):
    load_records(embedded, TIMELINE_RECORDS, tmp_path)
    return embedded


def test_every_dated_item_is_drawn_and_uncertain_dates_are_ranges(
    dated, open_view, tmp_path, artifacts
):
    path = timeline_of_store(dated, title="A dated case").save(tmp_path / "timeline.html")
    opened = open_view(path)
    opened.page.screenshot(path=artifacts / "timeline-dated.png")
    boxes = {b["id"]: b for b in opened.js(BOXES)}
    assert sorted(boxes) == sorted(PLACED)
    assert opened.js("allegraph.shown()") == len(PLACED)
    for item_id, (kind, _, _) in PLACED.items():
        assert boxes[item_id]["type"] == kind
        if kind == "range":
            assert boxes[item_id]["width"] > 0, item_id
    # a span of two years is drawn wider than a month
    assert boxes["e-siege"]["width"] > 10 * boxes["e-raid"]["width"]
    assert boxes["c-raid"]["text"] == "The Army raided homes in North Town"
    undated = opened.page.locator("#undated button").all_inner_texts()
    assert undated == [
        "Detainees were held without charge (Claim, single-source)",
        "Undated meeting (Event)",
    ]
    assert len(undated) == len(UNDATED)
    assert opened.problems() == []
    assert opened.requests == [opened.url]


def test_clicking_an_item_shows_the_graph_views_side_panel(dated, open_view, tmp_path):
    timeline = timeline_of_store(dated)
    opened = open_view(timeline.save(tmp_path / "timeline.html"))
    page = opened.page
    page.locator(".vis-item-content", has_text="The Army raided homes").click()
    assert page.locator("#details h3").text_content() == "The Army raided homes in North Town"
    details = page.locator("#details").text_content()
    assert "Claim · denied" in details and "Report two" in details
    page.locator("#undated button", has_text="Undated meeting").click()
    assert page.locator("#details h3").text_content() == "Undated meeting"
    # the legend filters: untick "denied" and the claim leaves the axis
    page.get_by_label("denied", exact=True).uncheck()
    assert opened.js("allegraph.shown()") == len(PLACED) - 1
    legend = page.locator("#legend tr").all_inner_texts()
    assert [row.split("\t")[-2].strip() for row in legend[:4]] == [
        "Event", "Claim", "denied", "single-source",
    ]  # fmt: skip
    assert [row.strip() for row in legend[4:]] == [
        "uncertain date: earliest to latest day", "date known to the day",
    ]  # fmt: skip
    assert opened.problems() == []


def test_hostile_strings_on_the_timeline_never_run(hostile, open_view, tmp_path, artifacts):
    timeline = timeline_of_store(hostile, title=HOSTILE["breakout"], group_by="place")
    opened = open_view(timeline.save(tmp_path / "hostile.html"))
    page = opened.page
    assert page.title() == HOSTILE["breakout"]
    assert sorted(opened.js("allegraph.items.getIds()")) == ["c-hostile", "e-hostile"]
    for text in (HOSTILE["img"], HOSTILE["close"]):
        page.locator(".vis-item-content", has_text=text).click()
        assert page.locator("#details h3").text_content() == text
    page.screenshot(path=artifacts / "timeline-hostile.png")
    for selector in ("script", "img", "iframe", "a", "b"):
        assert page.locator(f"#page {selector}").count() == 0
    assert opened.dialogs == []
    assert opened.problems() == []
    assert opened.requests == [opened.url]


def test_the_baku_timeline_of_the_demo(embedded, open_view, tmp_path, artifacts):
    outputs = run_demo(embedded, tmp_path / "demo").outputs
    opened = open_view(outputs["timeline"])
    # the article gives no date: every event and claim is listed as undated
    counts = embedded.counts()["nodes"]
    undated = opened.page.locator("#undated button").all_inner_texts()
    assert len(undated) == counts["Event"] + counts["Claim"]
    assert opened.js("allegraph.shown()") == 0
    assert opened.page.locator("#timeline").inner_text() == (
        "No event or claim here has a date: they are listed on the left."
    )
    opened.page.screenshot(path=artifacts / "baku-timeline.png")
    assert opened.problems() == []
    assert opened.requests == [opened.url]
