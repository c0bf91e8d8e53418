"""What the RDF export says about a node and a relationship, term by term."""

from __future__ import annotations

from datetime import datetime

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib import namespace as ns

from allegraph.rdf.export import write_rdf
from allegraph.rdf.records import parse
from allegraph.rdf.terms import AG, IDENTIFIER, Iris, expand, local_id, property_iri
from tests.graph.rdf.rdf_cases import baku_fixture  # noqa: F401 - fixtures

BASE = "https://example.org/case/"
IRI = Iris(BASE)


def utc(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def exported(baku, tmp_path, fmt="ttl"):
    path = tmp_path / f"baku.{fmt}"
    write_rdf(baku, path, fmt, base=BASE)
    return parse(path)


def test_a_node_has_both_classes_its_id_properties_sources_and_run(baku, tmp_path):
    graph = exported(baku, tmp_path)
    node = IRI.node("baku")
    entity = baku.get_node("baku")
    assert set(graph.objects(node, RDF.type)) == {AG.Location, expand("schema:Place")}
    assert graph.value(node, IDENTIFIER) == Literal("baku")
    assert graph.value(node, property_iri("name")) == Literal("Baku")
    assert set(graph.objects(node, property_iri("aliases"))) == {Literal("Bakı"), Literal("Баку")}
    lat = graph.value(node, expand("geo:lat"))
    assert lat.datatype == ns.XSD.double and lat.toPython() == 40.4093
    assert list(graph.objects(node, property_iri("sources"))) == [IRI.node("art-1")]
    assert graph.value(node, ns.PROV.wasGeneratedBy) == IRI.run(entity.load_run)
    assert graph.value(node, ns.PROV.generatedAtTime).toPython() == utc(entity.last_seen)
    assert graph.value(node, AG.firstSeen).toPython() == utc(entity.first_seen)


def test_a_relationship_is_a_direct_triple_and_a_reified_statement(baku, tmp_path):
    graph = exported(baku, tmp_path)
    actor, claim = IRI.node("moskalkova"), IRI.node("c-simulated-execution")
    assert (actor, AG.alleges, claim) in graph
    # PROV-O restates who a claim is attributed to
    assert (claim, ns.PROV.wasAttributedTo, actor) in graph
    (statement,) = graph.subjects(RDF.object, claim)
    assert str(statement) == BASE + "rel/moskalkova%7CALLEGES%7Cc-simulated-execution"
    assert graph.value(statement, RDF.type) == AG.Alleges
    assert graph.value(statement, RDF.subject) == actor
    assert graph.value(statement, RDF.predicate) == AG.alleges
    assert str(graph.value(statement, IDENTIFIER)) == "moskalkova|ALLEGES|c-simulated-execution"
    assert str(graph.value(statement, AG.quote)).startswith("The soldiers who have returned")
    assert list(graph.objects(statement, property_iri("sources"))) == [IRI.node("art-1")]


def test_load_runs_are_prov_activities(baku, tmp_path):
    graph = exported(baku, tmp_path)
    for run in baku.runs():
        node = IRI.run(run.id)
        assert (node, RDF.type, ns.PROV.Activity) in graph
        assert (node, RDF.type, AG.LoadRun) in graph
        assert graph.value(node, ns.PROV.startedAtTime).toPython() == utc(run.started)
        assert graph.value(node, AG.read).toPython() == run.read
        assert str(graph.value(node, AG.sha256)) == run.sha256


def test_every_format_holds_the_same_statements(baku, tmp_path):
    ttl, nt, jsonld = (exported(baku, tmp_path, fmt) for fmt in ("ttl", "nt", "jsonld"))
    assert set(ttl) == set(nt) == set(jsonld)
    # issue 17: the videos became Evidence (a verification state instead of a grade,
    # SUPPORTS with a note instead of DERIVED_FROM with a kind, note and PROV triple,
    # and the article CITES them with a note): two statements fewer
    assert len(ttl) == 695


def test_ids_are_percent_encoded_whole_and_read_back_from_the_iri():
    iri = Iris("https://example.org/x/").node("src/2 #b")
    assert iri == URIRef("https://example.org/x/src%2F2%20%23b")
    assert local_id(str(iri)) == "src/2 #b"
    assert local_id("https://example.org/vocab#thing") == "thing"


def test_a_base_that_is_not_an_iri_is_refused(baku, tmp_path):
    with pytest.raises(ValueError, match="not an absolute IRI"):
        write_rdf(baku, tmp_path / "x.ttl", "ttl", base="case/")
