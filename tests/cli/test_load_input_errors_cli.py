"""`allegraph load` / `validate` on bad input (issue 11, points 5-7): a bad row is one reject
with its first line and reason, the rest of the file and the next inputs load."""

import csv
import json

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.stores import open_store

HEADER = ["alleged_by", "claim", "source_url", "source_title"]
LATIN1_HINT = (
    "; if the file is Latin-1, load it with --encoding latin-1, "
    "or convert it with iconv -f latin1 -t utf-8"
)


@pytest.fixture(autouse=True)
def here(tmp_path, monkeypatch):
    """Run in tmp_path, so that file names in the output are short and exact."""
    monkeypatch.chdir(tmp_path)


def run(*args):
    return CliRunner().invoke(main, ["--store", "case.db", *map(str, args)])


def row(n, claim=None):
    return [f"Speaker {n}", claim or f"Claim number {n}", f"https://e.org/{n}", f"Report {n}"]


def write(name, *rows, header=HEADER):
    with open(name, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return name


def latin1_log(name):
    """Rows 1 and 3 in UTF-8, row 2 (line 3) with a Latin-1 byte."""
    write(name, row(1))
    with open(name, "ab") as fh:
        fh.write(",".join(row(2, "Caf\u00e9 claim")).encode("latin-1") + b"\r\n")
        fh.write(",".join(row(3)).encode() + b"\r\n")
    return name


def rejects():
    with open("case.rejects.jsonl") as fh:
        return [(r["file"], r["line"], r["reason"]) for r in map(json.loads, fh)]


def stored_claims():
    store = open_store("case.db")
    try:
        return sorted(node.props["text"] for node in store.nodes("Claim"))
    finally:
        store.close()


def test_an_oversized_cell_is_one_reject_and_the_rows_around_it_load():
    write("big.csv", row(1), row(2, "x" * 250_000), row(3))
    result = run("load", "big.csv")
    assert result.exit_code == 3
    assert result.output == (
        "input    format           read  loaded  rejected\n"
        "-------  ---------------  ----  ------  --------\n"
        "big.csv  allegations-csv  9     8       1\n"
        "total                     9     8       1\n"
        "1 rejected records with their reasons: case.rejects.jsonl\n"
        "most common reasons:\n"
        "       1  cell 'claim' is 250,000 characters long (the limit is 131,072)\n"
    )
    assert rejects() == [
        ("big.csv", 3, "cell 'claim' is 250,000 characters long (the limit is 131,072)")
    ]
    assert stored_claims() == ["Claim number 1", "Claim number 3"]


def test_validate_rejects_an_oversized_cell_the_same_way():
    write("big.csv", row(1), row(2, "x" * 250_000), row(3))
    result = run("validate", "big.csv", "--json")
    assert result.exit_code == 3, result.output
    report = json.loads(result.output)
    assert (report["read"], report["loaded"], report["rejected"]) == (9, 8, 1)
    assert rejects()[0][1:] == (
        3,
        "cell 'claim' is 250,000 characters long (the limit is 131,072)",
    )


def test_a_bad_byte_rejects_its_row_and_the_next_inputs_load():
    latin1_log("latin.csv")
    write("next.csv", row(4))
    with open("bad.jsonl", "wb") as fh:
        fh.write(b'{"label": "Source", "id": "s1", "title": "One"}\n')
        fh.write('{"label": "Source", "id": "s2", "title": "Caf\u00e9"}\n'.encode("latin-1"))
    with open("ok.jsonl", "w") as fh:
        fh.write('{"label": "Source", "id": "s3", "title": "Three"}\n')
    result = run("load", "bad.jsonl", "ok.jsonl", "latin.csv", "next.csv")
    assert result.exit_code == 3
    assert result.output.splitlines()[:7] == [
        "input      format           read  loaded  rejected",
        "---------  ---------------  ----  ------  --------",
        "bad.jsonl  jsonl            2     1       1",
        "ok.jsonl   jsonl            1     1       0",
        "latin.csv  allegations-csv  9     8       1",
        "next.csv   allegations-csv  4     4       0",
        "total                       16    14      2",
    ]
    assert rejects() == [
        (
            "bad.jsonl",
            2,
            "line 2: bytes that are not valid UTF-8 (0xe9 at column 46)" + LATIN1_HINT,
        ),
        (
            "latin.csv",
            3,
            "line 3: bytes that are not valid UTF-8 (0xe9 at column 14)" + LATIN1_HINT,
        ),
    ]
    assert stored_claims() == ["Claim number 1", "Claim number 3", "Claim number 4"]
    store = open_store("case.db")
    assert {n.id for n in store.nodes("Source")} >= {"s1", "s3"}
    assert [r.status for r in store.runs()] == ["done"] * 4
    store.close()


def test_encoding_latin1_loads_every_row():
    latin1_log("latin.csv")
    result = run("load", "--encoding", "latin-1", "latin.csv")
    assert result.exit_code == 0, result.output
    assert stored_claims() == ["Caf\u00e9 claim", "Claim number 1", "Claim number 3"]


@pytest.mark.parametrize("command", ["load", "validate"])
def test_an_unknown_encoding_is_a_one_line_usage_error(command):
    write("log.csv", row(1))
    result = run(command, "--encoding", "latin-9x", "log.csv")
    assert result.exit_code == 2
    assert result.output == (
        "Error: --encoding: unknown encoding 'latin-9x' "
        "(for instance utf-8, latin-1, cp1252, utf-16)\n"
    )


def test_a_log_without_a_claim_column_is_the_same_one_error_with_and_without_format():
    write("noclaim.csv", ["A", "B"], header=["alleged_by", "accused"])
    error = (
        "Error: noclaim.csv: the allegations log has no 'claim' column "
        "(columns: alleged_by, accused)\n"
    )
    table = (
        "input        format           read  loaded  rejected\n"
        "-----------  ---------------  ----  ------  --------\n"
        "noclaim.csv  allegations-csv  0     0       0\n"
        "total                         0     0       0\n"
    )
    plain = run("load", "noclaim.csv")
    named = run("load", "--format", "allegations-csv", "noclaim.csv")
    assert plain.exit_code == named.exit_code == 1
    assert plain.output == named.output == table + error
    store = open_store("case.db")
    assert [(r.status, r.read) for r in store.runs()] == [("failed", 0), ("failed", 0)]
    store.close()


def test_an_empty_csv_loads_nothing_with_and_without_format():
    open("empty.csv", "w").close()
    expected = (
        "input      format           read  loaded  rejected\n"
        "---------  ---------------  ----  ------  --------\n"
        "empty.csv  allegations-csv  0     0       0\n"
        "total                       0     0       0\n"
        "note: empty.csv holds no records\n"
    )
    plain = run("load", "empty.csv")
    named = run("load", "--format", "allegations-csv", "empty.csv")
    assert plain.exit_code == named.exit_code == 0
    assert plain.output == named.output == expected


def test_a_jsonl_reject_names_its_own_line_and_column():
    with open("in.jsonl", "w") as fh:
        fh.write('{"label": "Source", "id": "s1", "title": "One"}\n\n\n\n')
        fh.write('{"label": "Source", "id": s2}\n')
    result = run("load", "in.jsonl")
    assert result.exit_code == 3
    assert rejects() == [
        (
            "in.jsonl",
            5,
            "invalid JSON at column 27: unexpected character, expected a JSON value",
        )
    ]
