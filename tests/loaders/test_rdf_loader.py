"""RDF as input: what the export writes, and RDF written by hand, through the same validation."""

from __future__ import annotations

import orjson

from allegraph.load import load
from allegraph.loaders import LoadContext, detect_format

PREFIXES = """\
@prefix ag: <https://allegraph.org/ns#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix ex: <https://example.org/> .
"""

# Written by hand: schema.org classes only, a blank node, a decimal latitude,
# a direct triple with no statement, and a statement with a date.
BY_HAND = (
    PREFIXES
    + """
ex:report a schema:CreativeWork ; dcterms:title "A report" .
ex:ana a schema:Person ; schema:name "Ana B." ; schema:alternateName "Anna", "A. B." ;
    dcterms:source ex:report .
ex:claim a schema:Claim ; schema:text "It happened" ; ag:credibility 3 ; dcterms:source ex:report .
_:place a schema:Place ; schema:name "Somewhere Else" ; geo:lat 40.41 ; dcterms:source ex:report .
ex:claim ag:accuses ex:ana .
[] a ag:Alleges ; rdf:subject ex:ana ; rdf:predicate ag:alleges ; rdf:object ex:claim ;
   dcterms:date "2024-11" ; dcterms:source ex:report .
"""
)


def records_of(path):
    return list(detect_format(path).read(path, LoadContext()))


def test_hand_written_turtle_becomes_native_records(tmp_path):
    path = tmp_path / "case.ttl"
    path.write_text(BY_HAND)
    assert detect_format(path).name == "ttl"
    data = [r.data for r in records_of(path)]
    assert data == [
        {"label": "Source", "title": "A report", "id": "report"},
        {
            "label": "Person",
            "aliases": ["A. B.", "Anna"],
            "name": "Ana B.",
            "id": "ana",
            "sources": ["report"],
        },
        {
            "label": "Claim",
            "credibility": 3,
            "text": "It happened",
            "id": "claim",
            "sources": ["report"],
        },
        {
            "label": "Location",
            "latitude": 40.41,
            "name": "Somewhere Else",
            "id": "location:somewhere-else",
            "sources": ["report"],
        },
        {
            "type": "ALLEGES",
            "from": "ana",
            "to": "claim",
            "date": "2024-11",
            "sources": ["report"],
        },
        {"type": "ACCUSES", "from": "claim", "to": "ana"},
    ]
    assert isinstance(data[3]["latitude"], float)


def test_hand_written_turtle_loads(tmp_path, embedded):
    path = tmp_path / "case.ttl"
    path.write_text(BY_HAND)
    report = load(embedded, [path], rejects_path=tmp_path / "rejects.jsonl")
    assert (report.read, report.loaded, report.rejected) == (6, 6, 0)
    (link,) = embedded.links("ALLEGES")
    assert (link.src, link.dst, link.props["date"], link.sources) == (
        "ana",
        "claim",
        "2024-11",
        ["report"],
    )
    assert embedded.get_node("location:somewhere-else").props["latitude"] == 40.41


def rejects(path):
    return [orjson.loads(line) for line in path.read_text().splitlines()]


def test_what_does_not_fit_the_model_is_rejected_with_a_reason(tmp_path, embedded):
    path = tmp_path / "bad.ttl"
    path.write_text(
        PREFIXES
        + """
ex:report a schema:CreativeWork ; dcterms:title "A report" .
ex:ana a schema:Person ; schema:name "Ana" ; ex:nickname "Annie" ; dcterms:source ex:report .
ex:bob a ag:Person ; schema:name "Bob", "Robert" .
ex:claim a ag:Claim ; schema:text "Unsourced" .
ex:thing a ex:Gadget ; schema:name "A gadget" .
ex:half a ag:Alleges ; rdf:subject ex:ana ; rdf:predicate ag:alleges .
ex:both a ag:Person, ag:Organization ; schema:name "Both" .
"""
    )
    out = tmp_path / "rejects.jsonl"
    report = load(embedded, [path], rejects_path=out)
    assert (report.read, report.loaded, report.rejected) == (7, 1, 6)
    reasons = sorted(r["reason"] for r in rejects(out))
    assert reasons == sorted(
        [
            "<https://example.org/nickname>: unknown property of Person",
            "<https://example.org/bob> name: has 2 values (Bob, Robert); it takes one",
            "sources: a Claim needs at least one source id",
            "<https://example.org/thing> is neither an allegraph node nor a relationship "
            "(it is a <https://example.org/Gadget>); node classes: ag:Person, "
            "ag:Organization, ag:Location, ag:Event, ag:Claim, ag:Source, ag:Evidence",
            "<https://example.org/half> ALLEGES statement has 0 rdf:object values; it needs one",
            "<https://example.org/both> has several allegraph classes: Organization, Person",
        ]
    )


def test_a_file_that_does_not_parse_is_one_reject(tmp_path, embedded):
    path = tmp_path / "broken.nt"
    path.write_text("<a> <b> c .\n")
    out = tmp_path / "rejects.jsonl"
    report = load(embedded, [path], rejects_path=out)
    assert (report.read, report.rejected) == (1, 1)
    assert rejects(out)[0]["reason"] == "invalid RDF: Invalid line: <a> <b> c ."


def test_jsonld_and_ntriples_are_detected_by_extension(tmp_path):
    for name, fmt in (("x.jsonld", "jsonld"), ("x.nt", "nt"), ("x.TTL", "ttl")):
        path = tmp_path / name
        path.write_text("")
        assert detect_format(path).name == fmt
