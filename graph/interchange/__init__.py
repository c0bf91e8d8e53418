"""Exports: the graph in the formats other tools read, one module per format.

Each module has one writer, ``write_<format>(store_or_snapshot, path, ...)``;
what reads a format back is a loader (``allegraph.loaders``): jsonl, RDF and
neo4j-csv load back without loss. :func:`export` is what `allegraph export`
calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # selection imports networkx: loaded by export(), not by `allegraph --help`
    from allegraph.interchange.selection import Snapshot
    from allegraph.stores.base import GraphStore


@dataclass(frozen=True)
class ExportFormat:
    name: str
    description: str
    folder: bool = False  # writes a folder, not a file


EXPORT_FORMATS = {
    f.name: f
    for f in (
        ExportFormat("ttl", "RDF Turtle (loads back)"),
        ExportFormat("jsonld", "RDF JSON-LD (loads back)"),
        ExportFormat("nt", "RDF N-Triples (loads back)"),
        ExportFormat("jsonl", "native records, JSON Lines (loads back)"),
        ExportFormat("neo4j-csv", "folder for neo4j-admin database import (loads back)", True),
        ExportFormat("graphml", "GraphML, for Gephi, yEd, Cytoscape, networkx"),
        ExportFormat("gexf", "GEXF, for Gephi"),
    )
}


@dataclass
class ExportResult:
    path: Path
    format: str
    nodes: int
    links: int
    runs: int
    bytes: int


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return path.stat().st_size


def _writer(fmt: str, base: str | None) -> Callable[[Snapshot, Path], object]:
    if fmt in ("ttl", "jsonld", "nt"):
        from allegraph.rdf.export import write_rdf
        from allegraph.rdf.terms import DEFAULT_BASE

        return lambda snap, path: write_rdf(snap, path, fmt, base or DEFAULT_BASE)
    if fmt == "jsonl":
        from allegraph.interchange.jsonl import write_jsonl as writer
    elif fmt == "neo4j-csv":
        from allegraph.interchange.neo4j_csv import write_neo4j_csv as writer
    elif fmt == "graphml":
        from allegraph.interchange.graphml import write_graphml as writer
    elif fmt == "gexf":
        from allegraph.interchange.gexf import write_gexf as writer
    else:
        known = ", ".join(EXPORT_FORMATS)
        raise ValueError(f"unknown export format {fmt!r}; known formats: {known}")
    return writer


def export(
    store: GraphStore,
    fmt: str,
    path: str | Path,
    ids: Iterable[str] | None = None,
    base: str | None = None,
    actor: str | None = None,
    depth: int = 1,
) -> ExportResult:
    """Write the store in ``fmt``: all of it, the nodes ``ids``, or ``actor``'s neighbourhood.

    A subgraph holds its nodes and the links between them; with ``actor``,
    the nodes within ``depth`` hops of it and every source they cite
    (:func:`allegraph.interchange.selection.neighbourhood`). ``base`` is the
    IRI instance IRIs start with (RDF formats only).
    """
    from allegraph.interchange.selection import neighbourhood, snapshot

    writer = _writer(fmt, base)
    path = Path(path)
    if not EXPORT_FORMATS[fmt].folder and path.is_dir():
        raise ValueError(f"{path} is a folder; {fmt} writes a file")
    if not path.parent.exists():
        raise ValueError(f"folder {path.parent} does not exist")
    if actor is not None:
        ids = neighbourhood(store, actor, depth)
    snap = snapshot(store, ids)
    writer(snap, path)
    return ExportResult(path, fmt, len(snap.nodes), len(snap.links), len(snap.runs), _size(path))


__all__ = ["EXPORT_FORMATS", "ExportFormat", "ExportResult", "export"]
