"""Loads, as ``allegraph load`` does them: measured in a child process (harness.child)."""

from __future__ import annotations

import time
from pathlib import Path


def remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def load_into(
    store_url: str,
    path: str,
    fmt: str | None = None,
    fresh: bool = False,
    read_again: bool = False,
    batch_size: int | None = None,
) -> dict:
    """Load ``path`` into the store at ``store_url`` (a file, or a Neo4j URL); the figures.

    ``fresh`` starts from an empty store; ``read_again`` reads the input even when
    the store could skip it as already loaded (to time a full pass that changes
    nothing). Seconds count from the first record read to the store closed
    (the embedded store's last checkpoint included), not the interpreter start.
    """
    from allegraph.load import load
    from allegraph.loaders import formats
    from allegraph.stores import open_store

    is_file = "://" not in store_url
    if fresh and is_file:
        remove_db(Path(store_url))
    store = open_store(store_url)
    if fresh and not is_file:
        store.clear()
    store.init()
    if read_again:
        store.unchanged_since = lambda sha256, fmt: None  # type: ignore[method-assign]
    formats()  # loader modules imported before the clock starts (process_s includes them)
    rejects = Path(path).with_suffix(".rejects.jsonl")
    started = time.perf_counter()
    # no batch size given: the store's own (GraphStore.batch_size), as the CLI does
    report = load(store, [path], fmt=fmt, rejects_path=rejects, batch_size=batch_size)
    store.close()
    seconds = time.perf_counter() - started
    with open_store(store_url) as reopened:
        counts = reopened.counts()
    out = {
        "input": Path(path).name,
        "format": report.runs[0].format,
        "read": report.read,
        "loaded": report.loaded,
        "rejected": report.rejected,
        "status": report.runs[0].status,
        "seconds": round(seconds, 3),
        "records_per_s": round(report.read / seconds) if seconds else None,
        "nodes": sum(counts["nodes"].values()),
        "relationships": sum(counts["relationships"].values()),
    }
    if is_file:
        out["store_mib"] = round(Path(store_url).stat().st_size / 2**20, 1)
    return out
