"""The Neo4j store against a real server: parity with the embedded store, safety, errors."""

from __future__ import annotations

import json

import pytest

from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.model import Entity, Link
from allegraph.stores import StoreError, open_store
from allegraph.stores import neo4j as neo4j_module
from allegraph.stores.neo4j import NAMES_INDEX, SEARCH_INDEX, Neo4jStore
from tests.conftest import require_neo4j

pytestmark = pytest.mark.neo4j

T0, T1 = "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"
INJECTIONS = ['x"}) DETACH DELETE n //', "' OR 1=1 --"]


def snapshot(store):
    """Every node and link, in the store's order, with properties, sources and label."""
    nodes = [(n.label, n.to_record(), n.sources) for n in store.nodes()]
    links = [(link.id, link.to_record(), link.sources) for link in store.links()]
    return nodes, links


def both(embedded, neo4j_store, *writes):
    """Apply the same writes to both stores; their snapshots and counts must agree."""
    for entities, links, run, now in writes:
        embedded.write(entities, links, run, now)
        neo4j_store.write(entities, links, run, now)
    assert neo4j_store.counts() == embedded.counts()
    assert snapshot(neo4j_store) == snapshot(embedded)


def src(ident):
    return Entity("Source", ident, {"title": f"Title {ident}"}, [])


def test_baku_is_identical_in_both_stores(embedded, neo4j_store):
    for store in (embedded, neo4j_store):
        report = load(store, baku_files())
        assert (report.read, report.rejected) == (report.loaded, 0)
    counts = neo4j_store.counts()
    assert counts == embedded.counts()
    assert counts["nodes"]["Claim"] == 7 and counts["relationships"]["ALLEGES"] > 0
    nodes, links = snapshot(neo4j_store)
    want_nodes, want_links = snapshot(embedded)
    assert len(nodes) == sum(counts["nodes"].values())
    for got, want in zip(nodes, want_nodes, strict=True):  # record by record
        assert got == want
    for got, want in zip(links, want_links, strict=True):
        assert got == want
    # bookkeeping lives in the Entity fields, never in the properties
    node = neo4j_store.get_node("moskalkova")
    assert node.load_run and node.first_seen and node.last_seen
    assert not {"firstSeen", "lastSeen", "loadRun", "_keys", "sources", "id"} & set(node.props)


def test_loading_twice_changes_nothing_but_last_seen(neo4j_store):
    load(neo4j_store, baku_files())
    counts, records = neo4j_store.counts(), snapshot(neo4j_store)
    first_seen = {n.id: n.first_seen for n in neo4j_store.nodes()}
    load(neo4j_store, baku_files())
    assert neo4j_store.counts() == counts
    assert snapshot(neo4j_store) == records
    assert {n.id: n.first_seen for n in neo4j_store.nodes()} == first_seen
    assert len(neo4j_store.runs()) == 4
    assert sum(neo4j_store.counts()["nodes"].values()) == len(first_seen)  # runs not counted


@pytest.mark.parametrize("name", INJECTIONS)
def test_a_name_that_looks_like_cypher_is_only_a_name(neo4j_store, tmp_path, name):
    load(neo4j_store, baku_files())
    counts, (nodes, links) = neo4j_store.counts(), snapshot(neo4j_store)
    path = tmp_path / "odd.jsonl"
    records = [
        {"label": "Person", "name": name, "aliases": [name], "sources": ["art-1"]},
        {"label": "Person", "id": name, "name": name},
        {"type": "ALLEGES", "from": name, "to": "c-pow-torture", "quote": name, "sources": [name]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records[:2]) + "\n")
    report = load(neo4j_store, [path])
    assert (report.loaded, report.rejected) == (2, 0)
    derived = next(n for n in neo4j_store.nodes("Person") if n.id.startswith("person:"))
    assert derived.props == {"name": name, "aliases": [name]}
    assert neo4j_store.get_node(name).props == {"name": name}
    assert neo4j_store.resolve(name) == [name]  # by id first, like the embedded store
    assert neo4j_store.resolve(name.upper() + " ") == sorted([derived.id, name])
    after = neo4j_store.counts()
    assert after["nodes"]["Person"] == counts["nodes"]["Person"] + 2
    after["nodes"]["Person"] -= 2
    assert after == counts
    new_nodes, new_links = snapshot(neo4j_store)
    assert [n for n in new_nodes if n[1]["id"] not in (derived.id, name)] == nodes
    assert new_links == links
    # a link whose source id is such a string is rejected (not a Source), nothing else moves
    path.write_text(json.dumps(records[2]) + "\n")
    assert load(neo4j_store, [path]).rejected == 1
    assert snapshot(neo4j_store) == (new_nodes, new_links)


