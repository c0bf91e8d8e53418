"""A folder of CSV files, one per label or relationship type.

``persons.csv``, ``organizations.csv``, ``claims.csv``, ``sources.csv``... hold
nodes (an ``id`` column and the label's properties); ``alleges.csv``,
``disputed_by.csv``... hold relationships (``from``, ``to`` and the type's
properties). ``sources`` and list properties separate values with ``;``.
Node files are read before relationship files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from allegraph.loaders import Format, LoadContext
from allegraph.loaders.csvrows import csv_rows
from allegraph.model import Record
from allegraph.schema import Registry
from allegraph.validate import parse_text


def file_names(schema: Registry) -> dict[str, tuple[str, str]]:
    """File stem -> ("label"|"type", name), e.g. ``persons`` -> ("label", "Person")."""
    names: dict[str, tuple[str, str]] = {}
    for label in schema.labels:
        for stem in (label.lower(), label.lower() + "s"):
            names[stem] = ("label", label)
    names["people"] = ("label", "Person")
    for type_ in schema.relationships:
        for stem in (type_.lower(), type_.lower().replace("_", "-")):
            names[stem] = ("type", type_)
    return names


def _files(path: Path, schema: Registry) -> list[tuple[Path, tuple[str, str] | None]]:
    names = file_names(schema)
    found = [(f, names.get(f.stem.lower())) for f in sorted(path.glob("*.csv"))]
    order = {"label": 0, "type": 1}
    return sorted(found, key=lambda item: (order[item[1][0]] if item[1] else 2, item[0].name))


def _row(kind: str, name: str, row: dict[str, str], schema: Registry) -> dict:
    spec = schema.labels[name] if kind == "label" else schema.relationships[name]
    data: dict = {kind: name}
    for column, text in row.items():
        if column is None:  # more cells than headers
            data["_extra_cells"] = text
            continue
        column = column.strip()
        if text is None or text.strip() == "":
            continue
        if column == "sources":
            data["sources"] = [s.strip() for s in text.split(";") if s.strip()]
        elif column in spec.properties:
            data[column] = parse_text(spec.properties[column], text)
        else:
            data[column] = text.strip()
    return data


def read(path: Path, context: LoadContext) -> Iterator[Record]:
    schema = context.registry
    for file, target in _files(path, schema):
        if target is None:
            yield Record(
                None,
                str(file),
                0,
                error=f"{file.name}: the file name matches no label or relationship type",
            )
            continue
        rows = csv_rows(file, context.encoding)
        head = next(rows, None)  # the header; None for an empty file, which holds nothing
        if isinstance(head, Record):  # the header itself cannot be read
            yield head
            continue
        for row in rows:
            if isinstance(row, Record):
                yield row
            else:
                yield Record(_row(*target, row.as_dict(), schema), str(file), row.line)


def detect(path: Path) -> bool:
    return path.is_dir() and any(path.glob("*.csv"))


FORMATS = [
    Format("csv-folder", "a folder with one CSV file per label or relationship type", read, detect)
]
