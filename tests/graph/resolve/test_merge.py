"""Judging, merging and undoing on both stores (the shared suite)."""

from __future__ import annotations

import json

import pytest

from allegraph.interchange import export
from allegraph.load import load
from allegraph.queries import run_query
from allegraph.resolve import ResolveError, judge, judgements, propose, undo
from allegraph.resolve.backends import side_of
from tests.graph.resolve.conftest import MOSKALKOVA


def jsonl(store, tmp_path, name="out.jsonl") -> bytes:
    path = tmp_path / name
    export(store, "jsonl", path)
    return path.read_bytes()


def answers(store) -> list:
    """What the canned queries naming an actor answer, as plain rows."""
    asked = [
        ("allegations-by", {"actor": "Tatyana Moskalkova"}),
        ("allegations-by", {"actor": "tatiana-m"}),
        ("allegations-by", {"actor": "Т. Москалькова"}),
        ("allegations-against", {"actor": "ua-forces"}),
        ("actor-network", {"actor": "moskalkova"}),
        ("claim-status", {}),
        ("mutual-accusations", {}),
    ]
    return [(name, run_query(store, name, params).rows) for name, params in asked]


def test_dry_run_prints_the_status_changes_and_changes_nothing(case, tmp_path):
    before = jsonl(case, tmp_path, "before.jsonl")
    outcome = judge(case, "moskalkova", "tatiana-m", "same", "ana", dry_run=True)
    p = outcome.plan
    assert p.changes == [("c-torture", "corroborated", "single-source")]
    assert [(old.id, new.id) for old, new in p.moved] == [
        ("tatiana-m|ALLEGES|c-exchange", "moskalkova|ALLEGES|c-exchange"),
        ("tatiana-m|ALLEGES|c-torture", "moskalkova|ALLEGES|c-torture"),
    ]
    assert [lk.id for lk in p.joined] == ["moskalkova|ALLEGES|c-torture"]
    assert jsonl(case, tmp_path, "after.jsonl") == before
    assert judgements(case) == []


def test_same_merges_and_queries_find_the_union_by_any_name(case):
    by_one = {r[1] for r in run_query(case, "allegations-by", {"actor": "moskalkova"}).rows}
    assert by_one == {"c-torture"}
    judge(case, "moskalkova", "tatiana-m", "same", "ana", note="one ombudsman")
    judge(case, "moskalkova", "t-moskalkova", "same", "ana")
    assert case.counts()["nodes"]["Person"] == 2
    assert case.counts()["relationships"]["ALLEGES"] == 3
    for name in ("Т. Москалькова", "tatiana-m", "t-moskalkova", "Tatiana Moskalkova"):
        rows = run_query(case, "allegations-by", {"actor": name}).rows
        assert [(r[0], r[1], r[4]) for r in rows] == [
            ("moskalkova", "c-exchange", "disputed"),
            ("moskalkova", "c-torture", "single-source"),
        ], name
    node = case.get_node("moskalkova")
    assert node.props["aliases"] == ["Tatiana Moskalkova", "Т. Москалькова"]
    assert node.props["aliasIds"] == ["tatiana-m", "t-moskalkova"]
    assert node.props["country"] == "RU"
    assert node.sources == ["art-1", "art-2", "art-3"]
    assert case.get_node("tatiana-m") is None
    made = judgements(case)
    assert [(j.verdict, j.a, j.b, j.by, j.note) for j in made] == [
        ("same", "moskalkova", "tatiana-m", "ana", "one ombudsman"),
        ("same", "moskalkova", "t-moskalkova", "ana", ""),
    ]


