"""The bare SQLite floor: the same JSONL written to SQLite with nothing checked.

The loader the embedded store is measured against (issue 13): each line parsed
with orjson and written as one row, a node into ``nodes`` and a relationship
into ``links``, its other fields as one orjson text. Nothing is validated,
merged, normalised or recorded as provenance: no dates derived, no names
indexed, no load run. The id is the text primary key (a relationship without
an id gets allegraph's default ``from|TYPE|to``), the link endpoints are
indexed, and a later row with an id already written replaces it
(``INSERT OR REPLACE``). The rows of a batch go in with one ``executemany``
per table and one transaction, in batches of the embedded store's own batch
size (``EmbeddedStore.batch_size``), with the store's journal settings (WAL,
``synchronous=NORMAL``, 256 MiB page cache, checkpoint every 256 MiB), so the
two differ in the work done, not in the durability asked of SQLite.

Measured as :func:`harness.loads.load_into` measures allegraph: in a fresh
child process (harness.child, peak memory its own), seconds from the first
line read to the database closed (its last checkpoint included).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import orjson

from harness.loads import remove_db

SCHEMA = """
CREATE TABLE nodes (id TEXT PRIMARY KEY, label TEXT NOT NULL, props TEXT NOT NULL);
CREATE TABLE links (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
    props TEXT NOT NULL
);
CREATE INDEX links_src ON links (src);
CREATE INDEX links_dst ON links (dst);
"""
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA cache_size=-262144",
    "PRAGMA wal_autocheckpoint=65536",
    "PRAGMA temp_store=MEMORY",
)
NODE_SQL = "INSERT OR REPLACE INTO nodes VALUES (?, ?, ?)"
LINK_SQL = "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?)"


def default_batch_size() -> int:
    """The embedded store's batch size: records per transaction of `allegraph load`."""
    from allegraph.stores.embedded import EmbeddedStore

    return EmbeddedStore.batch_size


def _write(db: sqlite3.Connection, nodes: list[tuple], links: list[tuple]) -> None:
    db.execute("BEGIN")
    db.executemany(NODE_SQL, nodes)
    db.executemany(LINK_SQL, links)
    db.execute("COMMIT")


def sqlite_floor(path: str, db: str, batch_size: int | None = None) -> dict:
    """Write the JSONL ``path`` into a new SQLite file ``db``; the figures.

    A line with ``label`` and ``id`` is a node; one with ``type``, ``from`` and
    ``to`` a relationship; any other line is counted in ``skipped``.
    """
    batch = batch_size or default_batch_size()
    target = Path(db)
    remove_db(target)
    conn = sqlite3.connect(target, isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    conn.executescript(SCHEMA)
    loads, dumps = orjson.loads, orjson.dumps
    nodes: list[tuple] = []
    links: list[tuple] = []
    read = skipped = 0
    started = time.perf_counter()
    with open(path, "rb") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = loads(line)
            read += 1
            if "label" in record and "id" in record:
                ident, label = record.pop("id"), record.pop("label")
                nodes.append((ident, label, dumps(record).decode()))
            elif "type" in record and "from" in record and "to" in record:
                type_, src, dst = record.pop("type"), record.pop("from"), record.pop("to")
                ident = record.pop("id", None) or f"{src}|{type_}|{dst}"
                links.append((ident, type_, src, dst, dumps(record).decode()))
            else:
                skipped += 1
            if len(nodes) + len(links) >= batch:
                _write(conn, nodes, links)
                nodes, links = [], []
    if nodes or links:
        _write(conn, nodes, links)
    conn.close()
    seconds = time.perf_counter() - started
    with sqlite3.connect(target) as check:
        (node_rows,) = check.execute("SELECT count(*) FROM nodes").fetchone()
        (link_rows,) = check.execute("SELECT count(*) FROM links").fetchone()
    check.close()
    return {
        "input": Path(path).name,
        "read": read,
        "skipped": skipped,
        "batch_size": batch,
        "seconds": round(seconds, 3),
        "records_per_s": round(read / seconds) if seconds else None,
        "nodes": node_rows,
        "relationships": link_rows,
        "store_mib": round(target.stat().st_size / 2**20, 1),
    }


def warm(path: Path) -> None:
    """Read ``path`` once, untimed: the loads measured after it find it in the page cache
    alike, whichever of them runs first."""
    with open(path, "rb") as fh:
        while fh.read(16 * 2**20):
            pass


def ratio(allegraph: dict | None, floor: dict | None) -> float | None:
    """allegraph records/s ÷ floor records/s (1.0 = as fast as the floor); None without both."""
    mine, bare = (allegraph or {}).get("records_per_s"), (floor or {}).get("records_per_s")
    return round(mine / bare, 3) if mine and bare else None
