"""What entity resolution asks of the embedded store (SQLite).

Judgements live in the ``judgements`` table; a merge or its undo is one
transaction that deletes and writes rows exactly as given (bookkeeping
included) and keeps the read tables, accusation pairs and claim status of what
it touched in step, as a load's write path does.
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson

from allegraph.model import Entity, Link
from allegraph.resolve.judgements import Judgement
from allegraph.stores import embedded_accusations as accusations
from allegraph.stores import embedded_status as claim_status
from allegraph.stores.embedded import EmbeddedStore
from allegraph.stores.embedded_read import (
    DATED_LABELS,
    entity_from_row,
    link_from_row,
    read_rows,
    write_read_rows,
)

CHUNK = 500


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _marks(chunk: list) -> str:
    return ",".join("?" * len(chunk))


def _dumps(value) -> str:
    return orjson.dumps(value).decode()


class _Preview(Exception):
    """Raised inside the transaction to roll a preview back."""


class EmbeddedSide:
    def __init__(self, store: EmbeddedStore):
        self.store = store
        self.db = store.db

    # -- judgements ------------------------------------------------------------
    def judgements(self) -> list[Judgement]:
        rows = self.db.execute("SELECT record FROM judgements ORDER BY seq")
        return [Judgement.from_dict(orjson.loads(row[0])) for row in rows]

    def save(self, judgement: Judgement) -> None:
        with self.db:
            self.db.execute(
                "INSERT INTO judgements (id, record) VALUES (?, ?)",
                (judgement.id, _dumps(judgement.as_dict())),
            )

    def drop(self, judgement_id: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM judgements WHERE id = ?", (judgement_id,))

    # -- reading ----------------------------------------------------------------
    def touching(self, ids: Iterable[str]) -> list[Link]:
        """Every link with an end among ``ids``, in id order."""
        found: dict[str, Link] = {}
        for chunk in _chunks(ids):
            m = _marks(chunk)
            sql = (
                f"SELECT * FROM links WHERE src IN ({m}) "
                f"UNION SELECT * FROM links WHERE dst IN ({m})"
            )
            for row in self.db.execute(sql, chunk + chunk):
                found[row[0]] = link_from_row(row)
        return [found[k] for k in sorted(found)]

    def links_by_id(self, typed: Iterable[tuple[str, str]]) -> dict[str, Link]:
        found: dict[str, Link] = {}
        for chunk in _chunks(sorted({i for _, i in typed})):
            sql = f"SELECT * FROM links WHERE id IN ({_marks(chunk)})"
            for row in self.db.execute(sql, chunk):
                found[row[0]] = link_from_row(row)
        return found

    def nodes(self, ids: Iterable[str]) -> dict[str, Entity]:
        found: dict[str, Entity] = {}
        for chunk in _chunks(ids):
            sql = f"SELECT * FROM nodes WHERE id IN ({_marks(chunk)})"
            for row in self.db.execute(sql, chunk):
                found[row[0]] = entity_from_row(row)
        return found

    def keys_of(self, ids: Iterable[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for chunk in _chunks(ids):
            sql = f"SELECT node_id, key FROM names WHERE node_id IN ({_marks(chunk)}) ORDER BY 1, 2"
            for node, key in self.db.execute(sql, chunk):
                found.setdefault(node, []).append(key)
        return found

    def _claims_near(self, ids: list[str]) -> set[str]:
        """Claims among ``ids`` or one link away from them, and the claims those SUPPORT."""
        near = set(ids)
        for link in self.touching(ids):
            near.update((link.src, link.dst))
        labels = self.store.labels_of(near)
        claims = {i for i in near if labels.get(i) == "Claim"}
        for chunk in _chunks(sorted(claims)):
            sql = f"SELECT dst FROM links WHERE src IN ({_marks(chunk)}) AND type = 'SUPPORTS'"
            claims.update(row[0] for row in self.db.execute(sql, chunk))
        return claims

    def _statuses(self, claims: Iterable[str]) -> dict[str, str]:
        return {c: row[0] for c, row in claim_status.kept(self.db, claims).items()}

    # -- changing ----------------------------------------------------------------
    def change(
        self,
        near: list[str],
        remove_nodes: list[str],
        remove_links: list[tuple[str, str]],
        put_nodes: list[tuple[Entity, list[str]]],
        put_links: list[Link],
        keep: bool = True,
    ) -> tuple[dict[str, str], dict[str, str]]:
        """In one transaction: delete ``remove_nodes`` and ``remove_links`` (``(type,
        id)``), write ``put_nodes`` (with exactly their name keys) and ``put_links``
        as given, and recompute what depends on them. Returns the status of the
        claims near ``near`` before and after; ``keep=False`` rolls it all back."""
        db = self.db
        result: tuple[dict[str, str], dict[str, str]] = ({}, {})
        db.execute("BEGIN IMMEDIATE")
        try:
            claims = self._claims_near(near)
            before = self._statuses(claims)
            old_links = self.links_by_id(remove_links)
            accusing = {lk.dst if lk.type == "ALLEGES" else lk.src for lk in old_links.values()}
            for chunk in _chunks([i for _, i in remove_links]):
                db.execute(f"DELETE FROM links WHERE id IN ({_marks(chunk)})", chunk)
            rewritten = [*remove_nodes, *(e.id for e, _ in put_nodes)]
            for chunk in _chunks(rewritten):
                db.execute(f"DELETE FROM names WHERE node_id IN ({_marks(chunk)})", chunk)
            for chunk in _chunks(remove_nodes):
                m = _marks(chunk)
                db.execute(f"DELETE FROM nodes WHERE id IN ({m})", chunk)
                db.execute(f"DELETE FROM dated WHERE id IN ({m})", chunk)
                db.execute(f"DELETE FROM claim_status WHERE claim IN ({m})", chunk)
            rows, names, written = [], [], []
            for ent, keys in put_nodes:
                rows.append(
                    (
                        ent.id,
                        ent.label,
                        _dumps(ent.props),
                        _dumps(ent.sources),
                        ent.first_seen,
                        ent.last_seen,
                        ent.load_run,
                    )
                )
                names += [(k, ent.id) for k in keys]
                written.append((ent.id, ent.label, ent.props, ent.sources, None))
                if ent.label not in DATED_LABELS:
                    db.execute("DELETE FROM dated WHERE id = ?", (ent.id,))
            db.executemany("INSERT OR REPLACE INTO nodes VALUES (?,?,?,?,?,?,?)", rows)
            db.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", names)
            write_read_rows(db, *read_rows(0, written))
            rows, written = [], []
            for lk in put_links:
                rows.append(
                    (
                        lk.id,
                        lk.type,
                        lk.src,
                        lk.dst,
                        _dumps(lk.props),
                        _dumps(lk.sources),
                        lk.first_seen,
                        lk.last_seen,
                        lk.load_run,
                    )
                )
                written.append((lk.id, None, None, lk.sources, None))
                if lk.type in ("ALLEGES", "ACCUSES"):
                    accusing.add(lk.dst if lk.type == "ALLEGES" else lk.src)
            db.executemany("INSERT OR REPLACE INTO links VALUES (?,?,?,?,?,?,?,?,?)", rows)
            write_read_rows(db, *read_rows(1, written))
            accusations.refresh(db, accusing)
            present = claims.difference(remove_nodes)
            claim_status.recompute(db, self.store.reader(), present)
            after = self._statuses(present)
            result = (before, after)
            if not keep:
                raise _Preview
            db.execute("COMMIT")
        except _Preview:
            db.execute("ROLLBACK")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return result
