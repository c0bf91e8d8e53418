"""Judgements travel with push and pull, and the canned queries answer the same on
both stores afterwards (parity)."""

from __future__ import annotations

import pytest

from allegraph.load import load
from allegraph.queries import run_query
from allegraph.resolve import judge, judgements, undo
from allegraph.stores import open_store
from allegraph.transfer import transfer
from tests.graph.resolve.conftest import MOSKALKOVA
from tests.graph.resolve.test_merge import answers

pytestmark = pytest.mark.neo4j


def merged(store):
    load(store, [MOSKALKOVA])
    judge(store, "moskalkova", "tatiana-m", "same", "ana", note="one ombudsman")
    judge(store, "moskalkova", "t-moskalkova", "same", "ana")
    judge(store, "moskalkova", "lubinets", "unsure", "bo")
    return store


def test_push_carries_the_judgements_and_the_answers_agree(embedded, neo4j_store):
    merged(embedded)
    report = transfer(embedded, neo4j_store)
    assert len(report.judgements_copied) == 3
    assert [j.as_dict() for j in judgements(neo4j_store)] == [
        j.as_dict() for j in judgements(embedded)
    ]
    assert answers(neo4j_store) == answers(embedded)
    assert neo4j_store.counts() == embedded.counts()
    again = transfer(embedded, neo4j_store)  # idempotent
    assert again.judgements_copied == []
    for name in ("tatiana-m", "Т. Москалькова"):
        rows = run_query(neo4j_store, "allegations-by", {"actor": name}).rows
        assert [r[1] for r in rows] == ["c-exchange", "c-torture"]


def test_a_merge_made_after_a_push_is_made_in_neo4j_by_the_next(embedded, neo4j_store):
    load(embedded, [MOSKALKOVA])
    transfer(embedded, neo4j_store)
    assert neo4j_store.get_node("tatiana-m") is not None
    judge(embedded, "moskalkova", "tatiana-m", "same", "ana")
    report = transfer(embedded, neo4j_store)
    assert len(report.judgements_copied) == 1
    assert neo4j_store.get_node("tatiana-m") is None
    assert answers(neo4j_store) == answers(embedded)
    undo(neo4j_store)  # made there, so it can be undone there
    assert neo4j_store.get_node("tatiana-m") is not None


def test_pull_brings_them_back(neo4j_store, tmp_path):
    merged(neo4j_store)
    with open_store(str(tmp_path / "pulled.db")) as local:
        transfer(neo4j_store, local)
        assert [j.id for j in judgements(local)] == [j.id for j in judgements(neo4j_store)]
        assert answers(local) == answers(neo4j_store)
        load(local, [MOSKALKOVA])  # a reload of all inputs keeps them
        assert local.counts()["nodes"]["Person"] == 2
        assert answers(local) == answers(neo4j_store)
