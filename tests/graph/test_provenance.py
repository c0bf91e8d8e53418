"""DERIVED_FROM between sources (issue 14): every loader that can carry it, and RDF."""

from __future__ import annotations

import json

import pytest
from rdflib import PROV, Graph, URIRef

from allegraph.interchange import export
from allegraph.load import load
from allegraph.loaders import LoadContext, detect_format
from allegraph.rdf.terms import AG
from allegraph.stores import open_store
from tests.graph.interchange.export_cases import contents, typed

WIRE = [
    {"label": "Source", "id": "wire", "title": "Wire story", "publisher": "Wire A",
     "reliability": "B", "published": "2024-11-14"},
    {"label": "Source", "id": "reprint-b", "title": "Reprint", "publisher": "Paper B",
     "published": "2024-11-15"},
    {"label": "Source", "id": "ngo", "title": "NGO report", "publisher": "NGO E",
     "reliability": "E"},
    {"type": "DERIVED_FROM", "from": "reprint-b", "to": "wire", "kind": "reprint",
     "sources": ["reprint-b"]},
]  # fmt: skip


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_native_records_load_a_derived_from(embedded, tmp_path):
    report = load(embedded, [write_jsonl(tmp_path / "w.jsonl", WIRE)])
    assert (report.read, report.loaded, report.rejected) == (4, 4, 0)
    _, links = embedded.subgraph(["wire", "reprint-b"])
    assert [(lk.type, lk.src, lk.dst, lk.props) for lk in links] == [
        ("DERIVED_FROM", "reprint-b", "wire", {"kind": "reprint"})
    ]


def test_a_derived_from_of_another_kind_or_between_other_labels_is_rejected(embedded, tmp_path):
    bad = [
        *WIRE[:3],
        {"type": "DERIVED_FROM", "from": "reprint-b", "to": "wire", "kind": "rumour"},
        {"label": "Person", "id": "p", "name": "P"},
        {"type": "DERIVED_FROM", "from": "p", "to": "wire"},
    ]
    report = load(embedded, [write_jsonl(tmp_path / "w.jsonl", bad)])
    assert (report.loaded, report.rejected) == (4, 2)


def test_a_csv_folder_loads_derived_from_csv(embedded, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "sources.csv").write_text("id,title,publisher\nwire,Wire story,Wire A\nr,Reprint,B\n")
    (folder / "derived_from.csv").write_text("from,to,kind,sources\nr,wire,translation,r\n")
    report = load(embedded, [folder])
    assert (report.read, report.rejected) == (3, 0)
    _, links = embedded.subgraph(["wire", "r"])
    assert [(lk.type, lk.src, lk.dst, lk.props) for lk in links] == [
        ("DERIVED_FROM", "r", "wire", {"kind": "translation"})
    ]


LOG = (
    "alleged_by,claim,source_url,source_title,derived_from,derived_kind\n"
    "Jane Roe,Prisoners were beaten,https://wire.example/1,Wire story,,\n"
    "Jane Roe,Prisoners were beaten,https://paper.example/1,Reprint,https://wire.example/1,reprint\n"
    "Jane Roe,Prisoners were beaten,https://blog.example/1,Blog,https://other.example/9,\n"
)


def test_the_allegations_log_names_what_a_source_derives_from(embedded, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(LOG)
    report = load(embedded, [path])
    assert report.rejected == 0
    wire, paper = "source:https-wire-example-1", "source:https-paper-example-1"
    blog, other = "source:https-blog-example-1", "source:https-other-example-9"
    _, links = embedded.subgraph([wire, paper, blog, other])
    assert sorted((lk.src, lk.dst, lk.props) for lk in links if lk.type == "DERIVED_FROM") == [
        (blog, other, {}),
        (paper, wire, {"kind": "reprint"}),
    ]
    made = embedded.get_node(other)
    assert made.props == {"title": "https://other.example/9", "url": "https://other.example/9"}


def test_a_log_row_with_derived_from_but_no_source_is_rejected(embedded, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("alleged_by,claim,derived_from\nJane Roe,Beaten,https://wire.example/1\n")
    report = load(embedded, [path], rejects_path=tmp_path / "rejects.jsonl")
    assert report.rejected == 1
    reason = json.loads((tmp_path / "rejects.jsonl").read_text().splitlines()[0])["reason"]
    assert "derived_from: the row names no source" in reason


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "nt"])
def test_rdf_round_trip_keeps_derived_from_and_grades(embedded, tmp_path, fmt):
    load(embedded, [write_jsonl(tmp_path / "w.jsonl", WIRE)])
    out = tmp_path / f"graph.{fmt}"
    export(embedded, fmt, out)
    graph = Graph().parse(out)
    copy, original = (URIRef(f"https://allegraph.org/id/{i}") for i in ("reprint-b", "wire"))
    assert (copy, PROV.wasDerivedFrom, original) in graph
    assert (copy, AG.derivedFrom, original) in graph
    fresh = open_store(str(tmp_path / "fresh.db"))
    fresh.init()
    report = load(fresh, [out])
    assert (report.read, report.rejected) == (4, 0)
    assert typed(contents(fresh), lists_as_sets=True) == typed(
        contents(embedded), lists_as_sets=True
    )
    assert fresh.get_node("ngo").props["reliability"] == "E"
    fresh.close()


def test_prov_was_derived_from_alone_is_read_as_derived_from(tmp_path):
    path = tmp_path / "prov.ttl"
    path.write_text(
        "@prefix ag: <https://allegraph.org/ns#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        '<https://x.example/copy> a ag:Source ; dcterms:title "Copy" ;\n'
        "    prov:wasDerivedFrom <https://x.example/original> .\n"
        '<https://x.example/original> a ag:Source ; dcterms:title "Original" .\n'
    )
    records = [r.data for r in detect_format(path).read(path, LoadContext())]
    assert {"type": "DERIVED_FROM", "from": "copy", "to": "original"} in records
    assert len(records) == 3


def test_stix_derived_from_between_reports(tmp_path):
    def report(n):
        return {
            "type": "report", "spec_version": "2.1", "id": f"report--{n}",
            "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
            "name": f"R{n}", "published": "2024-01-01T00:00:00.000Z", "object_refs": [],
        }  # fmt: skip

    first = "report--00000000-0000-4000-8000-000000000001"
    second = "report--00000000-0000-4000-8000-000000000002"
    bundle = {
        "type": "bundle",
        "id": "bundle--00000000-0000-4000-8000-000000000009",
        "objects": [
            {**report(1), "id": first},
            {**report(2), "id": second},
            {
                "type": "relationship",
                "spec_version": "2.1",
                "id": "relationship--00000000-0000-4000-8000-000000000003",
                "created": "2024-01-01T00:00:00.000Z",
                "modified": "2024-01-01T00:00:00.000Z",
                "relationship_type": "derived-from",
                "source_ref": first,
                "target_ref": second,
            },  # fmt: skip
        ],
    }
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    records = [r.data for r in detect_format(path).read(path, LoadContext()) if r.data]
    links = [r for r in records if r.get("type") == "DERIVED_FROM"]
    assert [(lk["from"], lk["to"]) for lk in links] == [(first, second)]
