"""Embedded implementations of the queries about claims: who alleges them, against whom,
who disputes them, and their derived status.

Statuses are decided (allegraph.status) only for the claims a page shows, except
where the order or the filter depends on them (corroborated-claims,
single-source-claims).
"""

from __future__ import annotations

from typing import Any

from allegraph.queries import sql
from allegraph.queries.embedded import Page, Rows, implements
from allegraph.status import CONTESTED, CORROBORATED, ClaimStatus, decide
from allegraph.stores.embedded_read import CHUNK, EmbeddedReader


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
    claims = r.ends(accused, "ACCUSES", out=False, labels=["Claim"])
    pairs = sorted((a, c) for a, found in claims.items() for c in found)
    shown = pairs[: p["limit"]]
    ids = [c for _, c in shown]
    nodes = r.nodes(ids)
    alleged = r.ends(ids, "ALLEGES", out=False)
    disputed = r.ends(ids, "DISPUTED_BY", out=True)
    rows = [[a, c, nodes[c].props.get("text"), alleged[c], disputed[c]] for a, c in shown]
    return Page(rows, len(pairs), len(pairs) > p["limit"])


@implements("disputed-claims")
def disputed_claims(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    # one claim more than the page tells whether it is cut; counting them all would
    # walk every DISPUTED_BY (the total is not counted)
    claims = sql.disputed_claim_ids(r, p["limit"] + 1)
    shown = claims[: p["limit"]]
    nodes = r.nodes(shown)
    alleged = r.ends(shown, "ALLEGES", out=False)
    by_actors = r.ends(shown, "DISPUTED_BY", out=True, labels=r.registry.actor_labels)
    counter = r.ends(shown, "DISPUTED_BY", out=True, labels=["Claim"])
    counter_alleged = r.ends({c for v in counter.values() for c in v}, "ALLEGES", out=False)
    rows = [
        [
            c,
            nodes[c].props.get("text"),
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
    total = r.count_label(["Claim"])
    rows: Rows = []
    after = None
    while len(rows) < p["limit"]:
        ids = r.ids_with_label("Claim", after, min(CHUNK, p["limit"] - len(rows)))
        if not ids:
            break
        nodes = r.nodes(ids)
        status = statuses(r, ids, p["min"])
        for c in ids:
            s = status[c]
            rows.append(
                [
                    c,
                    nodes[c].props.get("text"),
                    s.status,
                    len(s.sources),
                    s.independent_sources,
                    len(s.actors),
                    s.disputes,
                ]
            )
        after = ids[-1]
    return Page(rows, total, total > len(rows))


def _rows(r: EmbeddedReader, found: list[tuple[str, ClaimStatus]]) -> Rows:
    nodes = r.nodes(c for c, _ in found)
    return [
        [c, nodes[c].props.get("text"), s.status, s.independent_sources]
        + [list(s.sources), list(s.actors)]
        for c, s in found
    ]


def _walk_claims(
    r: EmbeddedReader, min_independent: int, corroborated: bool, enough: int
) -> tuple[list[tuple[str, ClaimStatus]], bool]:
    """The claims whose status is (not) corroborated, with it, in id order, a chunk of
    claims at a time; stops once there are more than ``enough``. Returns them and
    whether every claim was seen."""
    found: list[tuple[str, ClaimStatus]] = []
    after = None
    while len(found) <= enough:
        ids = r.ids_with_label("Claim", after, CHUNK)
        if not ids:
            return found, True
        status = statuses(r, ids, min_independent)
        found += [
            (c, status[c])
            for c in ids
            if (status[c].status in (CORROBORATED, CONTESTED)) == corroborated
        ]
        after = ids[-1]
    return found, False


@implements("single-source-claims")
def single_source_claims(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    # rows come in claim order: the walk stops as soon as the page is full and one
    # more row shows it is cut (the total is then not counted)
    found, complete = _walk_claims(r, p["min"], corroborated=False, enough=p["limit"])
    rows = _rows(r, found[: p["limit"]])
    return Page(rows, len(found) if complete else None, len(found) > p["limit"])


@implements("corroborated-claims")
def corroborated_claims(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    # ordered by independent sources, so every claim's status is needed (until claim
    # status is kept on write); only the order is kept of those not shown
    order = []
    for claim, facts in r.every_claim_facts():
        status = decide(facts, p["min"])
        if status.status in (CORROBORATED, CONTESTED):
            order.append((-status.independent_sources, claim))
    order.sort()
    shown = [claim for _, claim in order[: p["limit"]]]
    status = statuses(r, shown, p["min"])
    rows = _rows(r, [(claim, status[claim]) for claim in shown])
    return Page(rows, len(order), len(order) > p["limit"])
