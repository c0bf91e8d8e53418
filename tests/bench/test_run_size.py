"""bench/run_size.py: one embedded size measured apart goes into a full run's results
in the places bench/run puts it, replacing what that size had."""

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
_spec = importlib.util.spec_from_file_location("run_size", BENCH / "run_size.py")
run_size = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_size)


def results() -> dict:
    return {
        "sections": {
            "embedded_load": {"status": "ok", "runs": [{"records": 10, "seconds": 1}]},
            "queries": {
                "status": "ok",
                "runs": [
                    {"store": "neo4j", "records": 10, "queries": []},
                    {"store": "embedded", "records": 10, "queries": []},
                    {"store": "embedded", "records": 99, "queries": ["old"]},
                ],
            },
            "cli_queries": {"status": "ok", "runs": [{"records": 10, "queries": []}]},
        }
    }


def test_a_size_goes_where_bench_run_puts_it_and_replaces_the_same_size():
    got = {
        "load": {"status": "ok", "runs": [{"records": 99, "seconds": 7}]},
        "queries": {"status": "ok", "queries": ["new"]},
        "cli": {"status": "ok", "queries": ["fresh"]},
    }
    merged = run_size.merge(results(), 99, got)["sections"]
    assert merged["embedded_load"]["runs"] == [
        {"records": 10, "seconds": 1},
        {"records": 99, "seconds": 7},
    ]
    assert merged["queries"]["runs"] == [
        {"store": "embedded", "records": 10, "queries": []},
        {"store": "embedded", "records": 99, "status": "ok", "queries": ["new"]},
        {"store": "neo4j", "records": 10, "queries": []},
    ]
    assert merged["cli_queries"]["runs"] == [
        {"records": 10, "queries": []},
        {"records": 99, "status": "ok", "queries": ["fresh"]},
    ]


def test_a_failed_load_leaves_no_query_rows_of_its_size():
    got = {"load": {"status": "ok", "runs": [{"records": 99, "status": "error", "error": "x"}]}}
    merged = run_size.merge(results(), 99, got)
    assert merged["sections"]["embedded_load"]["runs"][-1]["status"] == "error"
    assert [r["records"] for r in merged["sections"]["queries"]["runs"]] == [10, 10]
    assert merged["notes"] == [
        "99 records measured apart by bench/run_size.py and added to this run"
    ]
