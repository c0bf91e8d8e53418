"""The store-specific side of entity resolution, chosen by the store's type."""

from __future__ import annotations

from typing import Any

from allegraph.stores.base import GraphStore


def side_of(store: GraphStore) -> Any:
    """The object that keeps judgements and applies merges in ``store``."""
    if type(store).__name__ == "Neo4jStore":
        from allegraph.resolve.neo4j_side import Neo4jSide

        return Neo4jSide(store)
    from allegraph.resolve.embedded_side import EmbeddedSide
    from allegraph.stores.embedded import EmbeddedStore

    if not isinstance(store, EmbeddedStore):
        raise TypeError(f"entity resolution does not know the store {store.url!r}")
    return EmbeddedSide(store)
