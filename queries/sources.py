"""Embedded implementation of source-impact: what rests on a source."""

from __future__ import annotations

from typing import Any

from allegraph.queries.embedded import GraphView, Rows, cypher_order, implements


def _node_rows(view: GraphView, source: str) -> Rows:
    rows = []
    supported = set(view.targets(source, "SUPPORTS"))
    citing = set(view.origins(source, "CITES"))
    for node, attrs in view.graph.nodes(data=True):
        if node == source:
            continue
        via = []
        if node in citing:
            via.append("CITES")
        if node in supported:
            via.append("SUPPORTS")
        if source in (attrs.get("sources") or []):
            via.append("sources")
        if not via:
            continue
        backing = list(attrs.get("sources") or [])
        backing += view.origins(node, "SUPPORTS", ["Source"])
        left = not [s for s in backing if s != source]
        rows.append([source, node, None, attrs["label"], view.name(node), via, left])
    return rows


def _link_rows(view: GraphView, source: str) -> Rows:
    rows = []
    for _, _, key, data in view.graph.edges(keys=True, data=True):
        sources = data.get("sources") or []
        if source in sources:
            left = not [s for s in sources if s != source]
            rows.append([source, None, key, data["type"], None, ["sources"], left])
    return rows


@implements("source-impact")
def source_impact(view: GraphView, p: dict[str, Any]) -> Rows:
    rows = []
    for source in view.find(p["source"], ["Source"]):
        rows += _node_rows(view, source) + _link_rows(view, source)
    rows.sort(key=lambda row: cypher_order(row[0], row[1], row[2]))
    return rows[: p["limit"]]
