"""The OWL/RDFS ontology of allegraph, generated from the schema registry.

``python -m allegraph.rdf.ontology`` writes ``schema/allegraph.ttl`` and
``schema/shapes.ttl`` (the SHACL shapes, :mod:`allegraph.rdf.shapes`); a test
fails when the files in the repository differ from what the registry gives.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from rdflib import OWL, PROV, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from allegraph.rdf.terms import (
    AG,
    DATATYPES,
    ONTOLOGY_IRI,
    PREFIXES,
    RELATIONSHIP_CLASS,
    RUN_CLASS,
    RUN_DATATYPES,
    RUN_TERMS,
    Terms,
    property_iri,
    terms_for,
)
from allegraph.schema import Registry, registry
from allegraph.stores.base import Run

ONTOLOGY_FILE = "allegraph.ttl"
SHAPES_FILE = "shapes.ttl"
GENERATED = "Generated from schema/model.yaml by `python -m allegraph.rdf.ontology`; do not edit."


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


def rdf_list(graph: Graph, items: Iterable) -> BNode:
    head = BNode()
    Collection(graph, head, list(items))
    return head


def union(graph: Graph, classes: list[URIRef]) -> URIRef | BNode:
    """One class, or an owl:unionOf of several."""
    if len(classes) == 1:
        return classes[0]
    node = BNode()
    graph.add((node, RDF.type, OWL.Class))
    graph.add((node, OWL.unionOf, rdf_list(graph, classes)))
    return node


def _describe(graph: Graph, iri: URIRef, kind: URIRef, label: str, comment: str) -> None:
    graph.add((iri, RDF.type, kind))
    graph.add((iri, RDFS.label, Literal(label)))
    if comment:
        graph.add((iri, RDFS.comment, Literal(comment)))
    graph.add((iri, RDFS.isDefinedBy, ONTOLOGY_IRI))


def _own_properties(reg: Registry, terms: Terms) -> dict[URIRef, dict]:
    """Every ag: property: its name, description, datatypes and the classes using it."""
    found: dict[URIRef, dict] = {}

    def add(name: str, description: str, datatype: URIRef, owner: URIRef | None) -> None:
        iri = property_iri(name)
        if not str(iri).startswith(str(AG)):
            return  # an established term: not ours to declare
        entry = found.setdefault(
            iri, {"name": name, "comment": description, "types": set(), "owners": []}
        )
        entry["types"].add(datatype)
        if owner is not None and owner not in entry["owners"]:
            entry["owners"].append(owner)

    owners = [(terms.classes[n], s) for n, s in reg.labels.items()]
    owners += [(terms.link_classes[n], s) for n, s in reg.relationships.items()]
    for owner, spec in owners:
        for prop in spec.properties.values():
            if prop.rdf:
                continue  # the model names an established term for it
            add(prop.name, prop.description, DATATYPES[prop.type], owner)
        for name, prop in spec.derived.items():
            which = "earliest" if name == prop.earliest else "latest"
            text = f"Derived: the {which} ISO date the EDTF `{prop.name}` allows."
            add(name, text, XSD.date, owner)
    for prop in reg.system_properties.values():
        add(prop.name, prop.description, XSD.dateTime, None)
    for name, field in Run.__dataclass_fields__.items():
        if name in RUN_TERMS and str(RUN_TERMS[name]).startswith(str(AG)):
            kind = RUN_DATATYPES.get(name) or (XSD.integer if field.type == "int" else XSD.string)
            add(name, f"Load run: {name}.", kind, RUN_CLASS)
    return found


def build_ontology(reg: Registry | None = None) -> Graph:
    """Classes for labels and relationship types, properties, and their links to known terms."""
    reg = reg or registry()
    terms = terms_for(reg)
    graph = new_graph()
    graph.add((ONTOLOGY_IRI, RDF.type, OWL.Ontology))
    graph.add((ONTOLOGY_IRI, RDFS.label, Literal("allegraph")))
    graph.add((ONTOLOGY_IRI, OWL.versionInfo, Literal(str(reg.version))))
    graph.add(
        (
            ONTOLOGY_IRI,
            RDFS.comment,
            Literal(
                "Actors, events and allegations: who alleged what, about which event, "
                "against whom, who disputes it, and the sources behind each. A claim is "
                "what an actor states, never a fact. " + GENERATED
            ),
        )
    )
    for label, spec in reg.labels.items():
        iri = terms.classes[label]
        _describe(graph, iri, OWL.Class, label, spec.description)
        if label in terms.rdf_classes:
            graph.add((iri, RDFS.subClassOf, terms.rdf_classes[label]))
    _describe(
        graph,
        RELATIONSHIP_CLASS,
        OWL.Class,
        "Relationship",
        "A relationship as a reified statement: rdf:subject, rdf:predicate and rdf:object "
        "name the direct triple; the statement holds the relationship's id, properties, "
        "sources and provenance.",
    )
    graph.add((RELATIONSHIP_CLASS, RDFS.subClassOf, RDF.Statement))
    _describe(graph, RUN_CLASS, OWL.Class, "LoadRun", "One load run: what was read, and when.")
    graph.add((RUN_CLASS, RDFS.subClassOf, PROV.Activity))
    for type_, spec in reg.relationships.items():
        cls, predicate = terms.link_classes[type_], terms.predicates[type_]
        _describe(graph, cls, OWL.Class, type_, f"A {type_} relationship. {spec.description}")
        graph.add((cls, RDFS.subClassOf, RELATIONSHIP_CLASS))
        _describe(graph, predicate, OWL.ObjectProperty, type_, spec.description)
        graph.add((predicate, RDFS.domain, union(graph, [terms.classes[s] for s in spec.sources])))
        graph.add((predicate, RDFS.range, union(graph, [terms.classes[t] for t in spec.targets])))
        if type_ in terms.forward:  # ag:derivedFrom is a prov:wasDerivedFrom
            graph.add((predicate, RDFS.subPropertyOf, terms.forward[type_]))
    for iri, entry in _own_properties(reg, terms).items():
        _describe(graph, iri, OWL.DatatypeProperty, entry["name"], entry["comment"])
        if len(entry["types"]) == 1:
            graph.add((iri, RDFS.range, next(iter(entry["types"]))))
        if entry["owners"]:
            graph.add((iri, RDFS.domain, union(graph, entry["owners"])))
    return graph


def schema_dir() -> Path:
    """The folder of the shipped schema files (schema/ in a checkout)."""
    return Path(str(resources.files("allegraph.schema")))


def generate(folder: Path | None = None, reg: Registry | None = None) -> list[Path]:
    """Write the ontology and the shapes into ``folder`` (default: the schema folder)."""
    from allegraph.rdf.shapes import build_shapes

    folder = folder or schema_dir()
    written = []
    for name, graph in ((ONTOLOGY_FILE, build_ontology(reg)), (SHAPES_FILE, build_shapes(reg))):
        path = folder / name
        path.write_text(f"# {GENERATED}\n" + graph.serialize(format="turtle"), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="folder (default: schema/)")
    args = parser.parse_args(argv)
    for path in generate(args.out):
        print(path)


if __name__ == "__main__":
    main()
