"""The SQL of the canned queries that ask more than lookups by id: lists in index order
(an actor's allegations and accusations, disputed claims, the timeline), words in
names (FTS5), and what rests on a source (the accusation pairs of mutual-accusations
are in allegraph.stores.embedded_accusations). Each function takes an EmbeddedReader; the tables and
indexes it uses are described in allegraph.stores.embedded_read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import orjson

from allegraph.stores.embedded_read import EmbeddedReader, chunks, marks

_WORD = re.compile(r"[a-z0-9]+")  # what the full-text index holds as one token


def allegations(r: EmbeddedReader, actors: list[str], limit: int) -> tuple[list[tuple], int]:
    """``(actor, claim, text, date)`` of the first ``limit`` claims the actors allege,
    in the query's order (by the earliest day of the allegation's own date, else of
    the claim's; undated last), and how many there are. Ordered and cut by SQLite:
    an actor may allege tens of thousands of claims, so the order is found from each
    allegation's own date and the claim's row in ``dated`` (not the claims' texts),
    and ALLEGES reaches Claims only (the schema), so the total is counted in the index."""
    if not actors:
        return [], 0
    m = marks(actors)
    where = f"WHERE l.src IN ({m}) AND l.type = 'ALLEGES'"
    own = "json_extract(l.props, '$.date') IS NOT NULL"
    first = r.db.execute(
        f"SELECT l.src, l.dst, CASE WHEN {own} THEN json_extract(l.props, '$.date') END, "
        # "placed", not "earliest": in ORDER BY, a name of a table's column wins over an alias
        f"CASE WHEN {own} THEN json_extract(l.props, '$.earliest') ELSE d.earliest END "
        f"AS placed FROM links l LEFT JOIN dated d ON d.id = l.dst {where} "
        "ORDER BY placed IS NULL, placed, l.src, l.dst LIMIT ?",
        [*actors, limit],
    ).fetchall()
    total = r.db.execute(f"SELECT count(*) FROM links l {where}", actors).fetchone()[0]
    claims = r.nodes(claim for _, claim, _, _ in first)
    rows = []
    for actor, claim, date, _ in first:
        props = claims[claim].props
        said = date if date is not None else props.get("date")
        rows.append((actor, claim, props.get("text"), said))
    return rows, total


def dated_page(
    r: EmbeddedReader,
    ids: set[str],
    from_date: str | None,
    to_date: str | None,
    limit: int,
) -> tuple[list[str], int]:
    """The first ``limit`` of the events and claims ``ids`` that fall in the period,
    in the timeline's order, and how many fall in it; from the ``dated`` table."""
    period, args = _period(from_date, to_date)
    found = []
    for chunk in chunks(sorted(ids)):
        found += r.db.execute(
            # undated last (first and last are null together): as Cypher sorts nulls
            "SELECT first IS NULL, coalesce(first, ''), coalesce(last, ''), label, id FROM dated "
            f"WHERE id IN ({marks(chunk)}) AND {period}",
            [*chunk, *args],
        ).fetchall()
    found.sort()
    return [row[4] for row in found[:limit]], len(found)


# An actor with more events and claims than this has its page found by walking the
# dated_order index (at most WALK_ROWS entries) and keeping its items, instead of
# sorting them all: at 1M records the busiest actor's 30,000 items took about 60 ms
# to gather and sort, the walk about 20 (bench/notes.md).
WALK_FROM = 2000
WALK_ROWS = 20000


def _linked(m: str, union: str) -> str:
    """The nodes at the other end of the links of the actors ``m`` stands for."""
    return (
        f"SELECT dst FROM links WHERE src IN ({m}) {union} SELECT src FROM links WHERE dst IN ({m})"
    )


def actor_timeline(
    r: EmbeddedReader,
    actors: list[str],
    from_date: str | None,
    to_date: str | None,
    limit: int,
) -> tuple[list[str], int]:
    """As :func:`dated_page` for the events and claims linked to ``actors`` (either
    direction), counted and ordered by SQLite: an actor may be linked to tens of
    thousands of them (a busy one's page is found by :func:`_walk_dated`)."""
    if not actors:
        return [], 0
    period, args = _period(from_date, to_date)
    m = marks(actors)
    items = f"WITH items(id) AS ({_linked(m, 'UNION')}) "
    joined = f"FROM items CROSS JOIN dated d ON d.id = items.id WHERE {period}"
    total = r.db.execute(f"{items}SELECT count(*) {joined}", [*actors, *actors, *args])
    total = total.fetchone()[0]
    if total > WALK_FROM and limit > 0:
        ids = _walk_dated(r, actors, period, args, limit)
        if ids is not None:
            return ids, total
    ids = r.db.execute(
        f"{items}SELECT d.id {joined} "
        "ORDER BY d.first IS NULL, d.first, d.last, d.label, d.id LIMIT ?",
        [*actors, *actors, *args, limit],
    ).fetchall()
    return [row[0] for row in ids], total


def _walk_dated(
    r: EmbeddedReader, actors: list[str], period: str, args: list[Any], limit: int
) -> list[str] | None:
    """The first ``limit`` dated items linked to ``actors``, in the timeline's order,
    found among the first WALK_ROWS entries of the dated_order index (its order is
    the timeline's for dated items, which come before undated ones); None when
    fewer are there."""
    linked = r.db.execute(_linked(marks(actors), "UNION ALL"), [*actors, *actors])
    wanted = {row[0] for row in linked}
    walked = r.db.execute(
        f"SELECT id FROM dated INDEXED BY dated_order WHERE first IS NOT NULL AND {period} "
        "ORDER BY first, last, label, id LIMIT ?",
        [*args, WALK_ROWS],
    )
    found: list[str] = []
    while len(found) < limit and (rows := walked.fetchmany(1000)):
        found += [row[0] for row in rows if row[0] in wanted]
    return found[:limit] if len(found) >= limit else None


def disputed_claim_ids(
    r: EmbeddedReader, statuses: Sequence[str], limit: int
) -> list[tuple[str, str]]:
    """``(claim, status)`` of the first ``limit`` claims a DISPUTED_BY leaves, in id
    order: those whose kept status is one of ``statuses`` (the policy's statuses with a
    dispute among their conditions), read per status from its index, at most ``limit``
    each, and merged."""
    found: list[tuple[str, str]] = []
    for status in statuses:
        found += r.db.execute(
            "SELECT claim, status FROM claim_status INDEXED BY claim_status_status "
            "WHERE status = ? AND disputes > 0 ORDER BY claim LIMIT ?",
            (status, limit),
        ).fetchall()
    return sorted(found)[:limit]


def accusing(r: EmbeddedReader, actors: list[str], limit: int) -> tuple[list[tuple], int]:
    """``(actor, claim)`` for the claims that ACCUSE each of ``actors``, in that order: the
    first ``limit``, read in the order of the ``links_dst`` index, and how many there are
    (counted in the index). ACCUSES leaves Claims only (the schema), so no label is read."""
    shown: list[tuple[str, str]] = []
    total = 0
    where = "WHERE dst = ? AND type = 'ACCUSES'"
    for actor in sorted(set(actors)):
        total += r.db.execute(
            f"SELECT count(DISTINCT src) FROM links {where}", (actor,)
        ).fetchone()[0]
        if len(shown) < limit:
            rows = r.db.execute(
                f"SELECT DISTINCT src FROM links {where} ORDER BY src LIMIT ?",
                (actor, limit - len(shown)),
            )
            shown += [(actor, claim) for (claim,) in rows]
    return shown, total


def search_hits(
    r: EmbeddedReader, words: list[str], key: str, limit: int
) -> tuple[list[tuple[str, str, bool]], int]:
    """``(id, label, exact)`` of the first ``limit`` nodes, in the query's order, each of
    whose ``words`` begins a word of one of its name keys (``exact`` when ``key`` is one
    of them); and how many nodes match.

    The full-text index gives the ``name_docs`` row of each node it matches, with the
    node's id and label: the nodes themselves are not read, and SQLite keeps only the
    first ``limit`` of them in order."""
    wordy = [w for w in words if _WORD.fullmatch(w)]
    others = [w for w in words if not _WORD.fullmatch(w)]
    parts, args = [], []
    begins = "substr(key, 1, ?) = ? OR instr(key, ?) > 0"  # w begins the key or a later word
    # a node's label as the full-text half gives it (kept with its name_docs row)
    label = (
        "coalesce((SELECT label FROM name_docs WHERE node_id = k.node_id), "
        "(SELECT label FROM nodes WHERE id = k.node_id))"
    )
    # keys wait to be merged into the full-text index only while a load runs
    waiting = r.db.execute("SELECT 1 FROM names_new LIMIT 1").fetchone() is not None
    indexed = (
        "SELECT d.node_id, d.label FROM names_fts CROSS JOIN name_docs d "
        "ON d.doc = names_fts.rowid WHERE names_fts MATCH ?"
    )
    if wordy and not waiting:
        # a node's full-text row holds all its keys: one match asks for every word at
        # once (intersecting a set per word read every node a common word begins)
        parts.append(indexed)
        args.append(" ".join(f'"{w}"*' for w in dict.fromkeys(wordy)))
    for w in dict.fromkeys(wordy if waiting else []):
        # the full-text index (a node once), and the keys still waiting to be merged
        # into it: a word may be in either, so each word has its own set
        parts.append(f"{indexed} UNION SELECT k.node_id, {label} FROM names_new k WHERE {begins}")
        args += [f'"{w}"*', len(w), w, f" {w}"]
    for w in dict.fromkeys(others):
        # a word of symbols (allegraph.names keeps "🔥🔥🔥" as a key) is not in the
        # full-text index: the names are scanned for it, as rare as such names are
        parts.append(f"SELECT k.node_id, {label} FROM names k WHERE {begins}")
        args += [len(w), w, f" {w}"]
    hits = " INTERSECT ".join(f"SELECT * FROM ({part})" for part in parts)  # each node once
    if len(parts) == 1 and wordy and not waiting:
        # one full-text row per node: its matches are counted without reading them
        total = "SELECT count(*) FROM names_fts WHERE names_fts MATCH ?"
    else:
        total = f"SELECT count(*) FROM ({hits})"
    total = r.db.execute(total, args).fetchone()[0]
    rows = r.db.execute(
        f"WITH hits(id, label) AS ({hits}) "
        # the exact matches are looked up once, not per hit
        "SELECT id, label, id IN (SELECT node_id FROM names WHERE key = ?) AS exact "
        "FROM hits ORDER BY exact DESC, label, id LIMIT ?",
        [*args, key, limit],
    )
    return [(i, label, bool(exact)) for i, label, exact in rows], total


def _period(from_date: str | None, to_date: str | None) -> tuple[str, list[Any]]:
    """The timeline's period filter, on the columns of the ``dated`` table: an item is in
    the period when its span may overlap it; undated items are in no period."""
    where, args = [], []
    if from_date is not None or to_date is not None:
        where.append("first IS NOT NULL")
    if to_date is not None:
        where.append("(earliest IS NULL OR earliest <= ?)")
        args.append(to_date)
    if from_date is not None:
        where.append("(latest IS NULL OR latest >= ?)")
        args.append(from_date)
    return " AND ".join(where) or "1", args


def timeline_ids(
    r: EmbeddedReader, from_date: str | None, to_date: str | None, limit: int
) -> tuple[list[str], int]:
    """The first ``limit`` events and claims of a period (or of all time) in the
    timeline's order, read in the order of the ``dated_order`` index; and how many
    there are."""
    period, args = _period(from_date, to_date)
    dated = r.db.execute(
        f"SELECT id FROM dated INDEXED BY dated_order WHERE {period} AND first IS NOT NULL "
        "ORDER BY first, last, label, id LIMIT ?",
        [*args, limit],
    )
    ids = [row[0] for row in dated]
    if len(ids) < limit and from_date is None and to_date is None:
        # undated items come last (Cypher sorts nulls last), and only without a period
        undated = r.db.execute(
            "SELECT id FROM dated INDEXED BY dated_order WHERE first IS NULL "
            "ORDER BY first, last, label, id LIMIT ?",
            [limit - len(ids)],
        )
        ids += [row[0] for row in undated]
    total = r.db.execute(f"SELECT count(*) FROM dated WHERE {period}", args).fetchone()[0]
    return ids, total


def sourced(r: EmbeddedReader, source: str, kind: int) -> list[str]:
    """Ids of the nodes (kind 0) or links (kind 1) that list ``source`` in their sources,
    sorted: candidates from the ``sourced`` view (merged and waiting entries), each
    checked against its own sources (an entry may outlive a row that was replaced)."""
    rows = r.db.execute(
        "SELECT DISTINCT item FROM sourced WHERE source = ? AND kind = ?", (source, kind)
    )
    candidates = [row[0] for row in rows]
    table = "nodes" if kind == 0 else "links"
    found = []
    for chunk in chunks(candidates):
        found += [
            item
            for item, sources in r.db.execute(
                f"SELECT id, sources FROM {table} WHERE id IN ({marks(chunk)})", chunk
            )
            if source in orjson.loads(sources)
        ]
    return sorted(found)
