"""Ad-hoc Cypher against a Neo4j store, with results as plain values.

Read-only unless asked: the query runs in a read transaction, in which the
server itself refuses any write; ``write=True`` runs it in a write transaction.
"""

from __future__ import annotations

import json
from typing import Any

from neo4j.graph import Node, Path, Relationship

from allegraph.stores.base import GraphStore, StoreError
from allegraph.stores.neo4j import KEYS, CypherResult, Neo4jStore, ReadOnlyError


def parse_params(pairs: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """``name=value`` pairs as query parameters.

    A value that is JSON (``10``, ``true``, ``["a","b"]``) is taken as JSON; any
    other value is a string. Quote a string that looks like JSON: ``n='"10"'``.
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"parameter {pair!r}: expected name=value")
        try:
            params[name.strip()] = json.loads(value)
        except ValueError:
            params[name.strip()] = value
    return params


def plain(value: Any) -> Any:
    """A driver value as JSON-friendly Python: nodes and relationships as dicts.

    A node gives ``{"_labels": [...], **properties}``, a relationship
    ``{"_type": ..., "_from": id, "_to": id, **properties}``, a path a dict of
    its nodes and relationships; the store's name keys are left out.
    """
    if isinstance(value, Node):
        props = {k: plain(v) for k, v in value.items() if k != KEYS}
        return {"_labels": sorted(value.labels), **props}
    if isinstance(value, Relationship):
        props = {k: plain(v) for k, v in value.items()}
        ends = {
            "_from": value.start_node.get("id") if value.start_node else None,
            "_to": value.end_node.get("id") if value.end_node else None,
        }
        return {"_type": value.type, **ends, **props}
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != KEYS}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Duration...
        return value.iso_format()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def run_cypher(
    store: GraphStore, query: str, params: dict[str, Any] | None = None, write: bool = False
) -> CypherResult:
    """Columns, rows (values made :func:`plain`) and change counters of ``query``."""
    if not isinstance(store, Neo4jStore):
        raise StoreError(
            f"cypher needs a Neo4j store, and {store.url!r} is the embedded store: "
            "use --store bolt://host:7687 (or neo4j://...)"
        )
    if not query.strip():
        raise ValueError("the query is empty")
    try:
        result = store.run(query, params, write=write)
    except ReadOnlyError:
        raise StoreError(
            "the query writes to the graph and cypher runs read-only: add --write to allow writes"
        ) from None
    result.rows = [[plain(v) for v in row] for row in result.rows]
    return result


def describe_changes(counters: dict[str, int]) -> str:
    """``nodes_created: 2, properties_set: 4``, or ``no changes``."""
    if not counters:
        return "no changes"
    return ", ".join(f"{name}: {n}" for name, n in sorted(counters.items()))
