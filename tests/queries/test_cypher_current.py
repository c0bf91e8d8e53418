"""The canned Cypher uses no syntax the server calls deprecated: a later Neo4j drops
what 5.x only warns about (``CALL { ... }`` without a variable scope clause, for one),
and the store's driver turns notifications off, so nothing else would say so."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import GraphDatabase, NotificationClassification

from allegraph.load import load
from allegraph.queries import cypher_params, queries
from allegraph.stores.neo4j import credentials
from tests.queries.parity import open_neo4j

pytestmark = pytest.mark.neo4j

BAKU = Path(__file__).resolve().parents[2] / "examples" / "baku"
# parameters naming what the Baku case holds, so that every branch is planned
PARAMS = {
    "actor": "Ministry of Defence of Armenia",
    "a": "Ministry of Defence of Armenia",
    "b": "Ministry of Defence of Azerbaijan",
    "claim": "claim-1",
    "event": "event-1",
    "source": "src-1",
    "text": "shelling",
}


def _params(query) -> dict:
    return {p.name: PARAMS[p.name] for p in query.params if p.name in PARAMS}


@pytest.fixture(scope="module")
def session():
    store = open_neo4j()
    load(store, sorted(BAKU.glob("*.jsonl")) + sorted(BAKU.glob("*.csv")))
    user, password = credentials()
    driver = GraphDatabase.driver(store.url, auth=(user, password))
    with driver.session(database=store.database) as made:
        yield made
    driver.close()
    store.close()


@pytest.mark.parametrize("name", sorted(queries()))
def test_a_canned_query_uses_no_deprecated_cypher(session, name):
    query = queries()[name]
    summary = session.run(query.cypher, cypher_params(query, _params(query))).consume()
    deprecated = [
        status.status_description
        for status in summary.gql_status_objects
        if status.classification == NotificationClassification.DEPRECATION
    ]
    assert deprecated == [], f"{query.file}: {deprecated}"
