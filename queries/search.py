"""Embedded implementation of search: nodes by the words of their names.

The words are looked up in the FTS5 index of the name keys (``names_fts``): a
word matches a key when it begins one of the key's words, as the Cypher's
``k STARTS WITH w OR k CONTAINS ' ' + w`` on the same keys.
"""

from __future__ import annotations

from typing import Any

from allegraph.queries import sql
from allegraph.queries.embedded import Page, implements
from allegraph.stores.embedded_read import EmbeddedReader


@implements("search")
def search(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    shown, total = sql.search_hits(r, p["words"], p["key"], p["limit"])
    nodes = r.nodes(i for i, _, _ in shown)
    rows = [[i, label, r.name(nodes[i]), exact] for i, label, exact in shown]
    return Page(rows, total, total > p["limit"])
