"""The embedded store: one SQLite file, no server.

SQLite gives durable, transactional storage (each batch is one transaction,
so a killed load leaves whole batches only); networkx, through
:meth:`GraphStore.to_networkx`, gives traversal and analytics.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import orjson

from allegraph.model import Entity, Link
from allegraph.names import name_keys, normalize
from allegraph.schema import Registry
from allegraph.status import SOURCE_LABEL, touched
from allegraph.stores import embedded_accusations as accusations
from allegraph.stores import embedded_status as claim_status
from allegraph.stores.base import GraphStore, Run, StoreError, merge_props, merge_sources
from allegraph.stores.embedded_read import (
    DATED_LABELS,
    EmbeddedReader,
    clear_read_tables,
    ensure_read_schema,
    entity_from_row,
    link_from_row,
    read_rows,
    rebuild_read_tables,
    write_read_rows,
)

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, props TEXT NOT NULL, sources TEXT NOT NULL,
    first_seen TEXT, last_seen TEXT, load_run TEXT
);
CREATE TABLE IF NOT EXISTS links (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
    props TEXT NOT NULL, sources TEXT NOT NULL, first_seen TEXT, last_seen TEXT, load_run TEXT
);
CREATE INDEX IF NOT EXISTS links_src ON links(src, type, dst);
CREATE INDEX IF NOT EXISTS links_dst ON links(dst, type, src);
CREATE INDEX IF NOT EXISTS links_type ON links(type);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, node_id TEXT NOT NULL, PRIMARY KEY (key, node_id)
) WITHOUT ROWID;
-- entity-resolution judgements (allegraph.resolve), in the order they were made
CREATE TABLE IF NOT EXISTS judgements (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, input TEXT, sha256 TEXT, format TEXT, started TEXT, ended TEXT,
    read INTEGER, loaded INTEGER, rejected INTEGER, status TEXT,
    error TEXT, completes TEXT, owner TEXT
);
"""
# columns added to ``runs`` after its first release: added to older stores on open
RUN_COLUMNS_ADDED = ("error", "completes", "owner")

_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit
_SCHEMA_KEY = "run-schema:"  # meta key prefix: the schema digest of each load run


