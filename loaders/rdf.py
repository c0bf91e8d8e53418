"""RDF: Turtle (``.ttl``), JSON-LD (``.jsonld``) and N-Triples (``.nt``), as the export writes them.

The mapping back to records is :mod:`allegraph.rdf.records`; docs/rdf.md
describes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from allegraph.loaders import Format, LoadContext
from allegraph.model import Record
from allegraph.rdf.records import SYNTAXES, read_rdf


def _format(name: str) -> Format:
    title, _, suffixes = SYNTAXES[name]

    def read(path: Path, context: LoadContext) -> Iterator[Record]:
        return read_rdf(Path(path), context.registry, name)

    def detect(path: Path) -> bool:
        return path.is_file() and path.suffix.lower() in suffixes

    return Format(
        name, f"RDF {title}, as `allegraph export --format {name}` writes it", read, detect
    )


FORMATS = [_format(name) for name in SYNTAXES]
