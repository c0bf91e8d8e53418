"""Running a canned query: Cypher on Neo4j, the embedded implementation otherwise."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from allegraph.queries import claims, events, network, search, sources  # noqa: F401  (register)
from allegraph.queries.embedded import IMPLEMENTATIONS, GraphView
from allegraph.queries.params import bind
from allegraph.queries.registry import get_query
from allegraph.queries.result import Result, ids_in
from allegraph.stores.base import GraphStore


def _is_neo4j(store: GraphStore) -> bool:
    from allegraph.stores.neo4j import Neo4jStore

    return isinstance(store, Neo4jStore)


def run_query(
    store: GraphStore,
    name: str,
    params: Mapping[str, Any] | None = None,
    view: GraphView | None = None,
) -> Result:
    """Run the canned query ``name`` with ``params`` on ``store``.

    On a Neo4j store the ``.cypher`` text runs in a read transaction with the
    bound parameters; on any other store the embedded implementation runs
    over ``view`` (made from the store when not given; pass one to run several
    queries over the same snapshot).
    """
    query = get_query(name)
    bound = bind(query, params or {})
    if _is_neo4j(store):
        answer = store.run(query.cypher, bound)
        columns, rows = answer.columns, answer.rows
        if columns != list(query.columns):
            raise RuntimeError(
                f"{query.file}: Cypher returns {columns}, the header {query.columns}"
            )
    else:
        columns = list(query.columns)
        rows = IMPLEMENTATIONS[name](view or GraphView(store), bound)
    return Result(
        query=name,
        columns=columns,
        rows=[list(row) for row in rows],
        node_ids=ids_in(columns, rows, query.node_columns),
        link_ids=ids_in(columns, rows, query.link_columns),
    )