def test_undo_restores_the_export_and_the_answers_exactly(case, tmp_path):
    before, asked = jsonl(case, tmp_path, "before.jsonl"), answers(case)
    people = ["moskalkova", "tatiana-m", "t-moskalkova"]
    keys = side_of(case).keys_of(people)  # the name keys each store matches by
    judge(case, "moskalkova", "tatiana-m", "same", "ana")
    judge(case, "moskalkova", "t-moskalkova", "same", "ana")
    assert answers(case) != asked
    first, _ = judgements(case)
    with pytest.raises(ResolveError, match="before the later judgement"):
        undo(case, first.id)
    undone, changes = undo(case)
    assert changes == [("c-exchange", "disputed", "contested")]
    undo(case)
    assert jsonl(case, tmp_path, "after.jsonl") == before
    assert answers(case) == asked
    assert side_of(case).keys_of(people) == keys
    assert judgements(case) == []


def test_judgements_survive_a_reload_of_all_inputs(case, tmp_path):
    judge(case, "moskalkova", "tatiana-m", "same", "ana")
    judge(case, "moskalkova", "t-moskalkova", "same", "ana")
    judge(case, "moskalkova", "lubinets", "unsure", "ana")
    merged, asked = jsonl(case, tmp_path, "m.jsonl"), answers(case)
    report = load(case, [MOSKALKOVA])
    assert report.rejected == 0
    assert strip(jsonl(case, tmp_path, "again.jsonl")) == strip(merged)
    assert answers(case) == asked
    assert case.counts()["nodes"]["Person"] == 2


def strip(data: bytes) -> list[dict]:
    """Records without the bookkeeping a load sets (lastSeen, loadRun)."""
    import json

    drop = ("lastSeen", "loadRun")
    return [{k: v for k, v in json.loads(x).items() if k not in drop} for x in data.splitlines()]


def test_an_unsure_pair_is_never_proposed_or_merged(case):
    pairs = {(c.a, c.b) for c in propose(case)}
    assert ("moskalkova", "tatiana-m") in pairs
    judge(case, "moskalkova", "tatiana-m", "unsure", "ana", note="two offices?")
    assert ("moskalkova", "tatiana-m") not in {(c.a, c.b) for c in propose(case)}
    with pytest.raises(ResolveError, match="judged unsure by ana"):
        judge(case, "tatiana-m", "moskalkova", "same", "bob")
    load(case, [MOSKALKOVA])  # a later load merges nothing
    assert case.get_node("tatiana-m") is not None
    assert case.counts()["nodes"]["Person"] == 4


def test_a_record_naming_a_merged_away_id_lands_on_the_canonical_node(case, tmp_path):
    judge(case, "moskalkova", "t-moskalkova", "same", "ana")
    later = tmp_path / "later.jsonl"
    later.write_text(
        '{"label": "Person", "id": "t-moskalkova", "name": "T. N. Moskalkova", '
        '"sources": ["art-3"]}\n'
        '{"label": "Claim", "id": "c-new", "text": "A new claim", "sources": ["art-3"]}\n'
        '{"type": "ALLEGES", "from": "t-moskalkova", "to": "c-new", "sources": ["art-3"]}\n',
        encoding="utf-8",
    )
    report = load(case, [later])
    assert (report.loaded, report.rejected) == (3, 0)
    assert case.get_node("t-moskalkova") is None
    node = case.get_node("moskalkova")
    assert node.name == "Tatyana Moskalkova"
    assert node.props["aliases"] == ["Т. Москалькова", "T. N. Moskalkova"]
    rows = run_query(case, "allegations-by", {"actor": "T. N. Moskalkova"}).rows
    assert [r[1] for r in rows] == ["c-exchange", "c-new", "c-torture"]


def test_a_log_row_naming_a_merged_away_name_lands_on_the_canonical_node(case, tmp_path):
    judge(case, "moskalkova", "t-moskalkova", "same", "ana")
    log = tmp_path / "log.csv"
    log.write_text(
        "alleged_by,claim,source_url\nТ. Москалькова,Exchanges resumed,https://e.org/x\n",
        encoding="utf-8",
    )
    report = load(case, [log])
    assert report.rejected == 0
    rows = run_query(case, "allegations-by", {"actor": "moskalkova"}).rows
    assert "Exchanges resumed" in {r[2] for r in rows}
    assert case.counts()["nodes"]["Person"] == 3


