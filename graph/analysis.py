"""Parts of a store as networkx graphs, for analysis in Python.

``Case.subgraph`` and ``Result.to_networkx`` give them: a MultiDiGraph whose
nodes carry ``label``, their properties and ``sources``, and whose edges (keyed
by relationship id) carry ``type``, their properties and ``sources``, as
:meth:`GraphStore.to_networkx` makes them. Claims also carry ``status``, the
status the rule derives from the whole store (a claim's backing may lie outside
the part taken), so that an analyst never reads a claim without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from allegraph.status import decide
from allegraph.stores.base import GraphStore

if TYPE_CHECKING:
    import networkx as nx


def around(store: GraphStore, ids: Iterable[str], depth: int) -> list[str]:
    """``ids`` and every node within ``depth`` relationships of one of them (either
    direction), nearest first: breadth first, one level of reads at a time."""
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    seen = dict.fromkeys(ids)
    frontier = list(seen)
    for _ in range(depth):
        reached = store.adjacent(frontier)
        frontier = sorted({n for near in reached.values() for n in near} - seen.keys())
        if not frontier:
            break
        seen.update(dict.fromkeys(frontier))
    return list(seen)


def network(
    store: GraphStore, ids: Iterable[str], links: Iterable[str] | None = None
) -> nx.MultiDiGraph[str]:
    """The nodes ``ids`` that exist and the relationships among them (only those
    whose id is in ``links``, when given), with each claim's derived ``status``."""
    graph = store.to_networkx(list(ids))
    if links is not None:
        wanted = set(links)
        graph.remove_edges_from([e for e in graph.edges(keys=True) if e[2] not in wanted])
    claims = [n for n, attrs in graph.nodes(data=True) if attrs.get("label") == "Claim"]
    for claim, facts in store.claim_facts(claims).items():
        graph.nodes[claim]["status"] = decide(facts).status
    return graph
