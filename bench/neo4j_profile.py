#!/usr/bin/env python3
"""PROFILE every canned query on a Neo4j store holding a synthetic case: db hits,
rows, time, and the operators that cost most (issue 12, item 3).

    NEO4J_PASSWORD=... bench/neo4j_profile.py bolt://127.0.0.1:7687 --size 1000000

The store must hold `bench/generate.py SIZE` (seed 0): the parameters are drawn
from that case as in bench/harness/latency.py (the most active actor, a mid one,
a word). Prints a markdown table (and writes it to --out).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness.latency import param_sets  # noqa: E402

from allegraph.queries import bind  # noqa: E402
from allegraph.queries.registry import queries  # noqa: E402
from allegraph.stores import open_store  # noqa: E402


def _walk(plan) -> list[tuple[str, int]]:
    """(operator, db hits) of every operator of a profiled plan."""
    found = [(plan.get("operatorType", "?"), int(plan.get("dbHits", 0) or 0))]
    for child in plan.get("children", []):
        found += _walk(child)
    return found


def profile(store, text: str, params: dict) -> tuple[int, int, float, list[tuple[str, int]]]:
    with store.driver.session(database=store.database) as session:
        start = time.perf_counter()
        result = session.run("PROFILE " + text, params)
        rows = len(list(result))
        summary = result.consume()
        took = time.perf_counter() - start
    operators = _walk(summary.profile or {})
    return sum(h for _, h in operators), rows, took, operators


def p95(times: list[float]) -> float:
    """The 95th percentile (nearest rank) of the timed runs."""
    ordered = sorted(times)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def timed(store, text: str, params: dict, runs: int) -> list[float]:
    times = []
    with store.driver.session(database=store.database) as session:
        for _ in range(runs):
            start = time.perf_counter()
            list(session.run(text, params))
            times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--only", nargs="*", help="profile only these queries")
    args = parser.parse_args(argv)
    store = open_store(args.url)
    lines = [
        f"Neo4j, synthetic case of {args.size:,} records; PROFILE of the first parameter set, "
        f"then {args.runs} timed runs per parameter set (p50 / p95 / max of all runs).",
        "",
        "| query | db hits | rows | p50 ms | p95 ms | max ms | costliest operators (db hits) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    wanted = set(args.only or [])
    for query in queries().values():
        if wanted and query.name not in wanted:
            continue
        sets = param_sets(query, args.size, count=3) or [{}]
        bound = [bind(query, s) for s in sets]
        hits, rows, _, ops = profile(store, query.cypher, bound[0])
        times = [t for b in bound for t in timed(store, query.cypher, b, args.runs)]
        worst = sorted(ops, key=lambda o: -o[1])[:3]
        note = ", ".join(f"{op} {h:,}" for op, h in worst if h)
        lines.append(
            f"| {query.name} | {hits:,} | {rows} | {statistics.median(times) * 1000:.0f} "
            f"| {p95(times) * 1000:.0f} | {max(times) * 1000:.0f} | {note} |"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    store.close()
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
