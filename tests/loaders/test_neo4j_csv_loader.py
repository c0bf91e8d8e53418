"""neo4j-admin import CSV as input: typed headers, several labels, skipped bookkeeping."""

from __future__ import annotations

import json

from allegraph.load import load
from allegraph.loaders import LoadContext, detect_format

PERSONS = """\
personId:ID,:LABEL,name,aliases:string[],born:IGNORE,sources:string[],_keys:string[]
p1,Person;Entity,Ana B.,Anna B.;A. B.,1970,s1,ana b
"""
SOURCES = """\
id:ID,:LABEL,title,reliability
s1,Source,A report,B
"""
CLAIMS = """\
id:ID,:LABEL,text,credibility:long,sources:string[]
c1,Claim,"It happened,
twice",3,s1
c2,Claim,Not a number,three,s1
"""
PLACES = """\
id:ID,:LABEL,name,latitude:double,longitude:float
l1,Location,Place,40.5,
"""
RUNS = """\
id:ID(LoadRun),:LABEL,input,read:long
r1,LoadRun,old.jsonl,5
"""
ALLEGES = """\
:START_ID,:END_ID,:TYPE,id,date,sources:string[],firstSeen,earliest
p1,c1,ALLEGES,p1|ALLEGES|c1,2024-11,s1,2024-01-01T00:00:00Z,2024-11-01
p1,c1,ALLEGES,second
"""


def write_folder(folder):
    folder.mkdir()
    for name, text in [
        ("rels.csv", ALLEGES),
        ("persons.csv", PERSONS),
        ("sources.csv", SOURCES),
        ("claims.csv", CLAIMS),
        ("places.csv", PLACES),
        ("runs.csv", RUNS),
    ]:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_folder_is_detected_and_read_nodes_first(tmp_path):
    folder = write_folder(tmp_path / "import")
    fmt = detect_format(folder)
    assert fmt.name == "neo4j-csv"
    records = list(fmt.read(folder, LoadContext()))
    assert [(r.file.rsplit("/", 1)[1], r.line) for r in records] == [
        ("claims.csv", 2),
        ("claims.csv", 4),
        ("persons.csv", 2),
        ("places.csv", 2),
        ("sources.csv", 2),
        ("rels.csv", 2),
        ("rels.csv", 3),
    ]
    data = [r.data for r in records]
    assert data[0] == {
        "id": "c1",
        "label": "Claim",
        "text": "It happened,\ntwice",
        "credibility": 3,
        "sources": ["s1"],
    }
    assert data[1]["credibility"] == "three"  # left as text: validation names it
    assert data[2] == {
        "id": "p1",
        "label": "Person",
        "name": "Ana B.",
        "aliases": ["Anna B.", "A. B."],
        "sources": ["s1"],
    }
    assert data[3] == {"id": "l1", "label": "Location", "name": "Place", "latitude": 40.5}
    assert data[5]["from"] == "p1" and data[5]["firstSeen"] == "2024-01-01T00:00:00Z"
    assert data[6] == {"from": "p1", "to": "c1", "type": "ALLEGES", "id": "second"}


def test_loading_validates_each_row(tmp_path, embedded):
    folder = write_folder(tmp_path / "import")
    report = load(embedded, [folder], rejects_path=tmp_path / "rejects.jsonl")
    assert (report.read, report.loaded, report.rejected) == (7, 5, 2)
    reasons = sorted(
        line.split('"reason":"')[1].split('"')[0]
        for line in (tmp_path / "rejects.jsonl").read_text().splitlines()
    )
    assert reasons == [
        "credibility: expected an integer, got 'three'",
        "sources: an ALLEGES needs at least one source id",
    ]
    link = next(embedded.links("ALLEGES"))
    assert link.props == {"date": "2024-11", "earliest": "2024-11-01", "latest": "2024-11-30"}
    assert link.first_seen != "2024-01-01T00:00:00Z"  # bookkeeping is the new run's


def test_a_csv_without_neo4j_headers_in_the_folder_is_rejected(tmp_path):
    folder = tmp_path / "import"
    folder.mkdir()
    (folder / "sources.csv").write_text(SOURCES)
    (folder / "notes.csv").write_text("a,b\n1,2\n")
    records = list(detect_format(folder).read(folder, LoadContext()))
    assert records[-1].error == (
        "notes.csv: no :ID or :START_ID/:END_ID column: not a neo4j-admin import file"
    )


def test_a_row_with_more_fields_than_the_header_is_rejected(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text(SOURCES + "s2,Source,Title,A,extra\n")
    fmt = detect_format(path)
    assert fmt.name == "neo4j-csv"
    records = list(fmt.read(path, LoadContext()))
    assert records[1].error == "row has 5 fields, the header 4"
    assert records[1].line == 3


def test_array_delimiter_comes_from_the_export_manifest(tmp_path):
    folder = tmp_path / "import"
    folder.mkdir()
    (folder / "persons.csv").write_text(
        "id:ID,:LABEL,name,aliases:string[]\np1,Person|Entity,Ana,A; B|C\n"
    )
    (folder / "allegraph-export.json").write_text('{"arrayDelimiter": "|"}')
    (record,) = detect_format(folder).read(folder, LoadContext())
    assert record.data == {"id": "p1", "label": "Person", "name": "Ana", "aliases": ["A; B", "C"]}


def test_bad_rows_are_rejected_with_their_first_line_and_the_rest_loads(tmp_path, embedded):
    folder = tmp_path / "import"
    folder.mkdir()
    (folder / "sources.csv").write_bytes(
        b'id:ID,:LABEL,title\ns1,Source,"A\nreport"\n'
        + "s2,Source,Caf\u00e9\n".encode("latin-1")
        + f"s3,Source,{'t' * 131_073}\ns4,Source,Last\n".encode()
    )
    (folder / "empty.csv").write_bytes(b"")  # nothing in it: not a reject
    rejects = tmp_path / "rejects.jsonl"
    report = load(embedded, [folder], rejects_path=rejects)
    lines = rejects.read_text().splitlines()
    assert [(json.loads(x)["line"], json.loads(x)["reason"]) for x in lines] == [
        (
            4,
            "line 4: bytes that are not valid UTF-8 (0xe9 at column 14); if the file is "
            "Latin-1, load it with --encoding latin-1, or convert it with iconv -f latin1 "
            "-t utf-8",
        ),
        (5, "cell 'title' is 131,073 characters long (the limit is 131,072)"),
    ]
    assert (report.read, report.loaded, report.rejected) == (4, 2, 2)
    assert sorted(n.id for n in embedded.nodes("Source")) == ["s1", "s4"]
    assert list(detect_format(folder).read(folder, LoadContext()))[0].line == 2
