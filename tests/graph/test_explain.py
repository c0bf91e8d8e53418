"""Issue 14's acceptance: independence by origin, grades, ``explain`` and ``claim-explain``,
with exact rows, on both stores (the ``store`` fixture runs each test once per store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.explain import explain
from allegraph.load import load
from allegraph.queries import run_query
from allegraph.queries.registry import QueryFileError, parse_query

DATA = Path(__file__).parents[1] / "data" / "provenance"
WIRE, NGO, GRADED = DATA / "wire.jsonl", DATA / "ngo.jsonl", DATA / "graded.jsonl"
TEXT = "Prisoners were beaten at camp 4"


def status_row(store, claim):
    rows = run_query(store, "claim-status", {}).rows
    return next(row for row in rows if row[0] == claim)


def test_reprints_collapse_onto_the_wire_story_and_the_ngo_report_makes_two(store):
    assert load(store, [WIRE]).rejected == 0
    # four publishers, one origin: single-source
    assert status_row(store, "x") == ["x", TEXT, "single-source", 4, 1, 1, 0, 0, 0, None]
    assert load(store, [NGO]).rejected == 0
    assert status_row(store, "x") == ["x", TEXT, "corroborated", 5, 2, 1, 0, 0, 0, None]


EXPLAINED = [
    ["x", "corroborated", "status", "x", TEXT, None, None, None, None, None,
     "independent sources 2, backing actors 1, disputes 0, denials 0, retractions 0, min 2"],
    ["x", "corroborated", "policy", None, None, None, None, None, None, None,
     "counted reliability A, B, C, F; ungraded counted; statuses retracted > contested > "
     "disputed > denied > corroborated > single-source; counted evidence authenticated"],
    ["x", "corroborated", "source", "ngo", "NGO report on camp 4", "NGO E", "A", "ngo", True,
     None, "counted"],
    ["x", "corroborated", "source", "reprint-b", "Prisoners beaten at camp 4 (Paper B)",
     "Paper B", None, "wire", False, None, "copy of wire"],
    ["x", "corroborated", "source", "reprint-c", "Camp 4 prisoners beaten (Paper C)", "Paper C",
     None, "wire", False, None, "copy of wire"],
    ["x", "corroborated", "source", "reprint-d", "Beatings at camp 4 (Paper D)", "Paper D", None,
     "wire", False, None, "copy of wire"],
    ["x", "corroborated", "source", "wire", "Wire story: prisoners beaten at camp 4", "Wire A",
     "B", "wire", True, None, "counted"],
    ["x", "corroborated", "actor", "jane", "Jane Roe", None, None, None, True, None,
     "alleges it"],
]  # fmt: skip


def test_claim_explain_gives_every_step(store):
    load(store, [WIRE, NGO])
    assert run_query(store, "claim-explain", {"claim": "x"}).rows == EXPLAINED
    by_text = run_query(store, "claim-explain", {"claim": TEXT.upper()}).rows
    assert by_text == EXPLAINED


def test_explain_json_names_each_reprint_a_copy_of_the_wire_story(store):
    load(store, [WIRE])
    [found] = explain(store, "x")
    assert found.status == "single-source"
    assert {s["source"]: s["why"] for s in found.sources} == {
        "wire": "counted",
        "reprint-b": "copy of wire",
        "reprint-c": "copy of wire",
        "reprint-d": "copy of wire",
    }
    assert all(s["origin"] == "wire" for s in found.sources)


def test_an_e_graded_source_does_not_count_until_regraded(store, tmp_path):
    load(store, [GRADED])
    assert status_row(store, "y") == [
        "y",
        "The depot was shelled",
        "single-source",
        2,
        1,
        0,
        0,
        0,
        0,
        None,
    ]
    [found] = explain(store, "y")
    assert [(s["source"], s["counted"], s["why"]) for s in found.sources] == [
        ("paper", True, "counted"),
        ("tabloid", False, "reliability E not counted"),
    ]
    regraded = tmp_path / "graded.jsonl"
    regraded.write_text(GRADED.read_text().replace('"reliability": "E"', '"reliability": "B"'))
    assert load(store, [regraded]).rejected == 0
    assert status_row(store, "y") == [
        "y",
        "The depot was shelled",
        "corroborated",
        2,
        2,
        0,
        0,
        0,
        0,
        None,
    ]


SCENES = {  # sources of one claim -> (independent sources, why of each source)
    "same publisher": (
        [{"label": "Source", "id": "a", "title": "A", "publisher": "P"},
         {"label": "Source", "id": "b", "title": "B", "publisher": "P"}],
        1, {"a": "counted", "b": "same publisher as a"},
    ),
    "copy of a copy whose origin does not back it": (
        [{"label": "Source", "id": "o", "title": "O", "publisher": "P"},
         {"label": "Source", "id": "m", "title": "M", "publisher": "Q"},
         {"label": "Source", "id": "n", "title": "N", "publisher": "R"},
         {"type": "DERIVED_FROM", "from": "m", "to": "o", "kind": "summary"},
         {"type": "DERIVED_FROM", "from": "n", "to": "m"}],
        1, {"m": "counted, for its origin o", "n": "copy of o"},
    ),
    "a cycle, an ungraded copy and another origin of the same publisher": (
        [{"label": "Source", "id": "k", "title": "K", "publisher": "P", "reliability": "D"},
         {"label": "Source", "id": "l", "title": "L"},
         {"label": "Source", "id": "q", "title": "Q", "publisher": "P"},
         {"type": "DERIVED_FROM", "from": "k", "to": "l"},
         {"type": "DERIVED_FROM", "from": "l", "to": "k"}],
        1, {"k": "reliability D not counted", "l": "copy of k, same publisher as q",
            "q": "counted"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("scene", SCENES)
def test_what_explain_says_of_each_source(store, tmp_path, scene):
    records, independent, why = SCENES[scene]
    backing = sorted(why)
    claim = {"label": "Claim", "id": "z", "text": "Z", "sources": backing}
    path = tmp_path / "scene.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [*records, claim]))
    assert load(store, [path]).rejected == 0
    [found] = explain(store, "z")
    assert {s["source"]: s["why"] for s in found.sources} == why
    assert status_row(store, "z")[4] == independent


def test_explain_cli_formats(embedded):
    load(embedded, [WIRE, NGO])
    runner = CliRunner()
    store = ["--store", str(embedded.path)] if hasattr(embedded, "path") else []
    out = runner.invoke(main, [*store, "explain", "x", "--format", "json"])
    assert out.exit_code == 0, out.output
    [found] = json.loads(out.output)
    assert found["status"] == "corroborated"
    assert found["counts"] == {
        "sources": 5, "independent_sources": 2, "backing_actors": 1, "disputes": 0,
        "denials": 0, "retractions": 0, "evidence": 0, "min": 2,
    }  # fmt: skip
    assert found["rule"] == (
        "independent sources 2, backing actors 1, disputes 0, denials 0, retractions 0, min 2"
    )
    assert [s["why"] for s in found["sources"]].count("copy of wire") == 3
    md = runner.invoke(main, [*store, "explain", TEXT, "--format", "markdown"]).output
    assert md.startswith(f"## x: {TEXT}\n") and "| reprint-b |" in md
    table = runner.invoke(main, [*store, "explain", "x"]).output
    assert "copy of wire" in table and "policy  counted reliability A, B, C, F" in table
    missing = runner.invoke(main, [*store, "explain", "nothing like it"])
    assert missing.exit_code == 1 and "no claim matches 'nothing like it'" in missing.output


def test_a_policy_header_names_only_policy_values():
    text = (
        "// name: q\n// description: d\n// columns: a\n// policy: counted, colour\nRETURN 1 AS a\n"
    )
    with pytest.raises(QueryFileError, match="colour"):
        parse_query(text)


def test_first_said_gives_the_wire_story_and_the_chain_of_each_reprint(store):
    load(store, [WIRE, NGO])
    assert run_query(store, "first-said", {"claim": "x"}).rows == [
        ["x", "wire", "Wire story: prisoners beaten at camp 4", "2024-11-14", True, True, "wire",
         ["wire"], []],
        ["x", "reprint-b", "Prisoners beaten at camp 4 (Paper B)", "2024-11-15", False, True,
         "wire", ["reprint-b", "wire"], ["reprint"]],
        ["x", "reprint-c", "Camp 4 prisoners beaten (Paper C)", "2024-11-15", False, True, "wire",
         ["reprint-c", "wire"], ["syndication"]],
        ["x", "reprint-d", "Beatings at camp 4 (Paper D)", "2024-11-16", False, True, "wire",
         ["reprint-d", "reprint-c", "wire"], ["translation", "syndication"]],
        ["x", "ngo", "NGO report on camp 4", "2024-12-01", False, True, "ngo", ["ngo"], []],
    ]  # fmt: skip


def test_first_said_names_an_origin_that_does_not_back_the_claim_itself(store, tmp_path):
    records = [
        {"label": "Source", "id": "orig", "title": "Original", "published": "2024-01~"},
        {"label": "Source", "id": "copy", "title": "Copy", "published": "2024-03"},
        {"label": "Source", "id": "undated", "title": "Undated"},
        {"type": "DERIVED_FROM", "from": "copy", "to": "orig", "kind": "quote"},
        {"label": "Claim", "id": "w", "text": "W", "sources": ["copy", "undated"]},
    ]
    path = tmp_path / "w.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    load(store, [path])
    assert run_query(store, "first-said", {"claim": "W"}).rows == [
        ["w", "orig", "Original", "2024-01~", True, False, "orig", ["orig"], []],
        ["w", "copy", "Copy", "2024-03", False, True, "orig", ["copy", "orig"], ["quote"]],
        ["w", "undated", "Undated", None, False, True, "undated", ["undated"], []],
    ]


def test_query_show_prints_the_policy_values_as_parameters():
    out = CliRunner().invoke(main, ["query", "show", "claim-explain", "-p", "claim=x"]).output
    first = out.splitlines()[0]
    assert first.startswith(':params {claim: "x", min: 2')
    assert 'counted: ["A", "B", "C", "F"], ungraded: true, statuses: [{name: "retracted", ' in first
    assert first.endswith('{name: "single-source", when: []}], evidenceCounted: ["authenticated"]}')
    assert "$counted" in out and '"A"' not in out.split("\n", 1)[1]  # never in the text
