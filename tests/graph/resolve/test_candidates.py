"""Candidate pairs: name scores, blocking, identifiers, judged pairs left out."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from allegraph.load import Loader, load
from allegraph.model import Record
from allegraph.names import normalize
from allegraph.resolve import judge, propose
from allegraph.resolve.candidates import (
    MAX_SHARED_NAME,
    MIN_WORD,
    _parse,
    candidates,
    name_score,
)
from allegraph.stores.base import Run
from tests.graph.resolve.conftest import MOSKALKOVA


def score(x: str, y: str) -> tuple[float, str]:
    return name_score(_parse(normalize(x)), _parse(normalize(y)))


def test_name_scores_across_scripts_initials_and_parts():
    assert score("Москалькова", "MOSKALKOVA") == (100.0, "same name 'moskalkova'")
    assert score("Т. Москалькова", "Tatyana Moskalkova") == (
        90.0,
        "'t moskalkova' is 'tatyana moskalkova' with initials",
    )
    assert score("Moskalkova", "Tatyana Moskalkova") == (
        80.0,
        "'moskalkova' is part of 'tatyana moskalkova'",
    )
    assert score("Tatyana Moskalkova", "Tatiana Moskalkova") == (
        94.4,
        "names alike: 'tatyana moskalkova' ~ 'tatiana moskalkova' (94.4)",
    )


def test_a_number_or_an_initial_that_differs_is_never_a_pair():
    assert score("Brigade 25", "Brigade 26")[0] == 0
    assert score("Armed Forces of Arvania (2)", "Armed Forces of Arvania")[0] == 0
    assert score("Olena C. Sokolov", "Olena D. Sokolov")[0] == 0
    assert score("Olena C. Sokolov", "Olena Sokolov")[0] > 90


def records(*nodes: dict) -> list[Record]:
    return [Record(n, "test", i) for i, n in enumerate(nodes, 1)]


def test_a_shared_identifier_makes_a_pair_whatever_the_names(embedded):
    report = load_nodes(
        embedded,
        {"label": "Organization", "id": "o1", "name": "FSB", "externalIds": ["wikidata:Q1"]},
        {"label": "Organization", "id": "o2", "name": "Federal Security Service",
         "externalIds": ["wikidata:Q1"]},
    )  # fmt: skip
    assert report == 2
    (pair,) = propose(embedded, ["Organization"])
    assert (pair.a, pair.b, pair.score) == ("o1", "o2", 100.0)
    assert pair.reasons == ["same externalIds value 'wikidata:Q1'"]


def test_a_value_many_nodes_share_is_a_category_not_an_identifier(embedded):
    """GDELT gives every business actor the CAMEO code BUS: a bank and a tourism
    industry are not one actor because of it (and its holders are not all paired)."""
    names = ["Tourism Industry", "Bank", "Investor", "Companies", "Business", "Retailer"]
    nodes = [
        {"label": "Organization", "id": f"o{i}", "name": n, "externalIds": ["gdelt-actor:BUS"]}
        for i, n in enumerate(names)
    ]
    assert load_nodes(embedded, *nodes) == 6
    assert propose(embedded, ["Organization"]) == []


def test_a_name_very_many_nodes_have_is_generic(embedded):
    """GDELT names 25 different police forces POLICE: no pair among them; two nodes
    called Jane Roe are still a pair."""
    police = [
        {"label": "Organization", "id": f"p{i:02}", "name": "POLICE"}
        for i in range(MAX_SHARED_NAME + 5)
    ]
    roe = [{"label": "Organization", "id": f"r{i}", "name": "Jane Roe Fund"} for i in (1, 2)]
    assert load_nodes(embedded, *police, *roe) == MAX_SHARED_NAME + 7
    assert [(c.a, c.b) for c in propose(embedded, ["Organization"])] == [("r1", "r2")]


def load_nodes(store, *nodes: dict) -> int:
    loader = Loader(store)
    run = Run("r", "test", "", "jsonl", "2026-01-01T00:00:00Z")
    store.start_run(run)
    loader.load_records(records(*nodes), run)
    loader.finish()
    loader.close()
    return run.loaded


def test_judged_pairs_are_left_out(embedded):
    load(embedded, [MOSKALKOVA])
    before = [(c.a, c.b) for c in propose(embedded)]
    assert before == [
        ("moskalkova", "tatiana-m"),
        ("t-moskalkova", "tatiana-m"),
        ("moskalkova", "t-moskalkova"),
    ]
    judge(embedded, "tatiana-m", "t-moskalkova", "different", "ana")
    assert [(c.a, c.b) for c in propose(embedded)] == [before[0], before[2]]
    judge(embedded, "moskalkova", "tatiana-m", "same", "ana")
    # tatiana-m is moskalkova now, and was judged different from t-moskalkova: so is
    # moskalkova, and nothing is left to propose
    assert propose(embedded) == []


WORDS = ["olena", "oksana", "sokolov", "sokolova", "anna", "ivan", "petrenko", "o", "a", "2"]


def letters(words: tuple[str, ...], i: int) -> tuple[str, str]:
    """The first letters of the words other than the i-th: all of them, and those of
    words longer than an initial."""
    others = [w for j, w in enumerate(words) if j != i and not w.isdigit()]
    return (
        "".join(sorted({w[0] for w in others})),
        "".join(sorted({w[0] for w in others if len(w) > 1})),
    )


def compared(x: str, y: str) -> bool:
    """The blocking rule as the module states it, pair by pair."""
    a, b = _parse(x), _parse(y)
    for i, w in enumerate(a.words):
        if len(w) < MIN_WORD or w.isdigit():
            continue
        for j, v in enumerate(b.words):
            if v != w:
                continue
            (full_a, long_a), (full_b, long_b) = letters(a.words, i), letters(b.words, j)
            if not long_a or not long_b or {full_a, long_a} & {full_b, long_b}:
                return True
    return False


names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
nodes = st.tuples(names, st.lists(names, max_size=2))  # a name and its aliases


def best_of(x: tuple[str, list[str]], y: tuple[str, list[str]]) -> tuple[float, str]:
    """The score of two nodes as the module states it: the best pair of their names
    (the first, in the order of the names), 0 when their own names differ in a number
    or an initial; and its reason."""
    own_x, own_y = _parse(normalize(x[0])), _parse(normalize(y[0]))
    if own_x.numbers != own_y.numbers:
        return 0.0, ""
    if own_x.initials and own_y.initials and own_x.initials != own_y.initials:
        return 0.0, ""
    keys_x = list(dict.fromkeys(normalize(n) for n in [x[0], *x[1]]))
    keys_y = list(dict.fromkeys(normalize(n) for n in [y[0], *y[1]]))
    best = (0.0, "")
    for a in keys_x:
        for b in keys_y:
            got = score(a, b)
            if got[0] > best[0]:
                best = got
    return best


@settings(max_examples=150, deadline=None)
@given(
    st.lists(nodes, min_size=2, max_size=8, unique_by=lambda n: n[0]), st.sampled_from([50, 75, 90])
)
def test_blocking_finds_every_pair_the_rule_compares(listed, least):
    class Node:
        def __init__(self, i, name, aliases):
            self.id, self.name, self.props = f"p{i}", name, {"aliases": aliases}

    class Store:
        def nodes(self, label):
            return [Node(i, *n) for i, n in enumerate(listed)]

        def adjacent(self, ids):
            return {}

    found = {(c.a, c.b): (c.score, c.reasons) for c in candidates(Store(), ["Person"], least, None)}
    expected = {}
    for (i, x), (j, y) in combinations(enumerate(listed), 2):
        got, why = best_of(x, y)
        blocked = any(
            compared(normalize(a), normalize(b)) for a in [x[0], *x[1]] for b in [y[0], *y[1]]
        )
        if blocked and got >= least and got > 0:
            expected[tuple(sorted((f"p{i}", f"p{j}")))] = (got, [why])
    assert found == expected
