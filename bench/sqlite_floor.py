#!/usr/bin/env python3
"""The bare SQLite floor of a synthetic case: orjson, one row per record, nothing checked.

The same JSONL that `allegraph load` reads (bench/generate.py N), written to a
new SQLite file with no validation: a node as a row of `nodes`, a relationship
as a row of `links` (text primary keys, indexes on the link endpoints), in
transactions of the embedded store's batch size (harness/floor.py says what it
does and leaves out). Each run is a fresh child process: records/s from the
first line read to the file closed, and the process's peak memory. With
--compare, `allegraph load` of the same file into a new embedded store runs
too, taking turns with the floor, and the ratio allegraph ÷ floor is printed
(bench/run does the same at every embedded size).

Examples:
    bench/sqlite_floor.py 100000                    # bench/data/synth-100000-s0.jsonl
    bench/sqlite_floor.py 100000 --compare --repeat 3
    bench/sqlite_floor.py --input case.jsonl --batch-size 5000 --json
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from harness import floor  # noqa: E402
from harness.child import run_child  # noqa: E402


def case(size: int, seed: int) -> Path:
    """bench/data/synth-SIZE-sSEED.jsonl, generated if missing (as bench/run keeps it)."""
    from allegraph import synth

    path = BENCH / "data" / f"synth-{size}-s{seed}.jsonl"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        partial = path.with_suffix(".partial")
        synth.write_jsonl(partial, size, seed)
        partial.rename(path)
    return path


def line(name: str, r: dict) -> str:
    return (
        f"{name:10} {r['read']:>10,} records {r['seconds']:>8.2f} s {r['records_per_s']:>9,} "
        f"records/s  peak {r['peak_rss_mib']:>6,.0f} MiB  "
        f"{r['nodes']:,} nodes, {r['relationships']:,} relationships"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("size", type=int, nargs="?", help="records of the synthetic case")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic case")
    parser.add_argument("--input", type=Path, help="a JSONL file instead of the synthetic case")
    parser.add_argument(
        "--batch-size",
        type=int,
        help="records per transaction (default: the embedded store's, "
        f"{floor.default_batch_size():,})",
    )
    parser.add_argument("--compare", action="store_true", help="also time `allegraph load`")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (median reported)")
    parser.add_argument("--work-dir", default=None, help="where the SQLite files go (/tmp)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if (args.size is None) == (args.input is None):
        parser.error("give a SIZE or --input FILE (one of them)")
    path = args.input or case(args.size, args.seed)
    work = Path(tempfile.mkdtemp(prefix="allegraph-floor-", dir=args.work_dir))
    runs: dict[str, list[dict]] = {"floor": [], "allegraph": []} if args.compare else {"floor": []}
    try:
        for _ in range(args.repeat):
            floor.warm(path)
            for name in runs:  # taking turns: floor, allegraph, floor, allegraph ...
                if name == "floor":
                    r = run_child(
                        "harness.floor:sqlite_floor",
                        {
                            "path": str(path),
                            "db": str(work / "floor.db"),
                            "batch_size": args.batch_size,
                        },
                    )
                else:
                    r = run_child(
                        "harness.loads:load_into",
                        {
                            "store_url": str(work / "allegraph.db"),
                            "path": str(path),
                            "fresh": True,
                            "batch_size": args.batch_size,
                        },
                    )
                runs[name].append(r)
                if not args.json:
                    print(line(name, r), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary = {
        name: {
            "records_per_s": round(statistics.median(r["records_per_s"] for r in rs)),
            "peak_rss_mib": max(r["peak_rss_mib"] for r in rs),
        }
        for name, rs in runs.items()
    }
    if args.compare:
        summary["ratio"] = floor.ratio(summary["allegraph"], summary["floor"])
    if args.json:
        print(json.dumps({"input": str(path), "runs": runs, "median": summary}, indent=1))
        return 0
    print(f"median of {args.repeat}: floor {summary['floor']['records_per_s']:,} records/s", end="")
    if args.compare:
        print(
            f", allegraph {summary['allegraph']['records_per_s']:,} records/s: "
            f"allegraph ÷ floor = {summary['ratio']:.2f}x"
        )
    else:
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
