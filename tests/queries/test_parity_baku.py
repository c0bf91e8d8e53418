"""Parity on the Baku example: every canned query gives the same columns and rows
on the embedded store and on Neo4j (test_parity_generated.py does the same on a
graph of more than 10,000 nodes).

Every query orders its rows completely (a test in test_registry checks that
each has an ORDER BY), so rows are compared as they come, order included.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.queries import queries
from allegraph.queries.params import example_params
from allegraph.stores import open_store
from tests.queries.parity import EVERYTHING, open_neo4j, same_rows

pytestmark = pytest.mark.neo4j

BAKU_CASES = [
    ("allegations-by", {"actor": "Moskalkova"}),
    ("allegations-by", {"actor": "unnamed-presenters", "min": 1}),
    ("allegations-against", {"actor": "ZSU"}),
    ("allegations-against", {"actor": "Збройні сили України"}),
    ("claim-status", {"min": 1}),
    ("connection-path", {"a": "Moskalkova", "b": "icrc", "max_hops": 2}),
    ("connection-path", {"a": "az-pow-commission", "b": "poliy", "max_hops": 10}),
    ("actor-network", {"actor": "afu", "depth": 4, "limit": EVERYTHING}),
    ("event-witnesses", {"event": "Alleged torture of Sergei Poliy"}),
    ("timeline", {"actor": "moskalkova"}),
    ("timeline", {"from": "2024", "to": "2024"}),
    ("source-impact", {"source": "art-1"}),
    ("search", {"text": "kursk"}),
    ("search", {"text": "Baku"}),
    ("claim-explain", {"claim": "c-pow-torture"}),
    ("claim-explain", {"claim": "c-garage-unverified", "min": 1}),
    ("claim-explain", {"claim": "c-kursk"}),
    ("first-said", {"claim": "c-pow-torture"}),
]


@pytest.fixture(scope="module")
def baku(tmp_path_factory) -> Iterator[tuple]:
    neo4j = open_neo4j()
    embedded = open_store(str(tmp_path_factory.mktemp("parity") / "baku.db"))
    embedded.init()
    for store in (embedded, neo4j):
        assert load(store, baku_files()).rejected == 0
    yield embedded, neo4j
    embedded.close()
    neo4j.close()


@pytest.mark.parametrize("name", list(queries()))
def test_baku_example_run_gives_the_same_rows(baku, name):
    result = same_rows(baku, name, example_params(queries()[name]))
    if name != "mutual-accusations":  # nobody in the Baku case accuses an accuser
        assert result.rows


@pytest.mark.parametrize(("name", "params"), BAKU_CASES, ids=lambda v: str(v))
def test_baku_more_parameters_give_the_same_rows(baku, name, params):
    same_rows(baku, name, params)


def test_baku_allegations_against_afu_in_both_stores(baku):
    rows = same_rows(baku, "allegations-against", {"actor": "Armed Forces of Ukraine"}).rows
    assert [(r[1], r[3]) for r in rows] == [
        ("c-kursk", ["unnamed-presenters"]),
        ("c-poliy", ["unnamed-presenters"]),
        ("c-pow-torture", ["moskalkova"]),
        ("c-simulated-execution", ["moskalkova"]),
    ]
