"""The embedded store: one SQLite file, no server.

SQLite gives durable, transactional storage (each batch is one transaction,
so a killed load leaves whole batches only); networkx, through
:meth:`GraphStore.to_networkx`, gives traversal and analytics.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from allegraph.model import Entity, Link
from allegraph.names import normalize
from allegraph.schema import Registry
from allegraph.stores.base import GraphStore, Run, StoreError, merge_list, merge_props

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, props TEXT NOT NULL, sources TEXT NOT NULL,
    first_seen TEXT, last_seen TEXT, load_run TEXT
);
CREATE INDEX IF NOT EXISTS nodes_label ON nodes(label);
CREATE TABLE IF NOT EXISTS links (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
    props TEXT NOT NULL, sources TEXT NOT NULL, first_seen TEXT, last_seen TEXT, load_run TEXT
);
CREATE INDEX IF NOT EXISTS links_src ON links(src, type);
CREATE INDEX IF NOT EXISTS links_dst ON links(dst, type);
CREATE INDEX IF NOT EXISTS links_type ON links(type);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, node_id TEXT NOT NULL, PRIMARY KEY (key, node_id)
);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, input TEXT, sha256 TEXT, format TEXT, started TEXT, ended TEXT,
    read INTEGER, loaded INTEGER, rejected INTEGER, status TEXT
);
"""

_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit


def _dumps(value) -> str:
    return orjson.dumps(value).decode()


