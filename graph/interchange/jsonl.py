"""Native records as JSON Lines: what `allegraph load` reads back as it is.

One record per line (``to_record()``: label or type/from/to, id, properties,
sources), plus the bookkeeping of the run that wrote it (``firstSeen``,
``lastSeen``, ``loadRun``), which a load ignores and recomputes. Nodes come
first (sources before what cites them), then relationships.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from allegraph.interchange.selection import Snapshot, as_snapshot
from allegraph.model import Entity, Link
from allegraph.stores.base import GraphStore


def record(item: Entity | Link) -> dict[str, Any]:
    """The native record of a node or link, with its bookkeeping."""
    rec = item.to_record()
    for key, value in (
        ("firstSeen", item.first_seen),
        ("lastSeen", item.last_seen),
        ("loadRun", item.load_run),
    ):
        if value:
            rec[key] = value
    return rec


def write_jsonl(
    source: GraphStore | Snapshot, path: str | Path, ids: Iterable[str] | None = None
) -> Snapshot:
    snap = as_snapshot(source, ids)
    with open(path, "wb") as out:
        for item in [*snap.nodes, *snap.links]:
            out.write(orjson.dumps(record(item)) + b"\n")
    return snap
