"""What goes into a case brief, read from the store through its API, the canned
queries and :func:`allegraph.explain.explain` (the status trail), never from a copy.

:func:`gather` returns a :class:`Brief`: plain data (dicts and strings) that the
templates in ``templates/`` lay out. Every sentence holding a claim's text is made
here, attributed (:mod:`allegraph.report.wording`), so no template can state one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from allegraph import __version__
from allegraph.model import Entity
from allegraph.report.wording import attributed, names
from allegraph.stores import GraphStore

EVERY_ROW = 1_000_000
CLAIM, EVENT, EVIDENCE = "Claim", "Event", "Evidence"


class ReportError(ValueError):
    """The brief cannot be made as asked (no such actor, event or claim; no scope)."""


@dataclass
class Brief:
    """A case brief: scope, provenance, actors, claims, open questions, sources."""

    title: str
    scope: str  # what the brief covers, in words
    store: str
    generated: str  # ISO time, UTC
    version: str
    runs: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    unanswered: list[dict[str, Any]] = field(default_factory=list)
    single_source: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def claim_ids(self) -> list[str]:
        return [c["id"] for c in self.claims]


def _name(store: GraphStore, node: Entity | None, node_id: str) -> str:
    if node is None:
        return node_id
    spec = store.registry.labels.get(node.label)
    value = node.props.get(spec.name_property) if spec else None
    return str(value) if value not in (None, "") else node_id


def _one(store: GraphStore, text: str, labels: list[str], what: str) -> str:
    hits = store.resolve(text, labels)
    if not hits:
        raise ReportError(f"no {what} matches {text!r} (by id, name or alias)")
    if len(hits) > 1:
        raise ReportError(f"{text!r} names {len(hits)} {what}s: {', '.join(hits[:10])}; give an id")
    return hits[0]


def scope_claims(
    store: GraphStore,
    *,
    actor: str | None = None,
    event: str | None = None,
    claim: str | None = None,
    everything: bool = False,
) -> tuple[list[str], str]:
    """The claims a brief covers, in id order, and the scope in words.

    ``actor``: every claim it alleges, is accused by or disputes, and every claim
    disputed by a claim it alleges; ``event``: every claim about it; ``claim``: that
    claim (id or text); ``everything``: every claim of the store.
    """
    given = [x for x in (actor, event, claim) if x is not None]
    if len(given) + bool(everything) != 1:
        raise ReportError("give one of --actor, --event, --claim or --all")
    if everything:
        return sorted(n.id for n in store.nodes(CLAIM)), "every claim in the store"
    if claim is not None:
        found = store.resolve(claim, [CLAIM])  # by id, or by its text
        if not found:
            raise ReportError(f"no claim matches {claim!r} (by id or text)")
        return sorted(found), f"the claim {', '.join(sorted(found))}"
    if event is not None:
        node = _one(store, event, [EVENT], "event")
        about = store.adjacent([node], "ABOUT", "in")[node]
        claims = _claims_among(store, about)
        return claims, f"the claims about the event {_name(store, store.get_node(node), node)}"
    assert actor is not None
    node = _one(store, actor, list(store.registry.actor_labels), "actor")
    near = store.adjacent([node])[node]
    claims = set(_claims_among(store, near))
    # what its own claims dispute: the claims it answers
    disputed = store.adjacent(claims, "DISPUTED_BY", "in")
    claims |= set(_claims_among(store, {d for found in disputed.values() for d in found}))
    name = _name(store, store.get_node(node), node)
    return sorted(claims), f"the claims {name} alleges, is accused by or disputes"


def _claims_among(store: GraphStore, ids: Iterable[str]) -> list[str]:
    labels = store.labels_of(list(ids))
    return sorted(i for i, label in labels.items() if label == CLAIM)


def _ends(store: GraphStore, ids: list[str], type_: str, direction: str) -> dict[str, list[str]]:
    found = store.adjacent(ids, type_, direction)
    return {i: sorted(found.get(i, ())) for i in ids}


def gather(
    store: GraphStore,
    *,
    actor: str | None = None,
    event: str | None = None,
    claim: str | None = None,
    everything: bool = False,
    title: str | None = None,
) -> Brief:
    """The brief of the claims in scope (see :func:`scope_claims`)."""
    from allegraph.explain import explain
    from allegraph.queries import run_query

    claims, scope = scope_claims(
        store, actor=actor, event=event, claim=claim, everything=everything
    )
    alleges = _ends(store, claims, "ALLEGES", "in")
    accuses = _ends(store, claims, "ACCUSES", "out")
    about = _ends(store, claims, "ABOUT", "out")
    disputed_by = _ends(store, claims, "DISPUTED_BY", "out")
    supported_by = _ends(store, claims, "SUPPORTS", "in")
    counter = sorted({d for ds in disputed_by.values() for d in ds} - set(claims))
    counter_alleges = _ends(store, counter, "ALLEGES", "in")
    events = sorted({e for es in about.values() for e in es})
    places = _ends(store, events, "OCCURRED_AT", "out")
    wanted = set(claims) | set(counter) | set(events)
    for group in (alleges, accuses, disputed_by, supported_by, counter_alleges, places):
        wanted |= {i for ids in group.values() for i in ids}
    # the nodes, and the links among them for the ALLEGES dates and quotes
    found, among = store.subgraph(sorted(wanted))
    nodes = {n.id: n for n in found}
    alleges_links = {(lk.src, lk.dst): lk for lk in among if lk.type == "ALLEGES"}

    def name(node_id: str) -> str:
        return _name(store, nodes.get(node_id), node_id)

    def sentence(claim_id: str, allegers: list[str]) -> str:
        node = nodes.get(claim_id)
        text = node.props.get("text", claim_id) if node else claim_id
        return attributed([name(a) for a in allegers], str(text))

    cited: dict[str, set[str]] = {}
    out: list[dict[str, Any]] = []
    for claim_id in claims:
        node = nodes[claim_id]
        trail = explain(store, claim_id)
        why = trail[0] if trail else None
        allegers = alleges[claim_id]
        weighed = {e["evidence"]: e for e in getattr(why, "evidence", None) or []}
        for src in node.sources:
            cited.setdefault(src, set()).add(claim_id)
        for s in why.sources if why else []:
            cited.setdefault(s["source"], set()).add(claim_id)
        disputes = []
        for d in why.disputes if why else []:
            entry = {**d, "sentence": None}
            by = nodes.get(d["by"])
            if by is not None and by.label == CLAIM:
                # a counter-claim: its text only ever in its attributed sentence
                who = counter_alleges.get(d["by"], alleges.get(d["by"], []))
                entry["sentence"] = sentence(d["by"], who)
                entry["name"] = None
            disputes.append(entry)
        out.append(
            {
                "id": claim_id,
                "text": node.props.get("text", ""),
                "date": node.props.get("date"),
                "sentence": sentence(claim_id, allegers),
                "alleged": [
                    {
                        "id": a,
                        "name": name(a),
                        "date": _prop(alleges_links.get((a, claim_id)), "date"),
                        "quote": _prop(alleges_links.get((a, claim_id)), "quote"),
                    }
                    for a in allegers
                ],
                "accused": [{"id": a, "name": name(a)} for a in accuses[claim_id]],
                "events": [
                    {
                        "id": e,
                        "name": name(e),
                        "date": nodes[e].props.get("date") if e in nodes else None,
                        "places": names([name(p) for p in places.get(e, [])]),
                    }
                    for e in about[claim_id]
                ],
                "status": why.status if why else "unknown",
                "rule": why.rule if why else "",
                "policy": why.policy if why else "",
                # (the caveat and the evidence trail: explain gives them from issue 17 on)
                "caveat": getattr(why, "caveat", None),
                "sources": [dict(s) for s in (why.sources if why else [])],
                "backing_actors": [dict(a) for a in (why.actors if why else [])],
                "evidence": [
                    _evidence(nodes[e], weighed.get(e))
                    for e in supported_by[claim_id]
                    if nodes.get(e) is not None and nodes[e].label == EVIDENCE
                ],
                "disputes": disputes,
                "supported_by": [
                    {"id": s, "sentence": sentence(s, _allegers(store, s))}
                    for s in supported_by[claim_id]
                    if nodes.get(s) is not None and nodes[s].label == CLAIM
                ],
            }
        )

    involved = set()
    for c in out:
        involved |= {a["id"] for a in c["alleged"]} | {a["id"] for a in c["accused"]}
        involved |= {d["by"] for d in c["disputes"] if d["sentence"] is None}
    involved |= {a for c in counter for a in counter_alleges.get(c, [])}
    actors = [
        {
            "id": a,
            "name": name(a),
            "label": nodes[a].label,
            "aliases": list(nodes[a].props.get("aliases") or []),
            "role": _role(
                sum(1 for c in out if a in {x["id"] for x in c["alleged"]}),
                sum(1 for c in out if a in {x["id"] for x in c["accused"]}),
            ),
        }
        for a in sorted(involved, key=lambda i: (name(i).lower(), i))
        if a in nodes
    ]

    in_scope = set(claims)
    reply = run_query(store, "right-of-reply", {"limit": EVERY_ROW})
    unanswered = [
        {
            "accused": row[1],
            "claim": row[3],
            "sentence": next(c["sentence"] for c in out if c["id"] == row[3]),
        }
        for row in reply.rows
        if row[3] in in_scope
    ]
    single = run_query(store, "single-source-claims", {"limit": EVERY_ROW})
    single_source = [
        {"claim": row[0], "status": row[2], "independent": row[3]}
        for row in single.rows
        if row[0] in in_scope
    ]
    return Brief(
        title=title or "Case brief",
        scope=scope,
        store=str(store.url),
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
        runs=[_run(r) for r in store.runs()],
        actors=actors,
        claims=out,
        unanswered=unanswered,
        single_source=single_source,
        sources=_sources(store, cited),
    )


def _role(alleges: int, accused: int) -> str:
    """What an actor is in the brief, in words: "alleges 3 claims; accused in 4 claims"."""
    parts = [f"alleges {alleges} claim{'s' * (alleges != 1)}"] if alleges else []
    parts += [f"accused in {accused} claim{'s' * (accused != 1)}"] if accused else []
    return "; ".join(parts) or "disputes or answers a claim"


def _prop(link: Any, key: str) -> Any:
    return link.props.get(key) if link is not None else None


def _allegers(store: GraphStore, claim_id: str) -> list[str]:
    return sorted(store.adjacent([claim_id], "ALLEGES", "in")[claim_id])


def _evidence(node: Entity, weighed: dict[str, Any] | None) -> dict[str, Any]:
    """A piece of evidence backing a claim, and whether the status rule counted it."""
    props = node.props
    return {
        "evidence": node.id,
        "title": props.get("title") or node.id,
        "why": weighed["why"] if weighed else "",
        "verification": props.get("verification") or "unverified",
        "url": props.get("url"),
        "sha256": props.get("sha256"),
        "kind": props.get("kind"),
    }


def _run(run: Any) -> dict[str, Any]:
    r = run.settled()
    return {
        "input": r.input,
        "sha256": r.sha256,
        "format": r.format,
        "status": r.status,
        "ended": r.ended or r.started,
        "loaded": r.loaded,
        "rejected": r.rejected,
    }


SOURCE_FIELDS = ("title", "publisher", "published", "kind", "reliability", "url")


def _sources(store: GraphStore, cited: dict[str, set[str]]) -> list[dict[str, Any]]:
    """The appendix: every source a claim in scope cites or rests on, in id order."""
    nodes = store.get_nodes(sorted(cited))
    rows = []
    for source_id in sorted(cited):
        node = nodes.get(source_id)
        props = node.props if node else {}
        rows.append(
            {
                "id": source_id,
                **{k: props.get(k) for k in SOURCE_FIELDS},
                "missing": node is None,
                "claims": sorted(cited[source_id]),
            }
        )
    return rows
