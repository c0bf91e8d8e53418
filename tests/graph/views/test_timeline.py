"""The timeline's page data: items placed by their EDTF ranges, rows, notices; on both
stores (the items are the rows of the `timeline` query)."""

import json
import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allegraph.dates import date_range
from allegraph.views.timeline import placement, timeline_of_store
from tests.graph.views.hostile_case import load_records
from tests.graph.views.timeline_case import PLACED, TIMELINE_RECORDS, UNDATED

DATA = re.compile(r'<script type="application/json" id="allegraph-data">(.*?)</script>', re.S)


def page_data(timeline) -> dict:
    return json.loads(DATA.search(timeline.html).group(1))


@pytest.fixture
def dated(store, tmp_path):
    load_records(store, TIMELINE_RECORDS, tmp_path)
    return store


def test_items_are_placed_by_their_edtf_range(dated):
    timeline = timeline_of_store(dated)
    data = page_data(timeline)
    placed = {i["id"]: (i["type"], i["start"], i.get("end")) for i in data["items"]}
    assert placed == PLACED
    assert timeline.items == list(PLACED)  # in date order
    assert sorted(timeline.undated) == UNDATED
    assert {i["id"]: i.get("open") for i in data["items"] if i["type"] == "range"} == {
        "e-old": "start", "e-siege": None, "c-siege": None, "e-raid": None, "c-denial": None,
    }  # fmt: skip
    assert timeline.notices == [
        "2 of 9 events and claims have no date: they are listed under the legend, not on the axis."
    ]


def test_items_are_grouped_by_actor_or_place_and_coloured_by_status(dated):
    by_actor = page_data(timeline_of_store(dated))
    assert by_actor["groups"] == [
        "Events", "Ana Alves; Monitoring NGO", "Monitoring NGO", "The Army",
    ]  # fmt: skip
    rows = {i["id"]: i["group"] for i in by_actor["items"] + by_actor["undated"]}
    assert rows["c-raid"] == "Ana Alves; Monitoring NGO" and rows["e-raid"] == "Events"
    statuses = {i["id"]: i["status"] for i in by_actor["items"] if i["label"] == "Claim"}
    assert statuses == {"c-raid": "denied", "c-siege": "single-source", "c-denial": "single-source"}
    colours = {i["status"]: i["color"] for i in by_actor["items"] if i["status"]}
    assert colours["denied"] != colours["single-source"]
    legend = {row["name"]: row["color"] for row in by_actor["legend"]["statuses"]}
    assert legend == colours
    by_place = timeline_of_store(dated, group_by="place")
    data = page_data(by_place)
    assert by_place.groups == ["No place recorded", "North Town", "South Town"]
    rows = {i["id"]: i["group"] for i in data["items"]}
    assert (rows["c-raid"], rows["c-siege"], rows["e-hearing"]) == (
        "North Town", "South Town", "No place recorded",
    )  # fmt: skip


def test_the_side_panel_is_the_graph_views(dated):
    from allegraph.views import view_selection, whole

    graph_view = view_selection(whole(dated))
    graph_info = {
        n["id"]: n["info"] for n in json.loads(DATA.search(graph_view.html).group(1))["nodes"]
    }
    data = page_data(timeline_of_store(dated))
    for item in data["items"] + data["undated"]:
        assert item["info"] == graph_info[item["id"]]


@pytest.mark.parametrize(
    ("options", "items"),
    [
        ({"actor": "The Army"}, ["c-raid", "c-denial"]),
        ({"location": "North Town"}, ["e-raid", "c-raid", "c-denial"]),
        ({"from_": "2024-03", "to": "2024-03"}, ["e-siege", "c-siege", "e-raid", "c-raid"]),
    ],
)
def test_a_timeline_narrows_as_the_query_does(dated, options, items):
    assert timeline_of_store(dated, **options).items == items


def test_a_name_that_matches_nothing_is_an_error(dated):
    with pytest.raises(ValueError, match="no actor matches 'Nobody'"):
        timeline_of_store(dated, actor="Nobody")


def test_the_timeline_page_loads_nothing_and_runs_only_its_scripts(hostile):
    import base64
    import hashlib
    import html
    from importlib import resources

    from allegraph.views.page import timeline_script
    from tests.graph.views.hostile_case import HOSTILE
    from tests.graph.views.test_page import parse

    page = timeline_of_store(hostile, title=HOSTILE["breakout"]).html
    elements = parse(page)
    assert [attrs for attrs, _ in elements.scripts] == [
        {"type": "application/json", "id": "allegraph-data"}, {}, {}, {},
    ]  # fmt: skip
    assert page.lower().count("</script") == 4
    assert f"<h1>{html.escape(HOSTILE['breakout'])}</h1>" in page
    data = DATA.search(page).group(1)
    assert "<" not in data and json.loads(data)["title"] == HOSTILE["breakout"]
    policy = html.unescape(re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    code = [text for attrs, text in elements.scripts if not attrs]
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() + "'"
              for c in code]  # fmt: skip
    assert next(d for d in policy.split("; ") if d.startswith("script-src ")).split()[1:] == hashes
    # outside vis-timeline (licence comments) and the data, no URL at all
    rest = DATA.sub("", page.replace(timeline_script(), ""))
    assert re.findall(r"https?://\S*", rest) == []
    assets = resources.files("allegraph.views").joinpath("assets")
    vendored = assets.joinpath("vis-timeline-graph2d.min.js").read_bytes()
    assert hashlib.sha256(vendored).hexdigest() in assets.joinpath("VENDORED.md").read_text()
    assert timeline_script() == vendored.decode().rstrip("\n").rsplit("\n", 1)[0]
    assert assets.joinpath("vis-timeline.LICENSE-MIT").read_text().startswith("The MIT License")


years = st.integers(1900, 2100)
months = st.integers(1, 12)
days = st.integers(1, 28)
edtf_dates = st.one_of(
    years.map(str),
    st.tuples(years, months).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(years, months, days).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    st.tuples(years, months, st.sampled_from("?~%")).map(lambda t: f"{t[0]}-{t[1]:02d}{t[2]}"),
)
edtf = st.one_of(
    edtf_dates,
    st.tuples(edtf_dates, edtf_dates).map(lambda t: "/".join(sorted(t, key=date_range))),
    edtf_dates.map(lambda d: f"../{d}"),
    edtf_dates.map(lambda d: f"{d}/.."),
)


@given(text=edtf)
def test_every_edtf_date_is_placed_over_every_day_it_allows(text):
    earliest, latest = date_range(text)
    low, high = "1800-01-01", "2200-01-01"
    placed = placement(earliest, latest, low, high)
    if placed["type"] == "point":
        assert earliest == latest == placed["start"]
        return
    start, end = date.fromisoformat(placed["start"]), date.fromisoformat(placed["end"])
    assert start < end  # a bar is never empty: an uncertain date has a width
    assert placed["start"] == (earliest or low)
    assert end == (date.fromisoformat(latest) + timedelta(days=1) if latest else date(2200, 1, 1))
    assert placed["open"] == ("start" if earliest is None else "end" if latest is None else None)
