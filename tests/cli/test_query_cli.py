"""allegraph query list / show / run, on the Baku example."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.queries import queries
from allegraph.stores import open_store
from tests.conftest import ROOT, require_neo4j

AFU_TABLE = """\
accused  claim                  text                                                                                                             alleged_by          disputed_by
-------  ---------------------  ---------------------------------------------------------------------------------------------------------------  ------------------  -----------
afu      c-kursk                Footage connected to the Armed Forces of Ukraine shows the execution of civilians in the Kursk region            unnamed-presenters
afu      c-poliy                Ukrainian forces tortured the Russian serviceman Sergei Poliy and urged his family to carry out a terrorist act  unnamed-presenters
afu      c-pow-torture          Russian soldiers held in Ukrainian captivity were tortured                                                       moskalkova
afu      c-simulated-execution  Soldiers who returned from Ukrainian captivity faced a simulated execution and physical assaults                 moskalkova
"""  # noqa: E501

AFU_CSV = """\
accused,claim,text,alleged_by,disputed_by
afu,c-kursk,Footage connected to the Armed Forces of Ukraine shows the execution of civilians in the Kursk region,unnamed-presenters,
afu,c-poliy,Ukrainian forces tortured the Russian serviceman Sergei Poliy and urged his family to carry out a terrorist act,unnamed-presenters,
afu,c-pow-torture,Russian soldiers held in Ukrainian captivity were tortured,moskalkova,
afu,c-simulated-execution,Soldiers who returned from Ukrainian captivity faced a simulated execution and physical assaults,moskalkova,
"""  # noqa: E501


@pytest.fixture
def baku_db(tmp_path):
    path = tmp_path / "baku.db"
    with open_store(str(path)) as store:
        store.init()
        assert load(store, baku_files()).rejected == 0
    return str(path)


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_run_allegations_against_afu_lists_the_claims_and_who_alleges_them(baku_db):
    result = invoke(
        "--store",
        baku_db,
        "query",
        "run",
        "allegations-against",
        "-p",
        "actor=Armed Forces of Ukraine",
    )
    assert result.exit_code == 0
    assert result.output == AFU_TABLE


def test_run_as_csv_and_json(baku_db):
    args = ["--store", baku_db, "query", "run", "allegations-against", "-p", "actor=ZSU"]
    assert invoke(*args, "--format", "csv").output == AFU_CSV
    answer = json.loads(invoke(*args, "--format", "json").output)
    assert (answer["query"], answer["cut"], answer["total"]) == ("allegations-against", False, 4)
    rows = answer["rows"]
    assert [(r["claim"], r["alleged_by"], r["disputed_by"]) for r in rows] == [
        ("c-kursk", ["unnamed-presenters"], []),
        ("c-poliy", ["unnamed-presenters"], []),
        ("c-pow-torture", ["moskalkova"], []),
        ("c-simulated-execution", ["moskalkova"], []),
    ]


def test_run_leaves_the_store_as_it_was(baku_db):
    with open_store(baku_db) as store:
        before = (store.counts(), [n.to_record() for n in store.nodes()])
    for name in queries():
        assert invoke("--store", baku_db, "query", "run", name, "-p", "limit=1").exit_code in (0, 1)
    with open_store(baku_db) as store:
        assert (store.counts(), [n.to_record() for n in store.nodes()]) == before


def test_run_with_integer_and_date_parameters(baku_db):
    result = invoke(
        "--store", baku_db, "query", "run", "actor-network", "-p", "actor=ICRC", "-p", "depth=1"
    )
    assert [re.split(r"\s{2,}", line) for line in result.output.splitlines()] == [
        ["actor", "node", "label", "name", "distance"],
        ["-----", "-" * 15, "-" * 12, "-" * 52, "--------"],
        ["icrc", "icrc", "Organization", "International Committee of the Red Cross", "0"],
        [
            "icrc",
            "baku-conference",
            "Event",
            "International conference on prisoners of war in Baku",
            "1",
        ],
    ]
    timeline = invoke(
        "--store", baku_db, "query", "run", "timeline", "-p", "from=2020", "--format", "json"
    )
    assert json.loads(timeline.output)["rows"] == []  # nothing in the Baku case is dated


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["run", "allegations-against"],
            "Error: allegations-against: missing parameter actor; parameters: "
            "actor (string, required), limit (integer, default 100)",
        ),
        (
            ["run", "allegations-against", "-p", "actor=afu", "-p", "depth=2"],
            "Error: allegations-against: unknown parameter depth; parameters: "
            "actor (string, required), limit (integer, default 100)",
        ),
        (
            ["run", "allegations-against", "-p", "actor"],
            "Error: parameter 'actor' is not key=value",
        ),
        (["run", "no-such-query"], "Error: unknown query 'no-such-query'; known queries: "),
        (["show", "no-such-query"], "Error: unknown query 'no-such-query'; known queries: "),
        (
            ["run", "connection-path", "-p", "a=x", "-p", "b=y", "-p", "max_hops=40"],
            "Error: connection-path: max_hops must be between 1 and 10, not 40; parameters: ",
        ),
    ],
)
def test_user_mistakes_are_one_line_errors(baku_db, args, message):
    result = CliRunner().invoke(main, ["--store", baku_db, "query", *args])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.startswith(message)
    assert result.output.count("\n") == 1


def test_a_missing_parameter_is_reported_before_the_store_is_opened(tmp_path):
    missing = tmp_path / "no-such-folder" / "x.db"
    result = CliRunner().invoke(main, ["--store", str(missing), "query", "run", "search"])
    assert result.output.startswith("Error: search: missing parameter text;")


def test_list_names_every_query_with_its_parameters():
    result = invoke("query", "list", "--format", "json")
    listed = json.loads(result.output)
    assert [q["name"] for q in listed] == list(queries())
    by_name = {q["name"]: q for q in listed}
    assert by_name["connection-path"]["parameters"] == (
        "a (string, required), b (string, required), "
        "max_hops (integer 1..10, default 4), limit (integer, default 25)"
    )
    table = invoke("query", "list").output
    assert table.splitlines()[0].split() == ["name", "description", "parameters"]
    assert len(table.splitlines()) == 2 + len(queries())


def test_show_prints_the_cypher_file():
    result = invoke("query", "show", "allegations-against")
    path = ROOT / "queries" / "allegations-against.cypher"
    assert result.output == path.read_text("utf-8").rstrip("\n") + "\n"


def test_show_with_parameters_prints_the_browser_params_line_first():
    result = invoke("query", "show", "allegations-against", "-p", "actor=Збройні сили України")
    first, blank, *rest = result.output.splitlines()
    assert first == (
        ':params {actor: "Збройні сили України", limit: 100, actorKey: "zbroini sili ukrayini", '
        'actorPhrase: "\\"zbroini sili ukrayini\\""}'
    )
    assert blank == "" and rest[0] == "// name: allegations-against"


def test_help_has_an_example():
    for args in (["query"], ["query", "run"], ["query", "list"], ["query", "show"]):
        result = invoke(*args, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output and "allegraph query" in result.output


@pytest.mark.neo4j
def test_run_on_neo4j_prints_the_same_table(baku_db):
    uri = require_neo4j()
    with open_store(uri) as store:
        store.clear()
        store.init()
        assert load(store, baku_files()).rejected == 0
    for fmt in ("table", "csv"):
        args = ["query", "run", "allegations-against", "-p", "actor=Armed Forces of Ukraine"]
        on_neo4j = invoke("--store", uri, *args, "--format", fmt).output
        assert on_neo4j == invoke("--store", baku_db, *args, "--format", fmt).output
    assert on_neo4j == AFU_CSV


def test_a_name_that_matches_nothing_is_said_in_one_line(baku_db):
    result = invoke("--store", baku_db, "query", "run", "allegations-by", "-p", "actor=Nobody")
    assert result.exit_code == 0
    assert result.output.splitlines()[2:] == ["no actor matches 'Nobody'"]


def test_a_near_miss_is_suggested(baku_db):
    result = invoke("--store", baku_db, "query", "run", "allegations-by", "-p", "actor=Moskalkowa")
    assert result.output.splitlines()[-1] == (
        "no actor matches 'Moskalkowa'; did you mean 'Tatyana Moskalkova'?"
    )


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["event-witnesses", "-p", "event=Nowhere Summit"], "no event matches 'Nowhere Summit'"),
        (["source-impact", "-p", "source=no-such-source"], "no source matches 'no-such-source'"),
        (["timeline", "-p", "location=Atlantis"], "no place matches 'Atlantis'"),
        (
            ["connection-path", "-p", "a=icrc", "-p", "b=Nobody"],
            "no actor matches 'Nobody'",
        ),
    ],
)
def test_each_kind_of_name_says_what_matches_nothing(baku_db, args, line):
    result = invoke("--store", baku_db, "query", "run", *args)
    assert result.output.splitlines()[-1] == line


def test_a_name_that_matches_is_not_reported_when_there_are_no_rows(baku_db):
    # ICRC alleges nothing: an empty answer, but the name is known
    result = invoke("--store", baku_db, "query", "run", "allegations-by", "-p", "actor=ICRC")
    assert len(result.output.splitlines()) == 2


def test_a_cut_table_ends_with_how_many_rows_there_are(baku_db):
    args = ["--store", baku_db, "query", "run", "allegations-against", "-p", "actor=afu"]
    cut = invoke(*args, "-p", "limit=2").output.splitlines()
    assert len(cut) == 2 + 2 + 1
    assert cut[-1] == "showing 2 of 4 rows; raise --limit (-p limit=N) to see more"
    assert invoke(*args, "--limit", "2").output.splitlines() == cut
    whole = invoke(*args).output.splitlines()
    assert len(whole) == 2 + 4 and not whole[-1].startswith("showing")


def test_a_cut_that_is_not_counted_says_the_first(baku_db):
    # single-source-claims stops walking the claims once the page is full
    args = ["--store", baku_db, "query", "run", "single-source-claims", "--limit", "1"]
    assert invoke(*args).output.splitlines()[-1] == (
        "showing the first 1 rows; raise --limit (-p limit=N) to see more"
    )


def test_json_says_whether_the_limit_cut_the_rows(baku_db):
    args = ["--store", baku_db, "query", "run", "allegations-against", "-p", "actor=afu"]
    cut = json.loads(invoke(*args, "--limit", "3", "--format", "json").output)
    assert {k: cut[k] for k in ("returned", "limit", "cut", "total", "unmatched")} == {
        "returned": 3,
        "limit": 3,
        "cut": True,
        "total": 4,
        "unmatched": [],
    }
    assert [r["claim"] for r in cut["rows"]] == ["c-kursk", "c-poliy", "c-pow-torture"]
    nobody = ["--store", baku_db, "query", "run", "allegations-by", "-p", "actor=Nobody"]
    empty = json.loads(invoke(*nobody, "--format", "json").output)
    assert (empty["rows"], empty["cut"], empty["total"]) == ([], False, 0)
    assert empty["unmatched"] == ["no actor matches 'Nobody'"]


def test_csv_stays_clean_and_the_notes_go_to_stderr(baku_db):
    args = ["--store", baku_db, "query", "run", "allegations-against", "-p", "actor=afu"]
    result = CliRunner().invoke(main, [*args, "--limit", "1", "--format", "csv"])
    assert result.stdout.splitlines()[0] == "accused,claim,text,alleged_by,disputed_by"
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == "showing 1 of 4 rows; raise --limit (-p limit=N) to see more\n"


def test_limit_given_twice_must_agree(baku_db):
    args = ["--store", baku_db, "query", "run", "search", "-p", "text=baku", "-p", "limit=2"]
    assert CliRunner().invoke(main, [*args, "--limit", "2"]).exit_code == 0
    clash = CliRunner().invoke(main, [*args, "--limit", "3"])
    assert clash.exit_code == 2 and "give --limit or -p limit=, not both" in clash.output


@pytest.mark.neo4j
def test_on_neo4j_a_cut_and_an_unknown_name_are_said_too(baku_db):
    uri = require_neo4j()
    with open_store(uri) as store:
        store.clear()
        store.init()
        assert load(store, baku_files()).rejected == 0
    nobody = invoke("--store", uri, "query", "run", "allegations-by", "-p", "actor=Nobody")
    assert nobody.output.splitlines()[-1].startswith("no actor matches 'Nobody'")
    args = ["query", "run", "allegations-against", "-p", "actor=afu", "--limit", "2"]
    # Neo4j asks for one row more than the limit: it knows the cut, not the total
    assert invoke("--store", uri, *args).output.splitlines()[-1] == (
        "showing the first 2 rows; raise --limit (-p limit=N) to see more"
    )
