"""SHACL shapes for the RDF that allegraph writes, generated from the schema registry.

For each label, a closed node shape on its class: one property shape per
property (datatype, required, allowed values, bounds, one value unless a
list), the id, the sources (``sh:class ag:Source``; at least one where the
model requires sources) and the bookkeeping. For each relationship type: a
closed shape on its statements, and two shapes on the direct triples that
check where the relationship may start and end. Messages say what is wrong in
the model's words ("a Claim needs at least one source").
"""

from __future__ import annotations

from rdflib import PROV, RDF, RDFS, SH, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from allegraph.rdf.ontology import new_graph, rdf_list
from allegraph.rdf.terms import (
    DATATYPES,
    IDENTIFIER,
    RUN_CLASS,
    SHAPES,
    SOURCE_LABEL,
    Terms,
    iri_of,
    property_iri,
    qname,
    terms_for,
)
from allegraph.schema import Property, Registry, registry

# A number may be written as a double or, when it is whole, as an integer.
NUMBER_TYPES = (XSD.double, XSD.integer, XSD.decimal)


def _a(names: list[str]) -> str:
    """``a Person or Organization``, ``an Event``."""
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return ("an " if text[:1].lower() in "aeiou" else "a ") + text


def _classes(graph: Graph, subject: Node, terms: Terms, labels: tuple[str, ...]) -> None:
    """``sh:class`` of one label, or ``sh:or`` of several."""
    if len(labels) == 1:
        graph.add((subject, SH["class"], terms.classes[labels[0]]))
        return
    options = []
    for label in labels:
        option = BNode()
        graph.add((option, SH["class"], terms.classes[label]))
        options.append(option)
    graph.add((subject, SH["or"], rdf_list(graph, options)))


class _ShapeWriter:
    def __init__(self, graph: Graph, terms: Terms):
        self.graph = graph
        self.terms = terms

    def property(
        self,
        shape: URIRef,
        name: str,
        path: URIRef,
        *,
        datatype: URIRef | None = None,
        required: bool = False,
        single: bool = True,
        message: str | None = None,
        description: str = "",
    ) -> URIRef:
        graph = self.graph
        node = SHAPES[f"{shape.fragment}-{name}"]
        graph.add((shape, SH.property, node))
        graph.add((node, RDF.type, SH.PropertyShape))
        graph.add((node, SH.path, path))
        graph.add((node, SH.name, Literal(name)))
        if description:
            graph.add((node, SH.description, Literal(description)))
        if datatype is not None:
            graph.add((node, SH.datatype, datatype))
        if required:
            graph.add((node, SH.minCount, Literal(1)))
        if single:
            graph.add((node, SH.maxCount, Literal(1)))
        if message:
            graph.add((node, SH.message, Literal(message)))
        return node

    def schema_property(self, shape: URIRef, owner: str, prop: Property) -> None:
        path = iri_of(prop)
        node = self.property(
            shape,
            prop.name,
            path,
            datatype=None if prop.type == "number" else DATATYPES[prop.type],
            required=prop.required,
            single=prop.type != "list",
            message=f"{_a([owner])} needs a {prop.name} ({qname(path)})" if prop.required else None,
            description=prop.description,
        )
        graph = self.graph
        if prop.type == "number":
            options = []
            for kind in NUMBER_TYPES:
                option = BNode()
                graph.add((option, SH.datatype, kind))
                options.append(option)
            graph.add((node, SH["or"], rdf_list(graph, options)))
        if prop.values:
            graph.add((node, SH["in"], rdf_list(graph, [Literal(v) for v in prop.values])))
        if prop.min is not None:
            graph.add((node, SH.minInclusive, Literal(prop.min)))
        if prop.max is not None:
            graph.add((node, SH.maxInclusive, Literal(prop.max)))

    def common(self, shape: URIRef, owner: str, spec, sources_required: bool) -> None:
        """Id, properties, derived dates, sources and bookkeeping of a node or statement."""
        self.property(
            shape,
            "id",
            IDENTIFIER,
            datatype=XSD.string,
            required=True,
            message=f"{_a([owner])} needs exactly one id ({qname(IDENTIFIER)})",
        )
        for prop in spec.properties.values():
            self.schema_property(shape, owner, prop)
        for name in spec.derived:
            self.property(shape, name, property_iri(name), datatype=XSD.date)
        sources = self.property(
            shape,
            "sources",
            property_iri("sources"),
            required=sources_required,
            single=False,
            message=(
                f"{_a([owner])} needs at least one source "
                f"({qname(property_iri('sources'))}), each {_a([SOURCE_LABEL])}"
            ),
        )
        self.graph.add((sources, SH["class"], self.terms.classes[SOURCE_LABEL]))
        for name in ("firstSeen", "lastSeen"):
            self.property(shape, name, property_iri(name), datatype=XSD.dateTime)
        run = self.property(shape, "loadRun", property_iri("loadRun"))
        self.graph.add((run, SH["class"], RUN_CLASS))

    def closed(self, shape: URIRef, ignored: list[URIRef]) -> None:
        self.graph.add((shape, SH.closed, Literal(True)))
        self.graph.add((shape, SH.ignoredProperties, rdf_list(self.graph, [RDF.type, *ignored])))


