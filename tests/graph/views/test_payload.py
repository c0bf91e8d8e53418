"""What a view holds: styles from the schema, details as written, cuts and notices."""

import math

import networkx as nx
import pytest

from allegraph.schema import registry
from allegraph.views.payload import NARROW_HINT, SETTLE_FIRST_LIMIT, build_payload
from allegraph.views.styles import view_style
from tests.graph.views.hostile_case import HOSTILE


@pytest.fixture
def payload(hostile):
    return build_payload(hostile.to_networkx(), title="t", registry=registry())


def by_id(items):
    return {item["id"]: item for item in items}


def test_legend_counts_what_is_shown_in_schema_order(payload):
    legend = payload.data["legend"]
    assert [(r["name"], r["count"]) for r in legend["labels"]] == [
        ("Person", 1), ("Organization", 1), ("Event", 1), ("Claim", 3), ("Source", 2),
    ]  # fmt: skip
    assert [(r["name"], r["count"]) for r in legend["relationships"]] == [
        ("ALLEGES", 3), ("WITNESSED", 1), ("DISPUTED_BY", 1), ("ABOUT", 1),
    ]  # fmt: skip
    assert [(r["name"], r["count"]) for r in legend["statuses"]] == [
        ("retracted", 0), ("contested", 1), ("disputed", 0), ("denied", 0), ("corroborated", 0),
        ("single-source", 2),
    ]  # fmt: skip
    assert [(r["name"], r["count"]) for r in legend["stances"]] == [("rebuttal", 1)]
    assert (payload.nodes, payload.edges, payload.physics, payload.notices) == (8, 6, True, [])


def test_nodes_and_edges_are_styled_from_the_schema(payload):
    style = view_style(registry())
    nodes, edges = by_id(payload.data["nodes"]), by_id(payload.data["edges"])
    person = nodes["p-hostile"]
    assert (person["shape"], person["color"]["background"]) == ("dot", style.labels["Person"].color)
    claim = nodes["c-hostile"]
    assert claim["shape"] == style.labels["Claim"].shape
    assert claim["color"]["background"] == style.statuses["contested"]
    assert claim["color"]["border"] == style.labels["Claim"].color
    assert nodes["c-plain"]["color"]["background"] == style.statuses["single-source"]
    dispute = edges["c-hostile|DISPUTED_BY|o-hostile"]
    rule = style.relationships["DISPUTED_BY"]
    assert (dispute["color"]["color"], dispute["dashes"], dispute["width"]) == (
        rule.color,
        rule.dashes,
        rule.width,
    )
    assert dispute["arrows"]["to"]["type"] == rule.arrow
    assert (dispute["from"], dispute["to"], dispute["label"]) == (
        "c-hostile",
        "o-hostile",
        "DISPUTED_BY",
    )


def test_size_grows_with_degree(payload):
    nodes = by_id(payload.data["nodes"])
    assert nodes["c-hostile"]["size"] == round(10 + 5 * math.sqrt(3), 1)
    assert nodes["src-js"]["size"] == 10


def test_details_show_dates_as_written_status_and_every_source(payload):
    nodes = by_id(payload.data["nodes"])
    event = nodes["e-hostile"]["info"]
    assert event["heading"] == HOSTILE["close"]
    assert event["fields"] == [["id", "e-hostile"], ["date", "2024-11~"]]
    claim = nodes["c-hostile"]["info"]
    assert claim["kind"] == "Claim · contested"
    assert claim["fields"] == [
        ["id", "c-hostile"],
        [
            "status",
            "contested (derived from the graph: 2 independent source(s), "
            "1 alleging actor(s), 1 dispute(s), of which 1 rebuttal)",
        ],
        # each backing source as the status rule weighed it (allegraph explain)
        ["source src-evil", "counted"],
        ["source src-js", "counted"],
        ["date", "2024"],
    ]
    assert claim["sources"] == [
        {
            "id": "src-evil",
            "name": HOSTILE["script"],
            "fields": [
                ["id", "src-evil"],
                ["url", "https://evil.example/track.js?<script>alert(6)</script>"],
                ["publisher", HOSTILE["img"]],
                ["published", "2024-11~"],
            ],
        },
        {
            "id": "src-js",
            "name": "A source whose url is javascript",
            "fields": [
                ["id", "src-js"],
                ["url", "javascript:alert(7)"],
                ["publisher", "Other publisher"],
            ],
        },
    ]


def test_relationship_details_name_both_ends_and_their_sources(payload):
    alleges = by_id(payload.data["edges"])["p-hostile|ALLEGES|c-hostile"]["info"]
    assert alleges["fields"] == [
        ["from", HOSTILE["script"]],
        ["to", HOSTILE["img"]],
        ["id", "p-hostile|ALLEGES|c-hostile"],
        ["quote", HOSTILE["breakout"]],
    ]
    assert [s["id"] for s in alleges["sources"]] == ["src-evil"]
    assert alleges["kind"] == "ALLEGES: " + registry().relationships["ALLEGES"].description


