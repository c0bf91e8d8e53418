"""The anchor: Neo4j's own ``LOAD CSV`` of the same records, into the same server.

:func:`write_csv` turns native records into one CSV file per label and per
relationship type, with the values allegraph would store: derived
earliest/latest dates, ``sources``, ``_keys`` (the matching keys of names and
aliases), lists joined by a separator the data never holds. :func:`load_csv`
then runs, per file, the MERGE that allegraph's Neo4j store runs per batch:
nodes on ``:Entity {id}`` with their schema label, relationships on their
type and ``id`` between matched endpoints, the same properties,
``firstSeen``/``lastSeen``/``loadRun``, in transactions of 5,000 rows
(``CALL { ... } IN TRANSACTIONS``). Preparing the CSV files is not timed;
only Neo4j reading them is. The server reads the files where they are, or copies
in its import folder when it cannot (:func:`_urls`).
"""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path
from urllib.parse import quote

import orjson

SEP = "\x1f"  # joins list items in a cell (the unit separator: not in any name)
ROWS_PER_TX = 5000


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return SEP.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _columns(spec) -> list[str]:
    props = list(spec.properties)
    for prop in spec.properties.values():
        if prop.type == "edtf":
            props += [prop.earliest, prop.latest]
    return props


def write_csv(jsonl: Path, folder: Path) -> dict[str, Path]:
    """One CSV per label and relationship type: ``{"node:Person": path, "rel:ALLEGES": ...}``."""
    from allegraph.model import Link
    from allegraph.names import name_keys
    from allegraph.schema import registry
    from allegraph.validate import Validator

    reg = registry()
    validator = Validator(reg)
    folder.mkdir(parents=True, exist_ok=True)
    files, writers, handles = {}, {}, []
    try:
        with open(jsonl, "rb") as fh:
            for line in fh:
                item = validator.check(orjson.loads(line))
                if isinstance(item, Link):
                    key, spec = f"rel:{item.type}", reg.relationships[item.type]
                else:
                    key, spec = f"node:{item.label}", reg.labels[item.label]
                if key not in writers:
                    files[key] = folder / f"{key.replace(':', '-')}.csv"
                    handle = open(files[key], "w", newline="", encoding="utf-8")  # noqa: SIM115
                    handles.append(handle)
                    columns = _columns(spec)
                    ends = ["from", "to"] if isinstance(item, Link) else []
                    header = ["id", *ends, *columns, "sources"]
                    if not isinstance(item, Link):
                        header.append("_keys")
                    writers[key] = (csv.writer(handle), columns)
                    writers[key][0].writerow(header)
                writer, columns = writers[key]
                row = [item.id]
                if isinstance(item, Link):
                    row += [item.src, item.dst]
                row += [_cell(item.props.get(c)) for c in columns]
                row.append(_cell(sorted(set(item.sources))))  # a sorted set, as stores keep it
                if not isinstance(item, Link):
                    row.append(_cell(name_keys(spec, item.props)))
                writer.writerow(row)
    finally:
        for handle in handles:
            handle.close()
    return files


def _value(prop, cell: str) -> str:
    if prop.type == "list":
        return f"split({cell}, $sep)"
    if prop.type == "integer":
        return f"toInteger({cell})"
    if prop.type == "number":
        return f"toFloat({cell})"
    if prop.type == "boolean":
        return f"toBoolean({cell})"
    return cell


