"""Claim status kept as data loads equals the status recomputed from scratch (issue 12).

Random sequences of loads (new claims, sources with a publisher or a reliability
grade that changes, sources DERIVED_FROM others (chains, cycles, one that moves),
SUPPORTS from sources and claims, ALLEGES of supporting claims and counter-claims,
disputes with a stance given or derived, accusations, evidence whose verification
state changes and that SUPPORTS claims (issue 17), and relationships whose id
comes back with other ends, which removes the old one) are loaded batch by batch;
after each load, every claim's kept status and counts equal what allegraph.status
decides from the whole graph, on both stores, and so does the caveat claim-status
gives about its evidence; and the embedded store's read
tables (and its accusation pairs) equal those built anew from its rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegraph.load import load
from allegraph.queries import run_query
from allegraph.status import claim_statuses
from allegraph.stores import open_store
from allegraph.stores.neo4j_status import STATUS_VERSION
from tests.conftest import require_neo4j

CLAIMS = [f"c{i}" for i in range(4)]
SOURCES = [f"s{i}" for i in range(4)]
ACTORS = [f"a{i}" for i in range(3)]
EVIDENCE = ["e0", "e1"]
STATES = [None, "unverified", "unresolved", "authenticated", "disputed", "fabricated"]
PUBLISHERS = [None, "Wire", "Daily"]

GRADES = [None, "A", "E"]  # E does not count toward corroboration (schema/status.yaml)

source = st.builds(
    lambda i, p, g: (
        {"label": "Source", "id": SOURCES[i], "title": f"S{i}"}
        | ({"publisher": p} if p else {})
        | ({"reliability": g} if g else {})
    ),
    st.integers(0, len(SOURCES) - 1),
    st.sampled_from(PUBLISHERS),
    st.sampled_from(GRADES),
)
evidence = st.builds(
    lambda i, state: (
        {"label": "Evidence", "id": EVIDENCE[i], "title": f"E{i}"}
        | ({"verification": state} if state else {})
    ),
    st.integers(0, len(EVIDENCE) - 1),
    st.sampled_from(STATES),
)
claim = st.builds(
    lambda i, srcs: {"label": "Claim", "id": CLAIMS[i], "text": f"claim {i}", "sources": srcs},
    st.integers(0, len(CLAIMS) - 1),
    st.lists(st.sampled_from(SOURCES), min_size=1, max_size=3, unique=True),
)
# a source copies another (chains and cycles included); one with an explicit id moves
derived_from = st.builds(
    lambda a, b, moves: (
        {"type": "DERIVED_FROM", "from": a, "to": b} | ({"id": "the-copy"} if moves else {})
    ),
    st.sampled_from(SOURCES),
    st.sampled_from(SOURCES),
    st.booleans(),
)
link = st.one_of(
    derived_from,
    st.builds(
        lambda a, c: {"type": "ALLEGES", "from": a, "to": c, "sources": ["s0"]},
        st.sampled_from(ACTORS),
        st.sampled_from(CLAIMS),
    ),
    st.builds(
        lambda x, c: {"type": "SUPPORTS", "from": x, "to": c, "sources": ["s0"]},
        st.sampled_from(CLAIMS + SOURCES + EVIDENCE),
        st.sampled_from(CLAIMS),
    ),
    # disputes, their stance given or derived (from who alleges the claim, whom it
    # accuses, and who alleges a counter-claim); one with an explicit id moves
    st.builds(
        lambda c, d, stance, moves: (
            {"type": "DISPUTED_BY", "from": c, "to": d, "sources": ["s0"]}
            | ({"stance": stance} if stance else {})
            | ({"id": "the-dispute"} if moves else {})
        ),
        st.sampled_from(CLAIMS),
        st.sampled_from(ACTORS + CLAIMS),
        st.sampled_from([None, None, "correction", "denial", "retraction"]),
        st.booleans(),
    ),
    # accusations: the stance of disputes, and the mutual pairs the embedded store keeps
    st.builds(
        lambda c, a: {"type": "ACCUSES", "from": c, "to": a},
        st.sampled_from(CLAIMS),
        st.sampled_from(ACTORS),
    ),
    st.builds(
        lambda c, a: {"type": "ACCUSES", "id": "the-accusation", "from": c, "to": a},
        st.sampled_from(CLAIMS),
        st.sampled_from(ACTORS),
    ),
    # one relationship with an explicit id: loading it with other ends moves it
    st.builds(
        lambda a, c: {
            "type": "ALLEGES",
            "id": "the-allegation",
            "from": a,
            "to": c,
            "sources": ["s0"],
        },
        st.sampled_from(ACTORS),
        st.sampled_from(CLAIMS),
    ),
)
batches = st.lists(
    st.lists(st.one_of(source, claim, evidence, link), min_size=1, max_size=6), max_size=8
)

BASE = [
    *({"label": "Source", "id": s, "title": s.upper()} for s in SOURCES),
    *({"label": "Person", "id": a, "name": a.upper()} for a in ACTORS),
    *({"label": "Evidence", "id": e, "title": e.upper()} for e in EVIDENCE),
    *({"label": "Claim", "id": c, "text": f"claim {c}", "sources": ["s0"]} for c in CLAIMS),
]


def kept(store) -> dict[str, tuple]:
    if hasattr(store, "db"):
        from allegraph.stores.embedded_status import kept as rows

        return {c: tuple(r) for c, r in rows(store.db, CLAIMS).items()}
    answer = store.run(
        "MATCH (c:Claim) RETURN c.id, c._status, c._sourceCount, c._independent, c._actors, "
        "c._disputes, c._denials, c._retractions"
    )
    return {row[0]: tuple(row[1:]) for row in answer.rows}


def recomputed(store) -> dict[str, tuple]:
    return {
        c: (s.status, len(s.sources), s.independent_sources, len(s.actors), s.disputes)
        + (s.denials, s.retractions)
        for c, s in claim_statuses(store.to_networkx()).items()
    }


def caveats(store) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """``claim -> caveat`` as claim-status gives it, and as allegraph.status decides it."""
    from allegraph.queries import run_query

    given = {row[0]: row[-1] for row in run_query(store, "claim-status", {}).rows}
    decided = {c: s.caveat for c, s in claim_statuses(store.to_networkx()).items()}
    return given, decided


def explained(store) -> dict[str, tuple]:
    """``claim -> (status, independent sources)`` as ``claim-explain`` tells them."""
    from allegraph.explain import explain

    found = {}
    for claim in CLAIMS:
        [trail] = explain(store, claim)
        found[claim] = (trail.status, trail.counts["independent_sources"])
    return found


READ_TABLES = {
    "sourced": "SELECT DISTINCT source, kind, item FROM sourced",
    "dated": "SELECT * FROM dated",
    # each key of a node with the label kept for it, merged or waiting (a node's keys
    # share one full-text row, in the order they came)
    "names_fts": "WITH RECURSIVE k(node, label, key, rest) AS ("
    "SELECT d.node_id, d.label, '', f.keys || ' | ' FROM names_fts f "
    "JOIN name_docs d ON d.doc = f.rowid "
    "UNION ALL SELECT node, label, substr(rest, 1, instr(rest, ' | ') - 1), "
    "substr(rest, instr(rest, ' | ') + 3) FROM k WHERE rest <> '') "
    "SELECT key, node, label FROM k WHERE key <> '' "
    "UNION ALL SELECT w.key, w.node_id, n.label FROM names_new w JOIN nodes n ON n.id = w.node_id",
    "accusations": "SELECT * FROM accusations",
    "mutual": "SELECT * FROM mutual",
}


def read_tables(db) -> dict[str, list]:
    return {name: sorted(db.execute(sql).fetchall()) for name, sql in READ_TABLES.items()}


def rebuilt_read_tables(db) -> dict[str, list]:
    """The embedded store's read tables built anew from its rows (then put back)."""
    from allegraph.stores.embedded_read import rebuild_read_tables

    db.execute("SAVEPOINT rebuild")
    try:
        rebuild_read_tables(db)
        return read_tables(db)
    finally:
        db.execute("ROLLBACK TO rebuild")
        db.execute("RELEASE rebuild")