def test_judging_errors_are_one_line(case):
    with pytest.raises(ResolveError, match="only nodes of one label"):
        judge(case, "moskalkova", "ua-forces", "same", "ana")
    with pytest.raises(ResolveError, match="no node has the id or name 'nobody'"):
        judge(case, "moskalkova", "nobody", "same", "ana")
    judge(case, "moskalkova", "tatiana-m", "same", "ana")
    with pytest.raises(ResolveError, match="'tatiana-m' was merged into 'moskalkova'"):
        judge(case, "tatiana-m", "t-moskalkova", "same", "ana")
    with pytest.raises(ResolveError, match="Sources are not merged"):
        judge(case, "art-1", "art-2", "same", "ana")
    with pytest.raises(ResolveError, match="say who judges"):
        judge(case, "moskalkova", "t-moskalkova", "same", " ")


def test_every_query_naming_an_actor_finds_it_by_any_id_name_or_alias(case):
    judge(case, "moskalkova", "tatiana-m", "same", "ana")
    judge(case, "moskalkova", "t-moskalkova", "same", "ana")
    asked = [
        ("allegations-by", "actor", {}),
        ("actor-network", "actor", {}),
        ("timeline", "actor", {}),
        ("connection-path", "a", {"b": "lubinets"}),
    ]
    for name, param, more in asked:
        expected = run_query(case, name, {param: "moskalkova", **more}).rows
        assert expected, name
        for other in ("tatiana-m", "t-moskalkova", "Т. Москалькова", "TATIANA MOSKALKOVA"):
            assert run_query(case, name, {param: other, **more}).rows == expected, (name, other)


def test_a_name_the_merged_node_had_before_still_finds_the_canonical_node(case, tmp_path):
    renamed = tmp_path / "renamed.jsonl"
    renamed.write_text(
        '{"label": "Person", "id": "tatiana-m", "name": "Tatiana N. Moskalkova"}\n',
        encoding="utf-8",
    )
    load(case, [renamed])  # its old name stays a key of it, as a load keeps it
    judge(case, "moskalkova", "tatiana-m", "same", "ana")
    rows = run_query(case, "allegations-by", {"actor": "Tatiana Moskalkova"}).rows
    assert {r[0] for r in rows} == {"moskalkova"}


def test_a_merged_event_takes_its_place_in_the_timeline_by_its_merged_date(store, tmp_path):
    """Merging moves the gone event's date onto the kept one, as a later record's would:
    the kept event is then placed by that date (on Neo4j, by its kept timeline place)."""
    records = [
        {"label": "Person", "id": "p-1", "name": "Olena Petrova"},
        {"label": "Event", "id": "e-late", "name": "Shelling of Kherson", "date": "2024-05"},
        {"label": "Event", "id": "e-early", "name": "Kherson shelling", "date": "2022-11"},
        {"label": "Event", "id": "e-mid", "name": "Strike on Mykolaiv", "date": "2023-06"},
        {"label": "Event", "id": "e-next", "name": "Strike on Odesa", "date": "2023-09"},
    ]
    events = ("e-late", "e-early", "e-mid", "e-next")
    records += [{"type": "PARTICIPATED_IN", "from": "p-1", "to": e} for e in events]
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert load(store, [events]).rejected == 0
    asked = {"actor": "p-1", "limit": 1}
    assert [r[4] for r in run_query(store, "timeline", {**asked, "limit": 4}).rows] == [
        "e-early",
        "e-mid",
        "e-next",
        "e-late",
    ]
    judge(store, "e-late", "e-early", "same", "ana")
    rows = run_query(store, "timeline", asked).rows
    assert [(r[4], r[2], r[5]) for r in rows] == [("e-late", "2022-11", "Shelling of Kherson")]
    assert [r[4] for r in run_query(store, "timeline", {**asked, "limit": 2}).rows] == [
        "e-late",
        "e-mid",
    ]
