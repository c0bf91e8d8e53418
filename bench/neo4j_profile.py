#!/usr/bin/env python3
"""PROFILE every canned query on a Neo4j store holding a synthetic case: db hits,
rows, time, and the operators that cost most (issue 12, item 3).

    NEO4J_PASSWORD=... bench/neo4j_profile.py bolt://127.0.0.1:7687 --size 1000000

The store must hold `bench/generate.py SIZE` (seed 0): the parameters are drawn
from that case as in bench/harness/latency.py (the most active actor, a mid one,
a word). Prints a markdown table (and writes it to --out). The first run of a
query's text in this process ("first ms") plans it unless the server has the plan
cached already; it is left out of p50/p95/max, which are what a cached plan costs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness.latency import param_sets  # noqa: E402

from allegraph.queries import cypher_params  # noqa: E402
from allegraph.queries.registry import parse_query, queries  # noqa: E402
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


def _at_revision(query, rev: str):
    """The query as its .cypher file was at git revision ``rev`` (header included)."""
    where = Path(__file__).resolve().parent.parent
    text = subprocess.run(
        ["git", "show", f"{rev}:queries/{query.name}.cypher"],
        cwd=where,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_query(text, f"{rev}:queries/{query.name}.cypher")


# parameter sets the latency harness does not draw, profiled as rows of their own
EXTRA_ROWS = {"timeline": [("timeline, no filters", [{}])]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--only", nargs="*", help="profile only these queries")
    parser.add_argument(
        "--rev", help="profile the queries as of this git revision (before/after on one store)"
    )
    args = parser.parse_args(argv)
    store = open_store(args.url)
    lines = [
        f"Neo4j, synthetic case of {args.size:,} records; PROFILE of the first parameter set, "
        f"then one run that plans the text (first ms), then {args.runs} timed runs per "
        "parameter set (p50 / p95 / max of those).",
        "",
        "| query | db hits | rows | first ms | p50 ms | p95 ms | max ms "
        "| costliest operators (db hits) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    wanted = set(args.only or [])
    for query in queries().values():
        if wanted and query.name not in wanted:
            continue
        if args.rev:
            query = _at_revision(query, args.rev)
        sets = param_sets(query, args.size, count=3)
        if sets is None:  # a required parameter the harness cannot fill
            lines.append(f"| {query.name} | | | | | | | no parameters known for this query |")
            continue
        rows_of = [(query.name, sets)]
        for name, sets in rows_of + EXTRA_ROWS.get(query.name, []):
            bound = [cypher_params(query, s) for s in sets]
            hits, rows, _, ops = profile(store, query.cypher, bound[0])
            first = timed(store, query.cypher, bound[0], 1)[0]  # plans the text
            times = [t for b in bound for t in timed(store, query.cypher, b, args.runs)]
            worst = sorted(ops, key=lambda o: -o[1])[:3]
            note = ", ".join(f"{op} {h:,}" for op, h in worst if h)
            lines.append(
                f"| {name} | {hits:,} | {rows} | {first * 1000:.0f} "
                f"| {statistics.median(times) * 1000:.0f} "
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