def test_search_keys_hold_names_aliases_and_their_foldings(payload):
    keys = by_id(payload.data["nodes"])["p-hostile"]["search"]
    assert "zoe angstrom" in keys  # the alias "Zoë Ångström", accents folded
    assert "p hostile" in keys  # the id
    assert "script alert 1 script" in keys  # the name, as words


def test_a_source_outside_the_view_is_listed_by_id(hostile):
    graph = hostile.to_networkx().subgraph(["c-hostile"]).copy()
    data = build_payload(graph, title="t", registry=registry()).data
    sources = data["nodes"][0]["info"]["sources"]
    assert sources[0] == {
        "id": "src-evil",
        "name": "src-evil",
        "fields": [["note", "no details in this view"]],
    }


def star(leaves: int = 20, isolated: int = 9) -> nx.MultiDiGraph:
    """A hub Location with ``leaves`` neighbours and ``isolated`` lone nodes."""
    graph = nx.MultiDiGraph()
    graph.add_node("hub", label="Location", name="Hub")
    for i in range(leaves):
        graph.add_node(f"leaf{i:02}", label="Location", name=f"Leaf {i}")
        graph.add_edge(f"leaf{i:02}", "hub", key=f"leaf{i:02}|LOCATED_IN|hub", type="LOCATED_IN")
    for i in range(isolated):
        graph.add_node(f"lone{i}", label="Person", name=f"Lone {i}")
    return graph


def test_a_view_above_max_nodes_keeps_the_best_connected_and_says_so():
    got = build_payload(star(), title="t", registry=registry(), max_nodes=10)
    assert sorted(n["id"] for n in got.data["nodes"]) == ["hub"] + [f"leaf{i:02}" for i in range(9)]
    assert (got.nodes, got.edges, got.total_nodes, got.total_edges) == (10, 9, 30, 20)
    assert got.notices == [
        "Showing 10 of 30 nodes: those with the most relationships. "
        "Left out: 20 nodes and 11 relationships.",
        NARROW_HINT,
    ]
    assert got.data["notices"] == got.notices


def test_a_cut_keeps_the_priority_nodes_first():
    priority = ["lone3", "lone1", "hub"]
    got = build_payload(star(), title="t", registry=registry(), max_nodes=4, priority=priority)
    assert sorted(n["id"] for n in got.data["nodes"]) == ["hub", "leaf00", "lone1", "lone3"]
    assert got.notices[0].startswith("Showing 4 of 30 nodes: those nearest the centre of the view.")


def test_above_the_physics_threshold_nodes_get_fixed_positions():
    got = build_payload(star(), title="t", registry=registry(), physics_threshold=29)
    assert got.physics is False and got.data["physics"] is False
    positions = {(n["x"], n["y"]) for n in got.data["nodes"]}
    assert len(positions) == 30  # every node placed, no two on the same spot
    hub = by_id(got.data["nodes"])["hub"]
    assert (hub["x"], hub["y"]) == (0, 0)  # the best-connected node in the middle
    assert all("label" not in e for e in got.data["edges"])
    assert got.notices == [
        "30 nodes is above the 29-node threshold for live layout: physics is off, nodes sit "
        "on a fixed spiral (most connected in the middle) and relationship names are hidden.",
        NARROW_HINT,
    ]


def test_at_the_threshold_physics_stays_on():
    got = build_payload(star(), title="t", registry=registry(), physics_threshold=30)
    assert got.physics is True and got.notices == []
    assert all("x" not in n for n in got.data["nodes"])


def test_size_by_a_measure_scales_between_the_bounds():
    graph = star(leaves=2, isolated=0)
    measure = {"hub": 5.0, "leaf00": 1.0, "leaf01": 3.0}
    nodes = by_id(
        build_payload(graph, title="t", registry=registry(), size_by=measure).data["nodes"]
    )
    assert [nodes[n]["size"] for n in ("leaf00", "leaf01", "hub")] == [10.0, 27.5, 45.0]


def test_mid_sized_views_start_on_the_spiral_and_settle_live():
    got = build_payload(star(leaves=SETTLE_FIRST_LIMIT), title="t", registry=registry())
    assert (got.physics, got.layout, got.notices) == (True, "live", [])
    assert all("x" in n and "y" in n for n in got.data["nodes"])
    small = build_payload(star(leaves=SETTLE_FIRST_LIMIT - 10), title="t", registry=registry())
    assert small.layout == "settle"
