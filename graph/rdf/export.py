"""Write the graph as RDF: Turtle, N-Triples or JSON-LD.

Turtle and N-Triples are written statement by statement with rdflib's terms
(its own Turtle serializer shortens doubles to 7 digits, which would lose
precision, and it needs the whole graph in memory); JSON-LD goes through
rdflib's serializer with the allegraph prefixes as its context.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import TextIO

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from allegraph.interchange.selection import Snapshot, as_snapshot
from allegraph.rdf.terms import DEFAULT_BASE, PREFIXES, Iris, qname
from allegraph.rdf.triples import Block, blocks
from allegraph.stores.base import GraphStore

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


def write_turtle(items: Iterable[Block], out: TextIO) -> None:
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


def write_ntriples(items: Iterable[Block], out: TextIO) -> None:
    for subject, pairs in items:
        head = _nt_iri(subject)
        for predicate, obj in pairs:
            out.write(f"{head} {_nt_iri(predicate)} {_nt(obj)} .\n")


def rdf_graph(items: Iterable[Block]) -> Graph:
    """The statements as an rdflib Graph (with the allegraph prefixes bound)."""
    graph = _prefix_graph()
    graph.addN((s, p, o, graph) for s, pairs in items for p, o in pairs)
    return graph


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
    if not base or ("://" not in base and not base.startswith("urn:")):
        raise ValueError(f"base {base!r} is not an absolute IRI (like https://example.org/id/)")
    snap = as_snapshot(source, ids)
    items = blocks(snap, Iris(base))
    path = Path(path)
    if fmt == "jsonld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        text = rdf_graph(items).serialize(format="json-ld", context=context, indent=1)
        path.write_text(text, encoding="utf-8")
        return snap
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        (write_turtle if fmt == "ttl" else write_ntriples)(items, out)
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
