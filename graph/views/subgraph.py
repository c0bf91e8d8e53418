"""Induced subgraphs in a stable order.

``networkx`` subgraph views iterate a small node set in set order, which
changes from run to run; a view built twice from the same data should be the
same page, so the views build their subgraphs here instead.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx


def induced(
    graph: nx.MultiDiGraph, ids: Iterable[str], links: Iterable[str] | None = None
) -> nx.MultiDiGraph:
    """The nodes ``ids`` that exist in ``graph`` (in that order) and the edges between them.

    With ``links``, only the edges whose key (relationship id) is one of them.
    """
    keep = [n for n in dict.fromkeys(ids) if n in graph]
    chosen = set(keep)
    wanted = set(links) if links is not None else None
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(graph.nodes[n])) for n in keep)
    sub.add_edges_from(
        (u, v, k, dict(d))
        for u, v, k, d in graph.edges(keys=True, data=True)
        if u in chosen and v in chosen and (wanted is None or k in wanted)
    )
    return sub
