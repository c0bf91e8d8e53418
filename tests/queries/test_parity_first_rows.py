"""Small limits: the Neo4j queries that read only their first rows from an index (claim
lists by status, timeline without filters, search by word; connection-path finds its
actors by id or name) give the same rows, in the same order, and say alike whether the
limit cut them, as the embedded store (the hand-made case) and as the whole answer
(a generated graph), whatever the limit.

Small limits make the index walks stop early, on ties (claims of one day, of one count
of sources) and before the undated or open-start items of the timeline: the cases
where reading only the first rows could go wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from allegraph.load import load
from allegraph.queries import run_query
from allegraph.stores import open_store
from allegraph.synth import write_jsonl
from tests.queries.parity import EVERYTHING, open_neo4j, same_rows

pytestmark = pytest.mark.neo4j

CONFLICT = Path(__file__).parent / "fixtures" / "conflict.jsonl"  # undated, open-start items
GENERATED_SIZE = 6_000
SEED = 5
LIMITS = (1, 2, 3, 7, 30, 200)


def _cases() -> list[tuple[str, dict]]:
    cases: list[tuple[str, dict]] = []
    for limit in LIMITS:
        cases += [
            ("claim-status", {"limit": limit}),
            ("disputed-claims", {"limit": limit}),
            ("timeline", {"limit": limit}),
            ("search", {"text": "re", "limit": limit}),
        ]
        for min_ in (1, 2, 3, 6, 1000):
            cases += [
                ("single-source-claims", {"min": min_, "limit": limit}),
                ("corroborated-claims", {"min": min_, "limit": limit}),
            ]
    return cases


def _actor_cases(actors: tuple[str, ...]) -> list[tuple[str, dict]]:
    """An actor's claims, timeline and ego network: at a small limit the page is full
    before the actor's claims or nodes are all read (at distance 1 for actor-network)."""
    cases: list[tuple[str, dict]] = []
    for limit in LIMITS:
        for actor in actors:
            cases.append(("allegations-by", {"actor": actor, "limit": limit}))
            cases.append(("timeline", {"actor": actor, "limit": limit}))
            for depth in (1, 2, 3):
                cases.append(("actor-network", {"actor": actor, "depth": depth, "limit": limit}))
    return cases


CASES = _cases()
CONFLICT_ACTORS = ("o-north", "Elena Ivanova", "p-smith")
GENERATED_ACTORS = ("person-0", "person-1", "person-7")


def _stores(folder: Path, files: list[Path]) -> tuple:
    neo4j = open_neo4j()
    embedded = open_store(str(folder / "case.db"))
    embedded.init()
    for store in (embedded, neo4j):
        assert load(store, files).rejected == 0
    return embedded, neo4j


@pytest.fixture(scope="module")
def conflict(tmp_path_factory) -> Iterator[tuple]:
    stores = _stores(tmp_path_factory.mktemp("conflict"), [CONFLICT])
    yield stores
    for store in stores:
        store.close()


@pytest.mark.parametrize(
    ("name", "params"), CASES + _actor_cases(CONFLICT_ACTORS), ids=lambda v: str(v)[:60]
)
def test_conflict_case_first_rows(conflict, name, params):
    same_rows(conflict, name, params)


@pytest.mark.parametrize(
    "params",
    [
        {"a": "Olena Ivanova", "b": "o-north"},
        {"a": "p-smith", "b": "Northern Army", "limit": 1},
        {"a": "John Smith", "b": "Monitoring Mission", "max_hops": 10},
        {"a": "Nobody at all", "b": "o-north"},
    ],
    ids=str,
)
def test_conflict_case_connection_path_by_id_or_name(conflict, params):
    same_rows(conflict, "connection-path", params)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Iterator:
    """Neo4j only: on this graph each answer cut by a small limit is checked against
    the whole answer on the same store (test_parity_generated compares whole answers
    with the embedded store)."""
    path = tmp_path_factory.mktemp("generated") / "case.jsonl"
    write_jsonl(path, GENERATED_SIZE, SEED)
    neo4j = open_neo4j()
    assert load(neo4j, [path]).rejected == 0
    yield neo4j
    neo4j.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "params"), CASES + _actor_cases(GENERATED_ACTORS), ids=lambda v: str(v)[:60]
)
def test_generated_graph_first_rows_begin_the_whole_answer(generated, name, params):
    cut = run_query(generated, name, params)
    whole = run_query(generated, name, {**params, "limit": EVERYTHING})
    assert cut.rows == whole.rows[: params["limit"]]
    assert cut.cut == (len(whole.rows) > params["limit"])
