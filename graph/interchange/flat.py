"""The graph as a networkx graph whose attributes are all plain values.

GraphML and GEXF hold strings, numbers and booleans only, so lists (aliases,
sources) are joined with ``"; "``. Attributes are shaped for Gephi: a node's
``label`` is its name (the claim text, the source title) and ``type`` its
allegraph label; an edge's ``label`` and ``type`` are the relationship type;
claims get their derived ``status``.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from allegraph.interchange.selection import Snapshot
from allegraph.status import claim_statuses

LIST_SEPARATOR = "; "


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _attrs(props: dict[str, Any], sources: list[str]) -> dict[str, Any]:
    attrs = {k: _plain(v) for k, v in props.items() if v is not None}
    attrs["sources"] = _plain(sources)
    return attrs


def flat_graph(snap: Snapshot) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    number_props = {
        name
        for spec in [*snap.registry.labels.values(), *snap.registry.relationships.values()]
        for name, prop in spec.properties.items()
        if prop.type == "number"
    }
    for node in snap.nodes:
        attrs = _attrs(node.props, node.sources)
        for name in number_props & attrs.keys():  # one attribute type per key in GraphML
            attrs[name] = float(attrs[name])
        graph.add_node(node.id, **attrs, label=node.name or node.id, type=node.label)
    for link in snap.links:
        attrs = _attrs(link.props, link.sources)
        for name in number_props & attrs.keys():
            attrs[name] = float(attrs[name])
        graph.add_edge(link.src, link.dst, key=link.id, **attrs, label=link.type, type=link.type)
    for claim, status in claim_statuses(snap.to_networkx()).items():
        graph.nodes[claim]["status"] = status.status
    return graph
