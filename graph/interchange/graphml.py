"""GraphML, for Gephi, yEd, Cytoscape and networkx (``networkx.read_graphml``).

Attributes as :mod:`allegraph.interchange.flat` shapes them: lists joined
with ``"; "``, node ``label`` = name, ``type`` = allegraph label, edge ids =
relationship ids. Not read back by `allegraph load`: use jsonl or RDF for that.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from allegraph.interchange.flat import flat_graph
from allegraph.interchange.selection import Snapshot, as_snapshot
from allegraph.stores.base import GraphStore


def write_graphml(
    source: GraphStore | Snapshot, path: str | Path, ids: Iterable[str] | None = None
) -> Snapshot:
    snap = as_snapshot(source, ids)
    nx.write_graphml(flat_graph(snap), str(path), encoding="utf-8")
    return snap
