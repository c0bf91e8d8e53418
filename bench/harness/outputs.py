"""What analysts take away from a store: views (HTML) and exports, timed and weighed."""

from __future__ import annotations

import time
from pathlib import Path

EXPORTS = ("ttl", "jsonld", "nt", "neo4j-csv", "jsonl")


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def build_views(db: str, folder: str, actor: str) -> dict:
    """``allegraph view`` of the whole store (cut to the default cap) and of one actor's
    ego network (depth 2): seconds from the store to the written page, and what it holds."""
    from allegraph.stores import open_store
    from allegraph.views import view_of_store

    out = {}
    store = open_store(db)
    for name, options in (("whole", {}), ("ego", {"actor": actor, "depth": 2})):
        started = time.perf_counter()
        view = view_of_store(store, **options)
        page = view.save(Path(folder) / f"view-{name}.html")
        out[name] = {
            "seconds": round(time.perf_counter() - started, 2),
            "nodes": view.nodes,
            "relationships": view.edges,
            "bytes": page.stat().st_size,
            **({"actor": actor, "depth": 2} if options else {}),
        }
    store.close()
    return out


def export_one(db: str, fmt: str, folder: str) -> dict:
    """``allegraph export`` of the whole store in ``fmt``: seconds and bytes written."""
    from allegraph.interchange import export
    from allegraph.stores import open_store

    store = open_store(db)
    target = Path(folder) / ("neo4j-import" if fmt == "neo4j-csv" else f"export.{fmt}")
    started = time.perf_counter()
    result = export(store, fmt, target)
    seconds = time.perf_counter() - started
    store.close()
    return {
        "format": fmt,
        "seconds": round(seconds, 2),
        "bytes": _size(target),
        "nodes": result.nodes,
        "relationships": result.links,
    }
