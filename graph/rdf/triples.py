"""A snapshot of the graph as RDF statements, grouped by subject.

Per node: its two classes (``ag:Person``, ``schema:Person``), its id
(``dcterms:identifier``), its properties, ``dcterms:source`` for each source
and the bookkeeping of the run that wrote it (``ag:firstSeen``,
``prov:generatedAtTime`` = lastSeen, ``prov:wasGeneratedBy`` = the run).

Per relationship: the direct triple (``<from> ag:alleges <to>``) for simple
queries, and a reified statement (an ``ag:Alleges``, subclass of
``rdf:Statement``: ``rdf:subject``/``rdf:predicate``/``rdf:object``) that holds
its id, properties, sources and bookkeeping. Per load run: a ``prov:Activity``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from rdflib import PROV, RDF, XSD, Literal, URIRef
from rdflib.term import Node

from allegraph.interchange.selection import Snapshot
from allegraph.model import Entity, Link
from allegraph.rdf.terms import (
    IDENTIFIER,
    RUN_CLASS,
    RUN_DATATYPES,
    RUN_TERMS,
    Iris,
    Terms,
    iri_of,
    literal,
    property_iri,
    terms_for,
)
from allegraph.schema import Property
from allegraph.stores.base import Run

Block = tuple[URIRef, list[tuple[URIRef, Node]]]


def _values(
    props: dict[str, Any], spec: dict[str, Property], derived: dict[str, Property]
) -> Iterator[tuple[URIRef, Node]]:
    for key, value in props.items():
        if key in derived:
            yield property_iri(key), Literal(value, datatype=XSD.date, normalize=False)
            continue
        prop = spec.get(key) or Property(key, "string")  # a property the schema dropped
        iri = iri_of(prop)
        for item in value if isinstance(value, list) else [value]:
            yield iri, literal(prop, item)


@lru_cache(maxsize=4096)  # a load run stamps many nodes with the same time
def _stamp(text: str) -> Literal:
    """A UTC time as an xsd:dateTime, written exactly as the store keeps it."""
    return Literal(text, datatype=XSD.dateTime, normalize=False)


def _provenance(item: Entity | Link, iris: Iris) -> Iterator[tuple[URIRef, Node]]:
    for source in item.sources:
        yield property_iri("sources"), iris.node(source)
    if item.first_seen:
        yield property_iri("firstSeen"), _stamp(item.first_seen)
    if item.last_seen:
        yield property_iri("lastSeen"), _stamp(item.last_seen)
    if item.load_run:
        yield property_iri("loadRun"), iris.run(item.load_run)


def node_block(node: Entity, terms: Terms, iris: Iris) -> Block:
    spec = terms.registry.labels[node.label]
    pairs: list[tuple[URIRef, Node]] = [(RDF.type, terms.classes[node.label])]
    if node.label in terms.rdf_classes:
        pairs.append((RDF.type, terms.rdf_classes[node.label]))
    pairs.append((IDENTIFIER, Literal(node.id)))
    pairs.extend(_values(node.props, spec.properties, spec.derived))
    pairs.extend(_provenance(node, iris))
    return iris.node(node.id), pairs


def link_blocks(link: Link, terms: Terms, iris: Iris) -> Iterator[Block]:
    """The reified statement, the direct triple, and any PROV shortcut (either way)."""
    spec = terms.registry.relationships[link.type]
    src, dst = iris.node(link.src), iris.node(link.dst)
    predicate = terms.predicates[link.type]
    pairs: list[tuple[URIRef, Node]] = [
        (RDF.type, terms.link_classes[link.type]),
        (IDENTIFIER, Literal(link.id)),
        (RDF.subject, src),
        (RDF.predicate, predicate),
        (RDF.object, dst),
    ]
    pairs.extend(_values(link.props, spec.properties, spec.derived))
    pairs.extend(_provenance(link, iris))
    yield iris.link(link.id), pairs
    yield src, [(predicate, dst)]
    if link.type in terms.shortcuts:
        yield dst, [(terms.shortcuts[link.type], src)]
    if link.type in terms.forward:
        yield src, [(terms.forward[link.type], dst)]


def run_block(run: Run, iris: Iris) -> Block:
    pairs: list[tuple[URIRef, Node]] = [(RDF.type, PROV.Activity), (RDF.type, RUN_CLASS)]
    for key, value in run.as_dict().items():
        if value is not None and key in RUN_TERMS:
            kind = RUN_DATATYPES.get(key)
            pairs.append((RUN_TERMS[key], _stamp(value) if kind else Literal(value)))
    return iris.run(run.id), pairs


def blocks(snap: Snapshot, iris: Iris) -> Iterator[Block]:
    """Every statement of the snapshot, grouped by subject, nodes first."""
    terms = terms_for(snap.registry)
    for node in snap.nodes:
        yield node_block(node, terms, iris)
    for link in snap.links:
        yield from link_blocks(link, terms, iris)
    for run in snap.runs:
        yield run_block(run, iris)
