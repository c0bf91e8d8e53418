"""Embedded implementations of the queries about how actors connect: mutual accusations,
shortest paths, and ego networks."""

from __future__ import annotations

from itertools import product
from typing import Any

from allegraph.queries.embedded import GraphView, Rows, implements

# The fixed upper bound of the variable-length patterns in the Cypher
# (Cypher cannot take a parameter there); parameters are capped to match.
PATH_SEARCH_BOUND = 10


def _accused_by(view: GraphView, actor: str) -> dict[str, set[str]]:
    """Actor -> the claims ``actor`` alleges that accuse them."""
    found: dict[str, set[str]] = {}
    for claim in view.targets(actor, "ALLEGES", ["Claim"]):
        for accused in view.targets(claim, "ACCUSES", view.actor_labels):
            found.setdefault(accused, set()).add(claim)
    return found


@implements("mutual-accusations")
def mutual_accusations(view: GraphView, p: dict[str, Any]) -> Rows:
    accusations = {a: _accused_by(view, a) for a in view.with_label(view.actor_labels)}
    rows = []
    for a, targets in accusations.items():
        for b, claims in targets.items():
            if a < b and a in accusations.get(b, {}):
                rows.append([a, b, sorted(claims), sorted(accusations[b][a])])
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows[: p["limit"]]


def _steps(view: GraphView, u: str, v: str) -> list[tuple[str, str]]:
    """Every relationship between two neighbours, as ``(arrow text, link id)``."""
    steps = []
    for key, data in (view.graph.get_edge_data(u, v) or {}).items():
        steps.append((f" -[{data['type']}]-> ", key))
    for key, data in (view.graph.get_edge_data(v, u) or {}).items():
        steps.append((f" <-[{data['type']}]- ", key))
    return steps


def _paths(view: GraphView, nodes: list[str]) -> list[tuple[str, list[str]]]:
    """Each relationship-level path along a node sequence: (readable path, link ids)."""
    hops = [_steps(view, u, v) for u, v in zip(nodes, nodes[1:], strict=False)]
    out = []
    for choice in product(*hops):
        text = nodes[0]
        for (arrow, _), node in zip(choice, nodes[1:], strict=True):
            text += arrow + node
        out.append((text, [key for _, key in choice]))
    return out


@implements("connection-path")
def connection_path(view: GraphView, p: dict[str, Any]) -> Rows:
    import networkx as nx  # slow to import: not at CLI start-up (`allegraph query list`)

    rows = []
    max_hops = min(p["max_hops"], PATH_SEARCH_BOUND)
    for a in view.find(p["a"], view.actor_labels):
        for b in view.find(p["b"], view.actor_labels):
            if a == b:
                continue
            try:
                node_paths = list(nx.all_shortest_paths(view.undirected, a, b))
            except nx.NetworkXNoPath:
                continue
            for nodes in node_paths:
                if len(nodes) - 1 > max_hops:
                    continue
                for text, links in _paths(view, nodes):
                    rows.append([a, b, len(nodes) - 1, text, nodes, links])
    rows.sort(key=lambda row: (row[0], row[1], row[3], row[5]))
    return rows[: p["limit"]]


@implements("actor-network")
def actor_network(view: GraphView, p: dict[str, Any]) -> Rows:
    import networkx as nx  # slow to import: not at CLI start-up (`allegraph query list`)

    rows = []
    for actor in view.find(p["actor"], view.actor_labels):
        near = nx.single_source_shortest_path_length(view.undirected, actor, cutoff=p["depth"])
        for node, distance in near.items():
            rows.append([actor, node, view.label(node), view.name(node), distance])
    rows.sort(key=lambda row: (row[4], row[0], row[1]))
    return rows[: p["limit"]]
