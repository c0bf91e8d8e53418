"""Accusations kept in the embedded store as data loads, for ``mutual-accusations``.

``accusations`` holds ``(a, b, claim)`` for every claim that actor ``a`` ALLEGES
and that ACCUSES actor ``b`` (``a`` and ``b`` different); ``mutual`` holds each
pair of actors who accuse each other, once, smaller id first. Each write
refreshes, in its transaction, the claims whose ALLEGES or ACCUSES it changed
(:func:`refresh`): the question "who accuses whom both ways" becomes a read of a
small table instead of a join of every ALLEGES with every ACCUSES (0.9 s at a
million records). The schema's endpoints (ALLEGES from an actor to a Claim,
ACCUSES from a Claim to an actor) make the labels of the Cypher's pattern hold
for every row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS accusations (
        a TEXT NOT NULL, b TEXT NOT NULL, claim TEXT NOT NULL, PRIMARY KEY (a, b, claim)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS accusations_claim ON accusations(claim)",
    """CREATE TABLE IF NOT EXISTS mutual (
        a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)
    ) WITHOUT ROWID""",
]

# who alleges each claim x whom it accuses (both reads search the covering link indexes)
_ACCUSING = (
    "SELECT al.src, ac.dst, ac.src FROM links ac "
    "CROSS JOIN links al ON al.dst = ac.src AND al.type = 'ALLEGES' "
    "WHERE ac.type = 'ACCUSES' AND al.src <> ac.dst"
)
_BOTH_WAYS = "EXISTS (SELECT 1 FROM accusations y WHERE y.a = x.b AND y.b = x.a)"

# Everything anew from the links (a store written before these tables existed;
# ``allegraph reindex``).
BACKFILL = [
    "DELETE FROM accusations",
    "DELETE FROM mutual",
    f"INSERT OR IGNORE INTO accusations {_ACCUSING} ORDER BY 1, 2, 3",
    "INSERT INTO mutual SELECT DISTINCT x.a, x.b FROM accusations x "
    f"WHERE x.a < x.b AND {_BOTH_WAYS}",
]

_WORK = [
    "CREATE TEMP TABLE IF NOT EXISTS accusing_claims (claim TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS accusing_pairs "
    "(a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID",
    "DELETE FROM accusing_claims",
    "DELETE FROM accusing_pairs",
]
_REFRESH = [
    # the pairs the claims made before, then their rows anew from the links
    "INSERT OR IGNORE INTO accusing_pairs SELECT x.a, x.b FROM accusing_claims f "
    "CROSS JOIN accusations x ON x.claim = f.claim",
    "DELETE FROM accusations WHERE claim IN (SELECT claim FROM accusing_claims)",
    "INSERT OR IGNORE INTO accusations SELECT al.src, ac.dst, f.claim FROM accusing_claims f "
    "CROSS JOIN links ac ON ac.src = f.claim AND ac.type = 'ACCUSES' "
    "CROSS JOIN links al ON al.dst = f.claim AND al.type = 'ALLEGES' "
    "WHERE al.src <> ac.dst",
    "INSERT OR IGNORE INTO accusing_pairs SELECT x.a, x.b FROM accusing_claims f "
    "CROSS JOIN accusations x ON x.claim = f.claim",
    # each pair either way whose claims changed: mutual or not, as the rows now say
    "DELETE FROM mutual WHERE (a, b) IN (SELECT min(a, b), max(a, b) FROM accusing_pairs)",
    "INSERT OR IGNORE INTO mutual SELECT min(x.a, x.b), max(x.a, x.b) FROM accusing_pairs x "
    f"WHERE EXISTS (SELECT 1 FROM accusations z WHERE z.a = x.a AND z.b = x.b) AND {_BOTH_WAYS}",
]


def refresh(db: sqlite3.Connection, claims: Iterable[str]) -> None:
    """Bring the rows of ``claims`` (any ids: those that are no claim hold none) and
    the pairs they touch in step with the links, inside the caller's transaction."""
    wanted = [(c,) for c in set(claims)]
    if not wanted:
        return
    for statement in _WORK:
        db.execute(statement)
    db.executemany("INSERT INTO accusing_claims VALUES (?)", wanted)
    for statement in _REFRESH:
        db.execute(statement)


def mutual_pairs(db: sqlite3.Connection, limit: int) -> tuple[list[tuple[str, str]], int]:
    """The first ``limit`` mutual pairs in id order, and how many there are."""
    pairs = db.execute("SELECT a, b FROM mutual ORDER BY a, b LIMIT ?", (limit,)).fetchall()
    total = db.execute("SELECT count(*) FROM mutual").fetchone()[0]
    return pairs, total


def claims_by(db: sqlite3.Connection, a: str, b: str) -> list[str]:
    """The claims ``a`` alleges that accuse ``b``, in id order."""
    rows = db.execute("SELECT claim FROM accusations WHERE a = ? AND b = ? ORDER BY claim", (a, b))
    return [row[0] for row in rows]
