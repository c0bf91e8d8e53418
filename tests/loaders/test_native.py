import json

from allegraph.loaders import LoadContext, detect_format, get_format

RECORDS = [
    {"label": "Source", "id": "s1", "title": "Report"},
    {"label": "Person", "id": "p1", "name": "Ana", "sources": ["s1"]},
]


def test_jsonl_records_carry_file_and_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(RECORDS[0]) + "\n\n" + json.dumps(RECORDS[1]) + "\n{oops\n")
    fmt = detect_format(path)
    assert fmt.name == "jsonl"
    out = list(fmt.read(path, LoadContext()))
    assert [(r.data, r.line, r.error) for r in out[:2]] == [
        (RECORDS[0], 1, None),
        (RECORDS[1], 3, None),
    ]
    assert out[2].line == 4 and out[2].data is None
    assert out[2].error.startswith("invalid JSON") and out[2].raw == "{oops"
    assert all(r.file == str(path) for r in out)


def test_json_list_gives_the_line_of_each_object(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(
        '[\n  {"label": "Source", "id": "s1",\n   "title": "Report"},\n'
        '  {"label": "Person", "id": "p1", "name": "Ana", "sources": ["s1"]}\n]\n'
    )
    out = list(detect_format(path).read(path, LoadContext()))
    assert [r.data for r in out] == RECORDS
    assert [r.line for r in out] == [2, 4]


def test_json_that_is_not_a_list(tmp_path):
    path = tmp_path / "in.json"
    path.write_text('{"label": "Person"}')
    (rec,) = list(get_format("json").read(path, LoadContext()))
    assert rec.error == "the file must hold a list of records"


def test_yaml_that_is_a_mapping_is_rejected_as_not_a_list(tmp_path):
    # e.g. a followthemoney mapping file given to `load` by mistake
    path = tmp_path / "mapping.yml"
    path.write_text("donations:\n  queries:\n    - csv_url: donations.csv\n")
    (rec,) = list(get_format("yaml").read(path, LoadContext()))
    assert (rec.line, rec.error) == (1, "the file must hold a list of records")


def test_yaml_list_gives_the_line_of_each_item(tmp_path):
    path = tmp_path / "in.yaml"
    path.write_text(
        "- label: Source\n  id: s1\n  title: Report\n"
        "- label: Person\n  id: p1\n  name: Ana\n  sources: [s1]\n"
    )
    out = list(detect_format(path).read(path, LoadContext()))
    assert [r.data for r in out] == RECORDS
    assert [r.line for r in out] == [1, 4]


LATIN1_HINT = (
    "; if the file is Latin-1, load it with --encoding latin-1, "
    "or convert it with iconv -f latin1 -t utf-8"
)


def read(path, fmt, encoding="utf-8"):
    return [
        (r.line, r.error or r.data)
        for r in get_format(fmt).read(path, LoadContext(encoding=encoding))
    ]


def test_a_jsonl_error_names_the_column_of_its_own_line(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(RECORDS[0]), "", "", "", '{"label": "Person", "id": p2}']
    path.write_text("\n".join(lines) + "\n" + json.dumps(RECORDS[1]) + "\n")
    assert read(path, "jsonl") == [
        (1, RECORDS[0]),
        (5, "invalid JSON at column 27: unexpected character, expected a JSON value"),
        (6, RECORDS[1]),
    ]


def test_a_jsonl_line_that_is_not_utf8_is_rejected_and_the_rest_loads(tmp_path):
    path = tmp_path / "in.jsonl"
    bad = '{"label": "Person", "id": "p2", "name": "Jos\u00e9"}\n'.encode("latin-1")
    path.write_bytes(
        b"\xef\xbb\xbf"
        + json.dumps(RECORDS[0]).encode()
        + b"\n"
        + bad
        + json.dumps(RECORDS[1]).encode()
        + b"\n"
    )
    assert read(path, "jsonl") == [
        (1, RECORDS[0]),
        (2, "line 2: bytes that are not valid UTF-8 (0xe9 at column 45)" + LATIN1_HINT),
        (3, RECORDS[1]),
    ]
    (rejected,) = [r for r in get_format("jsonl").read(path, LoadContext()) if r.error]
    assert rejected.raw == '{"label": "Person", "id": "p2", "name": "Jos\\xe9"}'
    assert read(path, "jsonl", "latin-1")[1] == (
        2,
        {"label": "Person", "id": "p2", "name": "Jos\u00e9"},
    )


def test_a_json_file_with_a_bad_byte_is_one_reject_naming_its_line(tmp_path):
    path = tmp_path / "in.json"
    path.write_bytes(
        b'[\n  {"label": "Source", "id": "s1", "title": "Report"},\n'
        + '  {"label": "Person", "id": "p1", "name": "Ana \u00e9"}\n]\n'.encode("latin-1")
    )
    assert read(path, "json") == [
        (3, "line 3: bytes that are not valid UTF-8 (0xe9 at column 48)" + LATIN1_HINT)
    ]
    assert [line for line, _ in read(path, "json", "latin-1")] == [2, 3]


def test_a_yaml_file_with_a_bad_byte_is_one_reject_naming_its_line(tmp_path):
    path = tmp_path / "in.yaml"
    path.write_bytes("- label: Source\n  id: s1\n  title: R\u00e9port\n".encode("latin-1"))
    assert read(path, "yaml") == [
        (3, "line 3: bytes that are not valid UTF-8 (0xe9 at column 11)" + LATIN1_HINT)
    ]
    assert read(path, "yaml", "latin-1") == [
        (1, {"label": "Source", "id": "s1", "title": "R\u00e9port"})
    ]


def test_json_and_yaml_syntax_errors_give_their_line(tmp_path):
    path = tmp_path / "in.json"
    path.write_text('[\n  {"label": "Source", "id": "s1"},\n  oops\n]\n')
    assert read(path, "json") == [
        (3, "invalid JSON at line 3, column 3: unexpected character, expected a JSON value")
    ]
    path = tmp_path / "in.yaml"
    path.write_text("- label: Source\n  id: [s1\n- x: y\n")
    ((line, reason),) = read(path, "yaml")
    assert line == 3 and reason.startswith("invalid YAML: ")


def test_empty_native_files_hold_no_records(tmp_path):
    for name, fmt in (("e.jsonl", "jsonl"), ("e.json", "json"), ("e.yaml", "yaml")):
        path = tmp_path / name
        path.write_text("\n  \n")
        assert read(path, fmt) == [], name
