"""schema/allegraph.ttl and schema/shapes.ttl are what the registry generates, and cover it."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, SH, Graph
from rdflib.compare import isomorphic

from allegraph.rdf.ontology import (
    ONTOLOGY_FILE,
    SHAPES_FILE,
    build_ontology,
    generate,
    schema_dir,
)
from allegraph.rdf.shapes import build_shapes
from allegraph.rdf.terms import (
    AG,
    SHAPES,
    expand,
    iri_of,
    label_class,
    link_class,
    link_predicate,
    property_iri,
)
from allegraph.schema import registry

REGENERATE = "schema files drifted from schema/model.yaml: run python -m allegraph.rdf.ontology"


def shipped(name: str) -> Graph:
    return Graph().parse(schema_dir() / name, format="turtle")


def test_shipped_ontology_is_what_the_registry_generates():
    assert isomorphic(shipped(ONTOLOGY_FILE), build_ontology()), REGENERATE


def test_shipped_shapes_are_what_the_registry_generates():
    assert isomorphic(shipped(SHAPES_FILE), build_shapes()), REGENERATE


def test_generating_twice_writes_the_same_text(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    generate(first)
    generate(second)
    for name in (ONTOLOGY_FILE, SHAPES_FILE):
        assert (first / name).read_text() == (second / name).read_text()
        assert (first / name).read_text() == (schema_dir() / name).read_text(), REGENERATE


def test_ontology_has_a_class_per_label_and_type_and_a_predicate_per_type():
    onto = build_ontology()
    reg = registry()
    for label, spec in reg.labels.items():
        assert (label_class(label), RDF.type, OWL.Class) in onto
        assert (label_class(label), RDFS.subClassOf, expand(spec.rdf)) in onto
    for type_, spec in reg.relationships.items():
        assert (link_class(type_), RDFS.subClassOf, AG.Relationship) in onto
        predicate = link_predicate(type_)
        assert (predicate, RDF.type, OWL.ObjectProperty) in onto
        assert (predicate, RDFS.label, None) in onto
        domain = onto.value(predicate, RDFS.domain)
        if len(spec.sources) == 1:
            assert domain == label_class(spec.sources[0])
        else:
            members = list(onto.items(onto.value(domain, OWL.unionOf)))
            assert members == [label_class(s) for s in spec.sources]


def test_every_property_of_every_label_and_type_has_a_shape():
    shapes = build_shapes()
    reg = registry()
    for owner, spec in [*reg.labels.items(), *reg.relationships.items()]:
        for name in [*spec.properties, *spec.derived, "sources", "id"]:
            shape = SHAPES[f"{owner}-{name}"]
            assert (SHAPES[owner], SH.property, shape) in shapes, f"{owner}.{name}"
            if name in spec.properties:  # the term the model declares, else the usual one
                assert shapes.value(shape, SH.path) == iri_of(spec.properties[name])
            elif name not in ("id",):
                assert shapes.value(shape, SH.path) == property_iri(name)


def test_established_terms_are_used_where_they_fit():
    assert property_iri("name") == expand("schema:name")
    assert property_iri("aliases") == expand("schema:alternateName")
    assert property_iri("sources") == expand("dcterms:source")
    assert property_iri("date") == expand("dcterms:date")
    assert property_iri("latitude") == expand("geo:lat")
    assert property_iri("loadRun") == expand("prov:wasGeneratedBy")
    assert property_iri("lastSeen") == expand("prov:generatedAtTime")
    assert property_iri("credibility") == AG.credibility
    evidence = registry().labels["Evidence"].properties  # declared in model.yaml (`rdf:`)
    assert iri_of(evidence["sha256"]) == expand("schema:sha256")
    assert iri_of(evidence["size"]) == expand("schema:contentSize")
    assert iri_of(evidence["mediaType"]) == expand("schema:encodingFormat")
    assert iri_of(evidence["verification"]) == AG.verification
    assert link_predicate("DISPUTED_BY") == AG.disputedBy
    assert link_class("DISPUTED_BY") == AG.DisputedBy
