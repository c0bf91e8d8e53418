"""Reads of the embedded store that touch only what the answer needs.

Canned queries, views of a selection and exports of a selection read the SQLite
file through :class:`EmbeddedReader`: nodes by id, links by endpoint and type
(the ``links_src`` / ``links_dst`` indexes), names by key (``names``), frontier
expansion for neighbourhoods and paths, FTS5 for words in names. None of it
reads the whole store.

A few indexes and tables serve these reads (:data:`READ_SCHEMA`). The write path
keeps them in step with the rows it writes (:func:`read_rows`), from the values it
has in hand: a trigger per row, parsing the JSON it had just written, made loads
twice as slow. A store written some other way gets them rebuilt by ``allegraph
reindex`` (:func:`rebuild_read_tables`).

* ``names_fts``: FTS5 over the name keys (``names``), one row per node with all its
  keys, its rowid that of the node's row in ``name_docs`` (id and label), for
  ``search``;
* ``sourced``: which node or link lists which source in its ``sources``, for
  ``source-impact`` (a view over ``sourced_merged`` and ``sourced_new``);
* ``names_new``, ``sourced_new``: what waits to be merged into those two at the
  end of a load run (see :data:`MERGE`);
* ``nodes_label_id``: nodes of a label in id order;
* ``dated``: events and claims with their derived dates, in date order, for
  ``timeline``;
* ``accusations``, ``mutual``: who accuses whom through which claim, and the
  pairs who accuse each other, for ``mutual-accusations``
  (:mod:`allegraph.stores.embedded_accusations`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

import orjson

from allegraph.dates import DATED_LABELS
from allegraph.model import Entity, Link
from allegraph.names import normalize
from allegraph.schema import Registry
from allegraph.status import SOURCE_LABEL, ClaimFacts, make_facts, origin_among, stance_of
from allegraph.stores import embedded_accusations as accusations

CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit
BIG_CHUNK = 5000  # for the look-ups of a whole batch (SQLite 3.32+ allows 32,766)
READ_SCHEMA_KEY = "read-schema"  # meta key: the version of READ_SCHEMA the file has
READ_SCHEMA_VERSION = "5"
# The link indexes hold the other end too, so that following links reads the index
# alone; a store made before that gets them rebuilt once.
COVERING_LINK_INDEXES = {"links_src": "links(src, type, dst)", "links_dst": "links(dst, type, src)"}

# What the timeline lists, and where SQLite finds the dates it orders by.
EARLIEST = "json_extract(new.props, '$.earliest')"
LATEST = "json_extract(new.props, '$.latest')"

# A key with a letter or digit has words the full-text index can find; a key of
# symbols only (allegraph.names keeps "🔥🔥🔥" as it is) is looked up in ``names``.
WORDY = "GLOB '*[a-z0-9]*'"
# between the keys of a node in its full-text row: such keys hold only letters, digits
# and single spaces (allegraph.names.word_key), and the tokenizer skips the bar
KEY_JOIN = " | "

READ_SCHEMA = [
    "CREATE INDEX IF NOT EXISTS nodes_label_id ON nodes(label, id)",
    # One full-text row per node, its keys joined by KEY_JOIN: each word of a search
    # must begin a word of one of the node's keys, so the node's row matches exactly
    # when one of its keys would. The row's rowid is the node's ``doc`` in name_docs,
    # which holds its id and label: a match is an integer look-up (reading an id
    # stored in the full-text row took twice as long as finding the rows).
    # detail=none: only "which rows hold a word starting with w" is ever asked.
    "CREATE VIRTUAL TABLE IF NOT EXISTS names_fts USING fts5(keys, detail=none)",
    """CREATE TABLE IF NOT EXISTS name_docs (
        doc INTEGER PRIMARY KEY, node_id TEXT NOT NULL UNIQUE, label TEXT
    )""",
    # the rows a merge writes anew (filled and emptied by MERGE)
    "CREATE TABLE IF NOT EXISTS name_edits (doc INTEGER PRIMARY KEY, keys TEXT NOT NULL)",
    # kind 0: a node lists the source in its sources; kind 1: a link does
    """CREATE TABLE IF NOT EXISTS sourced_merged (
        source TEXT NOT NULL, kind INTEGER NOT NULL, item TEXT NOT NULL,
        PRIMARY KEY (source, kind, item)
    ) WITHOUT ROWID""",
    # What a write adds to names_fts and sourced_merged waits in these two append-only
    # tables until the load run ends, and is then merged in one sorted pass: row by
    # row, the full-text index and a B-tree keyed by source cost more than the load
    # itself (every batch rewrites pages all over them). Reads look in both.
    "CREATE TABLE IF NOT EXISTS names_new (key TEXT NOT NULL, node_id TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sourced_new (source TEXT NOT NULL, kind INTEGER, item TEXT)",
    # what to read: SQLite pushes a WHERE into both halves (the merged half by its key)
    """CREATE VIEW IF NOT EXISTS sourced AS
        SELECT source, kind, item FROM sourced_merged
        UNION ALL SELECT source, kind, item FROM sourced_new""",
    # Events and claims with their derived dates as columns: SQLite 3.40 reads an
    # expression index's values from the table row, so an index on json_extract()
    # would not let the timeline filter and count without reading every row.
    # first/last: the day each is placed by (its earliest, else its latest), then.
    """CREATE TABLE IF NOT EXISTS dated (
        id TEXT PRIMARY KEY, label TEXT NOT NULL, first TEXT, last TEXT,
        earliest TEXT, latest TEXT
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS dated_order ON dated(first, last, label, id, earliest, latest)",
    f"""CREATE TRIGGER IF NOT EXISTS read_names_insert AFTER INSERT ON names
    WHEN new.key {WORDY} BEGIN
        INSERT INTO names_new (key, node_id) VALUES (new.key, new.node_id);
    END""",
    # the node's row without the key (keys are unique per node), gone when it held no other
    f"""CREATE TRIGGER IF NOT EXISTS read_names_delete AFTER DELETE ON names
    WHEN old.key {WORDY} BEGIN
        UPDATE names_fts SET keys = trim(
            replace('{KEY_JOIN}' || keys || '{KEY_JOIN}', '{KEY_JOIN}' || old.key || '{KEY_JOIN}',
                    '{KEY_JOIN}'), '{KEY_JOIN}')
        WHERE rowid = (SELECT doc FROM name_docs WHERE node_id = old.node_id);
        DELETE FROM names_fts
        WHERE rowid = (SELECT doc FROM name_docs WHERE node_id = old.node_id) AND keys = '';
        DELETE FROM names_new WHERE key = old.key AND node_id = old.node_id;
    END""",
]

