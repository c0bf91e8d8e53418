"""The shared store suite: every test runs against each store (embedded, Neo4j).

Contract: `write` is only given links whose endpoints exist (the load pipeline
guarantees it), so the tests write nodes first.
"""

from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.model import Entity, Link
from allegraph.stores import Run


def person(ident, **props):
    return Entity("Person", ident, {"name": ident.title(), **props}, ["s1"])


def source(ident, **props):
    return Entity("Source", ident, {"title": ident, **props}, [])


def test_write_then_read_back(store):
    org = Entity("Organization", "org", {"name": "Org"}, ["s1"])
    store.write(
        [source("s1"), person("ana", aliases=["Anna"]), org],
        [Link("AFFILIATED_WITH", "ana", "org", {"role": "chair"}, ["s1"])],
        "run-1",
        "2026-01-01T00:00:00Z",
    )
    ana = next(n for n in store.nodes("Person"))
    assert (ana.id, ana.props, ana.sources) == ("ana", {"name": "Ana", "aliases": ["Anna"]}, ["s1"])
    assert (ana.first_seen, ana.last_seen, ana.load_run) == (
        "2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z",
        "run-1",
    )
    (link,) = list(store.links())
    assert (link.type, link.src, link.dst, link.props) == (
        "AFFILIATED_WITH",
        "ana",
        "org",
        {"role": "chair"},
    )
    assert store.get_node("ana").props["name"] == "Ana"
    assert store.get_node("nobody") is None


def test_upsert_merges_properties_and_accumulates_sources(store):
    store.write(
        [source("s1"), source("s2"), person("ana", aliases=["Anna"], country="RU")],
        [],
        "run-1",
        "2026-01-01T00:00:00Z",
    )
    again = Entity("Person", "ana", {"name": "Ana B.", "aliases": ["Ana"]}, ["s2"])
    store.write([again], [], "run-2", "2026-02-01T00:00:00Z")
    ana = store.get_node("ana")
    assert ana.props == {"name": "Ana B.", "aliases": ["Anna", "Ana"], "country": "RU"}
    assert ana.sources == ["s1", "s2"]
    assert ana.first_seen == "2026-01-01T00:00:00Z"
    assert ana.last_seen == "2026-02-01T00:00:00Z"
    assert ana.load_run == "run-2"


def test_link_upsert_merges_too(store):
    claim = Entity("Claim", "c", {"text": "X"}, ["s1"])
    store.write(
        [source("s1"), source("s2"), person("ana"), claim],
        [Link("ALLEGES", "ana", "c", {}, ["s1"])],
        "r",
        "2026-01-01T00:00:00Z",
    )
    store.write(
        [], [Link("ALLEGES", "ana", "c", {"quote": "q"}, ["s2"])], "r2", "2026-01-02T00:00:00Z"
    )
    (link,) = list(store.links("ALLEGES"))
    assert link.props == {"quote": "q"}
    assert link.sources == ["s1", "s2"]
    assert link.first_seen == "2026-01-01T00:00:00Z"


def test_counts_cover_every_schema_name(store):
    counts = store.counts()
    assert set(counts["nodes"]) == set(store.registry.labels)
    assert set(counts["relationships"]) == set(store.registry.relationships)
    assert sum(counts["nodes"].values()) == 0
    store.write([source("s1"), person("ana"), person("bo")], [], "r", "2026-01-01T00:00:00Z")
    assert store.counts()["nodes"]["Person"] == 2
    assert store.counts()["nodes"]["Source"] == 1


def test_labels_of_and_resolve(store):
    store.write(
        [source("s1"), person("roe", aliases=["Джейн Роу", "JR"])], [], "r", "2026-01-01T00:00:00Z"
    )
    assert store.labels_of(["roe", "s1", "nobody"]) == {"roe": "Person", "s1": "Source"}
    assert store.resolve("roe") == ["roe"]
    assert store.resolve("  ROE ") == ["roe"]  # the name "Roe"
    assert store.resolve("джейн роу") == ["roe"]
    assert store.resolve("jr", ["Person"]) == ["roe"]
    assert store.resolve("jr", ["Organization"]) == []
    assert store.resolve("nobody") == []


def test_runs_are_recorded(store):
    run = Run("run-1", "in.jsonl", "ab" * 32, "jsonl", "2026-01-01T00:00:00Z")
    store.start_run(run)
    assert [r.status for r in store.runs()] == ["running"]
    run.read, run.loaded, run.rejected, run.status = 5, 4, 1, "done"
    run.ended = "2026-01-01T00:01:00Z"
    store.finish_run(run)
    (got,) = store.runs()
    assert got.as_dict() == run.as_dict()


def test_the_baku_case_loads_identically_twice(store):
    first = load(store, baku_files())
    assert first.rejected == 0
    counts = store.counts()
    nodes = {n.id: (n.to_record(), n.first_seen) for n in store.nodes()}
    second = load(store, baku_files())
    assert second.rejected == 0 and second.loaded == first.loaded
    assert store.counts() == counts
    assert {n.id: (n.to_record(), n.first_seen) for n in store.nodes()} == nodes
    assert len(store.runs()) == 4


def test_to_networkx(store):
    load(store, baku_files())
    graph = store.to_networkx()
    counts = store.counts()
    assert graph.number_of_nodes() == sum(counts["nodes"].values())
    assert graph.number_of_edges() == sum(counts["relationships"].values())
    assert graph.nodes["moskalkova"]["label"] == "Person"
    assert graph.nodes["moskalkova"]["sources"] == ["art-1"]
    edge = graph.edges[
        "moskalkova", "c-simulated-execution", "moskalkova|ALLEGES|c-simulated-execution"
    ]
    assert edge["type"] == "ALLEGES" and edge["quote"].startswith("The soldiers who have returned")
    sub = store.to_networkx(["moskalkova", "c-pow-torture", "afu"])
    assert sorted(sub.edges(keys=True)) == [
        ("c-pow-torture", "afu", "c-pow-torture|ACCUSES|afu"),
        ("moskalkova", "c-pow-torture", "moskalkova|ALLEGES|c-pow-torture"),
    ]
