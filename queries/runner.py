"""Running a canned query: Cypher on Neo4j, the embedded implementation otherwise."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from allegraph.collector import collector_paused
from allegraph.queries import (  # noqa: F401  (register)
    claims,
    disputes,
    events,
    explain,
    network,
    search,
    sources,
)
from allegraph.queries.embedded import IMPLEMENTATIONS
from allegraph.queries.matching import unmatched
from allegraph.queries.params import cypher_params
from allegraph.queries.registry import get_query
from allegraph.queries.result import Result, ids_in
from allegraph.stores.base import GraphStore


def _is_neo4j(store: GraphStore) -> bool:
    # by name: importing allegraph.stores.neo4j would import the driver (slow start-up)
    return type(store).__name__ == "Neo4jStore"


def run_query(store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> Result:
    """Run the canned query ``name`` with ``params`` on ``store``.

    On a Neo4j store the ``.cypher`` text runs in a read transaction with the
    bound parameters, asking for one row more than ``limit`` to know whether the
    limit cut the rows. On the embedded store the implementation registered
    under the same name reads what the answer needs through the store's indexes
    (``EmbeddedStore.reader``) and counts the rows it leaves out where that is
    cheap. When there are no rows, the parameters that name a node are checked:
    :attr:`Result.unmatched` says which match nothing.
    """
    query = get_query(name)
    bound = cypher_params(query, params or {})
    limit = bound.get("limit")
    total: int | None = None
    if _is_neo4j(store):
        asked = dict(bound)
        if limit is not None:
            asked["limit"] = limit + 1
        answer = store.run(query.cypher, asked)
        columns, rows = answer.columns, answer.rows
        if columns != list(query.columns):
            raise RuntimeError(
                f"{query.file}: Cypher returns {columns}, the header {query.columns}"
            )
        cut = limit is not None and len(rows) > limit
        rows = rows[:limit] if cut else rows
        if not cut:
            total = len(rows)
    elif hasattr(store, "reader"):
        columns = list(query.columns)
        with collector_paused():
            answer = IMPLEMENTATIONS[name](store.reader(), bound)
        rows, total, cut = answer.rows, answer.total, answer.cut
    else:
        raise TypeError(f"{type(store).__name__} answers no canned query")
    rows = [list(row) for row in rows]
    return Result(
        query=name,
        columns=columns,
        rows=rows,
        node_ids=ids_in(columns, rows, query.node_columns),
        link_ids=ids_in(columns, rows, query.link_columns),
        limit=limit,
        total=total,
        cut=cut,
        unmatched=[] if rows else unmatched(store, query, bound),
        store=store,
    )
