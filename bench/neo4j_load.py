"""Benchmark: load a synthetic case of N records into Neo4j through the load pipeline.

Prints the batch size, the number of transactions and statements (round
trips) the load took, and the throughput. Not a test: nothing is asserted.

    python bench/neo4j_load.py --uri bolt://127.0.0.1:7687 --clear
    python bench/neo4j_load.py --records 100000 --batch-size 5000 --clear --twice

Credentials come from NEO4J_USER / NEO4J_PASSWORD (or NEO4J_AUTH), as for
every Neo4j store. ``--clear`` empties the store first (it refuses to run on a
store that has data, rather than mix the benchmark into a case).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from allegraph.load import load
from allegraph.stores.neo4j import Neo4jStore
from allegraph.synth import write_jsonl


class _CountingTx:
    """A transaction that counts the statements run in it."""

    def __init__(self, tx, store: CountingStore):
        self._tx, self._store = tx, store

    def run(self, *args: Any, **kwargs: Any):
        self._store.statements += 1
        return self._tx.run(*args, **kwargs)


class CountingStore(Neo4jStore):
    """A Neo4jStore that counts its read and write transactions and their statements."""

    reads = writes = statements = 0

    def _read(self, work, *args):
        self.reads += 1
        return super()._read(lambda tx, *a: work(_CountingTx(tx, self), *a), *args)

    def _write(self, work, *args):
        self.writes += 1
        return super()._write(lambda tx, *a: work(_CountingTx(tx, self), *a), *args)

    def reset(self) -> None:
        self.reads = self.writes = self.statements = 0


def measure(store: CountingStore, path: Path, batch_size: int, label: str) -> None:
    store.reset()
    started = time.perf_counter()
    report = load(store, [path], batch_size=batch_size)
    seconds = time.perf_counter() - started
    print(f"{label}:")
    print(
        f"  records read / loaded / rejected: {report.read} / {report.loaded} / {report.rejected}"
    )
    print(f"  batch size: {batch_size}")
    print(f"  write transactions: {store.writes} (one per batch, plus the run's start and end)")
    print(f"  read transactions: {store.reads} (lookups of referenced ids not seen yet)")
    print(f"  statements (round trips): {store.statements}")
    print(f"  time: {seconds:.1f} s, throughput: {report.loaded / seconds:,.0f} records/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--uri",
        default=os.environ.get("ALLEGRAPH_TEST_NEO4J_URI")
        or os.environ.get("NEO4J_URI")
        or "bolt://127.0.0.1:7687",
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clear", action="store_true", help="empty the store first")
    parser.add_argument("--twice", action="store_true", help="load again (idempotency)")
    args = parser.parse_args(argv)

    store = CountingStore(args.uri)
    try:
        if args.clear:
            store.clear()
        elif any(store.counts()["nodes"].values()):
            print(f"{store.url} holds data: run with --clear to empty it", file=sys.stderr)
            return 1
        store.init()
        server = store.driver.get_server_info()
        print(f"Neo4j {server.agent} at {store.url}, allegraph Neo4jStore")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "synthetic.jsonl"
            written = write_jsonl(path, args.records, args.seed)
            print(f"synthetic case: {written} native records (seed {args.seed})")
            measure(store, path, args.batch_size, "first load")
            counts = store.counts()
            nodes, links = sum(counts["nodes"].values()), sum(counts["relationships"].values())
            print(f"  store: {nodes} nodes, {links} relationships")
            if args.twice:
                measure(store, path, args.batch_size, "second load (same input)")
                same = store.counts() == counts
                print(f"  counts unchanged: {same}")
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