# Merging what waits into the indexed tables: when a load run ends (its status is set),
# and when a long one has let a million rows wait.
MERGE = f"""
    INSERT OR IGNORE INTO sourced_merged SELECT source, kind, item FROM sourced_new
        ORDER BY source, kind, item;
    DELETE FROM sourced_new;
    INSERT INTO name_docs (node_id, label)
        SELECT w.node_id, n.label FROM (SELECT DISTINCT node_id FROM names_new) w
        LEFT JOIN nodes n ON n.id = w.node_id WHERE true ORDER BY w.node_id
        ON CONFLICT (node_id) DO UPDATE SET label = excluded.label;
    DELETE FROM name_edits;
    INSERT INTO name_edits (doc, keys)
        SELECT d.doc, group_concat(w.key, '{KEY_JOIN}') FROM names_new w
        CROSS JOIN name_docs d ON d.node_id = w.node_id GROUP BY d.doc;
    UPDATE name_edits SET keys = coalesce(
        (SELECT f.keys FROM names_fts f WHERE f.rowid = name_edits.doc) || '{KEY_JOIN}', ''
    ) || keys;
    DELETE FROM names_fts WHERE rowid IN (SELECT doc FROM name_edits);
    INSERT INTO names_fts (rowid, keys) SELECT doc, keys FROM name_edits;
    DELETE FROM name_edits;
    DELETE FROM names_new;
"""
READ_SCHEMA += [
    f"""CREATE TRIGGER IF NOT EXISTS read_merge_run AFTER UPDATE OF status ON runs
    WHEN new.status IS NOT 'running' BEGIN {MERGE} END""",
    f"""CREATE TRIGGER IF NOT EXISTS read_merge_sourced AFTER INSERT ON sourced_new
    WHEN new.rowid % 1000000 = 0 BEGIN {MERGE} END""",
    f"""CREATE TRIGGER IF NOT EXISTS read_merge_names AFTER INSERT ON names_new
    WHEN new.rowid % 1000000 = 0 BEGIN {MERGE} END""",
]


