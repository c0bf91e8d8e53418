"""Embedded implementation of search: nodes by the words of their names."""

from __future__ import annotations

from typing import Any

from allegraph.queries.embedded import GraphView, Rows, implements


def _matches(keys: set[str], words: list[str]) -> bool:
    """Every word begins a word of one of the keys."""
    return all(any(k.startswith(w) or f" {w}" in k for k in keys) for w in words)


@implements("search")
def search(view: GraphView, p: dict[str, Any]) -> Rows:
    rows = []
    for node in view.graph.nodes:
        keys = view.keys(node)
        if _matches(keys, p["words"]):
            rows.append([node, view.label(node), view.name(node), p["key"] in keys])
    rows.sort(key=lambda row: (not row[3], row[1], row[0]))
    return rows[: p["limit"]]
