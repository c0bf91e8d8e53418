"""What entity resolution asks of a Neo4j store.

Judgements are ``(:Judgement {id, seq, record})`` nodes (the record as JSON
text), outside the schema labels like ``:LoadRun``. A merge or its undo is one
write transaction that deletes and writes nodes and relationships exactly as
given, then recomputes the claim status and accusation pairs of what it
touched, as a load's batch does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from allegraph.dates import DATED_LABELS
from allegraph.model import Entity, Link
from allegraph.resolve.judgements import Judgement
from allegraph.stores import neo4j_status
from allegraph.stores.neo4j import (
    JUDGEMENT_LABEL,
    KEYS,
    NODE_LABEL,
    ORDER,
    Neo4jStore,
    order_cypher,
    quote,
)

_E = quote(NODE_LABEL)
_J = quote(JUDGEMENT_LABEL)


class _Preview(Exception):
    """Raised inside the transaction function to roll a preview back."""

    def __init__(self, result: Any):
        super().__init__("preview")
        self.result = result


def _props(item: Entity | Link, **extra: Any) -> dict[str, Any]:
    """Every property the node or relationship holds in Neo4j, bookkeeping included."""
    props: dict[str, Any] = {"id": item.id, **item.props, "sources": list(item.sources)}
    for name, value in (
        ("firstSeen", item.first_seen),
        ("lastSeen", item.last_seen),
        ("loadRun", item.load_run),
    ):
        if value is not None:
            props[name] = value
    props.update(extra)
    return props


class Neo4jSide:
    def __init__(self, store: Neo4jStore):
        self.store = store

    # -- judgements ------------------------------------------------------------
    def judgements(self) -> list[Judgement]:
        query = f"MATCH (j:{_J}) RETURN j.record ORDER BY j.seq"
        rows = self.store._read(lambda tx: tx.run(query).value())
        return [Judgement.from_dict(orjson.loads(r)) for r in rows]

    def save(self, judgement: Judgement) -> None:
        query = (
            f"OPTIONAL MATCH (o:{_J}) WITH coalesce(max(o.seq), 0) + 1 AS seq "
            f"CREATE (j:{_J} {{id: $id, seq: seq, record: $record}})"
        )
        record = orjson.dumps(judgement.as_dict()).decode()
        self.store._write(lambda tx: tx.run(query, id=judgement.id, record=record).consume())

    def drop(self, judgement_id: str) -> None:
        query = f"MATCH (j:{_J} {{id: $id}}) DELETE j"
        self.store._write(lambda tx: tx.run(query, id=judgement_id).consume())

    # -- reading ----------------------------------------------------------------
    def touching(self, ids: Iterable[str]) -> list[Link]:
        query = (
            f"UNWIND $ids AS id MATCH (n:{_E} {{id: id}})-[r]-() "
            "WITH DISTINCT r RETURN type(r), startNode(r).id, endNode(r).id, properties(r)"
        )
        rows = self.store._read(lambda tx: tx.run(query, ids=list(ids)).values())
        links = [self.store._link(*row) for row in rows]
        return sorted(links, key=lambda lk: lk.id)

    def links_by_id(self, typed: Iterable[tuple[str, str]]) -> dict[str, Link]:
        by_type: dict[str, list[str]] = {}
        for type_, ident in typed:
            by_type.setdefault(type_, []).append(ident)
        found: dict[str, Link] = {}
        for type_, ids in by_type.items():
            query = (
                f"UNWIND $ids AS id MATCH (a)-[r:{quote(type_)} {{id: id}}]->(b) "
                "RETURN a.id, b.id, properties(r)"
            )
            rows = self.store._read(lambda tx, q=query, i=ids: tx.run(q, ids=i).values())
            for src, dst, props in rows:
                link = self.store._link(type_, src, dst, props)
                found[link.id] = link
        return found

    def nodes(self, ids: Iterable[str]) -> dict[str, Entity]:
        return self.store.get_nodes(ids)

    def keys_of(self, ids: Iterable[str]) -> dict[str, list[str]]:
        query = f"UNWIND $ids AS id MATCH (n:{_E} {{id: id}}) RETURN n.id, n.{KEYS}"
        rows = self.store._read(lambda tx: tx.run(query, ids=list(ids)).values())
        return {ident: list(keys or []) for ident, keys in rows}  # as kept: undo puts it back

    @staticmethod
    def _claims_near(tx, ids: list[str]) -> list[str]:
        query = (
            f"UNWIND $ids AS id MATCH (n:{_E} {{id: id}}) "
            "CALL (n) { RETURN n AS c UNION MATCH (n)--(c:Claim) RETURN c } "
            "WITH DISTINCT c WHERE c:Claim "
            "CALL (c) { RETURN c AS x UNION MATCH (c)-[:SUPPORTS]->(x:Claim) RETURN x } "
            "RETURN DISTINCT x.id ORDER BY x.id"
        )
        return tx.run(query, ids=ids).value()

    @staticmethod
    def _statuses(tx, claims: list[str]) -> dict[str, str]:
        query = (
            f"UNWIND $ids AS id MATCH (c:{_E}:Claim {{id: id}}) "
            "WHERE c._status IS NOT NULL RETURN c.id, c._status"
        )
        return dict(tx.run(query, ids=claims).values())

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
        """As :meth:`allegraph.resolve.embedded_side.EmbeddedSide.change`."""
        labels = list(self.store.registry.labels)

        def work(tx):
            claims = self._claims_near(tx, near)
            before = self._statuses(tx, claims)
            by_type: dict[str, list[str]] = {}
            for type_, ident in remove_links:
                by_type.setdefault(type_, []).append(ident)
            for type_, ids in by_type.items():
                tx.run(
                    f"UNWIND $ids AS id MATCH ()-[r:{quote(type_)} {{id: id}}]->() DELETE r",
                    ids=ids,
                ).consume()
            if remove_nodes:
                tx.run(
                    f"UNWIND $ids AS id MATCH (n:{_E} {{id: id}}) DETACH DELETE n",
                    ids=remove_nodes,
                ).consume()
            for ent, keys in put_nodes:
                others = [quote(n) for n in labels if n != ent.label]
                place = ""  # an event's or claim's timeline place, from its merged dates
                if ent.label in DATED_LABELS:
                    place = f" SET n.{ORDER} = {order_cypher('n', ent.label)}"
                tx.run(
                    f"MERGE (n:{_E} {{id: $id}}) SET n = $props SET n:{quote(ent.label)} "
                    f"REMOVE n:{':'.join(others)}{place}",
                    id=ent.id,
                    props=_props(ent, **{KEYS: list(keys)}),
                ).consume()
            rows: dict[str, list[dict[str, Any]]] = {}
            for link in put_links:  # one statement per type (a hub has thousands)
                row = {"src": link.src, "dst": link.dst, "id": link.id, "props": _props(link)}
                rows.setdefault(link.type, []).append(row)
            for type_, batch in rows.items():
                tx.run(
                    f"UNWIND $rows AS row MATCH (a:{_E} {{id: row.src}}) "
                    f"MATCH (b:{_E} {{id: row.dst}}) "
                    f"MERGE (a)-[r:{quote(type_)} {{id: row.id}}]->(b) SET r = row.props",
                    rows=batch,
                ).consume()
            present = [c for c in claims if c not in set(remove_nodes)]
            neo4j_status.recompute(tx, present)
            seeds = sorted({*near, *present} - set(remove_nodes))
            Neo4jStore._keep_mutual(tx, seeds)
            result = (before, self._statuses(tx, present))
            if not keep:
                raise _Preview(result)
            return result

        try:
            return self.store._write(work)
        except _Preview as preview:
            return preview.result
