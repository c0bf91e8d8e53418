import json

from allegraph.load import load
from allegraph.loaders import LoadContext, detect_format


def test_one_file_per_label_and_type_nodes_first(tmp_path):
    (tmp_path / "alleges.csv").write_text("from,to,date,sources\np1,c1,2024-11,s1\n")
    (tmp_path / "persons.csv").write_text("id,name,aliases,sources\np1,Ana,Anna;Ana B.,s1\n")
    (tmp_path / "claims.csv").write_text("id,text,credibility,sources\nc1,It happened,3,s1;s2\n")
    (tmp_path / "sources.csv").write_text("id,title\ns1,Report\ns2,Other\n")
    fmt = detect_format(tmp_path)
    assert fmt.name == "csv-folder"
    out = list(fmt.read(tmp_path, LoadContext()))
    assert [(r.file.rsplit("/", 1)[1], r.line) for r in out] == [
        ("claims.csv", 2),
        ("persons.csv", 2),
        ("sources.csv", 2),
        ("sources.csv", 3),
        ("alleges.csv", 2),
    ]
    assert out[0].data == {
        "label": "Claim",
        "id": "c1",
        "text": "It happened",
        "credibility": 3,
        "sources": ["s1", "s2"],
    }
    assert out[1].data["aliases"] == ["Anna", "Ana B."]
    assert out[-1].data == {
        "type": "ALLEGES",
        "from": "p1",
        "to": "c1",
        "date": "2024-11",
        "sources": ["s1"],
    }


def test_unknown_file_is_a_reject_not_ignored(tmp_path):
    (tmp_path / "notes.csv").write_text("a\n1\n")
    (tmp_path / "persons.csv").write_text("id,name\np1,Ana\n")
    out = list(detect_format(tmp_path).read(tmp_path, LoadContext()))
    assert out[-1].error == "notes.csv: the file name matches no label or relationship type"


def test_bad_rows_are_rejected_and_the_rest_of_each_file_loads(tmp_path, embedded):
    (tmp_path / "sources.csv").write_bytes(
        b'id,title\ns1,"First\nreport"\n'
        + "s2,Caf\u00e9\n".encode("latin-1")
        + f"s3,{'t' * 131_073}\ns4,Last\n".encode()
    )
    (tmp_path / "persons.csv").write_text("id,name,sources\np1,Ana,s4\n")
    rejects = tmp_path / "rejects.jsonl"
    report = load(embedded, [tmp_path], fmt="csv-folder", rejects_path=rejects)
    reasons = [(r["line"], r["reason"]) for r in map(json.loads, rejects.read_text().splitlines())]
    assert reasons == [
        (
            4,
            "line 4: bytes that are not valid UTF-8 (0xe9 at column 7); if the file is "
            "Latin-1, load it with --encoding latin-1, or convert it with iconv -f latin1 "
            "-t utf-8",
        ),
        (5, "cell 'title' is 131,073 characters long (the limit is 131,072)"),
    ]
    assert (report.read, report.loaded, report.rejected) == (5, 3, 2)
    assert sorted(n.id for n in embedded.nodes("Source")) == ["s1", "s4"]
    assert embedded.get_node("p1").props["name"] == "Ana"
