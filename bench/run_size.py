#!/usr/bin/env python3
"""Measure one more embedded size and add it to a full run's results.

A full run with 10M records takes 1.5-2 hours; `bench/run --skip-10m` and then
this script for 10M splits it in two. It measures what `bench/run` measures at
every embedded size, with bench/run's own code: the load of the synthetic case
into a new store, the canned queries in-process (p50/p95) and as fresh
`allegraph` processes (with `view --actor X --depth 2`). The sections are added
to RESULTS (a size already there is replaced) and docs/benchmarks.md is made
again from it.

    bench/run --skip-10m
    bench/run_size.py 10000000 --results bench/results/<date>-<machine>.json

The store (about 4 GB at 10M) is removed at the end; the case file stays in
bench/data.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def bench_run():
    """bench/run as a module (it is a script without the .py suffix)."""
    sys.path.insert(0, str(BENCH))
    loader = importlib.machinery.SourceFileLoader("bench_run", str(BENCH / "run"))
    spec = importlib.util.spec_from_loader("bench_run", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def measure(size: int, work_dir: str | None, seed: int) -> dict:
    """The embedded load, in-process and fresh-process sections of one size."""
    run_module = bench_run()
    options = argparse.Namespace(
        quick=False, skip_10m=False, work_dir=work_dir, seed=seed, no_neo4j=True,
        neo4j_url=None, port=0, pagecache="", heap="",
    )  # fmt: skip
    run = run_module.Run(options)
    run.sizes["embedded_load"] = [size]
    got: dict = {"load": run_module.guarded(f"embedded load, {size:,} records", run.embedded_load)}
    if run.loaded(size):
        got["queries"] = run_module.guarded(
            f"queries on the embedded store, {size:,} records",
            lambda: run.embedded_queries(size),
        )
        got["cli"] = run_module.guarded(
            f"queries as fresh processes, {size:,} records", lambda: run.cli(size)
        )
    run.db(size).unlink(missing_ok=True)
    return got


def merge(results: dict, size: int, got: dict) -> dict:
    """``results`` with the sections of ``size`` put in (replacing any of that size)."""
    sections = results["sections"]
    for name in ("embedded_load", "queries", "cli_queries"):  # what the size had goes
        runs = sections.setdefault(name, {"runs": []}).setdefault("runs", [])
        sections[name]["runs"] = [
            r for r in runs
            if not (r.get("records") == size and r.get("store", "embedded") == "embedded")
        ]  # fmt: skip

    def put(name: str, row: dict) -> None:
        runs = [*sections[name]["runs"], row]
        sections[name]["runs"] = sorted(
            runs, key=lambda r: (r.get("store", ""), r.get("records", 0))
        )

    for row in got["load"].get("runs", []):
        put("embedded_load", row)
    if "queries" in got:
        put("queries", {"store": "embedded", "records": size, **got["queries"]})
    if "cli" in got:
        put("cli_queries", {"records": size, **got["cli"]})
    results.setdefault("notes", []).append(
        f"{size:,} records measured apart by bench/run_size.py and added to this run"
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="\n".join(__doc__.splitlines()[2:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("size", type=int, help="records of the synthetic case")
    parser.add_argument("--results", type=Path, required=True, help="a full run's results file")
    parser.add_argument("--work-dir", default=None, help="where the store goes (/tmp)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sections", type=Path, help="use sections measured before (JSON)")
    parser.add_argument("--docs", type=Path, default=BENCH.parent / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text())
    got = (
        json.loads(args.sections.read_text())
        if args.sections
        else measure(args.size, args.work_dir, args.seed)
    )
    results = merge(results, args.size, got)
    from harness import report

    results["targets"] = report.targets(results)
    args.results.write_text(json.dumps(results, indent=1) + "\n")
    report.write(results, args.results, args.docs, BENCH.parent)
    print(f"added {args.size:,} records to {args.results}; wrote {args.docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
