"""The allegations log read robustly (issue 11, points 5-7): a bad row is rejected with its
first line and the reason, and the rows before and after it load."""

import csv
import json

import pytest

from allegraph.load import load
from allegraph.loaders import LoadContext, LoaderError, detect_format, get_format

HEADER = ["alleged_by", "claim", "source_url", "source_title", "date"]
LATIN1_HINT = (
    "; if the file is Latin-1, load it with --encoding latin-1, "
    "or convert it with iconv -f latin1 -t utf-8"
)


def row(n, claim=None, date="2024"):
    return [f"Speaker {n}", claim or f"Claim number {n}", f"https://e.org/{n}", f"Report {n}", date]


def write(path, *rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def rejects(path):
    lines = path.read_text().splitlines() if path.exists() else []
    return [(r["line"], r["reason"]) for r in map(json.loads, lines)]


def claims(store):
    return sorted(node.props["text"] for node in store.nodes("Claim"))


@pytest.mark.parametrize("dry_run", [False, True], ids=["load", "validate"])
def test_an_oversized_cell_rejects_its_row_and_the_others_load(tmp_path, embedded, dry_run):
    log = write(tmp_path / "log.csv", row(1), row(2, "x" * 250_000), row(3))
    out = tmp_path / "rejects.jsonl"
    report = load(embedded, [log], rejects_path=out, dry_run=dry_run)
    assert rejects(out) == [(3, "cell 'claim' is 250,000 characters long (the limit is 131,072)")]
    assert report.read == report.loaded + report.rejected
    assert report.rejected == 1 and report.loaded > 0
    assert report.runs[0].status == "done"
    if not dry_run:
        assert claims(embedded) == ["Claim number 1", "Claim number 3"]


def test_a_row_with_a_bad_byte_is_rejected_and_the_others_load(tmp_path, embedded):
    log = tmp_path / "log.csv"
    write(log, row(1))
    with open(log, "ab") as fh:
        fh.write(",".join(row(2, "Caf\u00e9 claim")).encode("latin-1") + b"\r\n")
        fh.write(",".join(row(3)).encode() + b"\r\n")
    out = tmp_path / "rejects.jsonl"
    report = load(embedded, [log], rejects_path=out)
    assert rejects(out) == [
        (3, "line 3: bytes that are not valid UTF-8 (0xe9 at column 14)" + LATIN1_HINT)
    ]
    assert report.read == report.loaded + report.rejected and report.rejected == 1
    assert claims(embedded) == ["Claim number 1", "Claim number 3"]


def test_the_encoding_of_the_context_decodes_the_log(tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes(
        (",".join(HEADER) + "\n" + ",".join(row(2, "Caf\u00e9 claim")) + "\n").encode("cp1252")
    )
    records = list(get_format("allegations-csv").read(log, LoadContext(encoding="cp1252")))
    assert [r.data["text"] for r in records if r.data and r.data.get("label") == "Claim"] == [
        "Caf\u00e9 claim"
    ]


def test_a_reject_of_a_row_over_several_lines_gives_its_first_line(tmp_path, embedded):
    log = write(
        tmp_path / "log.csv",
        row(1),
        row(2, "line one\nline two\nline three", date="2021-7-16"),
        row(3),
    )
    out = tmp_path / "rejects.jsonl"
    report = load(embedded, [log], rejects_path=out)
    assert {line for line, _ in rejects(out)} == {3}
    assert all("'2021-7-16' is not an EDTF date" in reason for _, reason in rejects(out))
    assert report.read == report.loaded + report.rejected
    assert claims(embedded) == ["Claim number 1", "Claim number 3"]


def test_a_log_without_a_claim_column_is_one_error_naming_it(tmp_path):
    header = ["alleged_by", "accused", "source_url"]
    log = write(tmp_path / "log.csv", ["A", "B", "https://e.org"], header=header)
    message = (
        f"{log}: the allegations log has no 'claim' column "
        "(columns: alleged_by, accused, source_url)"
    )
    # told by its headers, so that reading it names the column (not "cannot tell its format")
    assert detect_format(log).name == "allegations-csv"
    with pytest.raises(LoaderError) as excinfo:
        list(get_format("allegations-csv").read(log, LoadContext()))
    assert str(excinfo.value) == message
    both = write(tmp_path / "both.csv", ["x"], header=["event"])
    with pytest.raises(LoaderError) as excinfo:
        list(get_format("allegations-csv").read(both, LoadContext()))
    assert str(excinfo.value) == (
        f"{both}: the allegations log has no 'alleged_by' and no 'claim' column (columns: event)"
    )


def test_an_empty_csv_is_an_empty_log(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert detect_format(empty).name == "allegations-csv"
    assert list(get_format("allegations-csv").read(empty, LoadContext())) == []
    header_only = write(tmp_path / "header.csv")
    assert list(get_format("allegations-csv").read(header_only, LoadContext())) == []


def test_a_row_wider_than_the_header_is_rejected_unless_the_extra_cells_are_empty(
    tmp_path, embedded
):
    log = tmp_path / "log.csv"
    log.write_text(
        ",".join(HEADER)
        + "\n"
        + ",".join(row(1))
        + ",,\n"  # a spreadsheet's trailing commas: fine
        + ",".join(row(2, "Prisoners were beaten, then released"))
        + "\n"  # unquoted comma
        + ",".join(row(3))
        + "\n"
    )
    out = tmp_path / "rejects.jsonl"
    report = load(embedded, [log], rejects_path=out)
    assert rejects(out) == [
        (
            3,
            "the row has 6 cells and the header 5 columns: "
            "is there a comma in a cell that is not quoted?",
        )
    ]
    assert json.loads(out.read_text())["record"]["_extra_cells"] == ["2024"]
    assert report.read == report.loaded + report.rejected and report.rejected == 1
    assert claims(embedded) == ["Claim number 1", "Claim number 3"]
