"""Parity on a generated graph of more than 10,000 nodes, with disputes (counter-claims
both ways), SUPPORTS cycles and aliases in other scripts: every canned query gives
the same columns and rows on the embedded store and on Neo4j.

Every query orders its rows completely (test_registry checks each has an ORDER
BY), so rows are compared as they come, order included.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from allegraph.load import load
from allegraph.queries import queries
from allegraph.stores import open_store
from allegraph.synth import records, write_jsonl
from tests.queries.parity import EVERYTHING, open_neo4j, same_rows

pytestmark = pytest.mark.neo4j

GENERATED_SIZE = 34_000  # records; about 30% are nodes
SEED = 11


def _generated_cases(recs: list[dict]) -> list[tuple[str, dict]]:
    """Parameters picked from the generated records: busy and quiet actors, aliases
    in other scripts, names, titles, urls, places and periods."""
    by_label: dict[str, list[dict]] = {}
    for rec in recs:
        if "label" in rec:
            by_label.setdefault(rec["label"], []).append(rec)
    people, orgs = by_label["Person"], by_label["Organization"]
    events, places, sources = by_label["Event"], by_label["Location"], by_label["Source"]
    alias = next(p for p in people if p.get("aliases"))
    some = [people[0]["id"], people[3]["name"], alias["aliases"][0], orgs[0]["name"]]
    cases: list[tuple[str, dict]] = []
    for actor in some:
        cases += [
            ("allegations-by", {"actor": actor, "limit": EVERYTHING}),
            ("allegations-against", {"actor": actor, "limit": EVERYTHING}),
            ("actor-network", {"actor": actor, "depth": 2, "limit": EVERYTHING}),
            ("timeline", {"actor": actor, "limit": EVERYTHING}),
            ("right-of-reply", {"actor": actor, "limit": EVERYTHING}),
        ]
    for min_ in (1, 2, 3):
        for name in ("claim-status", "single-source-claims", "corroborated-claims"):
            cases.append((name, {"min": min_, "limit": EVERYTHING}))
    cases += [
        ("allegations-by", {"actor": orgs[1]["id"], "min": 3}),
        ("disputed-claims", {"limit": EVERYTHING}),
        ("mutual-accusations", {"limit": EVERYTHING}),
        ("contradictions", {"limit": EVERYTHING}),
        ("contradictions", {"limit": 37}),
        ("right-of-reply", {"limit": EVERYTHING}),
        ("right-of-reply", {"limit": 25}),
        ("event-witnesses", {"event": events[0]["name"]}),
        ("event-witnesses", {"event": events[len(events) // 2]["id"]}),
        ("connection-path", {"a": people[0]["id"], "b": people[-1]["id"], "max_hops": 10}),
        ("connection-path", {"a": orgs[0]["id"], "b": people[5]["name"]}),
        ("connection-path", {"a": alias["aliases"][0], "b": orgs[-1]["id"], "limit": EVERYTHING}),
        ("actor-network", {"actor": orgs[2]["id"], "depth": 1}),
        ("timeline", {"limit": EVERYTHING}),
        ("timeline", {"from": "2022-06", "to": "2023", "limit": EVERYTHING}),
        ("timeline", {"location": places[0]["name"], "limit": EVERYTHING}),
        ("timeline", {"location": places[1]["id"], "from": "2023", "limit": EVERYTHING}),
        ("source-impact", {"source": sources[0]["id"], "limit": EVERYTHING}),
        ("source-impact", {"source": sources[1]["title"], "limit": EVERYTHING}),
        ("source-impact", {"source": sources[2]["url"], "limit": EVERYTHING}),
        ("search", {"text": alias["aliases"][0], "limit": EVERYTHING}),
        ("search", {"text": people[0]["name"].split()[0][:3], "limit": EVERYTHING}),
        ("search", {"text": "report torture", "limit": EVERYTHING}),
    ]
    claims = by_label["Claim"]
    for claim in (claims[0]["id"], claims[len(claims) // 2]["id"], claims[-1]["text"]):
        cases.append(("claim-explain", {"claim": claim, "limit": EVERYTHING}))
    cases += [("claim-explain", {"claim": c["id"], "min": 1}) for c in claims[1:40:3]]
    cases += [("first-said", {"claim": c["id"]}) for c in claims[2:40:3]]
    return cases


RECORDS = list(records(GENERATED_SIZE, SEED))
GENERATED_CASES = _generated_cases(RECORDS)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Iterator[tuple]:
    neo4j = open_neo4j()
    folder = tmp_path_factory.mktemp("generated")
    path = folder / "case.jsonl"
    write_jsonl(path, GENERATED_SIZE, SEED)
    embedded = open_store(str(folder / "case.db"))
    embedded.init()
    for store in (embedded, neo4j):
        assert load(store, [path]).rejected == 0
    yield embedded, neo4j
    embedded.close()
    neo4j.close()


def test_generated_graph_is_big_and_knotted(generated):
    embedded = generated[0]
    counts = embedded.counts()
    assert sum(counts["nodes"].values()) >= 10_000
    assert counts["relationships"]["DISPUTED_BY"] > 0
    graph = embedded.to_networkx()  # the whole graph, asked for
    disputes = [(u, v) for u, v, t in graph.edges(data="type") if t == "DISPUTED_BY"]
    assert any(graph.has_edge(v, u) for u, v in disputes)  # counter-claims both ways
    assert sum(1 for _, aliases in graph.nodes(data="aliases") if aliases) > 100


def test_generated_cases_cover_every_query():
    assert {name for name, _ in GENERATED_CASES} == set(queries())


@pytest.mark.slow
@pytest.mark.parametrize(("name", "params"), GENERATED_CASES, ids=lambda v: str(v)[:60])
def test_generated_graph_gives_the_same_rows(generated, name, params):
    same_rows(generated, name, params)
