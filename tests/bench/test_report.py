"""docs/benchmarks.md from a hand-made results file: the figures, ratios and verdicts it
must show (issue 12's targets), whatever a real run measures."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from harness import report  # noqa: E402

MACHINE = {
    "cpu": "Intel(R) Xeon(R) Processor",
    "cores": 2,
    "memory_gib": 23.5,
    "os": "Linux",
    "python": "3.11.7",
    "sqlite": "3.40.1",
    "neo4j_driver": "6.4.1",
    "neo4j_rust_ext": None,
    "allegraph": "0.1.0",
    "allegraph_git": "abc",
}


def in_process(store, records, figures, rows=None):
    """A run of the in-process latency: figures = {query: (p50, p95)}."""
    return {
        "status": "ok",
        "store": store,
        "records": records,
        "queries": [
            {
                "query": q,
                "first_ms": p95,
                "p50_ms": p50,
                "p95_ms": p95,
                **({"rows_max": rows[q]} if rows else {}),
            }
            for q, (p50, p95) in figures.items()
        ],
    }


def fresh(records, figures, view_max_ms=2500.0):
    """A run of the fresh-process queries: figures = {query: (median, max, peak MiB)}."""
    return {
        "status": "ok",
        "records": records,
        "cli": "allegraph",
        "anchors": {
            "python -c pass": {"runs": 4, "median_ms": 50.0, "max_ms": 60.0, "peak_rss_mib": 13},
            "allegraph --help": {"runs": 4, "median_ms": 150.0, "max_ms": 170.0},
        },
        "queries": [
            {
                "query": q,
                "runs": 8,
                "median_ms": median,
                "max_ms": most,
                "peak_rss_mib": peak,
                "x_anchor": median / 50.0,
            }
            for q, (median, most, peak) in figures.items()
        ],
        "view": {
            "actor": "person-0",
            "depth": 2,
            "runs": 3,
            "median_ms": view_max_ms - 100,
            "max_ms": view_max_ms,
            "peak_rss_mib": 140.0,
        },
    }


def results(
    started="2026-12-01T10:00:00+00:00", machine=MACHINE, loads=None, neo4j=None, floors=None
):
    """A full run: embedded loads {records: records/s}, the SQLite floor beside them
    {records: records/s}, Neo4j loads {records: records/s}."""
    loads = loads or {10_000: 20_000, 1_000_000: 16_000}
    floors = floors or {}
    return {
        "quick": False,
        "started": started,
        "duration_s": 3600,
        "machine": machine,
        "neo4j": None,
        "load_average": {"start": [1.0], "end": [1.0]},
        "sections": {
            "embedded_load": {
                "status": "ok",
                "runs": [
                    {
                        "records": n,
                        "seconds": n / rate,
                        "records_per_s": rate,
                        "peak_rss_mib": 400.0,
                        "cpu_s": 1.0,
                        "process_s": 1.0,
                        "rejected": 0,
                        **(
                            {
                                "floor": {"records_per_s": floors[n], "peak_rss_mib": 50.0},
                                "floor_ratio": round(rate / floors[n], 3),
                            }
                            if n in floors
                            else {}
                        ),
                    }
                    for n, rate in loads.items()
                ],
            },
            "neo4j_load": {
                "status": "ok",
                "runs": [
                    {"records": n, "allegraph": {"records_per_s": rate}}
                    for n, rate in (neo4j or {}).items()
                ],
            },
            "queries": {
                "status": "ok",
                "runs": [
                    in_process(
                        "embedded", 10_000, {"a": (10, 20), "b": (10, 20)}, {"a": 5, "b": 5}
                    ),
                    in_process(
                        "embedded", 1_000_000, {"a": (15, 50), "b": (30, 150)}, {"a": 5, "b": 100}
                    ),
                    in_process("neo4j", 1_000_000, {"a": (40, 90), "b": (50, 100)}),
                ],
            },
            "cli_queries": {
                "status": "ok",
                "runs": [
                    fresh(10_000, {"a": (300, 400, 30.0), "b": (300, 350, 30.0)}),
                    fresh(1_000_000, {"a": (450, 900, 250.0), "b": (600, 1200, 290.0)}),
                    fresh(10_000_000, {"a": (900, 1500, 280.0), "b": (1000, 1900, 300.0)}),
                ],
            },
        },
    }


def by_name(targets):
    return {t["target"]: t for t in targets}


def find(targets, *words):
    (hit,) = [t for name, t in by_name(targets).items() if all(w in name for w in words)]
    return hit


@pytest.fixture(autouse=True)
def no_baseline(monkeypatch, tmp_path):
    monkeypatch.setattr(report, "BASELINE", tmp_path / "none.json")


def test_issue_12_targets_are_judged_from_the_figures_at_their_size():
    targets = report.targets(results())
    p95 = find(targets, "p95", "embedded")
    assert (p95["met"], p95["gap"]) == (False, "b 150 ms")
    assert p95["measured"] == "worst p95 150 ms at 1,000,000 records"
    assert find(targets, "p95", "neo4j")["met"] is True  # 100 ms is within the target
    growth = find(targets, "cost at 1M")
    assert growth["met"] is False
    assert growth["gap"] == "b 3.0x (rows 5 → 100)"  # a grew 1.5x: within
    assert growth["measured"] == "worst b 3.0x (1,000,000 ÷ 10,000 records)"
    cli_1m = find(targets, "<= 1 s", "fresh CLI")
    assert (cli_1m["met"], cli_1m["gap"]) == (False, "b 1,200 ms")
    cli_10m = find(targets, "<= 2 s", "10M")
    assert (cli_10m["met"], cli_10m["measured"]) == (
        True,
        "slowest run 1,900 ms at 10,000,000 records",
    )
    memory = find(targets, "peak memory <= 300 MB")  # 290 MiB = 304 MB
    assert (memory["met"], memory["gap"]) == (False, "b 290 MiB")
    assert memory["measured"] == "304 MB at most at 1,000,000 records"
    view = find(targets, "view --actor")
    assert view["met"] is True and "2.50 s" in view["measured"]


def test_small_sizes_are_shown_but_not_judged():
    data = results()
    for section in ("queries", "cli_queries"):
        for run in data["sections"][section]["runs"]:
            run["records"] //= 100  # 100, 10,000 and 100,000 records
    targets = report.targets(data)
    for words in (("p95", "embedded"), ("cost at 1M",), ("<= 1 s",), ("300 MB",), ("view",)):
        assert find(targets, *words)["met"] is None, words
    ten = find(targets, "10M")
    assert (ten["met"], ten["measured"]) == (None, "not measured")


def test_without_10m_the_10m_target_is_not_measured():
    data = results()
    data["sections"]["cli_queries"]["runs"].pop()  # bench/run --skip-10m
    targets = report.targets(data)
    assert find(targets, "10M")["measured"] == "not measured"
    assert find(targets, "<= 1 s", "fresh CLI")["met"] is False  # 1M still judged


def test_loads_are_compared_with_the_baseline_run_on_the_same_machine(monkeypatch, tmp_path):
    baseline = results(
        started="2026-11-25T10:00:00+00:00",
        loads={1_000_000: 20_000},
        neo4j={1_000_000: 3_000},
    )
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(baseline))
    monkeypatch.setattr(report, "BASELINE", path)
    now = results(loads={1_000_000: 16_000}, neo4j={1_000_000: 2_700})
    embedded, neo4j = (
        find(report.targets(now), "embedded load no more"),
        find(report.targets(now), "neo4j load no more"),
    )
    assert (embedded["met"], embedded["gap"]) == (False, "20% slower")
    assert embedded["measured"] == "16,000 records/s against 20,000 (-20%) at 1,000,000 records"
    assert neo4j["met"] is True  # 10% slower: within 15%
    other = results(machine={**MACHINE, "cpu": "AMD EPYC 7B13"}, loads={1_000_000: 16_000})
    shown = find(report.targets(other), "embedded load no more")
    assert shown["met"] is None and "another machine (intel-xeon-2c)" in shown["why"]
    assert report.targets(baseline)[-1]["measured"].startswith("not measured")  # itself


def with_gdelt(data, rate, events=1_000_000):
    data["sections"]["gdelt"] = {
        "events": events,
        "load": {"records_per_s": rate, "read": events * 4},
        "status": "ok",
    }
    return data


def test_the_gdelt_feed_is_judged_against_twice_the_baseline_run(monkeypatch, tmp_path):
    baseline = with_gdelt(results(started="2026-11-25T10:00:00+00:00"), 11_764)
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(baseline))
    monkeypatch.setattr(report, "BASELINE", path)
    short = find(report.targets(with_gdelt(results(), 22_451)), "GDELT")
    assert (short["met"], short["gap"]) == (False, "1.05x short of 23,528 records/s")
    assert short["measured"] == ("22,451 records/s against 11,764 (1.91x) at 1,000,000 events")
    assert find(report.targets(with_gdelt(results(), 23_528)), "GDELT")["met"] is True
    other = with_gdelt(results(machine={**MACHINE, "cpu": "AMD EPYC 7B13"}), 30_000)
    shown = find(report.targets(other), "GDELT")
    assert shown["met"] is None and "another machine (intel-xeon-2c)" in shown["why"]
    fewer = find(report.targets(with_gdelt(results(), 30_000, events=100_000)), "GDELT")
    assert fewer["measured"] == "not measured"  # not the same feed
    assert find(report.targets(results()), "GDELT")["measured"] == "not measured"


def test_page_shows_fresh_process_and_in_process_tables_without_a_snapshot():
    data = results()
    data["targets"] = report.targets(data)
    page = report.render(data, "bench/results/x.json")
    assert "snapshot (embedded)" not in page
    cli = page.split("## Canned queries as the analyst runs them")[1].split("\n## ")[0]
    assert (
        "| query | 10k records | 1M records | 10M records | 1M ÷ 10k (median) "
        "| ÷ python start (1M) | peak memory (1M) |"
    ) in cli
    assert "| a | 300 / 400 | 450 / 900 | 900 / 1,500 | 1.50x | 9.0x | 250 MiB |" in cli
    assert "| b | 300 / 350 | 600 / 1,200 ⚠ | 1,000 / 1,900 | 2.00x | 12.0x | 290 MiB |" in cli
    assert "| *anchor:* `python -c pass` | 50.00 / 60.00 | 50.00 / 60.00 | 50.00 / 60.00 |" in cli
    assert "| *`view --actor X --depth 2 -o FILE`* | 2,400 / 2,500 |" in cli
    inproc = page.split("## Canned query latency, in-process")[1].split("\n## ")[0]
    assert "| embedded 1M ÷ 10k (p50) | rows 10k → 1M |" in inproc
    assert (
        "| b | 10 / 20 (first 20) | 30 / 150 ⚠ (first 150) | 50 / 100 (first 100) "
        "| 3.00x ⚠ | 5 → 100 |"
    ) in inproc
    assert "| every canned query <= 1 s as a fresh CLI process at 1M records (embedded) " in page
    assert "| **missed**: b 1,200 ms |" in page


def test_a_failed_size_is_reported_and_the_others_kept():
    data = results()
    data["sections"]["embedded_load"]["runs"].append(
        {"records": 10_000_000, "status": "error", "error": "took more than 14400 s"}
    )
    data["sections"]["cli_queries"]["runs"][0]["queries"][0]["stderr"] = ["no actor matches 'X'"]
    data["sections"]["cli_queries"]["runs"][-1] = {
        "records": 10_000_000,
        "status": "error",
        "error": "ChildError: load failed",
    }
    data["targets"] = report.targets(data)
    page = report.render(data, "bench/results/x.json")
    assert "| 10,000,000 | failed: took more than 14400 s |" in page
    assert "At 10,000,000 records: failed: ChildError: load failed" in page
    assert "At 10,000 records, `a` said on stderr: no actor matches 'X'" in page
    assert find(data["targets"], "10M")["measured"] == "not measured"
    assert find(data["targets"], "embedded load >= 100,000")["met"] is False  # 1M: 16,000/s


def test_embedded_load_is_judged_against_the_sqlite_floor_at_1m():
    data = results(floors={10_000: 40_000, 1_000_000: 32_000})
    floor = find(report.targets(data), "bare SQLite floor")
    assert floor["target"] == "embedded load >= 1.0x the bare SQLite floor at 1M records"
    assert floor["measured"] == "0.50x at 1,000,000 records (16,000 ÷ 32,000 records/s)"
    assert (floor["met"], floor["gap"]) == (False, "2.0x slower than the floor")
    met = find(report.targets(results(floors={1_000_000: 15_000})), "bare SQLite floor")
    assert (met["met"], met["measured"]) == (
        True,
        "1.07x at 1,000,000 records (16,000 ÷ 15,000 records/s)",
    )
    quick = find(report.targets(results(floors={10_000: 10_000})), "bare SQLite floor")
    assert (quick["met"], quick["measured"]) == (
        None,
        "2.00x at 10,000 records (20,000 ÷ 10,000 records/s)",
    )
    assert find(report.targets(results()), "bare SQLite floor")["measured"] == "not measured"


def test_page_shows_the_floor_beside_each_embedded_load():
    data = results(floors={10_000: 10_000, 1_000_000: 32_000})
    data["sections"]["embedded_load"]["runs"].append(
        {
            **data["sections"]["embedded_load"]["runs"][0],
            "records": 100_000,
            "floor": {"status": "error", "error": "harness.floor:sqlite_floor failed: disk full"},
            "floor_ratio": None,
        }
    )
    data["targets"] = report.targets(data)
    page = report.render(data, "bench/results/x.json")
    table = page.split("## Embedded load (SQLite)")[1].split("\n## ")[0]
    assert (
        "| records | seconds | records/s | peak memory | CPU s | process s | store size "
        "| rejected | floor records/s | floor peak memory | ÷ floor |"
    ) in table
    assert (
        "| 10,000 | 0.50 | 20,000 | 400 MiB | 1.00 | 1.00 | 0 MiB | 0 | 10,000 | 50 MiB | 2.00x |"
        in table
    )
    assert (
        "| 1,000,000 | 62.50 | 16,000 | 400 MiB | 1.00 | 1.00 | 0 MiB | 0 "
        "| 32,000 | 50 MiB | 0.50x ⚠ |" in table
    )
    assert "| 100,000 | 0.50 | 20,000 |" in table
    assert "| failed: harness.floor:sqlite_floor failed: disk full | – | – |" in table
    assert (
        "| embedded load >= 1.0x the bare SQLite floor at 1M records "
        "| 0.50x at 1,000,000 records (16,000 ÷ 32,000 records/s) "
        "| **missed**: 2.0x slower than the floor |"
    ) in page


def test_the_two_ratios_bench_run_prints_at_the_end():
    data = results(floors={10_000: 40_000, 1_000_000: 32_000})
    data["sections"]["neo4j_load"]["runs"] = [
        {"records": 5_000, "ratio": 0.59},
        {"records": 100_000, "ratio": 1.234},
    ]
    assert report.ratios(data) == [
        "Neo4j load, allegraph ÷ LOAD CSV: 0.59x at 5k, 1.23x at 100k",
        "embedded load, allegraph ÷ bare SQLite floor: 0.50x at 10k, 0.50x at 1M",
    ]
    data["sections"]["neo4j_load"] = {"status": "not available", "why": "--no-neo4j"}
    data["sections"]["embedded_load"]["runs"][1]["floor_ratio"] = None  # the floor failed
    assert report.ratios(data) == [
        "Neo4j load, allegraph ÷ LOAD CSV: not available: --no-neo4j",
        "embedded load, allegraph ÷ bare SQLite floor: 0.50x at 10k, – at 1M",
    ]


def test_the_warm_up_round_is_shown_beside_the_first_call():
    data = results()
    neo4j = data["sections"]["queries"]["runs"][-1]
    assert neo4j["store"] == "neo4j"
    neo4j["queries"][1]["warmup_max_ms"] = 480.0  # b: p50 50, p95 100
    data["targets"] = report.targets(data)
    inproc = report.render(data, "bench/results/x.json").split(
        "## Canned query latency, in-process"
    )[1]
    assert "| 50 / 100 (first 100, warm-up 480) |" in inproc
    assert "a warm-up round (every parameter set once) are left out and shown apart" in inproc


def test_a_failed_query_run_without_its_store_is_named_and_the_page_written():
    data = results()
    data["sections"]["queries"]["runs"].append({"status": "error", "error": "StoreError: x"})
    data["targets"] = report.targets(data)
    page = report.render(data, "bench/results/x.json")
    inproc = page.split("## Canned query latency, in-process")[1].split("\n## ")[0]
    assert "a store at – records: failed: StoreError: x" in inproc
