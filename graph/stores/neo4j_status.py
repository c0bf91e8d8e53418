"""Claim status kept on Neo4j as data loads (issues 12 and 14).

The Neo4j store calls these inside each batch's transaction: which claims the
batch can change (:func:`claims_to_recompute`), and the one Cypher of the rule
(graph/stores/claim_status.cypher) with the policy of schema/status.yaml as
parameters (:func:`recompute`). :func:`claim_facts` reads the facts of
allegraph.status.decide the way the Cypher sees them (views, ``explain``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from allegraph.status import ClaimFacts, Touched, make_facts, policy, stance_of, status_cypher

# version 6: events and claims keep their timeline place (_order, Neo4jStore);
# 5: evidence counts by its verification state (issue 17); 4: disputes have a
# stance (issue 15); 3: origins (DERIVED_FROM) and grades
# count (issue 14); 2: accusation pairs.
# The policy the status was kept under is kept beside it (`policy` of the meta node):
# a store kept under another needs `reindex`.
STATUS_VERSION = 6

# the origin of Source `s` (null when `s` is null): the first root by id its
# DERIVED_FROM chains reach, else (a cycle) the first id reached (allegraph.status)
ORIGIN_CALL = """CALL (s) {
  OPTIONAL MATCH (s)-[:DERIVED_FROM*0..]->(r:Source)
  WITH collect(DISTINCT r) AS reached
  WITH reached, [x IN reached WHERE NOT EXISTS { (x)-[:DERIVED_FROM]->() }] AS roots
  WITH CASE WHEN size(roots) > 0 THEN roots ELSE reached END AS candidates
  RETURN reduce(o = null, x IN candidates |
                CASE WHEN o IS NULL OR x.id < o.id THEN x ELSE o END) AS origin
}"""


def policy_params() -> dict[str, Any]:
    """The policy as the Cypher's parameters: $counted, $ungraded, $statuses, $min,
    $evidenceCounted."""
    rule = policy()
    return {**rule.params(), "min": rule.min}


def policy_stamp() -> str:
    """The policy the kept status follows, as the store records it."""
    rule = policy()
    statuses = ",".join(f"{s.name}:{'+'.join(s.when)}" for s in rule.statuses)
    return (
        f"counted={','.join(rule.counted)};ungraded={int(rule.ungraded)};min={rule.min};"
        f"statuses={statuses};evidence={','.join(rule.evidence)}"
    )


def recompute(tx, claims: list[str]) -> None:
    """Keep the status of ``claims`` by the rule, in transaction ``tx``."""
    if claims:
        tx.run(status_cypher(), claims=claims, **policy_params()).consume()


def regraded(tx, rows: list[dict]) -> list[str]:
    """Sources of a batch's node rows (``{"id", "scalars"}``) that exist with another
    publisher or reliability grade than the batch gives."""
    given = [
        {"id": r["id"], "publisher": r["scalars"].get("publisher"),
         "reliability": r["scalars"].get("reliability")}
        for r in rows
        if "publisher" in r["scalars"] or "reliability" in r["scalars"]
    ]  # fmt: skip
    if not given:
        return []
    query = (
        "UNWIND $rows AS row MATCH (s:Source {id: row.id}) "
        "WHERE (row.publisher IS NOT NULL AND coalesce(s.publisher, '') <> row.publisher) "
        "OR (row.reliability IS NOT NULL AND coalesce(s.reliability, '') <> row.reliability) "
        "RETURN s.id"
    )
    return tx.run(query, rows=given).value()


def claims_to_recompute(
    tx,
    touch: Touched,
    moved: set[str],
    regraded_sources: Iterable[str],
    citing: Callable[[Any, list[str]], list[str]],
) -> set[str]:
    """Every claim whose status the batch can change (read in its transaction).

    ``moved``: old ends of links that came back with other ends; ``regraded_sources``:
    Sources whose publisher or grade the batch changes; ``citing(tx, ids)``: the claims
    whose own ``sources`` list one of ``ids``."""
    ids = set(touch.claims) | moved
    if touch.accusing - ids:  # whom a claim accuses changes the stance of its disputes
        query = (
            "UNWIND $ids AS c MATCH (x:Claim {id: c}) WHERE EXISTS { (x)-[:DISPUTED_BY]->() } "
            "RETURN x.id"
        )
        ids.update(tx.run(query, ids=sorted(touch.accusing - ids)).value())
    alleging = touch.alleging | moved  # a moved ALLEGES: its old claim lost an actor
    if alleging:
        # what they SUPPORT gains (or loses) a backing actor; the disputes they are the
        # counter-claim of may change stance
        query = (
            "UNWIND $ids AS a MATCH (:Claim {id: a})-[:SUPPORTS]->(c:Claim) RETURN DISTINCT c.id "
            "UNION UNWIND $ids AS a MATCH (c:Claim)-[:DISPUTED_BY]->(:Claim {id: a}) "
            "RETURN DISTINCT c.id"
        )
        ids.update(tx.run(query, ids=sorted(alleging)).value())
    changed = set(touch.derived) | set(regraded_sources) | moved
    sources = set(touch.sources)
    if changed:  # origins, or their publisher or grade, changed: every source derived too
        query = (
            "UNWIND $ids AS id MATCH (t:Source {id: id}) "
            "MATCH (x:Source)-[:DERIVED_FROM*0..]->(t) RETURN DISTINCT x.id"
        )
        upstream = tx.run(query, ids=sorted(changed)).value()
        sources.update(upstream)
        if upstream:
            ids.update(citing(tx, sorted(upstream)))
    if sources:  # Sources and Evidence written (a grade or a verification state changed)
        query = (
            "UNWIND $ids AS s MATCH (:Entity {id: s})-[:SUPPORTS]->(c:Claim) RETURN DISTINCT c.id"
        )
        ids.update(tx.run(query, ids=sorted(sources)).value())
    return ids


_FACTS = (
    "UNWIND $ids AS id MATCH (c:Entity {id: id}) "
    "RETURN c.id, coalesce(c.sources, []), "
    "COLLECT { MATCH (s:Source)-[:SUPPORTS]->(c) RETURN s.id }, "
    "COLLECT { MATCH (b)-[:ALLEGES]->(c) RETURN b.id } + "
    "COLLECT { MATCH (b)-[:ALLEGES]->(:Claim)-[:SUPPORTS]->(c) RETURN b.id }, "
    "COUNT { (c)-[:DISPUTED_BY]->() }, "
    "COLLECT { MATCH (c)-[d:DISPUTED_BY]->(t) RETURN [d.id, d.stance, "
    "  CASE WHEN t:Claim THEN COLLECT { MATCH (a)-[:ALLEGES]->(t) RETURN a.id } "
    "  ELSE [t.id] END] }, "
    "COLLECT { MATCH (a)-[:ALLEGES]->(c) RETURN a.id }, "
    "COLLECT { MATCH (c)-[:ACCUSES]->(a) RETURN a.id }, "
    "COLLECT { MATCH (e:Evidence)-[:SUPPORTS]->(c) RETURN [e.id, e.verification] }"
)
_SOURCES = (
    f"UNWIND $ids AS id MATCH (s:Source {{id: id}}) {ORIGIN_CALL} "
    "RETURN s.id, s.publisher, s.reliability, origin.id, origin.publisher"
)


def claim_facts(tx, claims: list[str]) -> dict[str, ClaimFacts]:
    """The facts of allegraph.status for ``claims`` (those that exist), as the Cypher
    of the rule reads them."""
    rows = [[*row[:5], _stances(*row[5:8]), row[8]] for row in tx.run(_FACTS, ids=claims).values()]
    sources = sorted({s for row in rows for s in [*row[1], *row[2]]})
    publishers: dict[str, str | None] = {}
    reliability: dict[str, str | None] = {}
    origins: dict[str, str] = {}
    for sid, publisher, grade, origin, origin_publisher in tx.run(_SOURCES, ids=sources).values():
        publishers[sid], reliability[sid] = publisher, grade
        if origin != sid:
            origins[sid] = origin
            publishers.setdefault(origin, origin_publisher)
    return {
        cid: make_facts(
            own,
            by_source,
            publishers,
            set(actors),
            disputes,
            reliability,
            origins,
            stances,
            [tuple(pair) for pair in evidence],
        )
        for cid, own, by_source, actors, disputes, stances, evidence in rows
    }


def _stances(
    disputes: list[list], allegers: list[str], accused: list[str]
) -> list[tuple[str, str]]:
    """``(id, stance)`` of each dispute read by ``_FACTS`` (allegraph.status.stance_of)."""
    return sorted((d, stance_of(given, by, allegers, accused)) for d, given, by in disputes)