def _q(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _sets(var: str, spec) -> list[str]:
    sets = []
    for prop in spec.properties.values():
        sets.append(f"{var}.{_q(prop.name)} = {_value(prop, f'row.{_q(prop.name)}')}")
        if prop.type == "edtf":
            for derived in (prop.earliest, prop.latest):
                sets.append(f"{var}.{_q(derived)} = row.{_q(derived)}")
    sets.append(f"{var}.sources = split(row.sources, $sep)")
    sets.append(f"{var}.lastSeen = $now, {var}.loadRun = $run")
    return sets


def node_query(label: str) -> str:
    from allegraph.schema import registry
    from allegraph.stores.neo4j import KEYS, NODE_LABEL

    sets = _sets("n", registry().labels[label]) + [f"n.{KEYS} = split(row.{KEYS}, $sep)"]
    return (
        "LOAD CSV WITH HEADERS FROM $url AS row\n"
        "CALL (row) {\n"
        f"  MERGE (n:{_q(NODE_LABEL)} {{id: row.id}})\n"
        "  ON CREATE SET n.firstSeen = $now\n"
        f"  SET n:{_q(label)}, {', '.join(sets)}\n"
        f"}} IN TRANSACTIONS OF {ROWS_PER_TX} ROWS"
    )


def link_query(type_: str) -> str:
    from allegraph.schema import registry
    from allegraph.stores.neo4j import NODE_LABEL

    sets = _sets("r", registry().relationships[type_])
    return (
        "LOAD CSV WITH HEADERS FROM $url AS row\n"
        "CALL (row) {\n"
        f"  MATCH (a:{_q(NODE_LABEL)} {{id: row.from}})\n"
        f"  MATCH (b:{_q(NODE_LABEL)} {{id: row.to}})\n"
        f"  MERGE (a)-[r:{_q(type_)} {{id: row.id}}]->(b)\n"
        "  ON CREATE SET r.firstSeen = $now\n"
        f"  SET {', '.join(sets)}\n"
        f"}} IN TRANSACTIONS OF {ROWS_PER_TX} ROWS"
    )


def _import_dir(session) -> Path | None:
    rows = session.run(
        "CALL dbms.listConfig() YIELD name, value "
        "WHERE name = 'server.directories.import' RETURN value"
    ).values()
    return Path(rows[0][0]) if rows and rows[0][0] else None


def _readable(session, url: str) -> bool:
    """Whether the server reads the CSV file at ``url`` (LOAD CSV of it, rows counted)."""
    try:
        session.run("LOAD CSV FROM $url AS row RETURN count(*)", url=url).consume()
    except Exception:  # noqa: BLE001 - Neo.ClientError.Statement.ExternalResourceFailed
        return False
    return True


def _urls(
    session, files: dict[str, Path], in_import_folder: bool = False
) -> tuple[dict[str, str], Path | None]:
    """``file:///`` URLs the server can read, and the folder of copies made for it (None
    if none were made).

    The files where they are, if the server reads them (unless ``in_import_folder``).
    Else copies in ``allegraph-bench/`` of the server's import folder
    (``server.directories.import``), asked for as Neo4j resolves file URLs: relative to
    that folder when the server is confined to it (a neo4j.conf setting it, as Neo4j's
    packages do: ``file:///allegraph-bench/x.csv``), or at the copies' absolute path when
    the setting is unset and LOAD CSV reads any path (scripts/neo4j/neo4j-local: its
    embedded server sets no import folder, and dbms.listConfig reports its home).
    """
    paths = {key: path.resolve() for key, path in files.items()}
    first = next(iter(paths))
    if not in_import_folder and _readable(session, paths[first].as_uri()):
        return {key: path.as_uri() for key, path in paths.items()}, None
    root = _import_dir(session)
    if root is None:
        raise RuntimeError(
            f"Neo4j cannot read {paths[first]} and reports no import folder "
            "(server.directories.import) to copy the CSV files into"
        )
    target = root / "allegraph-bench"
    target.mkdir(parents=True, exist_ok=True)
    for path in paths.values():
        shutil.copy(path, target / path.name)
    forms = (
        lambda name: f"file:///allegraph-bench/{quote(name)}",  # confined to the folder
        lambda name: (target / name).as_uri(),  # any path: where the copies are
    )
    for form in forms:
        if _readable(session, form(paths[first].name)):
            return {key: form(path.name) for key, path in paths.items()}, target
    shutil.rmtree(target, ignore_errors=True)
    raise RuntimeError(
        f"Neo4j reads neither {forms[0](paths[first].name)} nor {forms[1](paths[first].name)} "
        f"(copies in its import folder {root})"
    )


def load_csv(
    driver, files: dict[str, Path], database: str | None = None, in_import_folder: bool = False
) -> dict:
    """Run the anchor's LOAD CSV statements (nodes first); seconds per file and in all.

    The files are read where they are if the server can, else from copies in its import
    folder, removed at the end (``in_import_folder``: copies in any case; see :func:`_urls`).
    """
    now, run = "2000-01-01T00:00:00Z", "bench-load-csv"
    per_file = {}
    with driver.session(database=database) as session:
        urls, copies = _urls(session, files, in_import_folder)
        try:
            started = time.perf_counter()
            for key in sorted(files, key=lambda k: (not k.startswith("node:"), k)):
                kind, name = key.split(":", 1)
                query = node_query(name) if kind == "node" else link_query(name)
                began = time.perf_counter()
                session.run(query, url=urls[key], sep=SEP, now=now, run=run).consume()
                per_file[key] = round(time.perf_counter() - began, 3)
            seconds = time.perf_counter() - started
        finally:
            if copies:
                shutil.rmtree(copies, ignore_errors=True)
    out = {"seconds": round(seconds, 3), "per_file_s": per_file}
    if copies:
        out["read_from"] = "copies in the server's import folder"
    return out
