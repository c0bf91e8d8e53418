"""Stores: one :class:`GraphStore` interface, chosen by a store URL.

* a path (``allegraph.db``) or ``sqlite:///path``: the embedded SQLite store;
* ``neo4j://``, ``neo4j+s://``, ``bolt://``...: a Neo4j 5 server.
"""

from __future__ import annotations

import os

from allegraph.schema import Registry
from allegraph.stores.base import GraphStore, Run, StoreError

DEFAULT_STORE = "allegraph.db"
NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def default_url() -> str:
    return os.environ.get("ALLEGRAPH_STORE") or DEFAULT_STORE


def open_store(url: str | None = None, schema: Registry | None = None) -> GraphStore:
    """Open the store a URL names (the default store when ``url`` is None)."""
    url = url or default_url()
    if url.startswith(NEO4J_SCHEMES):
        try:
            from allegraph.stores.neo4j import Neo4jStore
        except ImportError as exc:  # pragma: no cover - the module ships with the package
            raise StoreError(f"Neo4j store is not available: {exc}") from exc
        return Neo4jStore(url, schema=schema)
    if "://" in url and not url.startswith("sqlite://"):
        raise StoreError(f"unknown store URL {url!r}: use a file path, sqlite:///path or neo4j://")
    from allegraph.stores.embedded import EmbeddedStore

    return EmbeddedStore(url.removeprefix("sqlite://"), schema=schema)


__all__ = ["DEFAULT_STORE", "GraphStore", "Run", "StoreError", "default_url", "open_store"]