def play(store, steps: list[list[dict]], folder: Path) -> None:
    path = folder / "batch.jsonl"
    for records in [BASE, *steps]:
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
        report = load(store, [path], batch_size=2)
        assert report.rejected == 0  # every step changes the graph as meant
        assert kept(store) == recomputed(store)
        given, decided = caveats(store)
        assert given == decided
        assert explained(store) == {c: k[:1] + k[2:3] for c, k in kept(store).items()}
        if hasattr(store, "db"):  # what the write path keeps = what a rebuild makes
            assert read_tables(store.db) == rebuilt_read_tables(store.db)


SETTINGS = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@settings(max_examples=250, **SETTINGS)
@given(steps=batches)
def test_kept_status_equals_recomputed_status_embedded(steps, tmp_path_factory):
    folder = tmp_path_factory.mktemp("status")
    store = open_store(str(folder / "case.db"))
    store.init()
    try:
        play(store, steps, folder)
    finally:
        store.close()


@pytest.mark.neo4j
@settings(max_examples=12, **SETTINGS)
@given(steps=batches)
def test_kept_status_equals_recomputed_status_neo4j(steps, tmp_path_factory):
    store = open_store(require_neo4j())
    store.clear()
    store.init()
    try:
        play(store, steps, tmp_path_factory.mktemp("status"))
    finally:
        store.close()


def test_a_store_without_kept_status_says_so_and_reindex_fixes_it(tmp_path):
    store = open_store(str(tmp_path / "old.db"))
    store.init()
    path = tmp_path / "case.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in BASE))
    load(store, [path])
    # as an allegraph that kept no status left it
    store.db.execute("DELETE FROM claim_status")
    store.db.execute("DELETE FROM meta WHERE key = 'claim-status'")
    assert store.status_outdated()
    assert store.reindex() == len(CLAIMS)
    assert not store.status_outdated()
    assert kept(store) == recomputed(store)
    store.close()


