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


def _actor_filter(column: str, actors: list[str] | None) -> tuple[str, list[str]]:
    if actors is None:
        return "", []
    return f" AND {column} IN ({','.join('?' * len(actors))})", list(actors)


def unanswered(r: EmbeddedReader, actors: list[str] | None) -> list[tuple[str, str]]:
    """``(accused, claim)`` of every ACCUSES (of ``actors``, or of anyone) with no
    response of the accused on record. Set-based: each kind of response is read once
    for all pairs (the links of that type, from the type index; the actors' own
    links when ``actors`` are given), never per pair: an actor that alleges or is
    accused by thousands of claims costs no more per pair."""
    db = r.db
    by_dst, by_src, by_type = (f"INDEXED BY links_{i}" for i in ("dst", "src", "type"))
    where, args = _actor_filter("dst", actors)
    index = by_dst if actors is not None else by_type
    pairs = set(
        db.execute(f"SELECT dst, src FROM links {index} WHERE type = 'ACCUSES'{where}", args)
    )
    if not pairs:
        return []
    accused = {a for a, _ in pairs}
    # the accused disputes the claim, or alleges a counter-claim that disputes it
    where, args = _actor_filter("dst", actors)
    answered = {
        pair
        for pair in db.execute(
            f"SELECT dst, src FROM links {index} WHERE type = 'DISPUTED_BY'{where}", args
        )
        if pair in pairs
    }
    where, args = _actor_filter("al.src", actors)
    if actors is None:  # from every dispute to who alleges its counter-claim
        counter = (
            f"SELECT al.src, d.src FROM links d {by_type} "
            "CROSS JOIN links al INDEXED BY links_dst ON al.dst = d.dst AND al.type = 'ALLEGES' "
            "WHERE d.type = 'DISPUTED_BY'"
        )
    else:  # from what the actors allege to the disputes it is the counter-claim of
        counter = (
            "SELECT al.src, d.src FROM links al INDEXED BY links_src "
            "CROSS JOIN links d INDEXED BY links_dst ON d.dst = al.dst AND d.type = 'DISPUTED_BY' "
            f"WHERE al.type = 'ALLEGES'{where}"
        )
    # (ALLEGES reach Claims only, by the schema: the counter-claim is a Claim)
    answered.update(pair for pair in db.execute(counter, args) if pair in pairs)
    # ... or alleges the claim itself, or a claim about one of its events
    events_of: dict[str, set[str]] = {}
    spoken = (
        f"SELECT al.src, al.dst, ab.dst FROM links al {by_src if actors else by_type} "
        "LEFT JOIN links ab INDEXED BY links_src ON ab.src = al.dst AND ab.type = 'ABOUT' "
        f"WHERE al.type = 'ALLEGES'{where}"
    )
    for a, c, event in db.execute(spoken, args):
        if a in accused:
            if (a, c) in pairs:
                answered.add((a, c))
            if event is not None:
                events_of.setdefault(a, set()).add(event)
    left = [(a, c) for a, c in pairs if (a, c) not in answered]
    about = r.ends({c for a, c in left if a in events_of}, "ABOUT", out=True)
    return [(a, c) for a, c in left if not events_of.get(a, set()).intersection(about.get(c, ()))]


@implements("right-of-reply")
def right_of_reply(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    actors = None if p.get("actor") is None else r.find(p["actor"], r.registry.actor_labels)
    found = unanswered(r, actors) if actors is None or actors else []
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