def test_merge_semantics_match_the_embedded_store(embedded, neo4j_store):
    ana = Entity("Person", "ana", {"name": "Ana", "aliases": ["Anna"], "country": "RU"}, ["s1"])
    later = Entity("Person", "ana", {"name": "Ana B.", "aliases": ["Ana", "Anna"]}, ["s2", "s1"])
    org = Entity("Organization", "org", {"name": "Org", "externalIds": ["q1"]}, ["s1"])
    org2 = Entity("Organization", "org", {"externalIds": ["q2"], "kind": "ngo"}, [])
    claim = Entity("Claim", "c", {"text": "X happened", "date": "2024-11~"}, ["s1"])
    both(
        embedded,
        neo4j_store,
        ([src("s1"), src("s2"), ana, org, claim], [], "r1", T0),
        # the same id twice in one batch merges like two batches
        ([later, org2, org2], [Link("ALLEGES", "ana", "c", {"date": "2024"}, ["s1"])], "r2", T1),
        ([], [Link("ALLEGES", "ana", "c", {"quote": "q"}, ["s2"])], "r3", T1),
        # an explicit link id, then the same id between other nodes: the link moves
        ([], [Link("ALLEGES", "ana", "c", {"quote": "1"}, ["s1"], id="a-1")], "r4", T0),
        ([], [Link("ALLEGES", "org", "c", {"date": "2025"}, ["s2"], id="a-1")], "r5", T1),
    )
    node = neo4j_store.get_node("ana")
    assert node.props == {"name": "Ana B.", "aliases": ["Anna", "Ana"], "country": "RU"}
    assert (node.sources, node.first_seen, node.last_seen, node.load_run) == (
        ["s1", "s2"],
        T0,
        T1,
        "r2",
    )
    assert neo4j_store.get_node("org").props["externalIds"] == ["q1", "q2"]
    moved = next(link for link in neo4j_store.links("ALLEGES") if link.id == "a-1")
    assert (moved.src, moved.props["quote"], moved.props["date"]) == ("org", "1", "2025")
    assert (moved.sources, moved.first_seen) == (["s1", "s2"], T0)


def test_resolve_matches_names_and_aliases_like_embedded(embedded, neo4j_store):
    for store in (embedded, neo4j_store):
        load(store, baku_files())
    names = ["Tatiana Moskalkova", "МОСКАЛЬКОВА", "moskalkova", "Russian ombudsman", "ICRC"]
    names += ["art-1", "Baku", "nobody at all", "!!!", ""]
    for name in names:
        for labels in (None, ["Person"], ["Organization", "Location"]):
            assert neo4j_store.resolve(name, labels) == embedded.resolve(name, labels), name
    assert neo4j_store.resolve("Татьяна Москалькова") == ["moskalkova"]


def test_reading_in_pages_keeps_the_order(embedded, neo4j_store, monkeypatch):
    monkeypatch.setattr(neo4j_module, "READ_PAGE", 3)
    people = [Entity("Person", f"p{i:02d}", {"name": f"P {i}"}, ["s1"]) for i in range(11)]
    links = [Link("WITNESSED", p.id, "ev", {}, []) for p in people]
    links += [Link("PARTICIPATED_IN", p.id, "ev", {"role": "x"}, []) for p in people[:5]]
    event = Entity("Event", "ev", {"name": "E"}, [])
    both(embedded, neo4j_store, ([src("s1"), event, *people], links, "r", T0))
    assert [n.id for n in neo4j_store.nodes("Person")] == [p.id for p in people]
    assert len(list(neo4j_store.links("WITNESSED"))) == 11


def test_a_failed_batch_leaves_nothing_written(neo4j_store):
    neo4j_store.write([src("s1")], [], "r1", T0)
    before = snapshot(neo4j_store)
    ghost = Link("ALLEGES", "ana", "nobody", {}, ["s1"])
    ana = Entity("Person", "ana", {"name": "Ana"}, ["s1"])
    with pytest.raises(StoreError, match="nothing of this batch was written"):
        neo4j_store.write([ana, src("s2")], [ghost], "r2", T1)
    assert snapshot(neo4j_store) == before
    assert neo4j_store.get_node("ana") is None


def test_unknown_names_are_never_put_into_cypher(neo4j_store):
    neo4j_store.write([src("s1")], [], "r", T0)
    assert list(neo4j_store.nodes("Source) DETACH DELETE n //")) == []
    assert list(neo4j_store.links("ALLEGES]->() DELETE r //")) == []
    with pytest.raises(StoreError, match="unknown label"):
        neo4j_store.write([Entity("Person`) DELETE n //", "x", {}, [])], [], "r", T0)
    assert neo4j_store.counts()["nodes"]["Source"] == 1


