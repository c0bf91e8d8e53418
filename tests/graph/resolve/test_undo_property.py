"""Merge then undo is the identity, over random small graphs (hypothesis), on both
stores; and the dry run predicts exactly the status changes the merge makes."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegraph.interchange.jsonl import write_jsonl
from allegraph.load import load
from allegraph.queries import run_query
from allegraph.resolve import judge, judgements, undo
from allegraph.stores import open_store
from tests.conftest import require_neo4j

PEOPLE = [
    ("p0", "Tatyana Moskalkova", ["Татьяна Москалькова"]),
    ("p1", "Tatiana Moskalkova", []),
    ("p2", "T. Moskalkova", []),
    ("p3", "Dmytro Lubinets", []),
]
ORGS = [("o0", "Armed Forces of Ukraine"), ("o1", "Ministry of Defence")]
SOURCES = [("s0", "TASS"), ("s1", "Meduza"), ("s2", None)]
CLAIMS = ["c0", "c1", "c2", "c3"]
ACTORS = [p[0] for p in PEOPLE] + [o[0] for o in ORGS]


@st.composite
def cases(draw):
    records = []
    for ident, publisher in SOURCES:
        rec = {"label": "Source", "id": ident, "title": f"Report {ident}"}
        if publisher:
            rec["publisher"] = publisher
        records.append(rec)
    for ident, name, aliases in PEOPLE:
        rec = {"label": "Person", "id": ident, "name": name, "sources": ["s0"]}
        if aliases and draw(st.booleans()):
            rec["aliases"] = aliases
        if draw(st.booleans()):
            rec["country"] = draw(st.sampled_from(["RU", "UA"]))
        records.append(rec)
    for ident, name in ORGS:
        records.append({"label": "Organization", "id": ident, "name": name, "sources": ["s1"]})
    for ident in CLAIMS:
        own = draw(st.lists(st.sampled_from([s[0] for s in SOURCES]), min_size=1, unique=True))
        records.append(
            {"label": "Claim", "id": ident, "text": f"Claim {ident}", "sources": sorted(own)}
        )
    kinds = st.sampled_from(["ALLEGES", "ACCUSES", "DISPUTED_BY", "SUPPORTS"])
    for n in range(draw(st.integers(0, 12))):
        kind = draw(kinds)
        actor, claim = draw(st.sampled_from(ACTORS)), draw(st.sampled_from(CLAIMS))
        other = draw(st.sampled_from(CLAIMS))
        ends = {
            "ALLEGES": (actor, claim),
            "ACCUSES": (claim, actor),
            "DISPUTED_BY": (claim, actor),
            "SUPPORTS": (claim, other),
        }[kind]
        if ends[0] == ends[1]:
            continue
        link = {"type": kind, "from": ends[0], "to": ends[1], "sources": ["s2"]}
        if draw(st.booleans()):
            link["note"] = f"note {n}"
        if draw(st.integers(0, 4)) == 0:
            link["id"] = f"link-{n}"  # an explicit id keeps its id when it moves
        records.append(link)
    a, b = draw(st.sampled_from([("p0", "p1"), ("p0", "p2"), ("p1", "p2"), ("p3", "p0")]))
    return records, a, b


def answers(store) -> list:
    asked = [
        ("allegations-by", {"actor": "Tatyana Moskalkova"}),
        ("allegations-against", {"actor": "p1"}),
        ("claim-status", {}),
        ("mutual-accusations", {}),
    ]
    return [run_query(store, name, params).rows for name, params in asked]


def check(store, folder, case) -> None:
    records, a, b = case
    data = folder / "case.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert load(store, [data]).rejected == 0
    write_jsonl(store, folder / "before.jsonl")
    asked = answers(store)
    preview = judge(store, a, b, "same", "ana", dry_run=True).plan
    done = judge(store, a, b, "same", "ana").plan
    assert preview.changes == done.changes
    assert store.get_node(b) is None
    assert all(b not in (lk.src, lk.dst) for lk in store.links())
    undo(store)
    write_jsonl(store, folder / "after.jsonl")
    assert (folder / "after.jsonl").read_bytes() == (folder / "before.jsonl").read_bytes()
    assert answers(store) == asked
    assert judgements(store) == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=cases())
def test_merge_then_undo_is_the_identity_embedded(case, tmp_path_factory):
    folder = tmp_path_factory.mktemp("undo")
    with open_store(str(folder / "case.db")) as store:
        store.init()
        check(store, folder, case)


@pytest.mark.neo4j
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=cases())
def test_merge_then_undo_is_the_identity_neo4j(case, tmp_path_factory):
    uri = require_neo4j()
    folder = tmp_path_factory.mktemp("undo")
    with open_store(uri) as store:
        store.clear()
        store.init()
        check(store, folder, case)


def stripped(path) -> list[dict]:
    """Records without what a load sets each time (lastSeen, loadRun)."""
    drop = ("lastSeen", "loadRun")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [{k: v for k, v in json.loads(x).items() if k not in drop} for x in lines]


def _a_link_of_b_loads_before_the_one_it_joins(records: list[dict], a: str, b: str) -> bool:
    """A relationship of ``b`` (without an id of its own) that ``a``'s has after the merge
    comes first in the file: reloading gives a property both have the later one's, as
    for two nodes, while the merge gives the moved one's (it merges as a later record)."""

    def default_id(r: dict, moves: dict[str, str]) -> str:
        ends = [moves.get(r["from"], r["from"]), moves.get(r["to"], r["to"])]
        return f"{ends[0]}|{r['type']}|{ends[1]}"

    links = [(i, r) for i, r in enumerate(records) if "type" in r and "id" not in r]
    first: dict[str, int] = {}
    for i, r in links:
        if a in (r["from"], r["to"]) and b not in (r["from"], r["to"]):
            first.setdefault(default_id(r, {}), i)
    return any(
        default_id(r, {b: a}) in first and i < first[default_id(r, {b: a})]
        for i, r in links
        if b in (r["from"], r["to"])
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=cases())
def test_loading_the_inputs_again_after_a_merge_changes_nothing(case, tmp_path_factory):
    records, a, b = case
    if [r.get("id") for r in records].index(b) < [r.get("id") for r in records].index(a):
        return  # the merged record loads first: a property both give is the last one's
    if _a_link_of_b_loads_before_the_one_it_joins(records, a, b):
        return  # the same for two links that become one
    folder = tmp_path_factory.mktemp("reload")
    data = folder / "case.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with open_store(str(folder / "case.db")) as store:
        store.init()
        load(store, [data])
        judge(store, a, b, "same", "ana")
        write_jsonl(store, folder / "merged.jsonl")
        asked = answers(store)
        assert load(store, [data]).rejected == 0
        write_jsonl(store, folder / "again.jsonl")
        assert stripped(folder / "again.jsonl") == stripped(folder / "merged.jsonl")
        assert answers(store) == asked