class EmbeddedStore(GraphStore):
    def __init__(self, path: str | Path, schema: Registry | None = None):
        super().__init__(schema)
        self.path = Path(path)
        self.url = str(path)
        if self.path.is_dir():
            raise StoreError(f"store {self.url!r} is a directory, not a database file")
        if not self.path.parent.exists():
            raise StoreError(f"folder of store {self.url!r} does not exist")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA_SQL)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.url!r} is not an allegraph store: {exc}") from None

    def init(self) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
            (str(self.registry.version),),
        )

    def close(self) -> None:
        self.db.close()

    def clear(self) -> None:
        with self.db:
            for table in ("nodes", "links", "names", "runs"):
                self.db.execute(f"DELETE FROM {table}")

    # -- writing ---------------------------------------------------------------
    def write(self, entities: list[Entity], links: list[Link], run_id: str, now: str) -> None:
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            if entities:
                self._write_nodes(entities, run_id, now)
            if links:
                self._write_links(links, run_id, now)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _existing(self, table: str, ids: list[str]) -> dict[str, tuple]:
        found = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT id, props, sources, first_seen FROM {table} WHERE id IN ({marks})", chunk
            )
            for row in rows:
                found[row[0]] = (orjson.loads(row[1]), orjson.loads(row[2]), row[3])
        return found

    def _write_nodes(self, entities: list[Entity], run_id: str, now: str) -> None:
        merged: dict[str, list] = {}
        for ent in entities:  # the same id twice in a batch merges like two batches
            if ent.id in merged:
                row = merged[ent.id]
                row[2] = merge_props(row[2], ent.props)
                row[3] = merge_list(row[3], ent.sources)
            else:
                merged[ent.id] = [ent.id, ent.label, dict(ent.props), list(ent.sources), now]
        old = self._existing("nodes", list(merged))
        rows, names = [], []
        for ident, (_, label, props, sources, first) in merged.items():
            if ident in old:
                old_props, old_sources, first = old[ident]
                props = merge_props(old_props, props)
                sources = merge_list(old_sources, sources)
            rows.append((ident, label, _dumps(props), _dumps(sources), first, now, run_id))
            spec = self.registry.labels[label]
            keys = dict.fromkeys([spec.name_property, *spec.id_from])
            for name in [*(props.get(k) for k in keys), *props.get("aliases", [])]:
                if name and len(name) <= 300:  # claim texts are searched, not matched as names
                    names.append((normalize(name), ident))
        self.db.executemany("INSERT OR REPLACE INTO nodes VALUES (?,?,?,?,?,?,?)", rows)
        self.db.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", names)

    def _write_links(self, links: list[Link], run_id: str, now: str) -> None:
        merged: dict[str, list] = {}
        for link in links:
            if link.id in merged:
                row = merged[link.id]
                row[4] = merge_props(row[4], link.props)
                row[5] = merge_list(row[5], link.sources)
            else:
                merged[link.id] = [
                    link.id,
                    link.type,
                    link.src,
                    link.dst,
                    dict(link.props),
                    list(link.sources),
                    now,
                ]
        old = self._existing("links", list(merged))
        rows = []
        for ident, (_, type_, src, dst, props, sources, first) in merged.items():
            if ident in old:
                old_props, old_sources, first = old[ident]
                props = merge_props(old_props, props)
                sources = merge_list(old_sources, sources)
            rows.append(
                (ident, type_, src, dst, _dumps(props), _dumps(sources), first, now, run_id)
            )
        self.db.executemany("INSERT OR REPLACE INTO links VALUES (?,?,?,?,?,?,?,?,?)", rows)

    def start_run(self, run: Run) -> None:
        self.db.execute(
            "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                run.id,
                run.input,
                run.sha256,
                run.format,
                run.started,
                run.ended,
                run.read,
                run.loaded,
                run.rejected,
                run.status,
            ),
        )

    def finish_run(self, run: Run) -> None:
        self.db.execute(
            "UPDATE runs SET ended=?, read=?, loaded=?, rejected=?, status=? WHERE id=?",
            (run.ended, run.read, run.loaded, run.rejected, run.status, run.id),
        )

    # -- reading ---------------------------------------------------------------
    def labels_of(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        found = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.db.execute(f"SELECT id, label FROM nodes WHERE id IN ({marks})", chunk)
            )
        return found

    @staticmethod
    def _entity(row: tuple) -> Entity:
        return Entity(
            id=row[0],
            label=row[1],
            props=orjson.loads(row[2]),
            sources=orjson.loads(row[3]),
            first_seen=row[4],
            last_seen=row[5],
            load_run=row[6],
        )

    @staticmethod
    def _link(row: tuple) -> Link:
        return Link(
            id=row[0],
            type=row[1],
            src=row[2],
            dst=row[3],
            props=orjson.loads(row[4]),
            sources=orjson.loads(row[5]),
            first_seen=row[6],
            last_seen=row[7],
            load_run=row[8],
        )

    def nodes(self, label: str | None = None) -> Iterator[Entity]:
        sql = "SELECT * FROM nodes" + (" WHERE label = ?" if label else "") + " ORDER BY id"
        for row in self.db.execute(sql, (label,) if label else ()):
            yield self._entity(row)

    def links(self, type_: str | None = None) -> Iterator[Link]:
        sql = "SELECT * FROM links" + (" WHERE type = ?" if type_ else "") + " ORDER BY id"
        for row in self.db.execute(sql, (type_,) if type_ else ()):
            yield self._link(row)

    def get_node(self, node_id: str) -> Entity | None:
        row = self.db.execute("SELECT * FROM nodes WHERE id = ?", (node_id,)).fetchone()
        return self._entity(row) if row else None

    def runs(self) -> list[Run]:
        rows = self.db.execute("SELECT * FROM runs ORDER BY started, id").fetchall()
        return [Run(*row) for row in rows]

    def counts(self) -> dict[str, dict[str, int]]:
        out = self.empty_counts()
        for label, n in self.db.execute("SELECT label, count(*) FROM nodes GROUP BY label"):
            out["nodes"][label] = n
        for type_, n in self.db.execute("SELECT type, count(*) FROM links GROUP BY type"):
            out["relationships"][type_] = n
        return out

    def resolve(self, name: str, labels: Iterable[str] | None = None) -> list[str]:
        wanted = set(labels) if labels else None
        hits = [row[0] for row in self.db.execute("SELECT id FROM nodes WHERE id = ?", (name,))]
        if not hits:
            hits = [
                row[0]
                for row in self.db.execute(
                    "SELECT node_id FROM names WHERE key = ? ORDER BY node_id", (normalize(name),)
                )
            ]
        if wanted is None or not hits:
            return hits
        found = self.labels_of(hits)
        return [h for h in hits if found.get(h) in wanted]
