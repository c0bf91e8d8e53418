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
