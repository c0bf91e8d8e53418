"""Views in a real headless Chromium, offline: what renders, what runs, what loads."""

import networkx as nx
import pytest

from allegraph.demo import run_demo
from allegraph.views import render_view, view_selection, whole
from tests.graph.views.hostile_case import HOSTILE

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_view(embedded, tmp_path):
    """The view `allegraph demo` writes of the Baku case."""
    result = run_demo(embedded, tmp_path / "demo")
    return result.outputs["view"], embedded.to_networkx()


def test_the_demo_view_shows_every_node_of_the_case(demo_view, open_view, artifacts):
    path, graph = demo_view
    opened = open_view(path)
    opened.page.screenshot(path=artifacts / "view-baku.png")
    assert opened.shown() == {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    drawn = opened.js("Object.keys(allegraph.network.getPositions()).sort()")
    assert drawn == sorted(graph.nodes)
    assert opened.problems() == []
    assert opened.requests == [opened.url]


def test_the_legend_names_every_label_status_and_type_shown(demo_view, open_view):
    path, graph = demo_view
    opened = open_view(path)
    legend = opened.page.locator("#legend")
    rows = legend.locator("tr").all_inner_texts()
    labels = sorted({label for _, label in graph.nodes(data="label")})
    types = sorted({t for _, _, t in graph.edges(data="type")})
    names = sorted(row.split("\t")[-2].strip() for row in rows)
    statuses = ["retracted", "contested", "disputed", "denied", "corroborated", "single-source"]
    # the one dispute of the example: the outlet (a third party) says the garage
    # video's authentication was not resolved: a rebuttal
    stances = ["rebuttal"]
    assert names == sorted(labels + types + statuses + stances)
    assert legend.locator("h2").all_inner_texts() == [
        "NODES", "CLAIM STATUS (DERIVED)", "RELATIONSHIPS", "DISPUTE STANCE",
    ]  # fmt: skip
    assert legend.locator("svg").count() == len(rows)


def test_hostile_strings_never_run(hostile, open_view, artifacts, tmp_path):
    path = view_selection(whole(hostile, HOSTILE["breakout"])).save(tmp_path / "hostile.html")
    opened = open_view(path)
    page = opened.page
    assert opened.shown() == {"nodes": 8, "edges": 6}
    assert page.title() == HOSTILE["breakout"]
    # Hover every node and relationship end, click each node: tooltips and details
    # show the strings as text and never make elements of them.
    for node_id in opened.js("allegraph.nodes.getIds()"):
        point = opened.node_point(node_id)
        page.mouse.move(point["x"], point["y"])
        page.wait_for_selector("#tooltip:not([hidden])")
        page.mouse.click(point["x"], point["y"])
        heading = page.evaluate("id => allegraph.nodes.get(id).info.heading", node_id)
        assert page.locator("#details h3").text_content() == heading
        assert page.locator("#tooltip h3").text_content() == heading
    tooltip_text = page.locator("#tooltip").text_content()
    assert tooltip_text  # the last hover filled it
    page.screenshot(path=artifacts / "view-hostile.png")
    # The person's details hold the hostile strings as text: name, alias, source.
    point = opened.node_point("p-hostile")
    page.mouse.click(point["x"], point["y"])
    details = page.locator("#details").text_content()
    assert HOSTILE["script"] in details and HOSTILE["img"] in details
    assert "https://evil.example/track.js?<script>alert(6)</script>" in details
    for selector in ("script", "img", "iframe", "a"):
        assert page.locator(f"#page {selector}").count() == 0
    # Search finds the node by its hostile alias and by a folded accent.
    # (the person by its alias, the claim by its text)
    page.fill("#search", "<img src=x")
    assert sorted(page.locator("#search-results button").all_inner_texts()) == sorted(
        [f"{HOSTILE['script']} (Person)", f"{HOSTILE['img']} (Claim)"]
    )
    page.fill("#search", "zoe angstrom")
    page.press("#search", "Enter")
    assert opened.js("allegraph.network.getSelectedNodes()") == ["p-hostile"]
    assert opened.dialogs == []
    assert opened.problems() == []
    assert opened.requests == [opened.url]  # evil.example was never asked for


def test_filters_hide_and_show_labels_and_types(demo_view, open_view):
    path, graph = demo_view
    opened = open_view(path)
    page = opened.page
    claims = {n for n, label in graph.nodes(data="label") if label == "Claim"}
    touching = [1 for u, v in graph.edges() if u in claims or v in claims]
    page.get_by_label("Claim", exact=True).uncheck()
    assert opened.shown() == {
        "nodes": graph.number_of_nodes() - len(claims),
        "edges": graph.number_of_edges() - len(touching),
    }
    alleges = sum(1 for _, _, t in graph.edges(data="type") if t == "ALLEGES")
    page.get_by_label("Claim", exact=True).check()
    page.get_by_label("ALLEGES", exact=True).uncheck()
    assert opened.shown() == {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges() - alleges,
    }
    page.get_by_label("single-source", exact=True).uncheck()
    single = opened.js("allegraph.nodes.get({filter: n => n.status === 'single-source'}).length")
    assert single == 6
    assert opened.shown()["nodes"] == graph.number_of_nodes() - single
    # Searching for a filtered-out node shows it again.
    page.fill("#search", "simulated execution")
    page.press("#search", "Enter")
    assert opened.js("allegraph.network.getSelectedNodes()") == ["c-simulated-execution"]
    assert page.get_by_label("single-source", exact=True).is_checked()
    assert opened.problems() == []


def test_search_finds_by_name_alias_and_other_script(demo_view, open_view):
    opened = open_view(demo_view[0])
    page = opened.page
    for query in ("Москалькова", "tatiana", "TATYANA"):
        page.fill("#search", query)
        assert page.locator("#search-results button").all_inner_texts() == [
            "Tatyana Moskalkova (Person)"
        ], query
    page.fill("#search", "icrc")
    page.locator("#search-results button").first.click()
    assert opened.js("allegraph.network.getSelectedNodes()") == ["icrc"]
    assert page.locator("#details h3").inner_text() == "International Committee of the Red Cross"
    page.fill("#search", "no such thing")
    assert page.locator("#search-results").inner_text() == "No node matches."


def big_graph(nodes: int) -> nx.MultiDiGraph:
    """``nodes`` Person nodes in a ring, each also linked to the first."""
    graph = nx.MultiDiGraph()
    for i in range(nodes):
        graph.add_node(f"n{i}", label="Person", name=f"Person {i}")
    for i in range(1, nodes):
        graph.add_edge(f"n{i}", f"n{(i + 1) % nodes}", key=f"r{i}", type="AFFILIATED_WITH")
        graph.add_edge(f"n{i}", "n0", key=f"h{i}", type="AFFILIATED_WITH")
    return graph


def test_a_large_view_draws_without_physics_and_says_so(open_view, tmp_path, artifacts):
    graph = big_graph(400)
    view = render_view(graph, "large", physics_threshold=300, max_nodes=350)
    opened = open_view(view.save(tmp_path / "large.html"))
    assert opened.shown() == {"nodes": 350, "edges": view.edges}
    assert opened.js("allegraph.network.physics.physicsEnabled") is False
    notices = opened.page.locator(".notice").all_inner_texts()
    assert notices == view.notices and len(notices) == 3
    assert notices[0].startswith("Showing 350 of 400 nodes")
    opened.page.screenshot(path=artifacts / "view-large.png")
    assert opened.problems() == []


def test_a_mid_sized_view_is_usable_at_once_and_then_settles(open_view, tmp_path):
    view = render_view(big_graph(400), "mid")
    assert view.layout == "live" and view.notices == []
    opened = open_view(view.save(tmp_path / "mid.html"))
    assert opened.shown() == {"nodes": 400, "edges": view.edges}
    assert opened.js("allegraph.network.physics.physicsEnabled") is True
    # It stops moving by itself (at the latest when the page stops it).
    opened.page.wait_for_selector("body[data-settled=true]", state="attached", timeout=120_000)
    assert opened.problems() == []


def test_an_empty_view_opens_and_says_why(open_view, tmp_path):
    view = render_view(nx.MultiDiGraph(), "empty")
    opened = open_view(view.save(tmp_path / "empty.html"))
    assert opened.shown() == {"nodes": 0, "edges": 0}
    assert opened.page.locator(".notice").all_inner_texts() == view.notices
    assert opened.problems() == []
