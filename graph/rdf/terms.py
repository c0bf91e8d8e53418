"""The RDF vocabulary of allegraph, derived from the schema registry.

The registry says which labels, relationship types and properties exist; this
module only says how each is named in RDF:

* a label ``Person`` is the class ``ag:Person``, declared a subclass of the
  class the model gives it (``LabelSpec.rdf``, e.g. ``schema:Person``);
  instances carry both types;
* a relationship type ``ALLEGES`` is the predicate ``ag:alleges`` (the direct
  triple) and the class ``ag:Alleges`` of its reified statements (a subclass of
  ``rdf:Statement``), which hold its properties, sources and provenance;
* a property is the term the model declares for it (``rdf:`` in model.yaml,
  e.g. ``schema:sha256``), else the established term in :data:`WELL_KNOWN` if
  there is one (schema.org, Dublin Core, PROV-O, WGS84), else ``ag:<name>``.

docs/rdf.md explains the mapping for users.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote, unquote

from rdflib import OWL, PROV, RDF, RDFS, SDO, SH, XSD, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from allegraph.rdf import DEFAULT_BASE
from allegraph.schema import Property, Registry
from allegraph.stores.base import Run

AG = Namespace("https://allegraph.org/ns#")
SHAPES = Namespace("https://allegraph.org/shapes#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
ONTOLOGY_IRI = URIRef("https://allegraph.org/ns")

PREFIXES: dict[str, Namespace] = {
    "ag": AG,
    "schema": Namespace(str(SDO)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "geo": GEO,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "sh": Namespace(str(SH)),
}

# Properties an established vocabulary already names. Everything else is ag:<name>.
WELL_KNOWN: dict[str, URIRef] = {
    "name": SDO.name,
    "text": SDO.text,
    "description": SDO.description,
    "aliases": SDO.alternateName,
    "url": SDO.url,
    "title": DCTERMS.title,
    "date": DCTERMS.date,
    "published": DCTERMS.issued,
    "language": DCTERMS.language,
    "latitude": GEO.lat,
    "longitude": GEO.long,
    # provenance (system properties)
    "sources": DCTERMS.source,
    "lastSeen": PROV.generatedAtTime,
    "loadRun": PROV.wasGeneratedBy,
}
IDENTIFIER = DCTERMS.identifier

# Extra triples that restate a relationship in an established vocabulary, for
# consumers that know PROV-O but not allegraph: (type, predicate), written
# object -> subject. They are derived, and ignored on import.
SHORTCUTS: dict[str, URIRef] = {"ALLEGES": PROV.wasAttributedTo}
# Relationships also written subject -> object in PROV-O (``<copy> prov:wasDerivedFrom
# <original>``): ignored on import where the allegraph triple is there too, and read
# as the relationship where it is not (PROV data from elsewhere).
FORWARD: dict[str, URIRef] = {"DERIVED_FROM": PROV.wasDerivedFrom}

# The label whose nodes ``sources`` point at (the load pipeline checks the same).
SOURCE_LABEL = "Source"
RUN_CLASS = AG.LoadRun
RELATIONSHIP_CLASS = AG.Relationship

# Fields of a load run and their RDF terms (the run's own id is dcterms:identifier).
# which process ran a load (host:pid) is the store's own bookkeeping: never exported
PRIVATE_RUN_FIELDS = frozenset({"owner"})
RUN_TERMS: dict[str, URIRef] = {
    f.name: {"id": IDENTIFIER, "started": PROV.startedAtTime, "ended": PROV.endedAtTime}.get(
        f.name, AG[f.name]
    )
    for f in fields(Run)
    if f.name not in PRIVATE_RUN_FIELDS
}
RUN_DATATYPES = {"started": XSD.dateTime, "ended": XSD.dateTime}

DATATYPES: dict[str, URIRef] = {
    "string": XSD.string,
    "text": XSD.string,
    "edtf": XSD.string,
    "list": XSD.string,
    "url": XSD.anyURI,
    "integer": XSD.integer,
    "number": XSD.double,
    "boolean": XSD.boolean,
}
_SAFE_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@cache
def property_iri(name: str) -> URIRef:
    return WELL_KNOWN.get(name, AG[name])


@cache
def iri_of(prop: Property) -> URIRef:
    """The RDF term of a property: the one the model declares (``rdf:`` in
    model.yaml, e.g. ``schema:sha256``), else :func:`property_iri` of its name."""
    return expand(prop.rdf) if prop.rdf else property_iri(prop.name)


def label_class(label: str) -> URIRef:
    return AG[label]


def _camel(type_: str, upper: bool) -> str:
    words = [w.capitalize() for w in type_.lower().split("_") if w]
    text = "".join(words)
    return text if upper else text[:1].lower() + text[1:]


def link_predicate(type_: str) -> URIRef:
    """``ALLEGES`` -> ``ag:alleges``; ``DISPUTED_BY`` -> ``ag:disputedBy``."""
    return AG[_camel(type_, upper=False)]


def link_class(type_: str) -> URIRef:
    """``ALLEGES`` -> ``ag:Alleges``: the class of its reified statements."""
    return AG[_camel(type_, upper=True)]


def expand(curie: str) -> URIRef:
    """``schema:Person`` -> the full IRI, with :data:`PREFIXES`; a full IRI stays as it is."""
    prefix, sep, local = curie.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix][local]
    return URIRef(curie)


def qname(iri: URIRef) -> str:
    """A short ``prefix:local`` name where a prefix fits, else ``<iri>``."""
    text = str(iri)
    for prefix, ns in PREFIXES.items():
        local = text[len(str(ns)) :]
        if text.startswith(str(ns)) and _SAFE_LOCAL.match(local):
            return f"{prefix}:{local}"
    return f"<{text}>"


# -- instance IRIs ----------------------------------------------------------------
@dataclass(frozen=True)
class Iris:
    """Instance IRIs under a base the user chooses; ids are percent-encoded whole."""

    base: str = DEFAULT_BASE

    def node(self, ident: str) -> URIRef:
        return _iri(self.base, ident)

    def link(self, ident: str) -> URIRef:
        return _iri(self.base + "rel/", ident)

    def run(self, ident: str) -> URIRef:
        return _iri(self.base + "run/", ident)


@lru_cache(maxsize=65536)  # sources and endpoints repeat: build each IRI once
def _iri(prefix: str, ident: str) -> URIRef:
    return URIRef(prefix + quote(ident, safe=""))


def local_id(iri: str) -> str:
    """The id an IRI stands for when the data gives no dcterms:identifier."""
    return unquote(re.split(r"[/#]", iri.rstrip("/#"))[-1])


# -- values -----------------------------------------------------------------------
def literal(prop: Property, value: Any) -> Literal:
    """An RDF literal for one (non-list) value of a property, typed by the schema."""
    if prop.type == "url":
        return Literal(value, datatype=XSD.anyURI)
    return Literal(value)  # str -> xsd:string, int -> xsd:integer, float -> xsd:double


def from_literal(prop: Property, term: Any) -> Any:
    """The Python value of one RDF term for a property, as validation expects it.

    A term of the wrong kind is returned as its text, so that validation
    rejects it naming the property (``credibility: expected an integer``).
    """
    if prop.type in ("string", "text", "edtf", "url", "list"):
        return str(term)
    value = term.toPython() if isinstance(term, Literal) else str(term)
    if prop.type == "number" and not isinstance(value, bool):
        if isinstance(value, int | float):
            return value
        try:  # xsd:decimal, as a hand-written 40.41 in Turtle is
            return float(value) if term.datatype == XSD.decimal else str(term)
        except (TypeError, ValueError):
            return str(term)
    if prop.type == "integer" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if prop.type == "boolean" and isinstance(value, bool):
        return value
    return str(term)


# -- the mapping for one registry ---------------------------------------------------
class Terms:
    """Forward and reverse lookups between the registry and RDF terms."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.classes = {label: label_class(label) for label in registry.labels}
        self.rdf_classes = {
            label: expand(spec.rdf) for label, spec in registry.labels.items() if spec.rdf
        }
        self.predicates = {t: link_predicate(t) for t in registry.relationships}
        self.link_classes = {t: link_class(t) for t in registry.relationships}
        self.label_of_class = {iri: label for label, iri in self.classes.items()}
        # schema.org & co. classes identify a label too, where only one label uses them
        by_rdf: dict[URIRef, list[str]] = {}
        for label, iri in self.rdf_classes.items():
            by_rdf.setdefault(iri, []).append(label)
        self.label_of_rdf_class = {iri: ls[0] for iri, ls in by_rdf.items() if len(ls) == 1}
        self.type_of_predicate = {iri: t for t, iri in self.predicates.items()}
        self.type_of_class = {iri: t for t, iri in self.link_classes.items()}
        self.shortcuts = {t: p for t, p in SHORTCUTS.items() if t in registry.relationships}
        self.forward = {t: p for t, p in FORWARD.items() if t in registry.relationships}
        self.type_of_forward = {p: t for t, p in self.forward.items()}
        self.derived = {
            property_iri(name)
            for spec in [*registry.labels.values(), *registry.relationships.values()]
            for name in spec.derived
        }
        self.node_props = {
            label: {iri_of(p): p for p in spec.properties.values()}
            for label, spec in registry.labels.items()
        }
        self.link_props = {
            t: {iri_of(p): p for p in spec.properties.values()}
            for t, spec in registry.relationships.items()
        }
        # written by the export, recomputed on import: never read back
        self.bookkeeping = {
            RDF.type,
            IDENTIFIER,
            property_iri("firstSeen"),
            property_iri("lastSeen"),
            property_iri("loadRun"),
            *self.shortcuts.values(),
            *self.forward.values(),
            *self.derived,
        }


@lru_cache(maxsize=8)
def terms_for(registry: Registry) -> Terms:
    return Terms(registry)
