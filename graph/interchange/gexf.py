"""GEXF 1.2, Gephi's own format.

As GraphML (:mod:`allegraph.interchange.flat`), except that attribute names
GEXF reserves for itself (an edge's ``type`` is directed/undirected, ``start``
and ``end`` make a graph dynamic, ...) are written with an ``ag_`` prefix:
the relationship type is ``ag_type`` (and the edge label), AFFILIATED_WITH's
``start``/``end`` are ``ag_start``/``ag_end``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from allegraph.interchange.flat import flat_graph
from allegraph.interchange.selection import Snapshot, as_snapshot
from allegraph.stores.base import GraphStore

# Attribute names networkx's GEXF writer takes as GEXF's own (besides id and label).
NODE_RESERVED = {"pid", "start", "end", "viz", "parents", "slices", "spells"}
EDGE_RESERVED = {"type", "weight", "start", "end", "viz", "slices", "spells", "id"}
PREFIX = "ag_"


def _rename(attrs: dict, reserved: set[str]) -> None:
    for key in reserved & attrs.keys():
        attrs[PREFIX + key] = attrs.pop(key)


def write_gexf(
    source: GraphStore | Snapshot, path: str | Path, ids: Iterable[str] | None = None
) -> Snapshot:
    snap = as_snapshot(source, ids)
    graph = flat_graph(snap)
    for _, attrs in graph.nodes(data=True):
        _rename(attrs, NODE_RESERVED)
    for _, _, attrs in graph.edges(data=True):
        _rename(attrs, EDGE_RESERVED)
    nx.write_gexf(graph, str(path), encoding="utf-8")
    return snap
