"""Embedded implementations of ``claim-explain`` (the status rule, step by step, for a
claim) and ``first-said`` (where it was first said, and the chain of each copy).

The rows come from allegraph.status itself (the facts the store keeps status from,
and :func:`~allegraph.status.weigh`), so they say what the rule did; the Cypher of
queries/claim-explain.cypher computes the same rows on Neo4j.
"""

from __future__ import annotations

from typing import Any

from allegraph.queries.embedded import Page, cypher_order, implements
from allegraph.status import (
    DERIVED_FROM,
    ClaimFacts,
    StatusPolicy,
    decide,
    policy,
    weigh,
    weigh_evidence,
)
from allegraph.stores.embedded_read import EmbeddedReader

STEPS = {
    "status": 0,
    "policy": 1,
    "source": 2,
    "actor": 3,
    "dispute": 4,
    "evidence": 5,
    "caveat": 6,
}
# why a dispute has its stance (allegraph.status.stance_of), as claim-explain says it
STANCE_AS_RECORDED = "stance as recorded"
STANCE_WHY = {
    "retraction": "by one who alleges it",
    "denial": "by those it accuses",
    "rebuttal": "by a third party",
}


def policy_text(rule: StatusPolicy) -> str:
    ungraded = "counted" if rule.ungraded else "not counted"
    order = " > ".join(rule.names)
    return (
        f"counted reliability {', '.join(rule.counted)}; ungraded {ungraded}; statuses {order}; "
        f"counted evidence {', '.join(rule.evidence)}"
    )


def _sources(r: EmbeddedReader, facts: ClaimFacts, rule: StatusPolicy) -> list[list[Any]]:
    nodes = r.nodes(facts.sources)
    rows = []
    for w in weigh(facts, rule):
        node = nodes.get(w.source)
        title = node.props.get("title") if node is not None and node.label == "Source" else None
        rows.append(
            ["source", w.source, title, w.publisher, w.reliability, w.origin, w.counted, None]
            + [w.why]
        )
    return rows


def _actors(r: EmbeddedReader, claim: str) -> list[list[Any]]:
    found = {(e.src, "alleges it") for e in r.edges([claim], ["ALLEGES"], out=False)}
    supporting = r.ends([claim], "SUPPORTS", out=False, labels=["Claim"])[claim]
    for e in r.edges(supporting, ["ALLEGES"], out=False):
        found.add((e.src, f"alleges {e.dst}, which supports it"))
    nodes = r.nodes(a for a, _ in found)
    return [
        [
            "actor",
            a,
            nodes[a].props.get("name") if a in nodes else None,
            None,
            None,
            None,
            True,
            None,
            why,
        ]
        for a, why in found
    ]


def _disputes(r: EmbeddedReader, claim: str) -> list[list[Any]]:
    links = r.edges([claim], ["DISPUTED_BY"], out=True)
    stances = dict(r.stances([claim]).get(claim, []))
    nodes = r.nodes(e.dst for e in links)
    counter = [e.dst for e in links if e.dst in nodes and nodes[e.dst].label == "Claim"]
    alleging = r.ends(counter, "ALLEGES", out=False)
    rows = []
    for e in links:
        node = nodes.get(e.dst)
        if node is not None and node.label == "Claim":
            by = alleging.get(e.dst) or []
            why = f"counter-claim, alleged by {', '.join(by)}" if by else "counter-claim"
        else:
            why = "disputes it"
        stance = stances[e.id]
        why += "; " + (STANCE_AS_RECORDED if e.props.get("stance") else STANCE_WHY[stance])
        name = None if node is None else node.props.get("name", node.props.get("text"))
        rows.append(["dispute", e.dst, name, None, None, None, None, stance, why])
    return rows


def _evidence(r: EmbeddedReader, facts: ClaimFacts, rule: StatusPolicy) -> list[list[Any]]:
    nodes = r.nodes(e for e, _ in facts.evidence)
    return [
        ["evidence", e, nodes[e].props.get("title"), None, None, None, counted, None, why]
        for e, _, counted, why in weigh_evidence(facts, rule)
    ]


def explain_rows(r: EmbeddedReader, claim: str, least: int, rule: StatusPolicy) -> list[list]:
    """The rows of ``claim-explain`` for one claim (without the claim and status columns)."""
    facts = r.claim_facts([claim], only_claims=True)[claim]
    decided = decide(facts, least, rule)
    counts = (
        f"independent sources {decided.independent_sources}, backing actors "
        f"{len(decided.actors)}, disputes {decided.disputes}, denials {decided.denials}, "
        f"retractions {decided.retractions}, min {least}"
    )
    text = r.nodes([claim])[claim].props.get("text")
    rows = [
        ["status", claim, text, None, None, None, None, None, counts],
        ["policy", None, None, None, None, None, None, None, policy_text(rule)],
        *_sources(r, facts, rule),
        *_actors(r, claim),
        *_disputes(r, claim),
        *_evidence(r, facts, rule),
    ]
    if decided.caveat:
        rows.append(["caveat", claim, None, None, None, None, None, None, decided.caveat])
    return [[claim, decided.status, *row] for row in rows]


@implements("claim-explain")
def claim_explain(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    rule = policy()
    rows = []
    for claim in r.find(p["claim"], ["Claim"]):
        rows += explain_rows(r, claim, p["min"], rule)
    rows.sort(key=lambda row: cypher_order(row[0], STEPS[row[2]], row[3], row[10]))
    return Page(rows[: p["limit"]], len(rows), len(rows) > p["limit"])


def _chain(r: EmbeddedReader, source: str, origin: str) -> tuple[list[str], list[Any]]:
    """The DERIVED_FROM hops from ``source`` to ``origin``: the fewest, then the first
    ids (as the Cypher orders its paths), and the kind of each hop."""
    best: dict[str, tuple[list[str], list[Any]]] = {source: ([source], [])}
    layer = [source]
    while origin not in best and layer:
        following: dict[str, tuple[list[str], list[Any]]] = {}
        for edge in r.edges(layer, [DERIVED_FROM], out=True):
            if edge.dst in best:
                continue
            ids, kinds = best[edge.src]
            path = ([*ids, edge.dst], [*kinds, edge.props.get("kind")])
            if edge.dst not in following or path[0] < following[edge.dst][0]:
                following[edge.dst] = path
        best.update(following)
        layer = sorted(following)
    return best.get(origin, ([source], []))


@implements("first-said")
def first_said(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    rows = []
    for claim in r.find(p["claim"], ["Claim"]):
        facts = r.claim_facts([claim], only_claims=True)[claim]
        nodes = r.nodes(facts.sources)
        backing = [s for s in facts.sources if s in nodes and nodes[s].label == "Source"]
        origins = {s: facts.origins.get(s, s) for s in backing}
        more = sorted(set(origins.values()).difference(backing))
        nodes.update(r.nodes(more))
        found = [(s, origins[s], *_chain(r, s, origins[s]), True) for s in backing]
        found += [(o, o, [o], [], False) for o in more]
        dates = [nodes[s].props.get("publishedEarliest") for s, *_ in found]
        earliest = min((d for d in dates if d is not None), default=None)
        for (source, origin, chain, kinds, backs), date in zip(found, dates, strict=True):
            props = nodes[source].props
            first = earliest is not None and date == earliest
            row = [claim, source, props.get("title"), props.get("published"), first, backs]
            rows.append([*row, origin, chain, kinds, date])
    rows.sort(key=lambda row: cypher_order(row[0], row[9], row[1]))
    rows = [row[:9] for row in rows]
    return Page(rows[: p["limit"]], len(rows), len(rows) > p["limit"])