READ_SCHEMA += accusations.SCHEMA


def read_rows(kind: int, written: Iterable[tuple]) -> tuple[list[tuple], list[tuple]]:
    """The ``sourced_new`` and ``dated`` rows for rows a write adds or changes.

    ``written``: ``(id, label, props, sources, old_sources)`` per row (``label`` and
    ``props`` of a node; ``old_sources`` None for a new row). Only the sources a row
    did not list before are added: sources only accumulate as data loads, and a
    source a row no longer lists may stay in ``sourced`` (readers check each item's
    own sources, :meth:`EmbeddedReader.sourced`)."""
    sourced: list[tuple] = []
    dated: list[tuple] = []
    for ident, label, props, sources, old_sources in written:
        if old_sources is None:
            sourced += [(source, kind, ident) for source in sources]
        elif sources != old_sources:
            before = set(old_sources)
            sourced += [(source, kind, ident) for source in sources if source not in before]
        if label in DATED_LABELS:
            earliest, latest = props.get("earliest"), props.get("latest")
            first = earliest if earliest is not None else latest
            last = latest if latest is not None else earliest
            dated.append((ident, label, first, last, earliest, latest))
    return sourced, dated


def write_read_rows(db: sqlite3.Connection, sourced: list[tuple], dated: list[tuple]) -> None:
    if sourced:
        db.executemany("INSERT INTO sourced_new VALUES (?,?,?)", sourced)
    if dated:
        db.executemany("INSERT OR REPLACE INTO dated VALUES (?,?,?,?,?,?)", dated)


# Filling the new tables from the rows of a store written before they existed.
_OLD_EARLIEST = EARLIEST.replace("new.", "")
_OLD_LATEST = LATEST.replace("new.", "")
BACKFILL = [
    "DELETE FROM names_fts",
    "DELETE FROM names_new",
    "DELETE FROM name_docs",
    "DELETE FROM name_edits",
    "INSERT INTO name_docs (node_id, label) SELECT k.node_id, n.label "
    f"FROM (SELECT DISTINCT node_id FROM names WHERE key {WORDY}) k "
    "LEFT JOIN nodes n ON n.id = k.node_id ORDER BY k.node_id",
    f"INSERT INTO names_fts (rowid, keys) SELECT d.doc, group_concat(k.key, '{KEY_JOIN}') "
    "FROM names k CROSS JOIN name_docs d ON d.node_id = k.node_id "
    f"WHERE k.key {WORDY} GROUP BY d.doc",
    "DELETE FROM sourced_merged",
    "DELETE FROM sourced_new",
    "INSERT OR IGNORE INTO sourced_merged "
    "SELECT j.value, 0, n.id FROM nodes n, json_each(n.sources) j ORDER BY 1, 3",
    "INSERT OR IGNORE INTO sourced_merged "
    "SELECT j.value, 1, l.id FROM links l, json_each(l.sources) j ORDER BY 1, 3",
    "DELETE FROM dated",
    "INSERT INTO dated SELECT id, label, "
    f"coalesce({_OLD_EARLIEST}, {_OLD_LATEST}), coalesce({_OLD_LATEST}, {_OLD_EARLIEST}), "
    f"{_OLD_EARLIEST}, {_OLD_LATEST} FROM nodes "
    f"WHERE label IN ({', '.join(repr(label) for label in DATED_LABELS)})",
    *accusations.BACKFILL,
]


def _drop_earlier(db: sqlite3.Connection) -> None:
    """Drop what an earlier version of READ_SCHEMA made (its triggers; ``sourced`` was
    a table before it became the view over the merged and waiting entries)."""
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' "
        "AND (name GLOB 'read_*' OR name GLOB 'names_fts_*' OR name GLOB 'sourced_*')"
    ).fetchall():
        db.execute(f'DROP TRIGGER "{name}"')
    # version 5 keeps one full-text row per node (names_fts had a row per key before)
    db.execute("DROP TABLE IF EXISTS names_fts")
    kind = db.execute("SELECT type FROM sqlite_master WHERE name = 'sourced'").fetchone()
    if kind and kind[0] == "table":
        db.execute("DROP TABLE sourced")


