"""A folder for ``neo4j-admin database import full``, laid out as the Neo4j store keeps a graph.

One file per label (``nodes_Person.csv``) and per relationship type
(``rels_ALLEGES.csv``), headers in neo4j-admin's format (``id:ID``,
``:LABEL``, ``aliases:string[]``, ``credibility:long``, ``latitude:double``;
``:START_ID``, ``:END_ID``, ``:TYPE``), and the load runs in
``nodes_LoadRun.csv`` (their own id group). Nodes carry their schema label and
``Entity``, properties, ``sources``, ``firstSeen``/``lastSeen``/``loadRun`` and
the ``_keys`` the Neo4j store resolves names by, so that allegraph can use the
imported database as a ``neo4j://`` store (after ``allegraph init``
creates the constraints and indexes).

``import.sh`` holds the neo4j-admin command; ``allegraph-export.json`` the
array delimiter and the file list (``;``, or another character when a value
holds ``;``). ``allegraph load FOLDER`` reads the folder back.
"""

from __future__ import annotations

import csv
import json
import shlex
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from allegraph.interchange.selection import Snapshot, as_snapshot
from allegraph.model import Entity, Link
from allegraph.names import name_keys
from allegraph.schema import Property
from allegraph.stores.base import GraphStore, Run
from allegraph.stores.neo4j import KEYS, NODE_LABEL, RUN_LABEL

MANIFEST = "allegraph-export.json"
SCRIPT = "import.sh"
RUNS_FILE = f"nodes_{RUN_LABEL}.csv"
# Property type -> neo4j-admin column type (the others are strings).
NEO4J_TYPES = {"integer": "long", "number": "double", "boolean": "boolean", "list": "string[]"}
# Array delimiters to choose from, first one that no list value contains.
DELIMITERS = (";", "|", "\x1f")
BOOKKEEPING = ("firstSeen", "lastSeen", "loadRun")


def _field(name: str, kind: str) -> str:
    neo4j = NEO4J_TYPES.get(kind)
    return f"{name}:{neo4j}" if neo4j else name