def build_shapes(reg: Registry | None = None) -> Graph:
    reg = reg or registry()
    terms = terms_for(reg)
    graph = new_graph()
    graph.bind("ags", SHAPES)
    out = _ShapeWriter(graph, terms)
    for label, spec in reg.labels.items():
        shape = SHAPES[label]
        graph.add((shape, RDF.type, SH.NodeShape))
        graph.add((shape, RDFS.label, Literal(f"{label} nodes")))
        graph.add((shape, SH.targetClass, terms.classes[label]))
        out.common(shape, label, spec, spec.sources_required)
        outgoing = [terms.predicates[t] for t, s in reg.relationships.items() if label in s.sources]
        shortcuts = [p for t, p in terms.shortcuts.items() if label in reg.relationships[t].targets]
        shortcuts += [p for t, p in terms.forward.items() if label in reg.relationships[t].sources]
        out.closed(shape, outgoing + shortcuts)
    for type_, spec in reg.relationships.items():
        predicate = terms.predicates[type_]
        shape = SHAPES[type_]
        graph.add((shape, RDF.type, SH.NodeShape))
        graph.add((shape, RDFS.label, Literal(f"{type_} statements")))
        graph.add((shape, SH.targetClass, terms.link_classes[type_]))
        starts, ends = _a(list(spec.sources)), _a(list(spec.targets))
        for name, path, labels, what in (
            ("from", RDF.subject, spec.sources, f"start at {starts}"),
            ("to", RDF.object, spec.targets, f"end at {ends}"),
        ):
            node = out.property(
                shape, name, path, required=True, message=f"{type_} must {what} ({qname(path)})"
            )
            _classes(graph, node, terms, labels)
        node = out.property(shape, "type", RDF.predicate, required=True)
        graph.add((node, SH.hasValue, predicate))
        out.common(shape, type_, spec, spec.sources_required)
        out.closed(shape, [])
        for end, target, labels, what in (
            ("starts", SH.targetSubjectsOf, spec.sources, f"start at {starts}"),
            ("ends", SH.targetObjectsOf, spec.targets, f"end at {ends}"),
        ):
            edge = SHAPES[f"{type_}-{end}"]
            graph.add((edge, RDF.type, SH.NodeShape))
            graph.add((edge, RDFS.label, Literal(f"where {type_} may {end[:-1]}")))
            graph.add((edge, target, predicate))
            graph.add((edge, SH.message, Literal(f"{type_} must {what} ({qname(predicate)})")))
            _classes(graph, edge, terms, labels)
    run = SHAPES["LoadRun"]
    graph.add((run, RDF.type, SH.NodeShape))
    graph.add((run, SH.targetClass, RUN_CLASS))
    out.property(run, "id", IDENTIFIER, datatype=XSD.string, required=True)
    out.property(run, "started", PROV.startedAtTime, datatype=XSD.dateTime)
    return graph
