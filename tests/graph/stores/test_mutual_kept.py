"""The accusation pairs the Neo4j store keeps as data loads (``_mutual``, read by
mutual-accusations) equal the pairs recomputed from the whole graph, after the
random sequences of loads of test_status_kept (new ALLEGES and ACCUSES, and
relationships whose id comes back with other ends, which removes the old one).
``reindex`` rebuilds them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from allegraph.load import load
from allegraph.stores import open_store
from tests.conftest import require_neo4j
from tests.graph.stores.test_status_kept import BASE, batches  # the same random loads

pytestmark = pytest.mark.neo4j


def kept(store) -> dict[str, list[str]]:
    rows = store.run(
        "MATCH (x:Person) WHERE x._mutual IS NOT NULL "
        "RETURN x.id, x._mutual, x._mutualCount ORDER BY x.id"
    ).rows
    assert all(len(pairs) == count for _, pairs, count in rows)
    return {x: pairs for x, pairs, _ in rows}


def recomputed(store) -> dict[str, list[str]]:
    alleges = {(lk.src, lk.dst) for lk in store.links("ALLEGES")}
    accuses = {(lk.src, lk.dst) for lk in store.links("ACCUSES")}
    accused = {(a, y) for a, c in alleges for c2, y in accuses if c == c2 and a != y}
    out: dict[str, list[str]] = {}
    for x, y in sorted(accused):
        if (y, x) in accused:
            out.setdefault(x, []).append(y)
    return out


SETTINGS = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@settings(max_examples=10, **SETTINGS)
@given(steps=batches)
def test_kept_accusation_pairs_equal_recomputed_pairs(steps, tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("mutual")
    store = open_store(require_neo4j())
    store.clear()
    store.init()
    try:
        path = folder / "batch.jsonl"
        for records in [BASE, *steps]:
            path.write_text("".join(json.dumps(r) + "\n" for r in records))
            assert load(store, [path], batch_size=2).rejected == 0
            assert kept(store) == recomputed(store)
        # reindex rebuilds them from nothing
        store.run("MATCH (x:Person) REMOVE x._mutual, x._mutualCount", write=True)
        store.reindex()
        assert kept(store) == recomputed(store)
        assert not store.status_outdated()
    finally:
        store.close()
