"""Claim status kept in the embedded store as data loads (issue 12, item 2).

Table ``claim_status`` holds, for every claim, its status at the default
threshold and the counts it is decided from (``allegraph.status.decide``):
backing sources, independent sources, backing actors, disputes (and how many of
them are denials and retractions: the others are rebuttals). Each write
recomputes, in the same transaction, exactly the claims the batch can change
(:func:`allegraph.status.touched`, widened here through the indexes): so a
question about status is a lookup, and any threshold is a comparison of counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

import orjson

from allegraph.status import (
    SOURCE_LABEL,
    ClaimStatus,
    Touched,
    decide,
    make_facts,
    policy,
)
from allegraph.stores.embedded_read import EmbeddedReader, chunks, marks

STATUS_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS claim_status (
        claim TEXT PRIMARY KEY, status TEXT NOT NULL, source_count INTEGER NOT NULL,
        independent INTEGER NOT NULL, actors INTEGER NOT NULL, disputes INTEGER NOT NULL,
        denials INTEGER NOT NULL, retractions INTEGER NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS claim_status_status ON claim_status(status, claim)",
    "CREATE INDEX IF NOT EXISTS claim_status_independent ON claim_status(independent DESC, claim)",
]
STATUS_META = "claim-status"  # meta key: this store keeps claim status (its version)
# 2: origins (DERIVED_FROM) and grades count (issue 14); 3: disputes have a stance
# (issue 15); 4: evidence counts by its verification state (issue 17). The policy the
# status was kept under is part of the version: a store kept under another needs `reindex`.
RULE_VERSION = "4"


def status_version() -> str:
    rule = policy()
    counted = ",".join(rule.counted)
    statuses = ",".join(f"{s.name}:{'+'.join(s.when)}" for s in rule.statuses)
    return (
        f"{RULE_VERSION};counted={counted};ungraded={int(rule.ungraded)};min={rule.min};"
        f"statuses={statuses};evidence={','.join(rule.evidence)}"
    )


def ensure_status_schema(db: sqlite3.Connection) -> None:
    columns = {row[1] for row in db.execute("PRAGMA table_info(claim_status)")}
    if columns and "retractions" not in columns:  # kept by an allegraph before stances
        db.execute("DROP TABLE claim_status")
        db.execute("DELETE FROM meta WHERE key = ?", (STATUS_META,))
    for statement in STATUS_SCHEMA:
        db.execute(statement)


def is_kept(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (STATUS_META,)).fetchone()
    return bool(row) and row[0] == status_version()


def mark_kept(db: sqlite3.Connection) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (STATUS_META, status_version()))


def outdated(db: sqlite3.Connection) -> bool:
    """Claims are in the store, and it was written by an allegraph that kept no status."""
    if is_kept(db):
        return False
    return db.execute("SELECT 1 FROM nodes WHERE label = 'Claim' LIMIT 1").fetchone() is not None


# the sources given and every source whose DERIVED_FROM chain reaches one of them
_UPSTREAM = """
WITH RECURSIVE up(id) AS (
  SELECT value FROM json_each(?)
  UNION
  SELECT l.src FROM up JOIN links l ON l.dst = up.id AND l.type = 'DERIVED_FROM'
)
SELECT id FROM up"""


def widen(
    db: sqlite3.Connection, touch: Touched, moved: set[str], republished: set[str]
) -> set[str]:
    """Every claim whose status the batch can change (read inside its transaction).

    ``republished``: Sources whose publisher or reliability grade the batch changes."""
    ids = set(touch.claims) | moved
    # claims that gained (or, moved, lost) an ALLEGES, and Sources and Evidence written
    # (a state may have changed): what they SUPPORT gains or loses backing too
    supporters = [*touch.alleging, *touch.sources, *moved]
    for chunk in chunks(sorted(set(supporters))):
        sql = f"SELECT dst FROM links WHERE src IN ({marks(chunk)}) AND type = 'SUPPORTS'"
        ids.update(row[0] for row in db.execute(sql, chunk))
    # claims that gained an ACCUSES: the stance of their disputes, if they have any
    for chunk in chunks(sorted(touch.accusing - ids)):
        sql = (
            f"SELECT DISTINCT src FROM links WHERE src IN ({marks(chunk)}) AND type = 'DISPUTED_BY'"
        )
        ids.update(row[0] for row in db.execute(sql, chunk))
    # a counter-claim that gained (or lost) an alleger: the stance of the disputes
    # that point at it may change
    for chunk in chunks(sorted(touch.alleging | moved)):
        sql = f"SELECT src FROM links WHERE dst IN ({marks(chunk)}) AND type = 'DISPUTED_BY'"
        ids.update(row[0] for row in db.execute(sql, chunk))
    # sources whose origin may have changed (a DERIVED_FROM written or moved), or whose
    # publisher or grade did, and every source derived from them: the claims they back
    changed = touch.derived | republished | moved
    if changed:
        sources = [row[0] for row in db.execute(_UPSTREAM, (orjson.dumps(sorted(changed)),))]
        for chunk in chunks(sorted(sources)):
            sql = f"SELECT item FROM sourced WHERE source IN ({marks(chunk)}) AND kind = 0"
            ids.update(row[0] for row in db.execute(sql, chunk))
            sql = f"SELECT dst FROM links WHERE src IN ({marks(chunk)}) AND type = 'SUPPORTS'"
            ids.update(row[0] for row in db.execute(sql, chunk))
    return ids


def recompute(
    db: sqlite3.Connection,
    reader: EmbeddedReader,
    claims: Iterable[str],
    fresh: dict[str, list[str]] | None = None,
) -> int:
    """Decide and keep the status of ``claims`` (those that are Claim nodes).

    ``fresh``: claims this batch creates that no link touches yet, with their
    sources: nothing but their own sources backs them, so their facts need no
    look-up of links (most claims of a first load)."""
    fresh = fresh or {}
    rows = []
    rule = policy()  # the status is kept at the policy's own threshold
    if fresh:
        known = reader.source_facts({s for own in fresh.values() for s in own})
        for claim, own in fresh.items():
            facts = make_facts(own, [], known.publishers, set(), 0, *known[1:])
            s = decide(facts, rule=rule)
            rows.append((claim, s.status, len(s.sources), s.independent_sources, 0, 0, 0, 0))
    wanted = sorted(set(claims).difference(fresh))
    for claim, facts in reader.claim_facts(wanted, only_claims=True).items():
        s = decide(facts, rule=rule)
        counts = (len(s.actors), s.disputes, s.denials, s.retractions)
        rows.append((claim, s.status, len(s.sources), s.independent_sources, *counts))
    if rows:
        db.executemany("INSERT OR REPLACE INTO claim_status VALUES (?,?,?,?,?,?,?,?)", rows)
    return len(rows)


def recompute_all(
    db: sqlite3.Connection, reader: EmbeddedReader, progress: Callable[[int], None] | None
) -> int:
    """Recompute every claim, a chunk a transaction (``allegraph reindex``)."""
    done, after = 0, ""
    while True:
        ids = [
            row[0]
            for row in db.execute(
                "SELECT id FROM nodes WHERE label = 'Claim' AND id > ? ORDER BY id LIMIT 5000",
                (after,),
            )
        ]
        if not ids:
            break
        db.execute("BEGIN IMMEDIATE")
        try:
            recompute(db, reader, ids)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        done += len(ids)
        after = ids[-1]
        if progress:
            progress(done)
    mark_kept(db)
    return done


def kept(db: sqlite3.Connection, claims: Iterable[str]) -> dict[str, tuple]:
    """``claim -> (status, source_count, independent, actors, disputes, denials,
    retractions)`` as kept."""
    found: dict[str, tuple] = {}
    for chunk in chunks(sorted(set(claims))):
        sql = f"SELECT * FROM claim_status WHERE claim IN ({marks(chunk)})"
        found.update((row[0], row[1:]) for row in db.execute(sql, chunk))
    return found


__all__ = [
    "ClaimStatus",
    "SOURCE_LABEL",
    "ensure_status_schema",
    "kept",
    "outdated",
    "recompute",
    "recompute_all",
    "widen",
]
