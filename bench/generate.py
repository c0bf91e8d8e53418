#!/usr/bin/env python3
"""Write a seeded synthetic case of SIZE native records (allegraph.synth).

Examples:
    bench/generate.py 100000                     # bench/data/synth-100000-s0.jsonl
    bench/generate.py 10000 --seed 7 --csv       # and the flat allegations log
    bench/generate.py 1000 -o /tmp/case.jsonl

The same SIZE and --seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from allegraph import synth

DATA = Path(__file__).resolve().parent / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("size", type=int, help=f"number of records (>= {synth.MIN_SIZE})")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("-o", "--output", type=Path, help="JSONL file to write")
    parser.add_argument(
        "--csv", action="store_true", help="also write the case as the flat allegations log"
    )
    args = parser.parse_args(argv)
    if args.size < synth.MIN_SIZE:
        parser.error(f"size must be at least {synth.MIN_SIZE}")
    out = args.output or DATA / f"synth-{args.size}-s{args.seed}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    written = synth.write_jsonl(out, args.size, args.seed)
    print(f"{out}: {written} records in {time.perf_counter() - started:.1f}s")
    if args.csv:
        csv_path = out.with_suffix(".allegations.csv")
        rows = synth.write_allegations_csv(csv_path, args.size, args.seed)
        print(f"{csv_path}: {rows} allegation rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