def test_init_creates_the_schema_idempotently(neo4j_store):
    neo4j_store.init()  # the fixture ran it once already
    rows = neo4j_store.run("SHOW CONSTRAINTS YIELD name RETURN name").rows
    constraints = {r[0] for r in rows}
    registry = neo4j_store.registry
    want = {f"allegraph_{n.lower()}_id" for n in [*registry.labels, *registry.relationships]}
    assert want | {"allegraph_entity_id", "allegraph_loadrun_id"} <= constraints
    rows = neo4j_store.run("SHOW INDEXES YIELD name, type, state RETURN name, type, state").rows
    indexes = {name: (kind, state) for name, kind, state in rows}
    assert indexes[SEARCH_INDEX] == ("FULLTEXT", "ONLINE")
    assert indexes[NAMES_INDEX] == ("FULLTEXT", "ONLINE")
    assert indexes["allegraph_claim_text"] == ("TEXT", "ONLINE")
    assert indexes["allegraph_event_earliest"] == ("RANGE", "ONLINE")
    assert indexes["allegraph_alleges_latest"] == ("RANGE", "ONLINE")
    assert len(neo4j_store.schema_statements()) == len(
        [n for n in indexes if n.startswith("allegraph_")]
    )


def test_init_makes_again_a_full_text_index_made_for_an_earlier_model(neo4j_store):
    """A store made before the Evidence label had its word index without it: init makes
    the index again, and search finds evidence by its title."""
    from allegraph.queries import run_query
    from allegraph.stores.neo4j import WORDS_INDEX

    earlier = "|".join(label for label in neo4j_store.registry.labels if label != "Evidence")
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        session.run(f"DROP INDEX {WORDS_INDEX}").consume()
        session.run(
            f"CREATE FULLTEXT INDEX {WORDS_INDEX} FOR (n:{earlier}) ON EACH [n._keys] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}"
        ).consume()
    neo4j_store.init()
    rows = neo4j_store.run(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties "
        "RETURN name, labelsOrTypes, properties"
    ).rows
    found = {name: (on, props) for name, on, props in rows}
    assert found == {
        name: (on, props) for name, (on, props) in neo4j_store.fulltext_indexes().items()
    }
    assert "Evidence" in found[WORDS_INDEX][0]
    load(neo4j_store, baku_files())
    hits = run_query(neo4j_store, "search", {"text": "kursk"}).rows
    assert ["footage-kursk", "Evidence"] in [row[:2] for row in hits]


def test_full_text_index_finds_names_aliases_and_claim_texts(neo4j_store):
    load(neo4j_store, baku_files())
    query = (
        "CALL db.index.fulltext.queryNodes($index, $q) YIELD node RETURN node.id ORDER BY node.id"
    )
    rows = neo4j_store.run(query, {"index": SEARCH_INDEX, "q": "Tatiana"}).rows
    assert [r[0] for r in rows] == ["moskalkova"]
    rows = neo4j_store.run(query, {"index": SEARCH_INDEX, "q": "garage"}).rows
    assert "video-garage" in [r[0] for r in rows]


def test_clear_removes_nodes_links_and_runs(neo4j_store):
    load(neo4j_store, baku_files())
    neo4j_store.clear()
    assert neo4j_store.counts() == neo4j_store.empty_counts()
    assert neo4j_store.runs() == [] and list(neo4j_store.nodes()) == []


def _one_line(exc: StoreError, password: str) -> str:
    text = str(exc)
    assert "\n" not in text and password not in text
    return text


def test_wrong_password_is_one_line_without_the_password(monkeypatch):
    uri = require_neo4j()
    monkeypatch.delenv("NEO4J_AUTH", raising=False)
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-Secret-42")
    with pytest.raises(StoreError) as caught:
        open_store(uri)
    text = _one_line(caught.value, "not-the-Secret-42")
    assert text.startswith(f"Neo4j at {uri} refused the login of user ")
    assert "check NEO4J_USER and NEO4J_PASSWORD" in text


def test_unreachable_server_is_one_line(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "some-Secret-42")
    with pytest.raises(StoreError) as caught:
        open_store("bolt://127.0.0.1:1")
    text = _one_line(caught.value, "some-Secret-42")
    assert text == (
        "cannot reach Neo4j at bolt://127.0.0.1:1: check that the server is running "
        "and that the host and port in the store URL are right"
    )


def test_wrong_database_is_one_line(monkeypatch):
    uri = require_neo4j()
    monkeypatch.setenv("NEO4J_DATABASE", "nosuchdb")
    with pytest.raises(StoreError) as caught:
        open_store(uri)
    assert "has no database 'nosuchdb': check NEO4J_DATABASE" in _one_line(
        caught.value, "allegraph"
    )


def test_credentials_from_neo4j_auth_and_never_in_the_url(monkeypatch):
    uri = require_neo4j()
    user, password = "neo4j", neo4j_module.credentials()[1]
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.setenv("NEO4J_AUTH", f"{user}/{password}")
    with open_store(uri) as store:
        assert isinstance(store, Neo4jStore) and store.url == uri
        assert store.counts() is not None
    with pytest.raises(StoreError) as caught:
        open_store(uri.replace("://", f"://{user}:{password}@"))
    assert "NEO4J_PASSWORD" in _one_line(caught.value, password)
