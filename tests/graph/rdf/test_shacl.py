"""SHACL: an export of a valid store conforms; broken graphs do not, and the report says why."""

from __future__ import annotations

import pytest
from rdflib import RDF, Literal

from allegraph.rdf.export import write_rdf
from allegraph.rdf.records import parse
from allegraph.rdf.shacl import validate_file, validate_graph
from allegraph.rdf.terms import AG, DEFAULT_BASE, IDENTIFIER, Iris, property_iri
from tests.graph.rdf.rdf_cases import baku_fixture, baku_ttl_fixture  # noqa: F401 - fixtures

IRI = Iris(DEFAULT_BASE)


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "nt"])
def test_the_baku_export_conforms(baku, tmp_path, fmt):
    path = tmp_path / f"baku.{fmt}"
    write_rdf(baku, path, fmt)
    conforms, report = validate_file(path)
    assert conforms, report
    assert "Conforms: True" in report


def test_a_subgraph_export_conforms(baku, tmp_path):
    path = tmp_path / "part.ttl"
    write_rdf(baku, path, "ttl", ids={"moskalkova", "c-pow-torture", "afu", "art-1"})
    conforms, report = validate_file(path)
    assert conforms, report


def add_claim_without_source(graph):
    claim = IRI.node("c-unsourced")
    graph.add((claim, RDF.type, AG.Claim))
    graph.add((claim, IDENTIFIER, Literal("c-unsourced")))
    graph.add((claim, property_iri("text"), Literal("Nobody says where this comes from")))


def test_a_claim_without_source_does_not_conform(baku_ttl):
    graph = parse(baku_ttl)
    add_claim_without_source(graph)
    conforms, report = validate_graph(graph)
    assert not conforms
    assert "Results (1)" in report
    assert "Focus Node: <https://allegraph.org/id/c-unsourced>" in report
    assert "a Claim needs at least one source (dcterms:source), each a Source" in report


def test_an_alleges_from_a_location_does_not_conform(baku_ttl):
    graph = parse(baku_ttl)
    baku, claim = IRI.node("baku"), IRI.node("c-pow-torture")
    graph.add((baku, AG.alleges, claim))
    statement = IRI.link("baku|ALLEGES|c-pow-torture")
    for p, o in [
        (RDF.type, AG.Alleges),
        (IDENTIFIER, Literal("baku|ALLEGES|c-pow-torture")),
        (RDF.subject, baku),
        (RDF.predicate, AG.alleges),
        (RDF.object, claim),
        (property_iri("sources"), IRI.node("art-1")),
    ]:
        graph.add((statement, p, o))
    conforms, report = validate_graph(graph)
    assert not conforms
    # the direct triple, the statement, and the Location that may not allege
    assert "ALLEGES must start at a Person or Organization (ag:alleges)" in report
    assert "ALLEGES must start at a Person or Organization (rdf:subject)" in report
    assert "Node <https://allegraph.org/id/baku> is closed" in report
    assert "Results (3)" in report


def test_both_problems_are_reported_together(baku_ttl):
    graph = parse(baku_ttl)
    add_claim_without_source(graph)
    graph.add((IRI.node("baku"), AG.alleges, IRI.node("c-unsourced")))
    conforms, report = validate_graph(graph)
    assert not conforms
    assert "a Claim needs at least one source" in report
    assert "ALLEGES must start at a Person or Organization" in report


def test_values_outside_the_model_do_not_conform(baku_ttl):
    graph = parse(baku_ttl)
    claim = IRI.node("c-kursk")
    graph.set((claim, AG.credibility, Literal(9)))
    graph.add((IRI.node("art-1"), AG.reliability, Literal("Z")))
    graph.add((IRI.node("baku"), AG.nickname, Literal("city of winds")))
    conforms, report = validate_graph(graph)
    assert not conforms
    assert "MaxInclusiveConstraintComponent" in report
    assert "InConstraintComponent" in report
    assert "Result Path: ag:nickname" in report


def test_validate_file_errors_are_one_line(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        validate_file(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<\n")
    with pytest.raises(ValueError, match="bad.ttl: invalid RDF: at line 1"):
        validate_file(bad)
    other = tmp_path / "records.jsonl"
    other.write_text("{}\n")
    with pytest.raises(ValueError, match="not an RDF file by its name"):
        validate_file(other)
