"""Why a claim has its status: every step of the rule (allegraph.status) for one claim.

:func:`explain` runs the canned query ``claim-explain`` (so both stores answer
alike) and groups its rows into one :class:`Explanation` per matching claim: the
status and the counts it was decided from, the policy applied, every backing
source (counted or not, and why), every backing actor, every dispute.
``allegraph explain`` prints it as a table, JSON or Markdown.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

EVERY_ROW = 1_000_000


@dataclass
class Explanation:
    """The trail of one claim's status (the rows of ``claim-explain``, grouped)."""

    claim: str
    text: str | None
    status: str
    rule: str  # the counts the status is decided from, in words
    policy: str
    counts: dict[str, int] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    disputes: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    caveat: str | None = None  # what its evidence leaves open (allegraph.status)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


SOURCE_KEYS = ("source", "title", "publisher", "reliability", "origin", "counted", "why")
ACTOR_KEYS = ("actor", "name", "why")
DISPUTE_KEYS = ("by", "name", "stance", "why")
EVIDENCE_KEYS = ("evidence", "title", "counted", "why")


def explain(store, claim: str, min_independent: int | None = None) -> list[Explanation]:
    """The status trail of each claim whose id or text is ``claim`` (none: ``[]``)."""
    from allegraph.queries import run_query
    from allegraph.status import policy

    least = policy().min if min_independent is None else min_independent
    result = run_query(store, "claim-explain", {"claim": claim, "min": least, "limit": EVERY_ROW})
    found: dict[str, Explanation] = {}
    for (
        cid,
        status,
        part,
        item,
        name,
        publisher,
        grade,
        origin,
        counted,
        stance,
        why,
    ) in result.rows:
        if part == "status":
            found[cid] = Explanation(cid, name, status, why, "")
            continue
        here = found[cid]
        if part == "policy":
            here.policy = why
        elif part == "source":
            values = (item, name, publisher, grade, origin, counted, why)
            here.sources.append(dict(zip(SOURCE_KEYS, values, strict=True)))
        elif part == "actor":
            here.actors.append(dict(zip(ACTOR_KEYS, (item, name, why), strict=True)))
        elif part == "dispute":
            values = (item, name, stance, why)
            here.disputes.append(dict(zip(DISPUTE_KEYS, values, strict=True)))
        elif part == "evidence":
            values = (item, name, counted, why)
            here.evidence.append(dict(zip(EVIDENCE_KEYS, values, strict=True)))
        elif part == "caveat":
            here.caveat = why
    for here in found.values():
        here.counts = {
            "sources": len(here.sources),
            "independent_sources": sum(1 for s in [*here.sources, *here.evidence] if s["counted"]),
            "backing_actors": len({a["actor"] for a in here.actors}),
            "disputes": len(here.disputes),
            "denials": sum(1 for d in here.disputes if d["stance"] == "denial"),
            "retractions": sum(1 for d in here.disputes if d["stance"] == "retraction"),
            "evidence": len(here.evidence),
            "min": least,
        }
    return list(found.values())


def _summary(e: Explanation) -> str:
    """One sentence: why the claim has its status."""
    counted = [s for s in e.sources if s["counted"]]
    origins = sorted({s["origin"] for s in e.sources})
    if len(e.sources) == 1:
        why = f"{e.sources[0]['source']} is its only source"
    elif len(origins) == 1:
        why = f"{origins[0]} is its only origin ({len(e.sources) - 1} copies of it back it too)"
    else:
        why = f"{len(counted)} independent of {len(e.sources)} backing sources"
    if e.disputes:
        stances = Counter(d["stance"] for d in e.disputes)
        why += "; disputed: " + ", ".join(f"{n} {s}" for s, n in sorted(stances.items()))
    if e.caveat:
        why += f"; caveat: {e.caveat}"
    return f"{e.claim} is {e.status}: {why}; {e.rule}."


def as_json(found: list[Explanation]) -> str:
    return json.dumps([e.as_dict() for e in found], ensure_ascii=False, indent=2)


def _table(keys: tuple[str, ...], rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [[row[k] for k in keys] for row in rows]


def as_text(found: list[Explanation]) -> str:
    from allegraph.cli.common import render_table

    out: list[str] = []
    for e in found:
        out += [f"claim   {e.claim}: {e.text}", f"status  {e.status} ({e.rule})"]
        if e.caveat:
            out.append(f"caveat  {e.caveat}")
        out += [f"policy  {e.policy}", f"why     {_summary(e)}", ""]
        for title, keys, rows in _parts(e):
            out += [f"{title}:", render_table(keys, _table(keys, rows)) if rows else "  none", ""]
    return "\n".join(out).rstrip("\n")


def _parts(e: Explanation) -> list[tuple[str, tuple[str, ...], list[dict[str, Any]]]]:
    return [
        ("backing sources", SOURCE_KEYS, e.sources),
        ("backing actors", ACTOR_KEYS, e.actors),
        ("disputes", DISPUTE_KEYS, e.disputes),
        ("evidence", EVIDENCE_KEYS, e.evidence),
    ]


def _md(value: Any) -> str:
    text = (
        ""
        if value is None
        else ("yes" if value is True else "no" if value is False else str(value))
    )
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(found: list[Explanation]) -> str:
    out: list[str] = []
    for e in found:
        out += [f"## {_md(e.claim)}: {_md(e.text)}", ""]
        out += [f"**{e.status}**: {_md(_summary(e))}", "", f"Policy: {_md(e.policy)}.", ""]
        for title, keys, rows in _parts(e):
            out += [f"### {title.capitalize()}", ""]
            if not rows:
                out += ["None.", ""]
                continue
            out += ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
            out += ["| " + " | ".join(_md(row[k]) for k in keys) + " |" for row in rows]
            out.append("")
    return "\n".join(out).rstrip("\n")


FORMATS = {"table": as_text, "json": as_json, "markdown": as_markdown}
