"""Check RDF against the allegraph SHACL shapes (schema/shapes.ttl) with pyshacl."""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate
from rdflib import Graph

from allegraph.rdf.ontology import SHAPES_FILE, schema_dir
from allegraph.rdf.records import parse, syntax_error, syntax_of


def shapes_graph(path: str | Path | None = None) -> Graph:
    """The shapes shipped with allegraph, or those in ``path``."""
    graph = Graph()
    graph.parse(Path(path) if path else schema_dir() / SHAPES_FILE, format="turtle")
    return graph


def validate_graph(data: Graph, shapes: Graph | None = None) -> tuple[bool, str]:
    """(conforms, report text) for an RDF graph."""
    conforms, _, text = validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return bool(conforms), str(text)


def validate_file(path: str | Path, shapes: str | Path | None = None) -> tuple[bool, str]:
    """(conforms, report text) for an RDF file (.ttl, .jsonld, .nt).

    Raises ValueError when the file is not RDF or does not parse.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    fmt = syntax_of(path)
    try:
        data = parse(path, fmt)
    except Exception as exc:  # rdflib's many syntax errors: one line for the user
        raise ValueError(f"{path}: invalid RDF: {syntax_error(exc)}") from None
    return validate_graph(data, shapes_graph(shapes) if shapes else None)
