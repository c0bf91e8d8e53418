#!/usr/bin/env python3
"""Load speed of this allegraph against another install of it, side by side.

The anchor is an earlier version of allegraph itself, installed in another
interpreter (a virtualenv with the old wheel): both load the same files as a
fresh `allegraph load` process into a new store, taking turns (A B A B ...), so
that the machine's load at the moment weighs on both alike. Reported: the median
wall time of each, records per second, and the ratio new/old (below 1: faster).

    python -m venv --system-site-packages /tmp/venv-old
    git worktree add /tmp/old <commit> && /tmp/venv-old/bin/pip install --no-deps /tmp/old
    bench/load_compare.py --anchor /tmp/venv-old/bin/python --size 100000 --repeat 3

Writes a markdown table to stdout (and to --out).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from allegraph import synth


def timed_load(
    python: str, inputs: list[Path], folder: Path, batch: int | None
) -> tuple[float, int]:
    """Wall time of one fresh `allegraph load` process, and the records it read."""
    store = folder / "case.db"
    for leftover in folder.glob("case*"):
        leftover.unlink()
    cmd = [python, "-m", "allegraph.cli", "--store", str(store), "load", "--json"]
    cmd += map(str, inputs)
    if batch:
        cmd += ["--batch-size", str(batch)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode not in (0, 3):  # 3: some records rejected, as intended
        raise SystemExit(f"{python}: exit {done.returncode}\n{done.stderr}")
    return took, json.loads(done.stdout)["read"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--anchor", required=True, help="python of the other allegraph install")
    parser.add_argument(
        "--this", default=sys.executable, help="python of the allegraph to measure (default: this)"
    )
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="allegraph-compare-") as tmp:
        folder = Path(tmp)
        jsonl = folder / "synth.jsonl"
        log = folder / "synth.csv"
        synth.write_jsonl(jsonl, args.size, seed=0)
        synth.write_allegations_csv(log, max(args.size // 10, synth.MIN_SIZE), seed=0)
        lines = [
            f"allegraph load, fresh process, new store, {args.size:,} records; "
            f"this: {args.this}; anchor: {args.anchor}",
            "",
            "| input | this (s) | anchor (s) | this records | anchor records "
            "| this records/s | anchor records/s | time this/anchor |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name, inputs in (("native JSONL", [jsonl]), ("allegations log", [log])):
            mine, theirs = [], []
            for _ in range(args.repeat):
                mine.append(timed_load(args.this, inputs, folder, args.batch_size))
                theirs.append(timed_load(args.anchor, inputs, folder, args.batch_size))
            a = statistics.median(t for t, _ in mine)
            b = statistics.median(t for t, _ in theirs)
            n, m = mine[0][1], theirs[0][1]
            lines.append(
                f"| {name} | {a:.2f} | {b:.2f} | {n:,} | {m:,} | {n / a:,.0f} | {m / b:,.0f} "
                f"| {a / b:.2f} |"
            )
            print(lines[-1], file=sys.stderr, flush=True)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