def ensure_read_schema(db: sqlite3.Connection) -> None:
    """Create the read indexes, tables and triggers, and fill them once for a store
    written before they existed (a few seconds per million records, the first time)."""
    query = "SELECT value FROM meta WHERE key = ?"
    found = db.execute(query, (READ_SCHEMA_KEY,)).fetchone()
    if found and found[0] == READ_SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")  # two processes opening an old store fill it once
    try:
        found = db.execute(query, (READ_SCHEMA_KEY,)).fetchone()
        if not (found and found[0] == READ_SCHEMA_VERSION):
            _drop_earlier(db)
            # nodes_label_id serves every look-up by label: one index less to write
            db.execute("DROP INDEX IF EXISTS nodes_label")
            for name, columns in COVERING_LINK_INDEXES.items():
                if len(db.execute(f"PRAGMA index_info({name})").fetchall()) < 3:
                    db.execute(f"DROP INDEX IF EXISTS {name}")
                    db.execute(f"CREATE INDEX {name} ON {columns}")
            for statement in READ_SCHEMA + BACKFILL:
                db.execute(statement)
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)", (READ_SCHEMA_KEY, READ_SCHEMA_VERSION)
            )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def rebuild_read_tables(db: sqlite3.Connection) -> None:
    """Fill the derived tables anew from ``nodes``, ``names`` and ``links`` (in the
    caller's transaction): for a store some other program wrote to."""
    for statement in BACKFILL:
        db.execute(statement)


def clear_read_tables(db: sqlite3.Connection) -> None:
    """Empty the derived tables in one statement each (before ``clear`` deletes the rows
    whose triggers would otherwise remove their entries one by one)."""
    tables = ("names_fts", "names_new", "name_docs", "name_edits", "sourced_merged")
    tables += ("sourced_new", "dated")
    for table in (*tables, "accusations", "mutual"):
        db.execute(f"DELETE FROM {table}")


# A claim's facts (allegraph.status.ClaimFacts) in one row: id, own sources, the
# Sources that SUPPORT it, who ALLEGES it or a Claim that SUPPORTS it, DISPUTED_BY count,
# and (id, verification) of the Evidence that SUPPORTS it.
# Every subquery is a search of the covering link indexes.
_FACTS = """
SELECT c.id, c.sources,
  (SELECT json_group_array(l.src) FROM links l CROSS JOIN nodes s ON s.id = l.src
    WHERE l.dst = c.id AND l.type = 'SUPPORTS' AND s.label = 'Source'),
  (SELECT json_group_array(a) FROM (
    SELECT src AS a FROM links WHERE dst = c.id AND type = 'ALLEGES'
    UNION
    SELECT al.src FROM links sp CROSS JOIN nodes o ON o.id = sp.src
      CROSS JOIN links al ON al.dst = sp.src AND al.type = 'ALLEGES'
    WHERE sp.dst = c.id AND sp.type = 'SUPPORTS' AND o.label = 'Claim')),
  (SELECT count(*) FROM links WHERE src = c.id AND type = 'DISPUTED_BY'),
  (SELECT json_group_array(json_array(l.src, json_extract(e.props, '$.verification')))
    FROM links l CROSS JOIN nodes e ON e.id = l.src
    WHERE l.dst = c.id AND l.type = 'SUPPORTS' AND e.label = 'Evidence')
FROM nodes c"""


def _facts(row: tuple, found: SourceFacts, stances: list[tuple[str, str]]) -> ClaimFacts:
    own, by_source, actors = (orjson.loads(v) for v in row[1:4])
    evidence = [tuple(pair) for pair in orjson.loads(row[5])]
    return make_facts(
        own, by_source, found.publishers, set(actors), row[4], *found[1:], stances, evidence
    )


class SourceFacts(NamedTuple):
    """What the status rule needs of some sources: the publisher of each Source node
    among them and among their origins, the grade of each, and the origin of each
    that derives from another (allegraph.status.ClaimFacts)."""

    publishers: dict[str, str | None]
    reliability: dict[str, str | None]
    origins: dict[str, str]


