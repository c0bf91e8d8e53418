#!/usr/bin/env python3
"""Benchmark: `allegraph resolve candidates` on the actors of the synthetic case.

    python bench/resolve.py                  # 100,000 actors
    python bench/resolve.py --actors 10000

Takes the persons and organisations (names, aliases in other scripts, kinds,
countries) of the seeded synthetic case (allegraph.synth) at the size that has
``--actors`` of them, without their sources and links, and loads them into a
fresh embedded store (not timed). Then runs ``allegraph resolve candidates``
as an analyst does, in a fresh process, and reports its wall time, its CPU time, its
peak resident memory and how many pairs it found. Results go to
bench/results/resolve-candidates-<N>.json. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from allegraph import synth
from allegraph.load import load
from allegraph.stores import open_store

RESULTS = Path(__file__).resolve().parent / "results"


def size_for(actors: int) -> int:
    """The smallest synthetic case size (in records) with at least ``actors`` actors."""

    def count(size: int) -> int:
        made = synth.counts(size)
        return made["Person"] + made["Organization"]

    low, high = synth.MIN_SIZE, max(synth.MIN_SIZE, actors * 40)
    while low < high:
        mid = (low + high) // 2
        if count(mid) >= actors:
            high = mid
        else:
            low = mid + 1
    return low


def write_actors(path: Path, actors: int, seed: int) -> int:
    made = synth._Generator(size_for(actors), seed)  # the case's own naming of actors
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in [*made.persons(), *made.organizations()][:actors]:
            record.pop("sources", None)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


def run(actors: int, seed: int, limit: int, work: Path) -> dict:
    data = work / "actors.jsonl"
    written = write_actors(data, actors, seed)
    db = work / "actors.db"
    with open_store(str(db)) as store:
        store.init()
        report = load(store, [data])
    before = os.getloadavg()
    command = [
        sys.executable, "-m", "allegraph.cli", "--store", str(db),
        "resolve", "candidates", "--label", "Person", "--label", "Organization",
        "--limit", str(limit), "--format", "json",
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    child = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command is the only child
    peak_kib = child.ru_maxrss
    pairs = json.loads(done.stdout)
    return {
        "actors": written,
        "loaded": report.loaded,
        "seed": seed,
        "limit": limit,
        "pairs_shown": len(pairs),
        "best": pairs[:3],
        "seconds": round(seconds, 2),
        # CPU time says what the wall time does not on a shared machine
        "cpu_seconds": round(child.ru_utime + child.ru_stime, 2),
        "peak_mib": round(peak_kib / 1024),
        "load_average_before": [round(x, 1) for x in before],
        "load_average_after": [round(x, 1) for x in os.getloadavg()],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        results = run(args.actors, args.seed, args.limit, Path(tmp))
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"resolve-candidates-{args.actors}.json"
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"| {results['actors']:,} | {results['seconds']} | {results['cpu_seconds']} | "
        f"{results['peak_mib']} MiB | {results['pairs_shown']} |"
    )
    print(target)


if __name__ == "__main__":
    main()
