"""The neo4j-csv export: neo4j-admin headers, the import command, the folder it writes."""

from __future__ import annotations

import csv
import json

import pytest

from allegraph.interchange import export
from allegraph.interchange.neo4j_csv import MANIFEST
from tests.graph.interchange.export_cases import baku_fixture, tricky_fixture  # noqa: F401 - fixtures


def rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_headers_are_neo4j_admin_headers_from_the_schema(baku, tmp_path):
    folder = tmp_path / "out"
    export(baku, "neo4j-csv", folder)
    persons = rows(folder / "nodes_Person.csv")
    assert persons[0] == [
        "id:ID",
        ":LABEL",
        "aliases:string[]",
        "description",
        "aliasIds:string[]",
        "name",
        "country",
        "birthDate",
        "externalIds:string[]",
        "birthEarliest",
        "birthLatest",
        "sources:string[]",
        "firstSeen",
        "lastSeen",
        "loadRun",
        "_keys:string[]",
    ]
    moskalkova = dict(zip(persons[0], persons[1], strict=True))
    assert moskalkova["id:ID"] == "moskalkova"
    assert moskalkova[":LABEL"] == "Person;Entity"
    assert moskalkova["aliases:string[]"] == "Tatiana Moskalkova;Татьяна Москалькова;Moskalkova"
    assert moskalkova["_keys:string[]"] == "tatyana moskalkova;tatiana moskalkova;moskalkova"
    claims = rows(folder / "nodes_Claim.csv")
    assert "credibility:long" in claims[0]
    assert "latitude:double" in rows(folder / "nodes_Location.csv")[0]
    alleges = rows(folder / "rels_ALLEGES.csv")
    assert alleges[0][:4] == [":START_ID", ":END_ID", ":TYPE", "id"]
    assert len(alleges) == 1 + 7
    runs = rows(folder / "nodes_LoadRun.csv")
    assert runs[0][:2] == ["id:ID(LoadRun)", ":LABEL"] and "read:long" in runs[0]
    assert sorted(r[0] for r in runs[1:]) == sorted(r.id for r in baku.runs())


def test_import_script_names_every_file_and_the_delimiter(baku, tmp_path):
    folder = tmp_path / "out"
    export(baku, "neo4j-csv", folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    script = (folder / "import.sh").read_text()
    assert 'neo4j-admin database import full "$DATABASE"' in script
    for name in manifest["nodes"]:
        assert f"--nodes={name} " in script
    for name in manifest["relationships"]:
        assert f"--relationships={name} " in script
    assert "'--array-delimiter=;'" in script and "--multiline-fields=true" in script
    written = {p.name for p in folder.iterdir()}
    assert written == {*manifest["nodes"], *manifest["relationships"], "import.sh", MANIFEST}


def test_a_list_value_holding_the_delimiter_moves_to_another(tricky, tmp_path):
    folder = tmp_path / "out"
    export(tricky, "neo4j-csv", folder)
    # aliases hold both ";" and "|": the unit separator is used, named as neo4j-admin reads it
    assert json.loads((folder / MANIFEST).read_text())["arrayDelimiter"] == "\x1f"
    assert "--array-delimiter=U+001F" in (folder / "import.sh").read_text()


def test_exporting_again_replaces_an_export_but_never_other_files(baku, tmp_path):
    folder = tmp_path / "out"
    export(baku, "neo4j-csv", folder)
    export(baku, "neo4j-csv", folder, ids={"moskalkova", "art-1"})
    assert sorted(p.name for p in folder.glob("*.csv")) == [
        "nodes_LoadRun.csv",
        "nodes_Person.csv",
        "nodes_Source.csv",
    ]
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="is not empty"):
        export(baku, "neo4j-csv", other)
    assert (other / "notes.txt").read_text() == "mine"
