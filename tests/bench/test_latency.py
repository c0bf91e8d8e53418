"""bench/harness/latency.py: every canned query is measured on each store, with the
parameters run_query gives (the policy's too), and both stores answer the same
number of rows for the same parameter sets."""

import sys
from pathlib import Path

import pytest

from allegraph import synth
from allegraph.load import load
from allegraph.queries import queries
from allegraph.stores import open_store

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from harness import latency  # noqa: E402

SIZE = 2000


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("latency") / f"synth-{SIZE}.jsonl"
    synth.write_jsonl(path, SIZE, 0)
    return path


def measured(rows: list[dict]) -> dict[str, dict]:
    return {row["query"]: row for row in rows}


def check_every_query_answered(found: dict[str, dict]) -> None:
    assert set(found) == set(queries())
    for name, row in found.items():
        assert "note" not in row, f"{name}: {row['note']}"
        assert row["samples"] >= 1 and row["p50_ms"] >= 0, name


def test_every_query_is_measured_on_the_embedded_store(case, tmp_path):
    db = str(tmp_path / "case.db")
    store = open_store(db)
    load(store, [case])
    store.close()
    found = measured(latency.embedded_latency(db, SIZE, rounds=1, budget_s=60)["queries"])
    check_every_query_answered(found)
    # the parameter sets name what the synthetic case holds: most queries find rows
    assert found["allegations-by"]["rows_max"] > 0
    assert found["claim-status"]["rows_max"] > 0


@pytest.mark.neo4j
def test_every_query_is_measured_on_neo4j_with_the_rows_of_the_embedded_store(
    case, tmp_path, neo4j_store
):
    load(neo4j_store, [case])
    db = str(tmp_path / "case.db")
    store = open_store(db)
    load(store, [case])
    store.close()
    on_neo4j = measured(
        latency.neo4j_latency(neo4j_store.url, SIZE, rounds=1, budget_s=60)["queries"]
    )
    check_every_query_answered(on_neo4j)
    embedded = measured(latency.embedded_latency(db, SIZE, rounds=1, budget_s=60)["queries"])
    assert {n: r["rows_max"] for n, r in on_neo4j.items()} == {
        n: r["rows_max"] for n, r in embedded.items()
    }
