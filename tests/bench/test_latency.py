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


def test_the_warm_up_round_is_reported_apart_from_the_percentiles(monkeypatch):
    """The first call, then every parameter set once (the warm-up round), then the timed
    rounds: a call's time is the clock's advance, known for each call."""
    sets = [{"n": 1}, {"n": 2}, {"n": 3}, {"n": 4}]
    # seconds of each call, in the order made: the first call, the warm-up round, 5 rounds
    took = [9.0, 5.0, 7.0, 6.0, 4.0] + [0.01 * (i + 1) for i in range(20)]
    clock = {"now": 0.0, "calls": 0}

    def perf_counter() -> float:
        return clock["now"]

    def call(params: dict) -> int:
        clock["now"] += took[clock["calls"]]
        clock["calls"] += 1
        return params["n"] * 10

    monkeypatch.setattr(latency.time, "perf_counter", perf_counter)
    first, warmup, samples, rows = latency._measure("q", sets, call, 5, budget_s=1000)
    assert first == 9.0
    assert warmup == [5.0, 7.0, 6.0, 4.0]
    assert samples == pytest.approx([0.01 * (i + 1) for i in range(20)])
    assert rows == [10, 20, 30, 40]
    row = latency._summary("q", first, samples, len(sets), rows, warmup=warmup)
    assert (row["first_ms"], row["warmup_max_ms"]) == (9000.0, 7000.0)
    assert (row["p50_ms"], row["p95_ms"], row["samples"]) == (100.0, 190.0, 20)


def test_percentiles_keep_tens_of_microseconds():
    """At 10k records a query takes a tenth of a millisecond: 0.14 ms and 0.26 ms must
    not both read as a step of 0.1 ms (the growth ratios are taken from them)."""
    samples = [0.00014] * 10 + [0.00026] * 10
    row = latency._summary("q", 0.001, samples, 1, [5])
    assert (row["p50_ms"], row["p95_ms"], row["mean_ms"]) == (0.14, 0.26, 0.2)
