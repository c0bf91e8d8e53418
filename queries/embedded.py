"""The embedded side of the canned queries: the registry of implementations.

Each query has a function registered with :func:`implements` under the name of
its ``.cypher`` file. It takes an :class:`~allegraph.stores.embedded_read.EmbeddedReader`
(indexed reads of the SQLite file) and the bound parameters, and returns a
:class:`Page`: the rows, with the same columns, values and order as the Cypher
gives on Neo4j, cut to ``limit``, and how many rows there are in all. It reads
only what the answer needs, never the whole store. The functions live in
modules by topic (claims, network, events, sources, search);
:mod:`allegraph.queries.runner` imports them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from allegraph.stores.embedded_read import EmbeddedReader

Rows = list[list[Any]]


@dataclass
class Page:
    """The rows a query returns, and what ``limit`` left out.

    ``total`` is how many rows the query has without the limit, or None when
    counting them would cost more than answering (the query then stopped as soon
    as it knew that the limit cut it); ``cut`` says whether rows were left out.
    """

    rows: Rows
    total: int | None
    cut: bool


Implementation = Callable[[EmbeddedReader, dict[str, Any]], Page]

IMPLEMENTATIONS: dict[str, Implementation] = {}


def implements(name: str) -> Callable[[Implementation], Implementation]:
    """Register the embedded implementation of the query called ``name``."""

    def register(function: Implementation) -> Implementation:
        if name in IMPLEMENTATIONS:
            raise RuntimeError(f"two embedded implementations of {name!r}")
        IMPLEMENTATIONS[name] = function
        return function

    return register


def page(rows: Rows, limit: int) -> Page:
    """Every row of an answer, cut to ``limit``."""
    return Page(rows[:limit], len(rows), len(rows) > limit)


def cypher_order(*values: Any) -> tuple:
    """A sort key that orders like Cypher's ``ORDER BY`` ascending: nulls last."""
    return tuple((v is None, v if v is not None else "") for v in values)