def _cell(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # every digit: str() would do too, repr says why
    if isinstance(value, list | tuple):
        return delimiter.join(_cell(v, delimiter) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _array_delimiter(snap: Snapshot) -> str:
    texts = set()
    for item in [*snap.nodes, *snap.links]:
        texts.update(item.sources)
        for value in item.props.values():
            if isinstance(value, list):
                texts.update(str(v) for v in value)
    for candidate in DELIMITERS:
        if not any(candidate in text for text in texts):
            return candidate
    raise ValueError("list values hold every array delimiter neo4j-csv can use (; | U+001F)")


def _columns(
    spec_props: dict[str, Property], derived: Iterable[str], items: list
) -> list[tuple[str, str]]:
    """(property, type) for each column: the schema's, derived dates, then any others found."""
    columns = [(p.name, p.type) for p in spec_props.values()]
    columns += [(name, "string") for name in derived]
    known = {name for name, _ in columns}
    extra = sorted({k for item in items for k in item.props} - known)
    return columns + [(name, "string") for name in extra]


def _write(path: Path, header: list[str], rows: Iterator[list[str]]) -> int:
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _node_rows(nodes: list[Entity], columns, spec, delimiter: str) -> Iterator[list[str]]:
    for node in nodes:
        yield [
            node.id,
            delimiter.join([node.label, NODE_LABEL]),
            *(_cell(node.props.get(name), delimiter) for name, _ in columns),
            _cell(node.sources, delimiter),
            *(_cell(v, delimiter) for v in (node.first_seen, node.last_seen, node.load_run)),
            _cell(name_keys(spec, node.props), delimiter),
        ]


def _link_rows(links: list[Link], columns, delimiter: str) -> Iterator[list[str]]:
    for link in links:
        yield [
            link.src,
            link.dst,
            link.type,
            link.id,
            *(_cell(link.props.get(name), delimiter) for name, _ in columns),
            _cell(link.sources, delimiter),
            *(_cell(v, delimiter) for v in (link.first_seen, link.last_seen, link.load_run)),
        ]


def _run_rows(runs: list[Run]) -> Iterator[list[str]]:
    for run in runs:
        yield [run.id, RUN_LABEL, *(_cell(v, ";") for k, v in run.as_dict().items() if k != "id")]


def _label_order(snap: Snapshot) -> list[str]:
    """Labels in schema order, those whose nodes others cite as sources first.

    The loader reads files in this order, so records never wait for the
    sources they cite (waiting records are re-checked at every batch).
    """
    cited = {s for item in [*snap.nodes, *snap.links] for s in item.sources}
    first = {n.label for n in snap.nodes if n.id in cited}
    labels = list(snap.registry.labels)
    return sorted(labels, key=lambda label: label not in first)


def _prepare(folder: Path) -> None:
    """An empty folder to write into; a previous export there is replaced."""
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file; neo4j-csv writes a folder")
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / MANIFEST
    if manifest.is_file():
        previous = json.loads(manifest.read_text("utf-8"))
        for name in [*previous.get("nodes", []), *previous.get("relationships", [])]:
            (folder / Path(name).name).unlink(missing_ok=True)
        for name in (SCRIPT, MANIFEST):
            (folder / name).unlink(missing_ok=True)
    if any(folder.iterdir()):
        raise ValueError(f"folder {folder} is not empty; export neo4j-csv into a new folder")


def _delimiter_option(delimiter: str) -> str:
    return delimiter if delimiter.isprintable() else f"U+{ord(delimiter):04X}"


def _script(nodes: list[str], rels: list[str], delimiter: str) -> str:
    args = [f"--nodes={name}" for name in nodes] + [f"--relationships={name}" for name in rels]
    args += [f"--array-delimiter={_delimiter_option(delimiter)}", "--multiline-fields=true"]
    lines = " \\\n  ".join(shlex.quote(a) for a in args)
    return (
        "#!/bin/sh\n"
        "# Import this folder into a stopped Neo4j 5 database (default: neo4j):\n"
        "#   sh import.sh [DATABASE] [--overwrite-destination]\n"
        "# then create allegraph's constraints and indexes:\n"
        "#   allegraph --store neo4j://HOST:7687 init\n"
        "set -e\n"
        'cd "$(dirname "$0")"\n'
        'DATABASE="${1:-neo4j}"\n'
        "[ $# -gt 0 ] && shift\n"
        f'neo4j-admin database import full "$DATABASE" \\\n  {lines} \\\n  "$@"\n'
    )


def write_neo4j_csv(
    source: GraphStore | Snapshot, folder: str | Path, ids: Iterable[str] | None = None
) -> Snapshot:
    """Write the folder (see the module docstring); returns the snapshot written."""
    snap = as_snapshot(source, ids)
    folder = Path(folder)
    _prepare(folder)
    delimiter = _array_delimiter(snap)
    reg = snap.registry
    node_files, rel_files = [], []
    tail = ["sources:string[]", *BOOKKEEPING]
    for label in _label_order(snap):
        spec = reg.labels[label]
        nodes = [n for n in snap.nodes if n.label == label]
        if not nodes:
            continue
        columns = _columns(spec.properties, spec.derived, nodes)
        header = ["id:ID", ":LABEL", *(_field(n, t) for n, t in columns), *tail, f"{KEYS}:string[]"]
        name = f"nodes_{label}.csv"
        _write(folder / name, header, _node_rows(nodes, columns, spec, delimiter))
        node_files.append(name)
    if snap.runs:
        fields = [k for k in Run.__dataclass_fields__ if k != "id"]
        types = {"read": "integer", "loaded": "integer", "rejected": "integer"}
        header = [f"id:ID({RUN_LABEL})", ":LABEL", *(_field(k, types.get(k, "")) for k in fields)]
        _write(folder / RUNS_FILE, header, _run_rows(snap.runs))
        node_files.append(RUNS_FILE)
    for type_, spec in reg.relationships.items():
        links = [lk for lk in snap.links if lk.type == type_]
        if not links:
            continue
        columns = _columns(spec.properties, spec.derived, links)
        header = [":START_ID", ":END_ID", ":TYPE", "id", *(_field(n, t) for n, t in columns)]
        name = f"rels_{type_}.csv"
        _write(folder / name, header + tail, _link_rows(links, columns, delimiter))
        rel_files.append(name)
    manifest = {
        "format": "neo4j-csv",
        "arrayDelimiter": delimiter,
        "nodes": node_files,
        "relationships": rel_files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (folder / SCRIPT).write_text(_script(node_files, rel_files, delimiter), encoding="utf-8")
    return snap
