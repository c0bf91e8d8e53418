"""What an export writes: the whole graph, or the neighbourhood of an actor.

A :class:`Snapshot` holds the nodes, relationships and load runs to write, in
an order that loads back without waiting: nodes that others cite as a source
first, then the other nodes by label (schema order) and id, then relationships
by id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from allegraph.model import Entity, Link
from allegraph.schema import Registry
from allegraph.stores.base import GraphStore, Run

if TYPE_CHECKING:
    import networkx as nx


class SelectionError(ValueError):
    """The subgraph asked for cannot be chosen (unknown or ambiguous actor)."""


@dataclass
class Snapshot:
    registry: Registry
    nodes: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The snapshot as :meth:`GraphStore.to_networkx` gives a store."""
        import networkx as nx  # slow to import: only when a graph is built

        graph = nx.MultiDiGraph()
        for node in self.nodes:
            graph.add_node(node.id, label=node.label, **node.props, sources=node.sources)
        for link in self.links:
            graph.add_edge(
                link.src, link.dst, key=link.id, type=link.type, **link.props, sources=link.sources
            )
        return graph


def snapshot(store: GraphStore, ids: Iterable[str] | None = None) -> Snapshot:
    """The whole store (every load run too), or the nodes ``ids`` and the links between them.

    A subgraph keeps only the load runs its nodes and links were written by.
    """
    if ids is None:
        nodes, links = list(store.nodes()), list(store.links())
    else:  # a selection reads only its nodes and the links among them
        nodes, links = store.subgraph(ids)
    runs = [replace(r, owner=None) for r in store.runs()]  # which process ran it stays home
    if ids is not None:
        used = {item.load_run for item in [*nodes, *links]}
        runs = [r for r in runs if r.id in used]
    cited = {s for item in [*nodes, *links] for s in item.sources}
    order = {label: i for i, label in enumerate(store.registry.labels)}
    nodes.sort(key=lambda n: (n.id not in cited, order.get(n.label, len(order)), n.id))
    links.sort(key=lambda lk: lk.id)
    return Snapshot(store.registry, nodes, links, runs)


def resolve_actor(store: GraphStore, name: str) -> str:
    """The id of the one node ``name`` names (id, name or alias), or a SelectionError."""
    if store.get_node(name) is not None:
        return name
    hits = store.resolve(name, store.registry.actor_labels) or store.resolve(name)
    if not hits:
        raise SelectionError(f"no node named {name!r} (by id, name or alias)")
    if len(set(hits)) > 1:
        raise SelectionError(f"{name!r} names several nodes: {', '.join(sorted(set(hits)))}")
    return hits[0]


def neighbourhood(store: GraphStore, actor: str, depth: int) -> set[str]:
    """Ids of the nodes within ``depth`` hops of ``actor`` (either direction).

    The Source nodes that any of them, or the links between them, cite are
    added too (and the sources those cite), so that the subgraph loads back
    on its own: provenance is never cut off.
    """
    if depth < 0:
        raise SelectionError(f"depth must be 0 or more, got {depth}")
    centre = resolve_actor(store, actor)
    ids = set(store.within(centre, depth))
    while True:
        nodes, links = store.subgraph(sorted(ids))
        cited = {s for item in [*nodes, *links] for s in item.sources} - ids
        cited = set(store.labels_of(cited))  # only sources that are in the store
        if not cited:
            return ids
        ids |= cited


def as_snapshot(source: GraphStore | Snapshot, ids: Iterable[str] | None = None) -> Snapshot:
    """Writers take a store (and optionally ids) or a snapshot already taken."""
    return source if isinstance(source, Snapshot) else snapshot(source, ids)
