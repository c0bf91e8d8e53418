"""Embedded implementations of the queries about claims: who alleges them, against whom,
who disputes them, and their derived status.

Which claims a status question finds, and in what order, comes from the status
each claim keeps as data loads (allegraph.stores.embedded_status: a lookup); the
lists of sources and actors a row shows are read for the claims a page shows.
"""

from __future__ import annotations

from typing import Any

from allegraph.queries import sql
from allegraph.queries.embedded import Page, Rows, implements
from allegraph.status import ClaimFacts, ClaimStatus, decide, evidence_caveat, policy, status_of
from allegraph.stores.embedded_read import EmbeddedReader


def statuses(r: EmbeddedReader, claims: list[str], min_independent: int) -> dict[str, ClaimStatus]:
    """The derived status of each claim, from facts read for those claims only."""
    facts = r.claim_facts(claims)
    return {c: decide(f, min_independent) for c, f in facts.items()}


@implements("allegations-by")
def allegations_by(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    actors = r.find(p["actor"], r.registry.actor_labels)
    shown, total = sql.allegations(r, actors, p["limit"])
    status = statuses(r, [claim for _, claim, _, _ in shown], p["min"])
    rows = [
        [actor, claim, text, date, status[claim].status, list(status[claim].sources)]
        for actor, claim, text, date in shown
    ]
    return Page(rows, total, total > len(rows))


@implements("allegations-against")
def allegations_against(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    accused = r.find(p["actor"], r.registry.actor_labels)
    shown, total = sql.accusing(r, accused, p["limit"])
    ids = [c for _, c in shown]
    nodes = r.nodes(ids)
    alleged = r.ends(ids, "ALLEGES", out=False)
    disputed = r.ends(ids, "DISPUTED_BY", out=True)
    rows = [[a, c, nodes[c].props.get("text"), alleged[c], disputed[c]] for a, c in shown]
    return Page(rows, total, total > p["limit"])


@implements("disputed-claims")
def disputed_claims(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    # one claim more than the page tells whether it is cut; counting them all would
    # walk every DISPUTED_BY (the total is not counted)
    claims = sql.disputed_claim_ids(r, policy().params()["disputing"], p["limit"] + 1)
    shown = [c for c, _ in claims[: p["limit"]]]
    status = dict(claims)
    nodes = r.nodes(shown)
    alleged = r.ends(shown, "ALLEGES", out=False)
    by_actors = r.ends(shown, "DISPUTED_BY", out=True, labels=r.registry.actor_labels)
    counter = r.ends(shown, "DISPUTED_BY", out=True, labels=["Claim"])
    counter_alleged = r.ends({c for v in counter.values() for c in v}, "ALLEGES", out=False)
    rows = [
        [
            c,
            nodes[c].props.get("text"),
            status[c],
            alleged[c],
            by_actors[c],
            counter[c],
            sorted({a for k in counter[c] for a in counter_alleged[k]}),
        ]
        for c in shown
    ]
    cut = len(claims) > p["limit"]
    return Page(rows, None if cut else len(claims), cut)


@implements("claim-status")
def claim_status(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    # the status each claim keeps (allegraph.stores.embedded_status), a page of them
    total = r.count_label(["Claim"])
    found = r.db.execute(
        "SELECT claim, status, source_count, independent, actors, disputes, denials, retractions "
        "FROM claim_status ORDER BY claim LIMIT ?",
        (p["limit"],),
    ).fetchall()
    nodes = r.nodes(row[0] for row in found)
    evidence = r.evidence(row[0] for row in found)
    rule = policy()
    rows: Rows = []
    for c, _, count, independent, actors, disputes, denials, retractions in found:
        by_stance = (denials, retractions)
        status = status_of(independent, actors, disputes, p["min"], *by_stance, rule)
        counts = [count, independent, actors, disputes, *by_stance]
        caveat = evidence_caveat(ClaimFacts(evidence=tuple(evidence.get(c, ()))), rule)
        rows.append([c, nodes[c].props.get("text"), status, *counts, caveat])
    return Page(rows, total, total > len(rows))


def _rows(r: EmbeddedReader, found: list[tuple[str, ClaimStatus]]) -> Rows:
    nodes = r.nodes(c for c, _ in found)
    return [
        [c, nodes[c].props.get("text"), s.status, s.independent_sources]
        + [list(s.sources), list(s.actors)]
        for c, s in found
    ]


# A claim is corroborated at a threshold when its kept counts reach it (allegraph.status)
_CORROBORATED = "(independent >= :min OR actors >= :min)"


@implements("single-source-claims")
def single_source_claims(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    # in claim order, read from the kept status: one row more than the page tells
    # whether it is cut (the total is then not counted)
    ids = [
        row[0]
        for row in r.db.execute(
            f"SELECT claim FROM claim_status WHERE NOT {_CORROBORATED} ORDER BY claim LIMIT :limit",
            {"min": p["min"], "limit": p["limit"] + 1},
        )
    ]
    shown = ids[: p["limit"]]
    status = statuses(r, shown, p["min"])
    rows = _rows(r, [(c, status[c]) for c in shown])
    cut = len(ids) > p["limit"]
    return Page(rows, None if cut else len(ids), cut)


@implements("corroborated-claims")
def corroborated_claims(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    # most independent sources first, from the kept status (claim_status_independent)
    where = {"min": p["min"], "limit": p["limit"]}
    shown = [
        row[0]
        for row in r.db.execute(
            f"SELECT claim FROM claim_status WHERE {_CORROBORATED} "
            "ORDER BY independent DESC, claim LIMIT :limit",
            where,
        )
    ]
    total = r.db.execute(f"SELECT count(*) FROM claim_status WHERE {_CORROBORATED}", where)
    total = total.fetchone()[0]
    status = statuses(r, shown, p["min"])
    rows = _rows(r, [(claim, status[claim]) for claim in shown])
    return Page(rows, total, total > p["limit"])
