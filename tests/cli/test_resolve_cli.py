"""`allegraph resolve`: exact output, then the store reopened through the library."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from allegraph.cli import main
from allegraph.resolve import judgements
from allegraph.stores import open_store
from tests.graph.resolve.conftest import MOSKALKOVA

ID = re.compile(r"j-\d{8}T\d{6}-[0-9a-f]{8}")


def run(db, *args):
    result = CliRunner().invoke(main, ["--store", str(db), *args])
    return result.exit_code, ID.sub("J", result.output)


def loaded(tmp_path):
    db = tmp_path / "case.db"
    assert run(db, "load", str(MOSKALKOVA))[0] == 0
    return db


def test_candidates_table_and_json(tmp_path):
    db = loaded(tmp_path)
    code, out = run(db, "resolve", "candidates", "--min-score", "90")
    assert code == 0
    assert out.splitlines() == [
        "score  label   a             a name              b             b name              "
        "reasons",
        "-----  ------  ------------  ------------------  ------------  ------------------  "
        + "-" * 97,
        "99.4   Person  moskalkova    Tatyana Moskalkova  tatiana-m     Tatiana Moskalkova  "
        "names alike: 'tatyana moskalkova' ~ 'tatiana moskalkova' (94.4); "
        "1 shared neighbour(s): c-torture",
        "95     Person  t-moskalkova  Т. Москалькова      tatiana-m     Tatiana Moskalkova  "
        "'t moskalkova' is 'tatiana moskalkova' with initials; 1 shared neighbour(s): c-exchange",
        "90     Person  moskalkova    Tatyana Moskalkova  t-moskalkova  Т. Москалькова      "
        "'t moskalkova' is 'tatyana moskalkova' with initials",
    ]
    code, out = run(db, "resolve", "candidates", "--limit", "1", "--format", "json")
    assert json.loads(out) == [
        {
            "score": 99.4,
            "label": "Person",
            "a": "moskalkova",
            "a_name": "Tatyana Moskalkova",
            "b": "tatiana-m",
            "b_name": "Tatiana Moskalkova",
            "reasons": [
                "names alike: 'tatyana moskalkova' ~ 'tatiana moskalkova' (94.4)",
                "1 shared neighbour(s): c-torture",
            ],
        }
    ]
    code, out = run(db, "resolve", "candidates", "--limit", "2")
    assert out.splitlines()[-1] == "showing 2 of 3 pairs; raise --limit to see more"
    assert len(out.splitlines()) == 5
    assert run(db, "resolve", "candidates", "--label", "Organization") == (
        0,
        "no pair scores 70 or more\n",
    )


def test_judge_dry_run_then_same_then_list_and_undo(tmp_path):
    db = loaded(tmp_path)
    args = ["resolve", "judge", "moskalkova", "tatiana-m", "--by", "ana"]
    code, out = run(db, *args, "--same", "--dry-run")
    assert (code, out) == (
        0,
        "merge tatiana-m (Tatiana Moskalkova) into moskalkova (Tatyana Moskalkova)\n"
        "nodes merged: 1 (Person nodes -1)\n"
        "links moved: 2\n"
        "  tatiana-m|ALLEGES|c-exchange -> moskalkova|ALLEGES|c-exchange\n"
        "  tatiana-m|ALLEGES|c-torture -> moskalkova|ALLEGES|c-torture\n"
        "links joined with one moskalkova had: 1\n"
        "  moskalkova|ALLEGES|c-torture\n"
        "claims whose status changes: 1\n"
        "  c-torture: corroborated -> single-source\n"
        "dry run: nothing changed\n",
    )
    code, out = run(db, *args, "--same", "--note", "one ombudsman")
    assert code == 0
    assert out.endswith("judgement J recorded (undo: allegraph resolve undo J)\n")
    code, out = run(db, "resolve", "list", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "id,verdict,a,b,by,at,note"
    assert re.fullmatch(r"J,same,moskalkova,tatiana-m,ana,[0-9T:-]+Z,one ombudsman", lines[1])
    with open_store(str(db)) as store:
        assert store.get_node("tatiana-m") is None
        assert [j.note for j in judgements(store)] == ["one ombudsman"]
    code, out = run(db, "resolve", "undo")
    assert (code, out) == (
        0,
        "undone: J (moskalkova same tatiana-m, by ana)\n"
        "claims whose status changes: 1\n"
        "  c-torture: single-source -> corroborated\n",
    )
    with open_store(str(db)) as store:
        assert store.get_node("tatiana-m") is not None
        assert judgements(store) == []
    assert run(db, "resolve", "list") == (0, "no judgements\n")


def test_different_and_unsure_are_recorded(tmp_path):
    db = loaded(tmp_path)
    code, out = run(db, "resolve", "judge", "lubinets", "moskalkova", "--different", "--by", "bo")
    assert (code, out) == (
        0,
        "lubinets (Dmytro Lubinets) and moskalkova (Tatyana Moskalkova): different\n"
        "they will not be proposed or merged again\n"
        "judgement J recorded (undo: allegraph resolve undo J)\n",
    )
    code, out = run(db, "resolve", "judge", "moskalkova", "lubinets", "--same", "--by", "cy")
    assert code == 1
    assert re.fullmatch(
        r"Error: 'moskalkova' and 'lubinets' were judged different by bo at \S+ \(J\); "
        r"undo that judgement first\n",
        out,
    )


def test_user_errors_are_one_line(tmp_path):
    db = loaded(tmp_path)
    assert run(db, "resolve", "undo") == (1, "Error: there is no judgement to undo\n")
    assert run(db, "resolve", "candidates", "--label", "Planet") == (
        1,
        "Error: unknown label 'Planet'\n",
    )
    code, out = run(db, "resolve", "judge", "moskalkova", "tatiana-m", "--by", "x")
    assert code == 2 and out.endswith("Error: say --same, --different or --unsure\n")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "j-1", "verdict": "maybe", "a": "x", "b": "y", "by": "z", "at": "t"}\n')
    assert run(db, "resolve", "import", str(bad)) == (
        1,
        f"Error: {bad}:1: verdict: 'maybe' is not one of same, different, unsure\n",
    )


def test_export_and_import_carry_the_judgements_to_another_store(tmp_path):
    db = loaded(tmp_path)
    run(db, "resolve", "judge", "moskalkova", "tatiana-m", "--same", "--by", "ana")
    run(db, "resolve", "judge", "moskalkova", "lubinets", "--unsure", "--by", "ana")
    out_file = tmp_path / "judgements.jsonl"
    assert run(db, "resolve", "export", "-o", str(out_file)) == (
        0,
        f"2 judgements written to {out_file}\n",
    )
    other = tmp_path / "other.db"
    run(other, "load", str(MOSKALKOVA))
    assert run(other, "resolve", "import", str(out_file)) == (
        0,
        "2 applied, 0 kept for later loads, 0 already here\n",
    )
    assert run(other, "resolve", "import", str(out_file)) == (
        0,
        "0 applied, 0 kept for later loads, 2 already here\n",
    )
    with open_store(str(db)) as one, open_store(str(other)) as two:
        assert [j.id for j in judgements(one)] == [j.id for j in judgements(two)]
        assert two.get_node("tatiana-m") is None
        assert two.get_node("moskalkova").props["aliasIds"] == ["tatiana-m"]
    fresh = tmp_path / "fresh.db"  # nothing loaded yet: kept, and later loads follow them
    assert run(fresh, "resolve", "import", str(out_file)) == (
        0,
        "0 applied, 2 kept for later loads, 0 already here\n",
    )
    run(fresh, "load", str(MOSKALKOVA))
    with open_store(str(fresh)) as store:
        assert store.get_node("tatiana-m") is None
        assert store.get_node("moskalkova").props["aliases"] == ["Tatiana Moskalkova"]


def test_a_bulk_of_judgements_written_by_hand_imports_once(tmp_path):
    db = loaded(tmp_path)
    bulk = tmp_path / "bulk.jsonl"
    bulk.write_text(
        '{"verdict": "same", "a": "moskalkova", "b": "tatiana-m", "by": "ana"}\n'
        "\n"
        '{"verdict": "same", "a": "tatiana-m", "b": "t-moskalkova", "by": "ana", '
        '"note": "initial"}\n'
        '{"verdict": "different", "a": "lubinets", "b": "t-moskalkova", "by": "bo"}\n',
        encoding="utf-8",
    )
    assert run(db, "resolve", "import", str(bulk)) == (
        0,
        "3 applied, 0 kept for later loads, 0 already here\n",
    )
    assert run(db, "resolve", "import", str(bulk)) == (
        0,
        "0 applied, 0 kept for later loads, 3 already here\n",
    )
    with open_store(str(db)) as store:
        made = judgements(store)
        # a merged-away id names its canonical node: tatiana-m was moskalkova already
        assert [(j.verdict, j.a, j.b, j.by, j.note) for j in made] == [
            ("same", "moskalkova", "tatiana-m", "ana", ""),
            ("same", "moskalkova", "t-moskalkova", "ana", "initial"),
            ("different", "lubinets", "moskalkova", "bo", ""),
        ]
        assert store.counts()["nodes"]["Person"] == 2
