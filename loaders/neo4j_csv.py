"""neo4j-admin import CSV: `:ID`/`:LABEL` node files, `:START_ID`/`:END_ID`/`:TYPE` link files.

This is the layout ``neo4j-admin database import`` reads, and what
``allegraph export --format neo4j-csv`` writes. Header fields are
``name:type`` (``aliases:string[]``, ``credibility:long``, ``latitude:double``);
a ``:ID`` column gives the node id, a ``:LABEL`` cell may hold several labels
(``Person;Entity``), of which the one the schema knows is used. Node files are
read before relationship files. Arrays are split on the export's array
delimiter (``allegraph-export.json``, default ``;``). Load-run nodes
(``:LoadRun``) are bookkeeping, not records, and are skipped, as is the
Neo4j store's ``_keys`` column.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from allegraph.loaders import Format, LoadContext
from allegraph.loaders.csvrows import csv_rows, header
from allegraph.model import Record

MANIFEST = "allegraph-export.json"
DEFAULT_ARRAY_DELIMITER = ";"
RUN_LABEL = "LoadRun"  # the Neo4j store's label for load runs
SKIPPED_COLUMNS = {"_keys"}  # the Neo4j store's name-lookup keys, recomputed on load
_INTEGERS = {"int", "long", "short", "byte"}
_FLOATS = {"float", "double"}


def _header(path: Path) -> list[str]:
    return header(path)


def _kind(header: list[str]) -> str | None:
    """ "nodes", "relationships" or None, by the special fields of a header."""
    types = {field.partition(":")[2].split("(")[0].upper() for field in header if ":" in field}
    if {"START_ID", "END_ID"} <= types:
        return "relationships"
    if "ID" in types:
        return "nodes"
    return None


def _manifest(path: Path) -> dict:
    manifest = (path if path.is_dir() else path.parent) / MANIFEST
    return json.loads(manifest.read_text("utf-8")) if manifest.is_file() else {}


def _files(path: Path) -> list[tuple[Path, str | None]]:
    """(file, kind) of each CSV file: node files first, then relationship files, then others.

    In an allegraph export the manifest's order is kept (the files of nodes
    that others cite as sources come first, so nothing waits for them);
    otherwise files are taken by name.
    """
    files = [path] if path.is_file() else sorted(path.glob("*.csv"))
    listed = [*_manifest(path).get("nodes", []), *_manifest(path).get("relationships", [])]
    rank = {name: i for i, name in enumerate(listed)}
    order = {"nodes": 0, "relationships": 1, None: 2}
    found = [(p, _kind(_header(p))) for p in files]
    return sorted(found, key=lambda pair: (order[pair[1]], rank.get(pair[0].name, len(rank))))


def detect(path: Path) -> bool:
    if path.is_file():
        return path.suffix.lower() == ".csv" and _kind(_header(path)) is not None
    return path.is_dir() and any(_kind(_header(p)) for p in path.glob("*.csv"))


def _delimiter(path: Path) -> str:
    return _manifest(path).get("arrayDelimiter", DEFAULT_ARRAY_DELIMITER)


def _value(kind: str, cell: str) -> Any:
    """A cell as the type its header names; a cell that does not convert stays text."""
    try:
        if kind in _INTEGERS:
            return int(cell)
        if kind in _FLOATS:
            return float(cell)
    except ValueError:
        return cell
    if kind == "boolean":
        return {"true": True, "false": False}.get(cell.lower(), cell)
    return cell


class _Column:
    def __init__(self, field: str):
        name, _, kind = field.partition(":")
        kind = kind.split("(")[0].strip()  # ID(group) / START_ID(group)
        self.name = name.strip()
        self.special = (
            kind.upper()
            if kind.upper() in {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
            else None
        )
        self.array = kind.endswith("[]")
        self.kind = kind.removesuffix("[]").lower() or "string"


def _row(columns: list[_Column], cells: list[str], delimiter: str, labels: set[str]):
    """The native record of one row, or None for a row to skip (a load run)."""
    data: dict[str, Any] = {}
    for column, cell in zip(columns, cells, strict=True):
        if column.special == "IGNORE" or column.name in SKIPPED_COLUMNS:
            continue
        if column.special == "ID":
            data["id"] = cell
        elif column.special == "LABEL":
            given = [part for part in cell.split(delimiter) if part]
            if RUN_LABEL in given:
                return None
            known = [part for part in given if part in labels]
            data["label"] = known[0] if len(known) == 1 else cell
        elif column.special in ("START_ID", "END_ID"):
            data["from" if column.special == "START_ID" else "to"] = cell
        elif column.special == "TYPE":
            data["type"] = cell
        elif cell == "":
            continue  # an empty cell is no value, as for neo4j-admin
        elif column.array:
            data[column.name] = [_value(column.kind, part) for part in cell.split(delimiter)]
        else:
            data[column.name] = _value(column.kind, cell)
    return data


def read(path: Path, context: LoadContext) -> Iterator[Record]:
    delimiter = _delimiter(path)
    labels = set(context.registry.labels)
    for file, kind in _files(path):
        if kind is None:
            if not _header(file):  # an empty file holds nothing (docs/decisions.md)
                continue
            error = "no :ID or :START_ID/:END_ID column: not a neo4j-admin import file"
            yield Record(None, str(file), 1, error=f"{file.name}: {error}", raw=_header(file))
            continue
        rows = csv_rows(file, context.encoding)
        head = next(rows, None)
        if isinstance(head, Record):  # the header itself cannot be read
            yield head
            continue
        columns = [_Column(field) for field in head.cells] if head else []
        for row in rows:
            if isinstance(row, Record):
                yield row
                continue
            cells = row.cells
            if not any(cells):
                continue
            if len(cells) > len(columns):
                yield Record(
                    None,
                    str(file),
                    row.line,
                    error=f"row has {len(cells)} fields, the header {len(columns)}",
                    raw=cells,
                )
                continue
            cells += [""] * (len(columns) - len(cells))  # missing trailing fields are empty
            data = _row(columns, cells, delimiter, labels)
            if data is not None:
                yield Record(data, str(file), row.line)


FORMATS = [
    Format(
        "neo4j-csv",
        "neo4j-admin import CSV (:ID/:LABEL and :START_ID/:END_ID/:TYPE headers)",
        read,
        detect,
    )
]
