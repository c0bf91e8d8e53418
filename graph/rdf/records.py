"""Read RDF back into native records, for the same validation as every loader.

What the export writes loads back as it was: a resource typed with an
allegraph class (``ag:Person``, or a schema.org class only one label uses)
becomes an entity record; a reified statement (``ag:Alleges``, or any
``rdf:Statement`` whose ``rdf:predicate`` is an allegraph predicate) becomes a
link record; a direct triple (``<a> ag:alleges <b>``) with no statement
becomes a link record without properties. Load runs (``ag:LoadRun``) and the
bookkeeping (firstSeen, lastSeen, loadRun, derived dates, PROV shortcuts) are
not read: the load that reads the file is a new run and recomputes them.

Ids come from ``dcterms:identifier``, else from the end of the IRI; a blank
node gets the id its name derives. List values (aliases, sources) come back
sorted: RDF keeps them as a set. Any other statement about an allegraph
resource is passed on under its IRI, so validation rejects the resource naming
it; a resource that is neither node nor relationship is rejected as such.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from allegraph.model import Record
from allegraph.names import article
from allegraph.rdf.terms import (
    IDENTIFIER,
    RUN_CLASS,
    Terms,
    from_literal,
    local_id,
    property_iri,
    qname,
    terms_for,
)
from allegraph.schema import Property, Registry
from allegraph.validate import ValidationError, Validator

# format name -> (title, rdflib parser, file suffixes)
SYNTAXES = {
    "ttl": ("Turtle", "turtle", (".ttl",)),
    "jsonld": ("JSON-LD", "json-ld", (".jsonld",)),
    "nt": ("N-Triples", "nt", (".nt",)),
}
SOURCES = property_iri("sources")


class _Reader:
    def __init__(self, graph: Graph, registry: Registry, file: str):
        self.graph = graph
        self.registry = registry
        self.terms: Terms = terms_for(registry)
        self.file = file
        self.ids: dict[Node, str] = {}

    # -- classifying ---------------------------------------------------------------
    def _label(self, subject: Node) -> tuple[str | None, str | None]:
        """(label, None), (None, reason) or (None, None) when it is not a node."""
        types = set(self.graph.objects(subject, RDF.type))
        ours = {self.terms.label_of_class[t] for t in types if t in self.terms.label_of_class}
        if not ours:
            ours = {
                self.terms.label_of_rdf_class[t]
                for t in types
                if t in self.terms.label_of_rdf_class
            }
        if len(ours) > 1:
            return None, f"has several allegraph classes: {', '.join(sorted(ours))}"
        return (ours.pop(), None) if ours else (None, None)

    def _statement_type(self, subject: Node) -> tuple[str | None, str | None]:
        predicates = {
            self.terms.type_of_predicate[p]
            for p in self.graph.objects(subject, RDF.predicate)
            if p in self.terms.type_of_predicate
        }
        classes = {
            self.terms.type_of_class[t]
            for t in self.graph.objects(subject, RDF.type)
            if t in self.terms.type_of_class
        }
        if not predicates and not classes:
            return None, None
        kinds = predicates or classes
        if len(kinds) > 1 or (predicates and classes and predicates != classes):
            return (
                None,
                f"is a statement of several types: {', '.join(sorted(predicates | classes))}",
            )
        return kinds.pop(), None

    # -- values --------------------------------------------------------------------
    def _props(
        self, subject: Node, spec: dict[URIRef, Property], skip: set[URIRef]
    ) -> tuple[dict[str, Any], list[Node], str | None]:
        values: dict[str, list[Node]] = {}
        sources: list[Node] = []
        unknown: dict[str, Any] = {}
        for predicate, obj in self.graph.predicate_objects(subject):
            if predicate in skip or predicate in self.terms.bookkeeping:
                continue
            if predicate == SOURCES:
                sources.append(obj)
            elif predicate in spec:
                values.setdefault(spec[predicate].name, []).append(obj)
            else:
                unknown[qname(predicate)] = str(obj)
        data: dict[str, Any] = {}
        by_name = {p.name: p for p in spec.values()}
        for name, objs in sorted(values.items()):
            prop = by_name[name]
            if prop.type == "list":
                data[name] = sorted(str(o) for o in objs)
            elif len(objs) > 1:
                shown = ", ".join(sorted(str(o) for o in objs))
                return {}, [], f"{name}: has {len(objs)} values ({shown}); it takes one"
            else:
                data[name] = from_literal(prop, objs[0])
        data.update(unknown)  # validation names each as an unknown property
        return data, sources, None

    def _id_of(self, term: Node) -> str:
        if term in self.ids:
            return self.ids[term]
        ident = self.graph.value(term, IDENTIFIER)
        if ident is not None:
            return str(ident)
        return local_id(str(term)) if isinstance(term, URIRef) else f"_:{term}"

    # -- records -------------------------------------------------------------------
    def records(self) -> Iterator[Record]:
        entities: list[tuple[Node, dict[str, Any], list[Node]]] = []
        links: list[tuple[Node, dict[str, Any], list[Node]]] = []
        errors: list[tuple[Node, str]] = []
        link_predicates = set(self.terms.type_of_predicate)
        reified: set[tuple[Node, Node, Node]] = set()
        for subject in sorted(set(self.graph.subjects()), key=str):
            label, problem = self._label(subject)
            kind, link_problem = self._statement_type(subject)
            problem = problem or link_problem
            if problem is None and label and kind:
                problem = f"is both {article(label)} and {article(kind)} statement"
            if problem:
                errors.append((subject, problem))
            elif label:
                data, sources, problem = self._props(
                    subject, self.terms.node_props[label], link_predicates
                )
                if problem:
                    errors.append((subject, problem))
                else:
                    entities.append((subject, {"label": label, **data}, sources))
            elif kind:
                item = self._link(subject, kind)
                if isinstance(item, str):
                    errors.append((subject, item))
                else:
                    links.append(item)
                    reified.add((item[1]["from"], self.terms.predicates[kind], item[1]["to"]))
            elif not self._only_edges(subject, link_predicates):
                errors.append((subject, self._not_ours(subject)))
        self._assign_ids(entities)
        cited = {s for _, _, sources in [*entities, *links] for s in sources}
        entities.sort(key=lambda e: (e[0] not in cited, self.ids[e[0]]))  # sources load first
        links.sort(key=lambda lk: (lk[1]["type"], self._id_of(lk[1]["from"]), str(lk[0])))
        number = 0
        for subject, data, sources in entities:
            number += 1
            data["id"] = self.ids[subject]
            yield self._record(data, sources, number, subject)
        for subject, data, sources in links:
            number += 1
            data["from"], data["to"] = self._id_of(data["from"]), self._id_of(data["to"])
            yield self._record(data, sources, number, subject)
        for predicate in sorted(link_predicates, key=str):
            for src, dst in sorted(self.graph.subject_objects(predicate), key=str):
                if (src, predicate, dst) in reified:
                    continue
                number += 1
                data = {
                    "type": self.terms.type_of_predicate[predicate],
                    "from": self._id_of(src),
                    "to": self._id_of(dst),
                }
                yield Record(data, self.file, number, raw=f"{src.n3()} {qname(predicate)}")
        for predicate, type_ in sorted(self.terms.type_of_forward.items(), key=str):
            ours = self.terms.predicates[type_]  # the PROV triple restates it: read it once
            for src, dst in sorted(self.graph.subject_objects(predicate), key=str):
                if (src, ours, dst) in self.graph:
                    continue
                number += 1
                data = {"type": type_, "from": self._id_of(src), "to": self._id_of(dst)}
                yield Record(data, self.file, number, raw=f"{src.n3()} {qname(predicate)}")
        for subject, problem in errors:
            number += 1
            yield Record(None, self.file, number, error=f"{subject.n3()} {problem}")

    def _link(self, subject: Node, kind: str) -> tuple[Node, dict[str, Any], list[Node]] | str:
        ends = {}
        for key, predicate in (("from", RDF.subject), ("to", RDF.object)):
            found = list(self.graph.objects(subject, predicate))
            if len(found) != 1:
                return f"{kind} statement has {len(found)} {qname(predicate)} values; it needs one"
            ends[key] = found[0]
        skip = {RDF.subject, RDF.predicate, RDF.object}
        data, sources, problem = self._props(subject, self.terms.link_props[kind], skip)
        if problem:
            return problem
        record = {"type": kind, **ends, **data}
        ident = self.graph.value(subject, IDENTIFIER)
        if ident is not None:
            record["id"] = str(ident)
        return subject, record, sources

    def _only_edges(self, subject: Node, link_predicates: set[URIRef]) -> bool:
        """A subject of direct triples (and PROV shortcuts) only, or a load run."""
        if (subject, RDF.type, RUN_CLASS) in self.graph:
            return True
        allowed = link_predicates | set(self.terms.shortcuts.values())
        allowed |= set(self.terms.forward.values())
        return all(p in allowed for p in self.graph.predicates(subject))

    def _not_ours(self, subject: Node) -> str:
        types = sorted(qname(t) for t in self.graph.objects(subject, RDF.type))
        known = ", ".join(qname(c) for c in self.terms.classes.values())
        got = f" (it is a {', '.join(types)})" if types else ""
        return f"is neither an allegraph node nor a relationship{got}; node classes: {known}"

    def _assign_ids(self, entities: list[tuple[Node, dict[str, Any], list[Node]]]) -> None:
        validator = Validator(self.registry)
        for subject, data, _ in entities:
            ident = self.graph.value(subject, IDENTIFIER)
            if ident is not None:
                self.ids[subject] = str(ident)
            elif isinstance(subject, URIRef):
                self.ids[subject] = local_id(str(subject))
            else:  # a blank node: the id validation derives from its name
                try:
                    self.ids[subject] = validator.check_entity(data).id
                except ValidationError:
                    self.ids[subject] = f"_:{subject}"

    def _record(self, data: dict[str, Any], sources: list[Node], number: int, subject: Node):
        if sources:
            data["sources"] = sorted(self._id_of(s) for s in sources)
        return Record(data, self.file, number, raw=subject.n3())


def graph_records(graph: Graph, registry: Registry, file: str = "<graph>") -> Iterator[Record]:
    """The native records an RDF graph holds (see the module docstring)."""
    return _Reader(graph, registry, file).records()


def syntax_of(path: Path) -> str:
    """The RDF format name of a file by its suffix (``ttl``, ``jsonld``, ``nt``)."""
    for name, (_, _, suffixes) in SYNTAXES.items():
        if path.suffix.lower() in suffixes:
            return name
    known = ", ".join(s for _, _, suffixes in SYNTAXES.values() for s in suffixes)
    raise ValueError(f"{path}: not an RDF file by its name ({known})")


def parse(path: Path, fmt: str | None = None) -> Graph:
    """The RDF file as an rdflib Graph; ``fmt`` (default: by suffix) names its syntax."""
    graph = Graph(bind_namespaces="none")
    graph.parse(path, format=SYNTAXES[fmt or syntax_of(path)][1])
    return graph


def syntax_error(exc: Exception) -> str:
    """One line for a parser's error (rdflib's run over several lines)."""
    text = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    text = text or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def read_rdf(path: Path, registry: Registry, fmt: str | None = None) -> Iterator[Record]:
    """Records of an RDF file; a file that does not parse is one rejected record."""
    try:
        graph = parse(path, fmt)
    except Exception as exc:  # rdflib raises many types for bad syntax, all "cannot parse"
        yield Record(None, str(path), 1, error=f"invalid RDF: {syntax_error(exc)}", raw=str(path))
        return
    yield from graph_records(graph, registry, str(path))


__all__ = ["SYNTAXES", "graph_records", "parse", "read_rdf", "syntax_error", "syntax_of"]
