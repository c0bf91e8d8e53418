import json

from click.testing import CliRunner

from allegraph.cli import main
from allegraph.demo import baku_files
from allegraph.stores import open_store

EMPTY_STATS = """\
kind          name             count
------------  ---------------  -----
node          Person           0
node          Organization     0
node          Location         0
node          Event            0
node          Claim            0
node          Source           0
node          Evidence         0
relationship  ALLEGES          0
relationship  WITNESSED        0
relationship  DISPUTED_BY      0
relationship  ACCUSES          0
relationship  ABOUT            0
relationship  PARTICIPATED_IN  0
relationship  OCCURRED_AT      0
relationship  AFFILIATED_WITH  0
relationship  LOCATED_IN       0
relationship  SUPPORTS         0
relationship  DERIVED_FROM     0
relationship  CITES            0
"""


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def test_init_and_stats_of_an_empty_store(tmp_path):
    db = tmp_path / "case.db"
    assert run("--store", db, "init").output == f"initialised {db}\n"
    result = run("--store", db, "stats")
    assert result.exit_code == 0
    assert result.output == EMPTY_STATS


def test_store_from_environment(tmp_path):
    db = tmp_path / "env.db"
    result = run("load", baku_files()[0], env={"ALLEGRAPH_STORE": str(db)})
    assert result.exit_code == 0
    store = open_store(str(db))
    assert store.counts()["nodes"]["Claim"] == 7
    store.close()


def test_load_prints_a_summary_and_writes_the_store(tmp_path):
    db = tmp_path / "case.db"
    records, log = baku_files()
    result = run("--store", db, "load", records, log)
    assert result.exit_code == 0
    width = len(str(log))
    assert result.output.splitlines() == [
        "input".ljust(width) + "  format           read  loaded  rejected",
        "-" * width + "  ---------------  ----  ------  --------",
        str(records).ljust(width) + "  jsonl            63    63      0",
        str(log).ljust(width) + "  allegations-csv  13    13      0",
        "total".ljust(width) + "                   76    76      0",
    ]
    store = open_store(str(db))
    assert store.get_node("moskalkova").props["name"] == "Tatyana Moskalkova"
    assert len(store.runs()) == 2
    store.close()


def test_rejects_give_exit_code_3_and_the_file(tmp_path):
    db = tmp_path / "case.db"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "Source", "id": "s", "title": "T"}\n{"label": "Planet"}\n')
    result = run("--store", db, "load", bad, "--json")
    assert result.exit_code == 3
    report = json.loads(result.output)
    assert (report["read"], report["loaded"], report["rejected"]) == (2, 1, 1)
    rejects = tmp_path / "case.rejects.jsonl"
    assert report["rejects_file"] == str(rejects)
    (line,) = [json.loads(x) for x in rejects.read_text().splitlines()]
    assert (line["file"], line["line"], line["record"]) == (str(bad), 2, {"label": "Planet"})
    assert run("--store", db, "load", bad, "--max-rejects", "1").exit_code == 0


def test_validate_writes_nothing(tmp_path):
    db = tmp_path / "case.db"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "Source", "id": "s", "title": "T"}\n{"label": "Planet"}\n')
    rejects = tmp_path / "problems.jsonl"
    result = run("--store", db, "validate", bad, "--rejects", rejects)
    assert result.exit_code == 3
    assert "valid" in result.output.splitlines()[0]
    assert rejects.exists()
    store = open_store(str(db))
    assert sum(store.counts()["nodes"].values()) == 0 and store.runs() == []
    store.close()


def test_user_mistakes_are_one_line_errors(tmp_path):
    cases = [
        (
            ["--store", tmp_path / "no" / "x.db", "stats"],
            f"Error: folder of store '{tmp_path / 'no' / 'x.db'}' does not exist\n",
        ),
        (
            ["--store", tmp_path / "c.db", "load", tmp_path / "missing.jsonl"],
            f"Error: {tmp_path / 'missing.jsonl'}: no such file or folder\n",
        ),
        (
            ["--store", tmp_path / "c.db", "load", "--format", "nope", tmp_path],
            "Error: unknown format 'nope'; known formats: ",
        ),
        (
            ["--store", "ftp://server/x", "stats"],
            "Error: unknown store URL 'ftp://server/x': use a file path, sqlite:///path or neo4j://\n",
        ),
    ]
    for args, message in cases:
        result = CliRunner().invoke(main, [str(a) for a in args])
        assert result.exit_code == 1, result.output
        assert result.output.startswith(message)
        assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_list_formats():
    result = run("load", "--list-formats")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()[2:]]
    assert {"jsonl", "json", "yaml", "csv-folder", "allegations-csv"} <= set(names)


def test_runs_command(tmp_path):
    db = tmp_path / "case.db"
    run("--store", db, "load", baku_files()[0])
    rows = json.loads(run("--store", db, "runs", "--format", "json").output)
    assert [(r["input"], r["read"], r["loaded"], r["rejected"], r["status"]) for r in rows] == [
        (str(baku_files()[0]), 63, 63, 0, "done")
    ]
