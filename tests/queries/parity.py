"""Helpers of the parity tests (test_parity_*.py): the same query on both stores."""

from __future__ import annotations

from allegraph.queries import run_query
from allegraph.stores import open_store
from tests.conftest import require_neo4j

EVERYTHING = 1_000_000  # a limit no query reaches in these cases: compare whole answers


def open_neo4j():
    """The test Neo4j, emptied and initialised (skips without one)."""
    store = open_store(require_neo4j())
    store.clear()
    store.init()
    return store


def same_rows(stores, name, params):
    """Run a query on both stores; assert identical columns, rows and ids, and that both
    say alike whether the limit cut the rows and which parameters match nothing;
    return one."""
    embedded, neo4j = stores
    mine = run_query(embedded, name, params)
    theirs = run_query(neo4j, name, params)
    assert mine.columns == theirs.columns
    assert mine.rows == theirs.rows
    assert (mine.node_ids, mine.link_ids) == (theirs.node_ids, theirs.link_ids)
    assert mine.cut == theirs.cut
    assert [u.split(";")[0] for u in mine.unmatched] == [u.split(";")[0] for u in theirs.unmatched]
    return mine