def test_a_store_with_the_read_triggers_of_an_earlier_version_loses_them(tmp_path):
    """Read schema 2 kept the read tables by triggers on nodes and links; the write
    path keeps them now, and the triggers would write every entry twice."""
    path = tmp_path / "case.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in BASE))
    store = open_store(str(tmp_path / "old.db"))
    store.init()
    load(store, [path])
    store.db.execute(
        "CREATE TRIGGER read_nodes_insert AFTER INSERT ON nodes BEGIN "
        "INSERT INTO sourced_new SELECT value, 0, new.id FROM json_each(new.sources); END"
    )
    store.db.execute("UPDATE meta SET value = '2' WHERE key = 'read-schema'")
    store.close()
    store = open_store(str(tmp_path / "old.db"))
    triggers = store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('nodes', 'links')"
    ).fetchall()
    assert triggers == []
    assert read_tables(store.db) == rebuilt_read_tables(store.db)
    assert read_tables(store.db)["sourced"] == [("s0", 0, c) for c in CLAIMS]
    store.close()


def test_reindex_rebuilds_read_tables_another_program_left_stale(tmp_path):
    path = tmp_path / "case.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in BASE))
    store = open_store(str(tmp_path / "case.db"))
    store.init()
    load(store, [path])
    before = read_tables(store.db)
    store.db.execute("DELETE FROM sourced_merged")
    store.db.execute("DELETE FROM dated")
    assert read_tables(store.db) != before
    store.reindex()
    assert read_tables(store.db) == before
    store.close()


def test_mutual_pairs_follow_an_accusation_that_moves(tmp_path):
    from allegraph.queries import run_query

    store = open_store(str(tmp_path / "case.db"))
    store.init()
    mutual = [
        {"type": "ALLEGES", "from": "a0", "to": "c0", "sources": ["s0"]},
        {"type": "ACCUSES", "id": "the-accusation", "from": "c0", "to": "a1"},
        {"type": "ALLEGES", "from": "a1", "to": "c1", "sources": ["s0"]},
        {"type": "ACCUSES", "from": "c1", "to": "a0"},
    ]
    moved = [{"type": "ACCUSES", "id": "the-accusation", "from": "c0", "to": "a2"}]
    play(store, [mutual], tmp_path)
    assert run_query(store, "mutual-accusations", {}).rows == [["a0", "a1", ["c0"], ["c1"]]]
    play(store, [moved], tmp_path)
    assert run_query(store, "mutual-accusations", {}).rows == []
    assert read_tables(store.db)["accusations"] == [("a0", "a2", "c0"), ("a1", "a0", "c1")]
    store.close()


def test_status_kept_under_another_policy_says_reindex(store, tmp_path):
    """The kept status follows schema/status.yaml: a store kept under another policy
    (or by the rule before issue 14) says so, and reindex fixes it."""
    path = tmp_path / "case.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in BASE))
    load(store, [path])
    assert not store.status_outdated()
    if hasattr(store, "db"):
        store.db.execute("UPDATE meta SET value = '1' WHERE key = 'claim-status'")
    else:
        store.run(
            "MATCH (m:AllegraphMeta {id: 'claim-status'}) SET m.policy = 'counted=A'", write=True
        )
    assert store.status_outdated()
    store.reindex()
    assert not store.status_outdated()


@pytest.mark.neo4j
def test_a_neo4j_store_without_timeline_places_says_so_and_reindex_fixes_it(tmp_path):
    """Events and claims written before Neo4j kept their timeline place (``_order``):
    the store says reindex is needed, and after it the timeline answers as the embedded
    store does (undated and open-start items included)."""
    fixture = Path(__file__).parents[2] / "queries" / "fixtures" / "conflict.jsonl"
    asked = [{"limit": 200}, {"limit": 3}, {"actor": "o-north", "limit": 4}]
    embedded = open_store(str(tmp_path / "case.db"))
    embedded.init()
    load(embedded, [fixture])
    expected = [run_query(embedded, "timeline", params).rows for params in asked]
    embedded.close()
    store = open_store(require_neo4j())
    store.clear()
    store.init()
    try:
        load(store, [fixture])
        assert [run_query(store, "timeline", params).rows for params in asked] == expected
        # as the version before left it
        store.run("MATCH (n:Event|Claim) REMOVE n._order", write=True)
        store.run(
            "MATCH (m:AllegraphMeta {id: 'claim-status'}) SET m.version = $before",
            {"before": STATUS_VERSION - 1},
            write=True,
        )
        assert store.status_outdated()
        assert [run_query(store, "timeline", params).rows for params in asked] != expected
        store.reindex()
        assert not store.status_outdated()
        assert [run_query(store, "timeline", params).rows for params in asked] == expected
    finally:
        store.close()
