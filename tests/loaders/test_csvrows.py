"""Reading CSV rows so that a bad row is rejected and the rows around it are kept."""

import pytest

from allegraph.loaders import LoaderError
from allegraph.loaders.csvrows import MAX_CELL, Row, csv_rows, header
from allegraph.model import Record

LATIN1_HINT = (
    "; if the file is Latin-1, load it with --encoding latin-1, "
    "or convert it with iconv -f latin1 -t utf-8"
)


def rows(path, encoding="utf-8"):
    """(line, cells) of each row, (line, error) of each rejected row."""
    out = []
    for item in csv_rows(path, encoding):
        if isinstance(item, Record):
            assert item.data is None and item.file == str(path)
            out.append((item.line, item.error))
        else:
            assert isinstance(item, Row)
            out.append((item.line, item.cells))
    return out


def test_a_cell_over_the_limit_rejects_its_row_and_keeps_the_others(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(f"name,claim\nA,first\nB,{'x' * 250_000}\nC,third\n")
    assert rows(path) == [
        (1, ["name", "claim"]),
        (2, ["A", "first"]),
        (3, "cell 'claim' is 250,000 characters long (the limit is 131,072)"),
        (4, ["C", "third"]),
    ]
    rejected = [r for r in csv_rows(path) if isinstance(r, Record)][0]
    # the rejects file shows the start of the cell, not all of it
    assert rejected.raw == {"name": "B", "claim": "x" * 1000 + "... (250,000 characters)"}


def test_a_cell_of_exactly_the_limit_loads(tmp_path):
    path = tmp_path / "edge.csv"
    path.write_text(f"name,claim\nA,{'y' * MAX_CELL}\n")
    assert rows(path) == [(1, ["name", "claim"]), (2, ["A", "y" * MAX_CELL])]
    assert MAX_CELL == 131_072


def test_an_oversized_cell_beyond_the_header_is_named_by_position(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text(f"a\n1,{'z' * (MAX_CELL + 1)}\n")
    assert rows(path)[1] == (
        2,
        "cell 2 (beyond the header) is 131,073 characters long (the limit is 131,072)",
    )


def test_a_quoted_cell_over_several_lines_gives_the_rows_first_line(tmp_path):
    path = tmp_path / "multi.csv"
    path.write_text('name,claim\nA,"one\ntwo\nthree"\n\nB,four\n')
    assert rows(path) == [
        (1, ["name", "claim"]),
        (2, ["A", "one\ntwo\nthree"]),
        (6, ["B", "four"]),  # line 5 is blank
    ]


def test_a_bad_byte_rejects_only_the_row_it_is_in(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(
        b"name,claim\nA,first\n" + "B,Caf\u00e9 claim\n".encode("latin-1") + b"C,third\n"
    )
    assert rows(path) == [
        (1, ["name", "claim"]),
        (2, ["A", "first"]),
        (3, "line 3: bytes that are not valid UTF-8 (0xe9 at column 6)" + LATIN1_HINT),
        (4, ["C", "third"]),
    ]
    rejected = [r for r in csv_rows(path) if isinstance(r, Record)][0]
    assert rejected.raw == {"name": "B", "claim": "Caf\\xe9 claim"}
    assert rows(path, "latin-1")[2] == (3, ["B", "Caf\u00e9 claim"])


def test_a_bad_byte_inside_a_multi_line_row_names_its_line(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b'name,claim\nA,"one\n' + "t\u00e9o\n".encode("cp1252") + b'three"\nB,ok\n')
    assert rows(path) == [
        (1, ["name", "claim"]),
        (2, "line 3: bytes that are not valid UTF-8 (0xe9 at column 2)" + LATIN1_HINT),
        (5, ["B", "ok"]),
    ]


def test_a_header_that_cannot_be_read_is_one_reject(tmp_path):
    path = tmp_path / "header.csv"
    path.write_bytes("ann\u00e9e,claim\n2024,x\n".encode("latin-1"))
    assert rows(path) == [
        (
            1,
            "line 1: bytes that are not valid UTF-8 (0xe9 at column 4)"
            + LATIN1_HINT
            + "; this is the header, so no row of the file can be read",
        )
    ]


def test_line_ends_bom_and_blank_lines(tmp_path):
    expected = [(1, ["a", "b"]), (2, ["1", "2"]), (3, ["3", "x\ny"])]
    for end in ("\n", "\r\n", "\r"):
        path = tmp_path / "ends.csv"
        path.write_bytes(b"\xef\xbb\xbf" + f'a,b{end}1,2{end}3,"x\ny"{end}'.encode())
        assert rows(path) == expected, repr(end)
        assert rows(path, "utf-8-sig") == expected
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert rows(empty) == [] and header(empty) == []
    blank = tmp_path / "blank.csv"
    blank.write_text("\n\na,b\n\n1,2\n")
    assert rows(blank) == [(3, ["a", "b"]), (5, ["1", "2"])]


def test_utf16_reads_and_stops_at_a_bad_byte(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes("name,claim\nA,Caf\u00e9\n".encode("utf-16"))
    assert rows(path, "utf-16") == [(1, ["name", "claim"]), (2, ["A", "Caf\u00e9"])]
    # a lone surrogate: the text after it cannot be followed in UTF-16
    path.write_bytes(
        "name,claim\nA,first\nB,".encode("utf-16") + b"\x00\xd8" + "x\nC,y\n".encode("utf-16-le")
    )
    assert rows(path, "utf-16") == [
        (1, ["name", "claim"]),
        (2, ["A", "first"]),
        (
            3,
            "line 3: bytes that are not valid utf-16 (0x00 at column 3); name the file's "
            "encoding with --encoding, or convert it to UTF-8 with iconv "
            "(the rest of the file is not read)",
        ),
    ]


def test_an_unknown_encoding_is_a_loader_error(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("a\n1\n")
    with pytest.raises(LoaderError, match="unknown encoding 'latin-9x'"):
        list(csv_rows(path, "latin-9x"))
    with pytest.raises(LoaderError, match="'hex' is not a text encoding"):
        list(csv_rows(path, "hex"))


def test_as_dict_is_what_dictreader_gives(tmp_path):
    row = Row(2, ["1", "2", "3"], ["a", "b"])
    assert row.as_dict() == {"a": "1", "b": "2", None: ["3"]}
    assert Row(2, ["1"], ["a", "b"]).as_dict() == {"a": "1", "b": None}