def schema_digest(registry: Registry) -> str:
    """A fingerprint of the data model: records valid under one may not be under another."""
    parts = (
        registry.version,
        registry.labels,
        registry.relationships,
        registry.node_properties,
        registry.link_properties,
        registry.system_properties,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _dumps(value) -> str:
    return orjson.dumps(value).decode()


class EmbeddedStore(GraphStore):
    # A page of an index changed by many rows of one transaction is written once
    # at commit: larger batches write far fewer pages (1M records: 20% faster).
    batch_size = 25000
    pipelined = True

    def __init__(self, path: str | Path, schema: Registry | None = None):
        super().__init__(schema)
        self._digest = schema_digest(self.registry)
        self.path = Path(path)
        self.url = str(path)
        if self.path.is_dir():
            raise StoreError(f"store {self.url!r} is a directory, not a database file")
        if not self.path.parent.exists():
            raise StoreError(f"folder of store {self.url!r} does not exist")
        try:
            # a generous busy timeout: another process may be reading or loading the same file
            # check_same_thread off: a load writes its batches from a thread of its own
            # (GraphStore.pipelined), never while another thread uses the connection
            self.db = sqlite3.connect(
                self.path, isolation_level=None, timeout=60, check_same_thread=False
            )
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            # Up to 256 MiB of page cache (used as needed): the id indexes of a graph
            # of millions of rows stay in memory during a load.
            self.db.execute("PRAGMA cache_size=-262144")
            # Checkpoint the WAL every ~256 MiB instead of every 4 MiB: each checkpoint
            # syncs to disk and rewrites the pages touched since, which dominated big loads.
            self.db.execute("PRAGMA wal_autocheckpoint=65536")
            self.db.execute("PRAGMA temp_store=MEMORY")
            self.db.executescript(SCHEMA_SQL)
            have = {row[1] for row in self.db.execute("PRAGMA table_info(runs)")}
            for column in RUN_COLUMNS_ADDED:
                if column not in have:
                    self.db.execute(f"ALTER TABLE runs ADD COLUMN {column} TEXT")
            # indexes, FTS5 and triggers of the read side (queries read only what they need)
            ensure_read_schema(self.db)
            claim_status.ensure_status_schema(self.db)
            self._status_kept = claim_status.is_kept(self.db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.url!r} is not an allegraph store: {exc}") from None

    def init(self) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
            (str(self.registry.version),),
        )
        if not claim_status.outdated(self.db):  # empty, or kept already: keep it from now on
            claim_status.mark_kept(self.db)

    def status_outdated(self) -> bool:
        return claim_status.outdated(self.db)

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            rebuild_read_tables(self.db)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return claim_status.recompute_all(self.db, self.reader(), progress)

    def close(self) -> None:
        self.db.close()

    def clear(self) -> None:
        with self.db:
            clear_read_tables(self.db)
            for table in ("nodes", "links", "names", "runs", "claim_status", "judgements"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("DELETE FROM meta WHERE key LIKE ?", (_SCHEMA_KEY + "%",))

    # -- writing ---------------------------------------------------------------
    def write(
        self,
        entities: list[Entity],
        links: list[Link],
        run_id: str,
        now: str,
        run: Run | None = None,
    ) -> int:
        """Upsert one batch in one transaction; returns how many rows it changed.

        A row whose merged properties and sources equal what the store holds is
        not rewritten, only its ``lastSeen`` and ``loadRun`` are set (as Neo4j does).
        """
        db = self.db
        changed = 0
        touch = touched(entities, links)
        self._republished: set[str] = set()  # Sources whose publisher or grade this batch changes
        self._moved: set[str] = set()  # old ends of links that come back with new ends
        self._fresh: dict[str, list[str]] = {}  # claims this batch creates -> their sources
        self._accusing: set[str] = set()  # claims whose ALLEGES or ACCUSES this batch changes
        db.execute("BEGIN IMMEDIATE")
        try:
            if not self._status_kept:  # a store without claims keeps status from its first write
                if not claim_status.outdated(db):
                    claim_status.mark_kept(db)
                self._status_kept = True
            if entities:
                changed += self._write_nodes(entities, run_id, now)
            if links:
                changed += self._write_links(links, run_id, now)
                accusations.refresh(db, self._accusing)
            if changed:  # the status of the claims the batch can change, kept in step
                ids = claim_status.widen(db, touch, self._moved, self._republished)
                linked = touched([], links).claims | self._moved
                fresh = {c: s for c, s in self._fresh.items() if c not in linked}
                claim_status.recompute(db, self.reader(), ids, fresh)
            if run is not None:
                db.execute(
                    "UPDATE runs SET read=?, loaded=?, rejected=? WHERE id=?",
                    (run.read, run.loaded, run.rejected, run.id),
                )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return changed

    def _existing(self, table: str, columns: str, ids: list[str]) -> dict[str, tuple]:
        """``id -> (columns..., props JSON, sources JSON, first_seen)`` of the rows that exist."""
        found = {}
        query = self.db.execute
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, {columns}, props, sources, first_seen FROM {table} WHERE id IN "
            for row in query(f"{sql}({marks})", chunk):
                found[row[0]] = row[1:]
        return found

    def _name_keys(self, label: str, ident: str, props: dict) -> list[tuple[str, str]]:
        return [(key, ident) for key in name_keys(self.registry.labels[label], props)]

    def _write_nodes(self, entities: list[Entity], run_id: str, now: str) -> int:
        merged: dict[str, list] = {}
        for ent in entities:  # the same id twice in a batch merges like two batches
            row = merged.get(ent.id)
            if row is None:
                merged[ent.id] = [ent.label, ent.props, ent.sources]
            else:
                row[1] = merge_props(row[1], ent.props)
                row[2] = merge_sources(row[2], ent.sources)
        old = self._existing("nodes", "label", list(merged))
        rows, names, seen, written, undated, relabelled = [], [], [], [], [], []
        for ident, (label, props, sources) in merged.items():
            first = now
            before = old.get(ident)
            old_sources = None
            if before is not None:
                old_props, old_sources = orjson.loads(before[1]), orjson.loads(before[2])
                props = merge_props(old_props, props)
                sources = merge_sources(old_sources, sources)
                if props == old_props and sources == old_sources and label == before[0]:
                    seen.append((now, run_id, ident))
                    continue
                if label == SOURCE_LABEL and any(
                    props.get(k) != old_props.get(k) for k in ("publisher", "reliability")
                ):
                    self._republished.add(ident)
                if before[0] in DATED_LABELS and label not in DATED_LABELS:
                    undated.append((ident,))
                if before[0] != label:  # search orders its matches by the label kept there
                    relabelled.append((label, ident))
                first = before[3]
            else:
                sources = merge_sources(None, sources)
                if label == "Claim":
                    self._fresh[ident] = sources
            rows.append((ident, label, _dumps(props), _dumps(sources), first, now, run_id))
            written.append((ident, label, props, sources, old_sources))
            names.extend(self._name_keys(label, ident, props))
        db = self.db
        if rows:
            db.executemany("INSERT OR REPLACE INTO nodes VALUES (?,?,?,?,?,?,?)", rows)
            write_read_rows(db, *read_rows(0, written))
        if undated:  # a node replaced by one of another label leaves the timeline
            db.executemany("DELETE FROM dated WHERE id = ?", undated)
        if relabelled:
            db.executemany("UPDATE name_docs SET label = ? WHERE node_id = ?", relabelled)
        if names:
            db.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", names)
        if seen:
            db.executemany("UPDATE nodes SET last_seen = ?, load_run = ? WHERE id = ?", seen)
        return len(rows)

    def _write_links(self, links: list[Link], run_id: str, now: str) -> int:
        merged: dict[str, list] = {}
        for link in links:
            row = merged.get(link.id)
            if row is None:
                merged[link.id] = [link.type, link.src, link.dst, link.props, link.sources]
            else:
                row[3] = merge_props(row[3], link.props)
                row[4] = merge_sources(row[4], link.sources)
        old = self._existing("links", "type, src, dst", list(merged))
        rows, seen, written = [], [], []
        for ident, (type_, src, dst, props, sources) in merged.items():
            first = now
            before = old.get(ident)
            old_sources = None
            if before is not None:
                old_props, old_sources = orjson.loads(before[3]), orjson.loads(before[4])
                props = merge_props(old_props, props)
                sources = merge_sources(old_sources, sources)
                # a link id that comes back with other endpoints or type replaces the row
                same_ends = before[:3] == (type_, src, dst)
                if not same_ends:
                    self._moved.update(before[1:3])
                    self._accusing.update(before[1:3])
                if same_ends and props == old_props and sources == old_sources:
                    seen.append((now, run_id, ident))
                    continue
                first = before[5]
            else:
                sources = merge_sources(None, sources)
            rows.append(
                (ident, type_, src, dst, _dumps(props), _dumps(sources), first, now, run_id)
            )
            written.append((ident, None, None, sources, old_sources))
            if type_ == "ALLEGES":
                self._accusing.add(dst)
            elif type_ == "ACCUSES":
                self._accusing.add(src)
        db = self.db
        if rows:
            db.executemany("INSERT OR REPLACE INTO links VALUES (?,?,?,?,?,?,?,?,?)", rows)
            write_read_rows(db, *read_rows(1, written))
        if seen:
            db.executemany("UPDATE links SET last_seen = ?, load_run = ? WHERE id = ?", seen)
        return len(rows)

    def start_run(self, run: Run) -> None:
        # the schema the run validates with: a reload is skipped only under the same one
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)", (_SCHEMA_KEY + run.id, self._digest)
        )
        fields = run.as_dict()
        marks = ",".join("?" * len(fields))
        self.db.execute(
            f"INSERT INTO runs ({','.join(fields)}) VALUES ({marks})", tuple(fields.values())
        )

    def finish_run(self, run: Run) -> None:
        self.db.execute(
            "UPDATE runs SET ended=?, read=?, loaded=?, rejected=?, status=?, error=? WHERE id=?",
            (run.ended, run.read, run.loaded, run.rejected, run.status, run.error, run.id),
        )

    def settle_runs(self) -> list[Run]:
        """Record as ``interrupted`` every ``running`` run whose process is gone."""
        dead = [r for r in self.runs() if r.status == "interrupted"]
        stale = self.db.execute(
            "SELECT id FROM runs WHERE status IN ('running', 'waiting')"
        ).fetchall()
        ids = {row[0] for row in stale} & {r.id for r in dead}
        if ids:
            self.db.executemany(
                "UPDATE runs SET status = 'interrupted' WHERE id = ? "
                "AND status IN ('running', 'waiting')",
                [(i,) for i in sorted(ids)],
            )
        return [r for r in dead if r.id in ids]

    def unchanged_since(self, sha256: str, fmt: str) -> Run | None:
        """Every change to this store goes through :meth:`write` inside a load run, so
        the runs table tells: the latest run of the input, if only runs that changed
        nothing (status ``unchanged``) came after it."""
        rows = self.db.execute(
            "SELECT runs.*, meta.value FROM runs LEFT JOIN meta ON meta.key = ? || runs.id "
            "ORDER BY runs.rowid DESC",
            (_SCHEMA_KEY,),
        )
        for row in rows:
            run, schema = self._run(row[:-1]), row[-1]
            if (run.sha256, run.format) == (sha256, fmt):
                ok = run.status in ("done", "unchanged") and not run.rejected
                return run if ok and schema == self._digest else None
            if run.status != "unchanged":
                return None
        return None

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

    def nodes(self, label: str | None = None) -> Iterator[Entity]:
        sql = "SELECT * FROM nodes" + (" WHERE label = ?" if label else "") + " ORDER BY id"
        for row in self.db.execute(sql, (label,) if label else ()):
            yield entity_from_row(row)

    def links(self, type_: str | None = None) -> Iterator[Link]:
        sql = "SELECT * FROM links" + (" WHERE type = ?" if type_ else "") + " ORDER BY id"
        for row in self.db.execute(sql, (type_,) if type_ else ()):
            yield link_from_row(row)

    def get_node(self, node_id: str) -> Entity | None:
        row = self.db.execute("SELECT * FROM nodes WHERE id = ?", (node_id,)).fetchone()
        return entity_from_row(row) if row else None

    def runs(self) -> list[Run]:
        rows = self.db.execute("SELECT * FROM runs ORDER BY started, id").fetchall()
        return [self._run(row) for row in rows]

    @staticmethod
    def _run(row: tuple) -> Run:
        return Run(*row).settled()

    def counts(self) -> dict[str, dict[str, int]]:
        out = self.empty_counts()
        for label, n in self.db.execute("SELECT label, count(*) FROM nodes GROUP BY label"):
            out["nodes"][label] = n
        for type_, n in self.db.execute("SELECT type, count(*) FROM links GROUP BY type"):
            out["relationships"][type_] = n
        return out

    def named(self, name: str) -> list[str]:
        rows = self.db.execute(
            "SELECT node_id FROM names WHERE key = ? ORDER BY node_id", (normalize(name),)
        )
        return [row[0] for row in rows]

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

    # -- reading a selection (SQL of allegraph.stores.embedded_read) -------------
    def reader(self) -> EmbeddedReader:
        """Indexed reads for one question (the canned queries use it)."""
        return EmbeddedReader(self.db, self.registry)

    def get_nodes(self, ids: Iterable[str]) -> dict[str, Entity]:
        return self.reader().nodes(ids)

    def subgraph(self, ids: Iterable[str]) -> tuple[list[Entity], list[Link]]:
        return self.reader().subgraph(ids)

    def count_links_among(self, ids: Iterable[str]) -> int:
        return self.reader().count_links_among(ids)

    def adjacent(
        self, ids: Iterable[str], type_: str | None = None, direction: str = "both"
    ) -> dict[str, set[str]]:
        return self.reader().adjacent(ids, type_, direction)

    def claim_facts(self, claims: Iterable[str]) -> dict:
        return self.reader().claim_facts(claims)
