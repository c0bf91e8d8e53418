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


def test_yaml_list_gives_the_line_of_each_item(tmp_path):
    path = tmp_path / "in.yaml"
    path.write_text(
        "- label: Source\n  id: s1\n  title: Report\n"
        "- label: Person\n  id: p1\n  name: Ana\n  sources: [s1]\n"
    )
    out = list(detect_format(path).read(path, LoadContext()))
    assert [r.data for r in out] == RECORDS
    assert [r.line for r in out] == [1, 4]