_ANY_COPY = "SELECT 1 FROM links WHERE type = 'DERIVED_FROM' LIMIT 1"  # (links_type index)
# every source a DERIVED_FROM chain reaches from a chunk of sources that derive from
# one, and whether it derives from none (a root); set semantics, so cycles end
_CHAINS = """
WITH RECURSIVE reach(start, node) AS (
  SELECT src, dst FROM links WHERE src IN ({marks}) AND type = 'DERIVED_FROM'
  UNION
  SELECT r.start, l.dst FROM reach r JOIN links l ON l.src = r.node AND l.type = 'DERIVED_FROM'
)
SELECT start, node,
  NOT EXISTS (SELECT 1 FROM links WHERE src = reach.node AND type = 'DERIVED_FROM')
FROM reach"""


def chunks(ids: Sequence[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def entity_from_row(row: tuple) -> Entity:
    """A ``nodes`` row (``SELECT *``) as an Entity."""
    return Entity(
        id=row[0],
        label=row[1],
        props=orjson.loads(row[2]),
        sources=orjson.loads(row[3]),
        first_seen=row[4],
        last_seen=row[5],
        load_run=row[6],
    )


def link_from_row(row: tuple) -> Link:
    """A ``links`` row (``SELECT *``) as a Link."""
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


@dataclass(frozen=True)
class Edge:
    """One relationship as the queries need it: endpoints, id, type, properties."""

    id: str
    type: str
    src: str
    dst: str
    props: dict[str, Any]
    sources: list[str]


class EmbeddedReader:
    """Indexed reads of one embedded store; caches the nodes it has read (one reader
    serves one question, so the cache never outlives the data it was read from)."""

    def __init__(self, db: sqlite3.Connection, registry: Registry):
        self.db = db
        self.registry = registry
        self._nodes: dict[str, Entity | None] = {}

    # -- nodes ---------------------------------------------------------------
    def nodes(self, ids: Iterable[str]) -> dict[str, Entity]:
        """The nodes ``ids`` that exist, by id."""
        wanted = list(dict.fromkeys(ids))
        missing = [i for i in wanted if i not in self._nodes]
        for chunk in chunks(missing):
            for i in chunk:
                self._nodes[i] = None
            sql = f"SELECT * FROM nodes WHERE id IN ({marks(chunk)})"
            for row in self.db.execute(sql, chunk):
                self._nodes[row[0]] = entity_from_row(row)
        return {i: node for i in wanted if (node := self._nodes[i]) is not None}

    def node(self, node_id: str) -> Entity | None:
        return self.nodes([node_id]).get(node_id)

    def labels(self, ids: Iterable[str]) -> dict[str, str]:
        """The label of each id that exists (without reading properties)."""
        wanted = [i for i in dict.fromkeys(ids)]
        found: dict[str, str] = {}
        unknown = []
        for i in wanted:
            node = self._nodes.get(i)
            if node is not None:
                found[i] = node.label
            elif i not in self._nodes:
                unknown.append(i)
        for chunk in chunks(unknown):
            sql = f"SELECT id, label FROM nodes WHERE id IN ({marks(chunk)})"
            found.update(self.db.execute(sql, chunk))
        return found

    def name(self, node: Entity) -> Any:
        """The node's name property (``name``, ``text`` or ``title``, as the schema says)."""
        spec = self.registry.labels.get(node.label)
        return node.props.get(spec.name_property) if spec else None

    def find(self, text: str, labels: Iterable[str]) -> list[str]:
        """Ids of the nodes of ``labels`` whose id is ``text`` or that have its key
        among their name keys (as Neo4j's ``n.id = $x OR $xKey IN n._keys``), sorted."""
        wanted = list(labels)
        sql = (
            f"SELECT id FROM nodes WHERE id = ? AND label IN ({marks(wanted)}) "
            # CROSS JOIN: names first (by key), then each node by id, whatever SQLite guesses
            "UNION SELECT n.id FROM names k CROSS JOIN nodes n ON n.id = k.node_id "
            f"WHERE k.key = ? AND n.label IN ({marks(wanted)}) ORDER BY 1"
        )
        rows = self.db.execute(sql, [text, *wanted, normalize(text), *wanted])
        return [row[0] for row in rows]

    def count_label(self, labels: Sequence[str]) -> int:
        sql = f"SELECT count(*) FROM nodes WHERE label IN ({marks(labels)})"
        return self.db.execute(sql, list(labels)).fetchone()[0]

    # -- links ---------------------------------------------------------------
    def edges(
        self,
        ids: Iterable[str],
        types: Sequence[str] | None = None,
        *,
        out: bool,
    ) -> list[Edge]:
        """The links leaving (``out``) or reaching the nodes ``ids``, of ``types``."""
        end = "src" if out else "dst"
        wanted = list(dict.fromkeys(ids))
        found = []
        for chunk in chunks(wanted):
            sql = f"SELECT id, type, src, dst, props, sources FROM links WHERE {end} IN "
            sql += f"({marks(chunk)})"
            args = list(chunk)
            if types:
                sql += f" AND type IN ({marks(types)})"
                args += list(types)
            for row in self.db.execute(sql, args):
                found.append(
                    Edge(row[0], row[1], row[2], row[3], orjson.loads(row[4]), orjson.loads(row[5]))
                )
        return found

    def ends(
        self,
        ids: Iterable[str],
        type_: str | None,
        *,
        out: bool,
        labels: Sequence[str] | None = None,
    ) -> dict[str, list[str]]:
        """For each of ``ids``: the distinct nodes at the other end of its ``type_`` links
        (any type if None) leaving (``out``) or reaching it, sorted, only those of
        ``labels`` if given."""
        near, far = ("src", "dst") if out else ("dst", "src")
        wanted = list(dict.fromkeys(ids))
        found: dict[str, set[str]] = {i: set() for i in wanted}
        for chunk in chunks(wanted):
            sql = f"SELECT l.{near}, l.{far} FROM links l"
            where = [f"l.{near} IN ({marks(chunk)})"]
            args: list[Any] = list(chunk)
            if type_ is not None:
                where.append("l.type = ?")
                args.append(type_)
            if labels:  # links first, by the given ends; then each far end by id
                sql += f" CROSS JOIN nodes n ON n.id = l.{far}"
                where.append(f"n.label IN ({marks(labels)})")
                args += list(labels)
            for here, there in self.db.execute(f"{sql} WHERE {' AND '.join(where)}", args):
                found[here].add(there)
        return {i: sorted(v) for i, v in found.items()}

    def neighbours(self, ids: Iterable[str]) -> dict[str, set[str]]:
        """For each of ``ids``: the nodes one relationship away, whatever its type or
        direction (self-loops left out)."""
        wanted = list(dict.fromkeys(ids))
        if len(wanted) == 1:  # often a hub, the first step of a search: its far ends alone
            (node,) = wanted
            near = set(map(itemgetter(0), self._either_end(wanted, "{far}")))
            near.discard(node)
            return {node: near}
        found: dict[str, set[str]] = {i: set() for i in wanted}
        for here, there in self._either_end(wanted, "{near}, {far}"):
            if here != there:
                found[here].add(there)
        return found

    def link_ids(self, rowids: Iterable[int]) -> dict[int, str]:
        """The ids of the links with these rowids (:meth:`links_between`)."""
        found: dict[int, str] = {}
        for chunk in chunks(sorted(set(rowids)), BIG_CHUNK):
            sql = f"SELECT rowid, id FROM links WHERE rowid IN ({marks(chunk)})"
            found.update(self.db.execute(sql, chunk))
        return found

    def count_links_among(self, ids: Iterable[str]) -> int:
        """How many links have both ends among ``ids`` (from the covering ``links_src``
        index alone: no link is read)."""
        wanted = list(dict.fromkeys(ids))
        chosen = set(wanted)
        count = 0
        for chunk in chunks(wanted):
            sql = f"SELECT dst FROM links WHERE src IN ({marks(chunk)})"
            ends = self.db.execute(sql, chunk).fetchall()
            count += sum(map(chosen.__contains__, map(itemgetter(0), ends)))
        return count

    def links_by_id(self, ids: Iterable[str]) -> dict[str, Edge]:
        """The links ``ids`` that exist, by id."""
        found = {}
        for chunk in chunks(list(dict.fromkeys(ids))):
            sql = "SELECT id, type, src, dst, props, sources FROM links WHERE id IN "
            sql += f"({marks(chunk)})"
            for row in self.db.execute(sql, chunk):
                found[row[0]] = Edge(
                    row[0], row[1], row[2], row[3], orjson.loads(row[4]), orjson.loads(row[5])
                )
        return found

    def links_among(self, ids: Iterable[str]) -> list[Link]:
        """Every link whose two ends are both among ``ids``, in id order."""
        wanted = list(dict.fromkeys(ids))
        chosen = set(wanted)
        found: dict[str, Link] = {}
        for chunk in chunks(wanted):
            sql = f"SELECT * FROM links WHERE src IN ({marks(chunk)})"
            for row in self.db.execute(sql, chunk):
                if row[3] in chosen:
                    found[row[0]] = link_from_row(row)
        return [found[k] for k in sorted(found)]

    def degrees(self, ids: Iterable[str]) -> dict[str, int]:
        """How many links each of ``ids`` has, either way (counted in the covering link
        indexes: no link is read)."""
        wanted = list(dict.fromkeys(ids))
        found = dict.fromkeys(wanted, 0)
        for node, count in self._either_end(wanted, "{near}, count(*)", " GROUP BY {near}"):
            found[node] += count
        return found

    def _either_end(
        self, ids: list[str], select: str, tail: str = "", far: Sequence[str] = ()
    ) -> Iterator[tuple]:
        """The rows of ``SELECT select ... tail`` over the links that leave each of ``ids``
        (``{near}`` is src, ``{far}`` dst) and those that reach it (the other way round),
        one statement per chunk: each half searches its covering link index. With
        ``far``, only the links whose other end is one of those, checked in the index
        (``+``: not an index to search by) before any link row is read."""
        for chunk in chunks(ids):
            m = marks(chunk)
            also = f" AND +{{far}} IN ({marks(far)})" if far else ""
            halves = [
                f"SELECT {select.format(near=near, far=there)} FROM links "
                f"WHERE {near} IN ({m}){also.format(far=there)}{tail.format(near=near)}"
                for near, there in (("src", "dst"), ("dst", "src"))
            ]
            yield from self.db.execute(" UNION ALL ".join(halves), [*chunk, *far] * 2)

    def links_between(
        self, pairs: Iterable[tuple[str, str]], hubs: Iterable[str] = ()
    ) -> list[tuple[int, str, str, str]]:
        """``(rowid, type, src, dst)`` of the links between ``a`` and ``b``, either way,
        for each pair ``(a, b)``, in order, from the covering link indexes alone (the ids
        by :meth:`link_ids`). The links of one end of each pair are read: not one of
        ``hubs`` (nodes with many links: the ends of a path search) when the pair has
        another end."""
        avoid = set(hubs)
        partners: dict[str, set[str]] = {}  # the end read -> the other ends wanted
        for a, b in {tuple(sorted(pair)) for pair in pairs}:
            low, high = (b, a) if a in avoid and b not in avoid else (a, b)
            partners.setdefault(low, set()).add(high)
        # the far ends wanted, when few (a path's two ends): checked in the index
        others = sorted({o for wanted in partners.values() for o in wanted})
        far = others if len(others) <= CHUNK else []
        found = []
        for rowid, type_, src, dst, end in self._either_end(
            sorted(partners), "rowid, type, src, dst, {near}", far=far
        ):
            other = dst if end == src else src
            if other in partners[end]:
                found.append((rowid, type_, src, dst))
        return sorted(found)

    def claim_facts(
        self, claims: Iterable[str], only_claims: bool = False
    ) -> dict[str, ClaimFacts]:
        """The facts allegraph.status decides each claim's status from, for those of
        ``claims`` that exist (``only_claims``: that are Claim nodes; otherwise the
        caller picks the Claims, and others get facts of their links); one statement
        per chunk of claims."""
        found = []
        which = " AND c.label = 'Claim'" if only_claims else ""
        for chunk in chunks(list(dict.fromkeys(claims)), BIG_CHUNK):
            sql = f"{_FACTS} WHERE c.id IN ({marks(chunk)}){which}"
            found += self.db.execute(sql, chunk).fetchall()
        sources = {s for row in found for s in (*orjson.loads(row[1]), *orjson.loads(row[2]))}
        known = self.source_facts(sources)
        stances = self.stances([row[0] for row in found if row[4]])
        return {row[0]: _facts(row, known, stances.get(row[0], [])) for row in found}

    def evidence(self, claims: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """For each of ``claims`` backed by evidence: ``(id, verification state)`` of each
        Evidence that SUPPORTS it, by id (unverified when it gives no state)."""
        found: dict[str, list[tuple[str, str]]] = {}
        for chunk in chunks(list(dict.fromkeys(claims)), BIG_CHUNK):
            sql = (
                "SELECT l.dst, l.src, coalesce(json_extract(e.props, '$.verification'), "
                "'unverified') FROM links l CROSS JOIN nodes e ON e.id = l.src "
                f"WHERE l.dst IN ({marks(chunk)}) AND l.type = 'SUPPORTS' AND e.label = 'Evidence' "
                "ORDER BY l.dst, l.src"
            )
            for claim, ident, state in self.db.execute(sql, chunk):
                found.setdefault(claim, []).append((ident, state))
        return found

    def stances(self, claims: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """For each of ``claims``: ``(id, stance)`` of each DISPUTED_BY leaving it, by id
        (allegraph.status.stance_of: given, or from who ALLEGES and whom it ACCUSES)."""
        wanted = list(dict.fromkeys(claims))
        if not wanted:
            return {}
        disputes = self.edges(wanted, ["DISPUTED_BY"], out=True)
        allegers = self.ends(wanted, "ALLEGES", out=False)
        accused = self.ends(wanted, "ACCUSES", out=True)
        targets = {e.dst for e in disputes}
        counter = [t for t, label in self.labels(targets).items() if label == "Claim"]
        counter_by = self.ends(counter, "ALLEGES", out=False)
        found: dict[str, list[tuple[str, str]]] = {}
        for e in sorted(disputes, key=lambda e: e.id):
            by = counter_by[e.dst] if e.dst in counter_by else [e.dst]
            stance = stance_of(e.props.get("stance"), by, allegers[e.src], accused[e.src])
            found.setdefault(e.src, []).append((e.id, stance))
        return found

    def source_facts(self, sources: Iterable[str]) -> SourceFacts:
        """Publisher and grade of each Source node of ``sources``, and the origin of
        each that derives from another (with its publisher)."""
        wanted = sorted(set(sources))
        graded = self._source_props(wanted)
        origins: dict[str, str] = {}
        copies = self.db.execute(_ANY_COPY).fetchone() is not None
        for chunk in chunks([s for s in wanted if s in graded] if copies else [], BIG_CHUNK):
            reached: dict[str, dict[str, bool]] = {}
            for start, node, root in self.db.execute(_CHAINS.format(marks=marks(chunk)), chunk):
                reached.setdefault(start, {start: False})[node] = bool(root)
            for start, chain in reached.items():
                origins[start] = origin_among(chain, start)
        publishers = {s: props[0] for s, props in graded.items()}
        further = sorted(set(origins.values()).difference(publishers))
        publishers.update((s, props[0]) for s, props in self._source_props(further).items())
        reliability = {s: props[1] for s, props in graded.items()}
        return SourceFacts(publishers, reliability, {s: o for s, o in origins.items() if o != s})

    def _source_props(self, sources: list[str]) -> dict[str, tuple[str | None, str | None]]:
        """``id -> (publisher, reliability)`` of the Source nodes among ``sources``."""
        found: dict[str, tuple[str | None, str | None]] = {}
        for chunk in chunks(sources, BIG_CHUNK):
            sql = (
                "SELECT id, json_extract(props, '$.publisher'), "
                "json_extract(props, '$.reliability') FROM nodes "
                f"WHERE id IN ({marks(chunk)}) AND label = ?"
            )
            found.update((i, (p, g)) for i, p, g in self.db.execute(sql, [*chunk, SOURCE_LABEL]))
        return found

    # -- selections ----------------------------------------------------------
    def adjacent(
        self, ids: Iterable[str], type_: str | None = None, direction: str = "both"
    ) -> dict[str, set[str]]:
        """As :meth:`GraphStore.adjacent`: one indexed query per chunk and direction."""
        if type_ is None and direction == "both":
            return self.neighbours(ids)
        wanted = list(dict.fromkeys(ids))
        found: dict[str, set[str]] = {i: set() for i in wanted}
        for out in (True, False):
            if direction in ("both", "out" if out else "in"):
                for here, there in self.ends(wanted, type_, out=out).items():
                    found[here].update(t for t in there if t != here)
        return found

    def subgraph(self, ids: Iterable[str]) -> tuple[list[Entity], list[Link]]:
        """The nodes ``ids`` that exist, in the order given, and the links among them."""
        nodes = list(self.nodes(ids).values())
        return nodes, self.links_among(n.id for n in nodes)
