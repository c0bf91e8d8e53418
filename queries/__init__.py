"""Canned queries: one ``.cypher`` file per query, with an embedded implementation of each.

>>> from allegraph.queries import run_query
>>> result = run_query(store, "allegations-against", {"actor": "Armed Forces of Ukraine"})
>>> result.columns, result.rows, result.node_ids

On a Neo4j store the ``.cypher`` file runs as it is (read transaction, bound
parameters); on the embedded store the implementation registered under the
same name runs over the graph and returns the same columns and rows.
"""

from typing import TYPE_CHECKING, Any

from allegraph.queries.params import bind, browser_params, cypher_params, parse_assignments
from allegraph.queries.registry import (
    Param,
    Query,
    QueryError,
    get_query,
    policy_params,
    queries,
)
from allegraph.queries.result import Result

if TYPE_CHECKING:
    from allegraph.queries.runner import run_query


def __getattr__(name: str) -> Any:
    # the runner imports every embedded implementation: only when a query runs, so
    # that `allegraph --help` and `query list` start quickly
    if name == "run_query":
        from allegraph.queries.runner import run_query

        return run_query
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Param",
    "Query",
    "QueryError",
    "Result",
    "bind",
    "browser_params",
    "cypher_params",
    "get_query",
    "parse_assignments",
    "policy_params",
    "queries",
    "run_query",
]
