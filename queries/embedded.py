"""The embedded side of the canned queries: a graph view of the store, and the registry
of implementations.

Each query has a function registered with :func:`implements` under the name of
its ``.cypher`` file. It takes a :class:`GraphView` and the bound parameters and
returns rows with the same columns, values and order as the Cypher gives on
Neo4j. The functions live in modules by topic (claims, network, events,
sources, search); :mod:`allegraph.queries.runner` imports them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from allegraph.names import name_keys, normalize
from allegraph.status import ClaimStatus, claim_status
from allegraph.stores.base import GraphStore

if TYPE_CHECKING:
    import networkx as nx

Rows = list[list[Any]]
Implementation = Callable[["GraphView", dict[str, Any]], Rows]

IMPLEMENTATIONS: dict[str, Implementation] = {}


def implements(name: str) -> Callable[[Implementation], Implementation]:
    """Register the embedded implementation of the query called ``name``."""

    def register(function: Implementation) -> Implementation:
        if name in IMPLEMENTATIONS:
            raise RuntimeError(f"two embedded implementations of {name!r}")
        IMPLEMENTATIONS[name] = function
        return function

    return register


def cypher_order(*values: Any) -> tuple:
    """A sort key that orders like Cypher's ``ORDER BY`` ascending: nulls last."""
    return tuple((v is None, v if v is not None else "") for v in values)


class GraphView:
    """The store as one networkx graph, with the lookups the queries share."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.registry = store.registry
        self.graph: nx.MultiDiGraph = store.to_networkx()
        self._status: dict[tuple[str, int], ClaimStatus] = {}
        self._keys: dict[str, set[str]] = {}

    @cached_property
    def undirected(self) -> nx.Graph:
        """Who is next to whom, whatever the direction or type of the relationships."""
        import networkx as nx  # slow to import: not at CLI start-up (`allegraph query list`)

        return nx.Graph(self.graph.to_undirected(as_view=True))

    @cached_property
    def actor_labels(self) -> tuple[str, ...]:
        return self.registry.actor_labels

    def label(self, node: str) -> str | None:
        return self.graph.nodes[node].get("label")

    def prop(self, node: str, name: str) -> Any:
        return self.graph.nodes[node].get(name)

    def name(self, node: str) -> str | None:
        """The node's name property (``name``, ``text`` or ``title``, as the schema says)."""
        spec = self.registry.labels[self.label(node)]
        return self.graph.nodes[node].get(spec.name_property)

    def with_label(self, labels: Iterable[str]) -> list[str]:
        wanted = set(labels)
        return sorted(n for n, label in self.graph.nodes(data="label") if label in wanted)

    def find(self, text: str, labels: Iterable[str]) -> list[str]:
        """Nodes of ``labels`` whose id is ``text`` or whose name or alias matches it."""
        key = normalize(text)
        return [n for n in self.with_label(labels) if n == text or key in self.keys(n)]

    def keys(self, node: str) -> set[str]:
        """The node's matching keys: the ``_keys`` the Neo4j store keeps for it."""
        if node not in self._keys:
            spec = self.registry.labels[self.label(node)]
            self._keys[node] = set(name_keys(spec, self.graph.nodes[node]))
        return self._keys[node]

    def out_edges(self, node: str, type_: str) -> list[tuple[str, str, dict]]:
        """``(target, link id, attributes)`` of the node's outgoing links of one type."""
        return [
            (v, key, data)
            for _, v, key, data in self.graph.out_edges(node, keys=True, data=True)
            if data["type"] == type_
        ]

    def in_edges(self, node: str, type_: str) -> list[tuple[str, str, dict]]:
        """``(origin, link id, attributes)`` of the node's incoming links of one type."""
        return [
            (u, key, data)
            for u, _, key, data in self.graph.in_edges(node, keys=True, data=True)
            if data["type"] == type_
        ]

    def targets(self, node: str, type_: str, labels: Iterable[str] | None = None) -> list[str]:
        """The distinct nodes the node points at by ``type_`` links, sorted."""
        wanted = set(labels) if labels is not None else None
        found = {v for v, _, _ in self.out_edges(node, type_)}
        return sorted(v for v in found if wanted is None or self.label(v) in wanted)

    def origins(self, node: str, type_: str, labels: Iterable[str] | None = None) -> list[str]:
        """The distinct nodes that point at the node by ``type_`` links, sorted."""
        wanted = set(labels) if labels is not None else None
        found = {u for u, _, _ in self.in_edges(node, type_)}
        return sorted(u for u in found if wanted is None or self.label(u) in wanted)

    def status(self, claim: str, min_independent: int) -> ClaimStatus:
        """The derived status of a claim (allegraph.status), computed once per threshold."""
        key = (claim, min_independent)
        if key not in self._status:
            self._status[key] = claim_status(self.graph, claim, min_independent)
        return self._status[key]
