"""The benchmark's anchor (LOAD CSV of the same records) builds the same graph as allegraph.

If it did not, the Neo4j load ratio in docs/benchmarks.md would compare unlike work.
"""

import sys
from pathlib import Path

import pytest

from allegraph import synth
from allegraph.load import load

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from harness import anchor  # noqa: E402


def snapshot(store):
    nodes = [(n.id, n.label, n.props, n.sources) for n in store.nodes()]
    links = [(x.id, x.type, x.src, x.dst, x.props, x.sources) for x in store.links()]
    return nodes, links


def keys(store):
    return store.run("MATCH (n:Entity) RETURN n.id, n._keys ORDER BY n.id").rows


@pytest.mark.neo4j
def test_load_csv_of_the_records_gives_the_graph_allegraph_loads(neo4j_store, tmp_path):
    case = tmp_path / "case.jsonl"
    synth.write_jsonl(case, 600, seed=4)
    assert load(neo4j_store, [case]).rejected == 0
    expected, expected_keys = snapshot(neo4j_store), keys(neo4j_store)
    neo4j_store.clear()
    neo4j_store.init()
    files = anchor.write_csv(case, tmp_path / "csv")
    assert sorted(files) == sorted(
        [f"node:{label}" for label in neo4j_store.registry.labels]
        + [f"rel:{type_}" for type_ in neo4j_store.registry.relationships]
    )
    result = anchor.load_csv(neo4j_store.driver, files, neo4j_store.database)
    assert result["seconds"] > 0
    assert snapshot(neo4j_store) == expected
    assert keys(neo4j_store) == expected_keys
