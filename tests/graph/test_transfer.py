"""Copying a whole graph between stores: identical records, runs kept, idempotent."""

from __future__ import annotations

import json

import pytest

from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.stores import open_store
from allegraph.transfer import TRANSFER_FORMAT, records_of, transfer


def snapshot(store):
    nodes = [(n.label, n.to_record(), n.sources) for n in store.nodes()]
    links = [(link.id, link.to_record(), link.sources) for link in store.links()]
    return nodes, links


@pytest.fixture
def baku(embedded):
    report = load(embedded, baku_files())
    assert report.rejected == 0
    return embedded


@pytest.fixture
def other(tmp_path):
    store = open_store(str(tmp_path / "other.db"))
    yield store
    store.close()


def test_records_of_a_store_put_sources_first_and_links_last(baku):
    records = [r.data for r in records_of(baku)]
    kinds = [
        "source" if r.get("label") == "Source" else "node" if "label" in r else "link"
        for r in records
    ]
    assert kinds == sorted(kinds, key=["source", "node", "link"].index)
    counts = baku.counts()
    assert len(records) == sum(counts["nodes"].values()) + sum(counts["relationships"].values())


def test_transfer_copies_records_and_runs_and_is_idempotent(baku, other):
    report = transfer(baku, other, batch_size=7)
    total = sum(sum(c.values()) for c in baku.counts().values())
    assert (report.run.read, report.run.loaded, report.run.rejected) == (total, total, 0)
    assert other.counts() == baku.counts()
    assert snapshot(other) == snapshot(baku)
    runs = other.runs()
    assert [r.as_dict() for r in runs if r.format != TRANSFER_FORMAT] == [
        r.as_dict() for r in baku.runs()
    ]
    (mine,) = [r for r in runs if r.format == TRANSFER_FORMAT]
    assert (mine.input, mine.status, mine.loaded) == (baku.url, "done", total)
    assert len(report.runs_copied) == 2
    again = transfer(baku, other)
    assert again.runs_copied == [] and again.run.loaded == total
    assert other.counts() == baku.counts()
    assert snapshot(other) == snapshot(baku)
    assert len(other.runs()) == 4  # two copied runs, one run per transfer


def test_transfer_merges_into_a_store_that_has_data(baku, other, tmp_path):
    path = tmp_path / "extra.jsonl"
    extra = {"label": "Person", "id": "moskalkova", "name": "Tatyana Moskalkova", "country": "XX"}
    path.write_text(json.dumps({"label": "Source", "id": "s-x", "title": "X"}) + "\n")
    with path.open("a") as fh:
        fh.write(json.dumps({**extra, "aliases": ["T. N. Moskalkova"], "sources": ["s-x"]}) + "\n")
    load(other, [path])
    transfer(baku, other)
    node = other.get_node("moskalkova")
    # the transfer wins for the values it carries; lists and sources accumulate
    assert node.props["country"] == "RU"
    assert node.props["aliases"][0] == "T. N. Moskalkova"
    assert set(baku.get_node("moskalkova").props["aliases"]) < set(node.props["aliases"])
    assert node.sources == ["art-1", "s-x"]  # a set of ids, kept sorted


@pytest.mark.neo4j
def test_embedded_to_neo4j_and_back_gives_identical_records(baku, neo4j_store, other):
    transfer(baku, neo4j_store, batch_size=10)
    counts = neo4j_store.counts()
    assert counts == baku.counts()
    transfer(baku, neo4j_store, batch_size=10)
    assert neo4j_store.counts() == counts
    back = transfer(neo4j_store, other)
    assert back.run.rejected == 0
    assert other.counts() == baku.counts()
    assert snapshot(other) == snapshot(baku)
    assert {r.id for r in baku.runs()} < {r.id for r in other.runs()}


@pytest.mark.neo4j
def test_records_the_destination_rejects_go_to_the_rejects_file(neo4j_store, other, tmp_path):
    load(neo4j_store, baku_files())
    # a hand edit that breaks the schema: an unknown property on one node
    neo4j_store.run("MATCH (n:Entity {id: $id}) SET n.shoeSize = 44", {"id": "baku"}, write=True)
    rejects = tmp_path / "rejects.jsonl"
    report = transfer(neo4j_store, other, rejects_path=rejects)
    assert report.run.rejected >= 1
    first = json.loads(rejects.read_text().splitlines()[0])
    assert first["record"]["id"] == "baku"
    assert first["reason"] == "shoeSize: unknown property of Location"
    assert other.get_node("baku") is None
    assert report.run.read == report.run.loaded + report.run.rejected
