#!/usr/bin/env python3
"""Benchmark: export a store of N synthetic records in every format; time and size.

    python bench/export.py                      # 100,000 records, every format
    python bench/export.py --records 10000 --formats ttl jsonl
    python bench/export.py --reload             # also time loading each export back

Builds an embedded store from the seeded synthetic case (allegraph.synth),
then times ``allegraph.interchange.export`` for each format and records the
size of what it wrote. With --reload, each loadable export is loaded into a
fresh store and the record counts are checked. Results go to
bench/results/export-<N>.json and .md. Not a test: nothing is asserted
beyond the counts adding up.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from allegraph import synth
from allegraph.interchange import EXPORT_FORMATS, export
from allegraph.load import load
from allegraph.stores import open_store

RESULTS = Path(__file__).resolve().parent / "results"
LOADABLE = ("ttl", "jsonld", "nt", "jsonl", "neo4j-csv")
OUTPUT_NAMES = {"neo4j-csv": "neo4j-import"}


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def run(records: int, seed: int, formats: list[str], reload: bool, work: Path) -> dict:
    case = work / "case.jsonl"
    synth.write_jsonl(case, records, seed)
    store = open_store(str(work / "bench.db"))
    store.init()
    started = time.perf_counter()
    report = load(store, [case], rejects_path=work / "rejects.jsonl")
    load_seconds = time.perf_counter() - started
    counts = store.counts()
    nodes, links = sum(counts["nodes"].values()), sum(counts["relationships"].values())
    results = {
        "records": records,
        "seed": seed,
        "loaded": report.loaded,
        "rejected": report.rejected,
        "nodes": nodes,
        "links": links,
        "load_jsonl_seconds": round(load_seconds, 2),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load_average_before": [round(x, 1) for x in os.getloadavg()],
        "formats": {},
    }
    for fmt in formats:
        out = work / OUTPUT_NAMES.get(fmt, f"export.{fmt}")
        started = time.perf_counter()
        result = export(store, fmt, out)
        seconds = time.perf_counter() - started
        row = {"seconds": round(seconds, 2), "bytes": result.bytes}
        print(f"{fmt:10} {seconds:8.1f} s  {_mb(result.bytes):>10}", flush=True)
        if reload and fmt in LOADABLE:
            fresh = open_store(str(work / f"fresh-{fmt}.db"))
            fresh.init()
            started = time.perf_counter()
            back = load(fresh, [out], rejects_path=work / f"rejects-{fmt}.jsonl")
            row["reload_seconds"] = round(time.perf_counter() - started, 2)
            row["reloaded"] = back.loaded
            row["reload_rejected"] = back.rejected
            print(f"{'':10} reload {row['reload_seconds']:.1f} s, {back.loaded} loaded", flush=True)
            fresh.close()
        results["formats"][fmt] = row
    store.close()
    results["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    return results


def markdown(results: dict) -> str:
    lines = [
        f"# Export of {results['records']:,} synthetic records",
        "",
        f"{results['nodes']:,} nodes and {results['links']:,} relationships "
        f"(allegraph.synth, seed {results['seed']}), embedded store; {results['machine']}.",
        f"Loading the case from JSON Lines took {results['load_jsonl_seconds']} s.",
        f"Load average (1, 5, 15 min) before: {results['load_average_before']}, "
        f"after: {results['load_average_after']} (a shared machine: times are upper bounds).",
        "",
        "| format | export time | size | load back |",
        "|---|---|---|---|",
    ]
    for fmt, row in results["formats"].items():
        back = f"{row['reload_seconds']} s" if "reload_seconds" in row else ""
        lines.append(f"| {fmt} | {row['seconds']} s | {_mb(row['bytes'])} | {back} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--formats", nargs="+", default=list(EXPORT_FORMATS))
    parser.add_argument("--reload", action="store_true", help="also load each export back")
    parser.add_argument("--no-save", action="store_true", help="print only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="allegraph-bench-") as tmp:
        results = run(args.records, args.seed, args.formats, args.reload, Path(tmp))
    text = markdown(results)
    print(text)
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        stem = RESULTS / f"export-{args.records}"
        stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
        stem.with_suffix(".md").write_text(text)
        print(f"written: {stem}.json, {stem}.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
