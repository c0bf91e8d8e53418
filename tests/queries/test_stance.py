"""Dispute stance, the statuses it gives, contradictions and the right of reply (issue
15), on a hand-made case (fixtures/stance.jsonl) whose answers were worked out by
hand; on both stores (the `store` fixture).

The case: the Rebels allege c-denied (the Army shelled the market; two sources of
two publishers) and the Army, which it accuses, disputes it: a denial. The Army
alleges c-rebutted (the Rebels shelled the market), disputed by the Watch NGO, a
third party: a rebuttal. Both are about the raid on the market and accuse no one
in common: a contradiction. Ann Reporter alleges c-retracted and disputes it
herself: a retraction. The NGO alleges c-corrected and disputes it with the
stance `correction` given. The NGO alleges c-minister, which accuses Minister
Stone, who has not answered: the one accusation without a reply (the Rebels
answered c-rebutted by alleging c-denied about the same raid).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.explain import explain
from allegraph.load import load
from allegraph.queries import run_query
from tests.queries.test_answers import CASE as CONFLICT
from tests.queries.test_answers import TEXT as CONFLICT_TEXT

CASE = Path(__file__).parent / "fixtures" / "stance.jsonl"
TEXT = {
    "c-denied": "The army shelled the market",
    "c-rebutted": "The rebels shelled the market",
    "c-retracted": "Prisoners were moved to the camp",
    "c-corrected": "Twelve people died at the market",
    "c-minister": "The minister ordered the arrests",
}


@pytest.fixture
def case(store):
    report = load(store, [CASE])
    assert (report.loaded, report.rejected) == (27, 0)
    return store


def rows(store, name, **params):
    return run_query(store, name, params).rows


def test_each_stance_gives_its_status(case):
    # claim, text, status, sources, independent, actors, disputes, denials, retractions, caveat
    assert rows(case, "claim-status") == [
        ["c-corrected", TEXT["c-corrected"], "disputed", 1, 1, 1, 1, 0, 0, None],
        # corroborated (two publishers) and denied: a denial outranks corroboration
        ["c-denied", TEXT["c-denied"], "denied", 2, 2, 1, 1, 1, 0, None],
        ["c-minister", TEXT["c-minister"], "single-source", 1, 1, 1, 0, 0, 0, None],
        ["c-rebutted", TEXT["c-rebutted"], "disputed", 1, 1, 1, 1, 0, 0, None],
        ["c-retracted", TEXT["c-retracted"], "retracted", 1, 1, 1, 1, 0, 1, None],
    ]


def test_disputed_claims_show_their_status(case):
    assert rows(case, "disputed-claims") == [
        ["c-corrected", TEXT["c-corrected"], "disputed", ["o-ngo"], ["o-ngo"], [], []],
        ["c-denied", TEXT["c-denied"], "denied", ["o-rebels"], ["o-army"], [], []],
        ["c-rebutted", TEXT["c-rebutted"], "disputed", ["o-army"], ["o-ngo"], [], []],
        ["c-retracted", TEXT["c-retracted"], "retracted", ["p-reporter"], ["p-reporter"], [], []],
    ]


@pytest.mark.parametrize(
    ("claim", "status", "stance", "why"),
    [
        ("c-denied", "denied", "denial", "disputes it; by those it accuses"),
        ("c-rebutted", "disputed", "rebuttal", "disputes it; by a third party"),
        ("c-retracted", "retracted", "retraction", "disputes it; by one who alleges it"),
        # the NGO alleges c-corrected: derived, it would be a retraction; given wins
        ("c-corrected", "disputed", "correction", "disputes it; stance as recorded"),
    ],
)
def test_explain_names_each_dispute_s_stance(case, claim, status, stance, why):
    [found] = explain(case, claim)
    assert found.status == status
    [dispute] = found.disputes
    assert (dispute["stance"], dispute["why"]) == (stance, why)


def test_contradictions_of_claims_about_one_event(case):
    assert rows(case, "contradictions") == [
        ["c-denied", TEXT["c-denied"], "c-rebutted", TEXT["c-rebutted"], "e-raid",
         ["o-rebels"], ["o-army"],
         "both are about e-raid; c-denied accuses o-army, c-rebutted accuses o-rebels: "
         "no one in common"],
    ]  # fmt: skip


def test_contradictions_of_counter_claims(store):
    load(store, [CONFLICT])
    text = CONFLICT_TEXT
    assert rows(store, "contradictions") == [
        ["c1", text["c1"], "c2", text["c2"], "e-shelling", ["o-south"], ["o-north"],
         "both are about e-shelling; c1 accuses o-north, c2 accuses o-south: no one in common"],
        ["c1", text["c1"], "c2", text["c2"], "e-shelling", ["o-south"], ["o-north"],
         "c2 is a counter-claim that disputes c1"],
        ["c3", text["c3"], "c4", text["c4"], None, ["p-ivanova", "p-smith"], ["o-north"],
         "c4 is a counter-claim that disputes c3"],
    ]  # fmt: skip
    cut = run_query(store, "contradictions", {"limit": 2})
    assert (len(cut.rows), cut.cut) == (2, True)


def test_right_of_reply_lists_the_accusation_nobody_answered(case):
    expected = [["p-minister", "Minister Stone", 1, "c-minister", TEXT["c-minister"], ["o-ngo"]]]
    assert rows(case, "right-of-reply") == expected
    assert rows(case, "right-of-reply", actor="minister stone") == expected
    assert rows(case, "right-of-reply", actor="Army") == []  # it denied c-denied


def test_every_kind_of_answer_counts_as_a_reply(store):
    """The conflict case: the Northern Army disputes c1 itself and c3 through its
    counter-claim c4; the Southern Militia answers c2 by alleging c1 about the same
    shelling. No accusation is left without a reply."""
    load(store, [CONFLICT])
    assert rows(store, "right-of-reply") == []


def test_right_of_reply_says_when_no_actor_matches(case):
    result = run_query(case, "right-of-reply", {"actor": "Nobody"})
    assert (result.rows, result.unmatched) == ([], ["no actor matches 'Nobody'"])


def test_lint_reports_what_an_editor_should_look_at(case, tmp_path):
    from allegraph.lint import lint

    found = [(f.check, f.node) for f in lint(case)]
    assert found == [
        ("no-reply", "p-minister"),
        ("single-source", "c-corrected"),
        ("single-source", "c-minister"),
        ("single-source", "c-rebutted"),
        ("single-source", "c-retracted"),
    ]


def test_lint_flags_guilt_stated_outside_a_claim_and_names_not_linked(store, tmp_path):
    from allegraph.lint import lint

    path = tmp_path / "wording.jsonl"
    records = [
        {"label": "Source", "id": "s", "title": "S"},
        {"label": "Organization", "id": "o-army", "name": "Army", "aliases": ["The Regiment"]},
        {"label": "Person", "id": "p-x", "name": "Jo Bloggs"},
        {"label": "Event", "id": "e-1", "name": "Execution by the army at the bridge"},
        {"label": "Event", "id": "e-2", "name": "Shelling of the bridge"},
        {
            "label": "Claim",
            "id": "c-1",
            "text": "Jo Bloggs saw the regiment fire",
            "sources": ["s"],
        },
        {"type": "ALLEGES", "from": "p-x", "to": "c-1", "sources": ["s"]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    load(store, [path])
    found = lint(store, ["guilt-wording", "unlinked-name"])
    assert [(f.check, f.node, f.detail) for f in found] == [
        ("guilt-wording", "e-1",
         "Event name 'Execution by the army at the bridge' states guilt (execution by): "
         "name it neutrally and make the allegation a Claim someone ALLEGES"),
        ("unlinked-name", "c-1",
         "its text names 'The Regiment' (o-army), which it does not ACCUSE and who does "
         "not ALLEGE it: link it, or check the wording"),
    ]  # fmt: skip


def test_lint_cli_prints_a_table_and_json(embedded):
    load(embedded, [CASE])
    runner = CliRunner()
    store = ["--store", str(embedded.path)]
    out = runner.invoke(main, [*store, "lint", "--check", "no-reply"])
    assert out.exit_code == 0, out.output
    detail = "1 accusation(s) with no recorded response from it: c-minister"
    assert out.output.splitlines() == [
        "check     node        name            detail",
        "--------  ----------  --------------  " + "-" * len(detail),
        f"no-reply  p-minister  Minister Stone  {detail}",
        "1 finding(s): no-reply 1",
    ]
    out = runner.invoke(main, [*store, "lint", "--format", "json"])
    assert out.exit_code == 0
    payload = json.loads(out.output)
    assert payload["counts"] == {
        "no-reply": 1, "single-source": 4, "guilt-wording": 0, "unlinked-name": 0,
    }  # fmt: skip
    assert payload["findings"][0] == {
        "check": "no-reply",
        "node": "p-minister",
        "name": "Minister Stone",
        "detail": "1 accusation(s) with no recorded response from it: c-minister",
    }


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "jsonl", "neo4j-csv"])
def test_every_format_keeps_a_given_stance(embedded, tmp_path, fmt):
    from allegraph.interchange import export
    from allegraph.stores import open_store

    load(embedded, [CASE])
    out = tmp_path / ("folder" if fmt == "neo4j-csv" else f"case.{fmt}")
    export(embedded, fmt, out)
    copy = open_store(str(tmp_path / "copy.db"))
    copy.init()
    assert load(copy, [out]).rejected == 0
    given = {(lk.src, lk.dst, lk.props.get("stance")) for lk in copy.links("DISPUTED_BY")}
    assert given == {
        ("c-corrected", "o-ngo", "correction"),
        ("c-denied", "o-army", None),
        ("c-rebutted", "o-ngo", None),
        ("c-retracted", "p-reporter", None),
    }
    assert rows(copy, "claim-status") == rows(embedded, "claim-status")
    copy.close()


def test_baku_accusations_against_the_armed_forces_of_ukraine_have_no_reply(store):
    """The seed records no response from the accused to any of the four accusations
    (the log's "Ukrainian forces" is the same node); lint reports them."""
    from allegraph.demo import baku_files
    from allegraph.lint import lint

    load(store, baku_files())
    found = rows(store, "right-of-reply")
    assert [(r[0], r[2], r[3]) for r in found] == [
        ("afu", 4, "c-kursk"),
        ("afu", 4, "c-poliy"),
        ("afu", 4, "c-pow-torture"),
        ("afu", 4, "c-simulated-execution"),
    ]
    assert rows(store, "right-of-reply", actor="Ukrainian forces") == found
    [finding] = lint(store, ["no-reply"])
    assert (finding.node, finding.name) == ("afu", "Armed Forces of Ukraine")
    assert finding.detail.startswith("4 accusation(s) with no recorded response from it: ")
