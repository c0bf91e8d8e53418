"""Write the graph as RDF: Turtle, N-Triples or JSON-LD.

All three are written subject by subject, streaming, from rdflib's terms:
rdflib's own Turtle serializer shortens doubles to seven digits (which would
lose data), and its serializers hold the whole graph in memory (its JSON-LD
serializer takes minutes for 100,000 records). JSON-LD is a ``@graph`` of
node objects with the allegraph prefixes as its ``@context``; typed literals
keep their lexical form (``{"@value": "40.4093", "@type": "xsd:double"}``).
Every output parses back with rdflib to the same statements (tests).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import orjson
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from allegraph.interchange.selection import Snapshot, as_snapshot
from allegraph.rdf.terms import DEFAULT_BASE, PREFIXES, Iris, qname
from allegraph.rdf.triples import Block, blocks
from allegraph.stores.base import GraphStore

_BASE = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$')  # what an IRIREF may hold
RDF_FORMATS = {"ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD"}


def _prefix_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


@lru_cache(maxsize=4096)
def _vocab(iri: URIRef) -> str:
    short = qname(iri)
    return short if not short.startswith("<") else iri.n3()


class _TurtleTerms:
    def __init__(self) -> None:
        self.ns = _prefix_graph().namespace_manager

    def __call__(self, term: Node) -> str:
        if isinstance(term, Literal):
            return term.n3(self.ns)
        if isinstance(term, URIRef):
            return _vocab(term)
        return term.n3()


def _turtle(items: Iterable[Block], out: TextIO) -> None:
    for prefix, ns in PREFIXES.items():
        out.write(f"@prefix {prefix}: <{ns}> .\n")
    term = _TurtleTerms()
    for subject, pairs in items:
        out.write(f"\n{term(subject)}")
        parts = []
        for predicate, group in groupby(pairs, key=lambda pair: pair[0]):
            verb = "a" if predicate == RDF.type else term(predicate)
            parts.append(f"{verb} " + ", ".join(term(obj) for _, obj in group))
        out.write(" " + " ;\n    ".join(parts) + " .\n")


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


@lru_cache(maxsize=65536)
def _nt_iri(term: Node) -> str:
    return term.n3()


def _nt(term: Node) -> str:
    """A term in N-Triples: one line, so a literal's newlines are escaped."""
    if not isinstance(term, Literal):
        return _nt_iri(term)
    text = f'"{str(term).translate(_NT_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^<{term.datatype}>" if term.datatype else text


def _ntriples(items: Iterable[Block], out: TextIO) -> None:
    for subject, pairs in items:
        head = _nt_iri(subject)
        for predicate, obj in pairs:
            out.write(f"{head} {_nt_iri(predicate)} {_nt(obj)} .\n")


def _jsonld_key(iri: URIRef) -> str:
    short = qname(iri)
    return str(iri) if short.startswith("<") else short


def _jsonld_value(term: Node) -> Any:
    if isinstance(term, URIRef):
        return {"@id": str(term)}
    if isinstance(term, BNode):
        return {"@id": f"_:{term}"}
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is None or term.datatype == XSD.string:
        return str(term)
    return {"@value": str(term), "@type": _jsonld_key(term.datatype)}


def _jsonld(items: Iterable[Block], out: BinaryIO) -> None:
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    out.write(b'{"@context": ' + orjson.dumps(context, option=orjson.OPT_INDENT_2))
    out.write(b',\n"@graph": [')
    first = True
    for subject, pairs in items:
        node: dict[str, Any] = {"@id": _jsonld_value(subject)["@id"]}
        for predicate, group in groupby(pairs, key=lambda pair: pair[0]):
            if predicate == RDF.type:
                node.setdefault("@type", []).extend(_jsonld_key(o) for _, o in group)
            else:
                node.setdefault(_jsonld_key(predicate), []).extend(
                    _jsonld_value(o) for _, o in group
                )
        out.write(b"\n" if first else b",\n")
        out.write(orjson.dumps(node))
        first = False
    out.write(b"\n]}\n")


def write_rdf(
    source: GraphStore | Snapshot,
    path: str | Path,
    fmt: str = "ttl",
    base: str = DEFAULT_BASE,
    ids: Iterable[str] | None = None,
) -> Snapshot:
    """Write the store (or the nodes ``ids`` and the links between them) as RDF.

    ``fmt`` is ``ttl``, ``nt`` or ``jsonld``; instance IRIs are ``base`` + id.
    Returns the snapshot written.
    """
    if fmt not in RDF_FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    if not _BASE.match(base or ""):
        raise ValueError(f"base {base!r} is not an absolute IRI (like https://example.org/id/)")
    snap = as_snapshot(source, ids)
    items = blocks(snap, Iris(base))
    path = Path(path)
    if fmt == "jsonld":
        with open(path, "wb") as raw:
            _jsonld(items, raw)
    else:
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            (_turtle if fmt == "ttl" else _ntriples)(items, out)
    return snap


def write_ttl(
    source: GraphStore | Snapshot, path: str | Path, base: str = DEFAULT_BASE
) -> Snapshot:
    return write_rdf(source, path, "ttl", base)


def write_nt(source: GraphStore | Snapshot, path: str | Path, base: str = DEFAULT_BASE) -> Snapshot:
    return write_rdf(source, path, "nt", base)


def write_jsonld(
    source: GraphStore | Snapshot, path: str | Path, base: str = DEFAULT_BASE
) -> Snapshot:
    return write_rdf(source, path, "jsonld", base)
