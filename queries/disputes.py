"""Embedded implementations of the queries about disputes between claims and their
actors: ``contradictions`` (pairs of claims that cannot both hold as stated) and
``right-of-reply`` (accusations the accused has not answered on record).

Same rows, in the same order, as queries/contradictions.cypher and
queries/right-of-reply.cypher give on Neo4j.
"""

from __future__ import annotations

from typing import Any

from allegraph.queries.embedded import Page, Rows, implements
from allegraph.stores.embedded_read import EmbeddedReader

CLAIMS_A_STEP = 500  # claims read at a time, in id order, by contradictions


def _join(ids: list[str]) -> str:
    return ", ".join(ids)


def _pairs(r: EmbeddedReader, claims: list[str]) -> list[tuple[str, str, str | None, str]]:
    """``(claim, other, event, reason)`` of every contradiction whose first claim is
    one of ``claims``."""
    about = r.ends(claims, "ABOUT", out=True, labels=["Event"])
    events = sorted({e for found in about.values() for e in found})
    about_event = r.ends(events, "ABOUT", out=False, labels=["Claim"])
    partners = {k for e in events for k in about_event[e]}
    counter = r.ends(claims, "DISPUTED_BY", out=True, labels=["Claim"])
    countered = {k for found in counter.values() for k in found}
    accused = r.ends(sorted({*claims, *partners}), "ACCUSES", out=True)
    about_counter = r.ends(sorted(countered), "ABOUT", out=True, labels=["Event"])
    rows = []
    for c in claims:
        mine = accused[c]
        for e in about[c]:
            for k in about_event[e]:
                theirs = accused[k]
                if k > c and mine and theirs and not set(mine) & set(theirs):
                    reason = (
                        f"both are about {e}; {c} accuses {_join(mine)}, "
                        f"{k} accuses {_join(theirs)}: no one in common"
                    )
                    rows.append((c, k, e, reason))
        for k in counter[c]:
            shared = sorted(set(about[c]) & set(about_counter[k]))
            rows.append(
                (c, k, shared[0] if shared else None, f"{k} is a counter-claim that disputes {c}")
            )
    return rows


@implements("contradictions")
def contradictions(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    # claims in id order, a step at a time, until a row more than the page is found:
    # every row of a claim comes with it, so the rows found so far are the first ones
    found: list[tuple[str, str, str | None, str]] = []
    after = ""
    while len(found) <= p["limit"]:
        claims = [
            row[0]
            for row in r.db.execute(
                "SELECT id FROM nodes INDEXED BY nodes_label_id "
                "WHERE label = 'Claim' AND id > ? ORDER BY id LIMIT ?",
                (after, CLAIMS_A_STEP),
            )
        ]
        if not claims:
            break
        found += sorted(_pairs(r, claims))
        after = claims[-1]
    shown = found[: p["limit"]]
    ids = sorted({x for c, k, _, _ in shown for x in (c, k)})
    nodes = r.nodes(ids)
    alleged = r.ends(ids, "ALLEGES", out=False)
    rows: Rows = [
        [c, nodes[c].props.get("text"), k, nodes[k].props.get("text"), e]
        + [alleged[c], alleged[k], reason]
        for c, k, e, reason in shown
    ]
    cut = len(found) > p["limit"]
    return Page(rows, None if cut else len(found), cut)


# (accused, claim) of every ACCUSES with no response of the accused on record
_UNANSWERED = """
SELECT DISTINCT x.dst, x.src FROM links x
WHERE x.type = 'ACCUSES' {only}
  AND NOT EXISTS (SELECT 1 FROM links d
                  WHERE d.src = x.src AND d.type = 'DISPUTED_BY' AND d.dst = x.dst)
  AND NOT EXISTS (SELECT 1 FROM links d
                  JOIN links al ON al.dst = d.dst AND al.type = 'ALLEGES' AND al.src = x.dst
                  JOIN nodes k ON k.id = d.dst AND k.label = 'Claim'
                  WHERE d.src = x.src AND d.type = 'DISPUTED_BY')
  AND NOT EXISTS (SELECT 1 FROM links al
                  WHERE al.src = x.dst AND al.type = 'ALLEGES' AND al.dst = x.src)
  AND NOT EXISTS (SELECT 1 FROM links al
                  JOIN nodes k ON k.id = al.dst AND k.label = 'Claim'
                  JOIN links ab2 ON ab2.src = al.dst AND ab2.type = 'ABOUT'
                  JOIN links ab ON ab.src = x.src AND ab.type = 'ABOUT' AND ab.dst = ab2.dst
                  WHERE al.src = x.dst AND al.type = 'ALLEGES')
"""


@implements("right-of-reply")
def right_of_reply(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    if p.get("actor") is None:
        found = r.db.execute(_UNANSWERED.format(only="")).fetchall()
    else:
        actors = r.find(p["actor"], r.registry.actor_labels)
        found = []
        for actor in actors:
            sql = _UNANSWERED.format(only="AND x.dst = ?")
            found += r.db.execute(sql, (actor,)).fetchall()
    # only claims accuse (the schema); an accused that is not an actor is left out
    kinds = r.labels({a for a, _ in found})
    actor_labels = set(r.registry.actor_labels)
    found = [(a, c) for a, c in found if kinds.get(a) in actor_labels]
    counts: dict[str, int] = {}
    for a, _ in found:
        counts[a] = counts.get(a, 0) + 1
    found.sort(key=lambda pair: (-counts[pair[0]], pair[0], pair[1]))
    shown = found[: p["limit"]]
    nodes = r.nodes({x for pair in shown for x in pair})
    alleged = r.ends([c for _, c in shown], "ALLEGES", out=False)
    rows: Rows = [
        [a, nodes[a].props.get("name"), counts[a], c, nodes[c].props.get("text"), alleged[c]]
        for a, c in shown
    ]
    return Page(rows, len(found), len(found) > p["limit"])
