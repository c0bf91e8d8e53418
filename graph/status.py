"""Claim status, derived from the graph and never typed in.

For a claim *c*, under the policy of ``schema/status.yaml`` (``Registry.status``):

* its backing sources are ``c.sources`` plus every Source that SUPPORTS it;
  a source's *origin* is the root of its DERIVED_FROM chain (itself when it
  derives from none); a backing source *counts* when the policy counts its
  reliability grade (default: A, B, C, F and ungraded); counted sources are
  *independent* when their origins differ and the origins' publishers differ
  (copies collapse onto their origin; an origin without a publisher stands alone);
* its backing actors are those that ALLEGE it, plus those that ALLEGE a claim
  that SUPPORTS it;
* each DISPUTED_BY leaving it has a *stance* (:func:`stance_of`): the one given
  on it, else ``retraction`` when who disputes (an actor, or those who ALLEGE the
  counter-claim) includes one who ALLEGES the claim, ``denial`` when all of them
  are among those it ACCUSES, ``rebuttal`` otherwise;
* each Evidence that SUPPORTS it and whose verification state the policy counts
  (default: authenticated) adds one independent source; when it has evidence and
  none of it counts, or some of it is fabricated, it carries a *caveat*
  (:func:`evidence_caveat`): its status says what the graph holds, the caveat
  what that rests on;
* its status is the first of the policy's statuses whose conditions hold
  (default: *retracted* with a retraction, *contested* when rebutted (or
  corrected) and corroborated, *disputed* when rebutted, *denied* when only
  denied, *corroborated* with at least ``min`` (2) independent sources or
  backing actors, *single-source* otherwise).

The rule is one function, :func:`decide`, of a claim's :class:`ClaimFacts`;
:func:`weigh` says, source by source, what :func:`decide` counted and why
(``allegraph explain``). Whoever reads the graph gathers the facts:
:func:`claim_facts` from a networkx graph here, ``EmbeddedStore.claim_facts``
with a few indexed SQL reads; graph/stores/claim_status.cypher computes the same
thing on Neo4j. docs/decisions.md explains the choices.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from allegraph.schema.registry import StatusPolicy

if TYPE_CHECKING:  # only for hints: this module must not import networkx (CLI start-up)
    import networkx as nx

# A dispute's stance (DISPUTED_BY `stance`, or derived: :func:`stance_of`)
DENIAL, RETRACTION, REBUTTAL, CORRECTION = "denial", "retraction", "rebuttal", "correction"
STANCES = (DENIAL, RETRACTION, REBUTTAL, CORRECTION)

SOURCE_LABEL = "Source"  # only Source nodes lend a publisher (the Cypher matches (:Source))
DERIVED_FROM = "DERIVED_FROM"
EVIDENCE_LABEL = "Evidence"
UNVERIFIED, FABRICATED = "unverified", "fabricated"  # evidence without a state is unverified
# the caveats (claim-status `caveat`, explain, views); the Cypher writes the same words
NOT_VERIFIED, FABRICATED_EVIDENCE = "evidence not verified", "evidence fabricated"


def policy() -> StatusPolicy:
    """The shipped status policy (schema/status.yaml, through the registry)."""
    from allegraph.schema import registry

    return registry().status


class ClaimStatus(NamedTuple):
    # NamedTuples, not dataclasses: a question about every claim makes one per claim
    status: str
    sources: tuple[str, ...]
    independent_sources: int
    actors: tuple[str, ...]
    disputes: int
    denials: int = 0
    retractions: int = 0
    stances: tuple[tuple[str, str], ...] = ()  # (DISPUTED_BY id, stance), as in ClaimFacts
    caveat: str | None = None  # about the evidence it rests on (evidence_caveat)


class ClaimFacts(NamedTuple):
    """What a claim's status is decided from, however the graph was read.

    ``sources``: its own ``sources`` plus the Sources that SUPPORT it, each once,
    sorted. ``publishers``: maps Source nodes (those backing it, and their
    origins) to their publisher (absent or empty: none). ``actors``: who ALLEGES
    it or a claim that SUPPORTS it, sorted. ``disputes``: how many DISPUTED_BY
    relationships leave it; ``stances``: ``(relationship id, stance)`` of each, by
    id (a dispute missing from it counts as a rebuttal). ``evidence``: ``(id,
    verification state)`` of each Evidence that SUPPORTS it, by id. ``reliability``: maps
    backing Source nodes to their grade (absent: ungraded). ``origins``: maps a
    backing source to its origin when that is another source (absent: its own).
    A reader of many claims may share one mapping of each among them.
    """

    sources: tuple[str, ...] = ()
    publishers: Mapping[str, str | None] = MappingProxyType({})
    actors: tuple[str, ...] = ()
    disputes: int = 0
    reliability: Mapping[str, str | None] = MappingProxyType({})
    origins: Mapping[str, str] = MappingProxyType({})
    stances: tuple[tuple[str, str], ...] = ()
    evidence: tuple[tuple[str, str], ...] = ()  # (Evidence id, state) of what SUPPORTS it


class Weighed(NamedTuple):
    """One backing source as :func:`decide` weighs it.

    ``origin``: the root of its DERIVED_FROM chain (itself when none); ``counted``:
    whether it adds one to the independent sources (one source per origin
    publisher does); ``why``: in words ("counted", "copy of wire-1",
    "reliability E not counted", "same publisher as s2", ...).
    """

    source: str
    publisher: str | None
    reliability: str | None
    origin: str
    counted: bool
    why: str


def status_of(
    independent: int,
    actors: int,
    disputes: int,
    min_independent: int = 2,
    denials: int = 0,
    retractions: int = 0,
    rule: StatusPolicy | None = None,
) -> str:
    """The rule, on the counts: independent sources, backing actors, disputes (of
    which ``denials`` and ``retractions``; the others are rebuttals or corrections):
    the policy's first status whose conditions hold."""
    holds = []
    if retractions:
        holds.append(RETRACTION)
    if denials:
        holds.append(DENIAL)
    if disputes - denials - retractions > 0:
        holds.append(REBUTTAL)
    if independent >= min_independent or actors >= min_independent:
        holds.append("corroborated")
    return (rule or policy()).status(holds)


def stance_of(
    given: str | None, disputers: Iterable[str], allegers: Iterable[str], accused: Iterable[str]
) -> str:
    """The stance of one DISPUTED_BY: ``given`` when the relationship says it; else
    a retraction when ``disputers`` (the actor disputing, or those who ALLEGE the
    counter-claim) include one who ALLEGES the claim, a denial when there are some
    and all are among those it ACCUSES, a rebuttal otherwise (a third party, or a
    counter-claim nobody on record alleges)."""
    if given:
        return given
    by = set(disputers)
    if by & set(allegers):
        return RETRACTION
    if by and by <= set(accused):
        return DENIAL
    return REBUTTAL


def _key(facts: ClaimFacts, source: str) -> str:
    """What independence is judged by: the publisher of the source's origin, or the
    origin itself when it has none."""
    origin = facts.origins.get(source, source)
    return facts.publishers.get(origin) or f"id:{origin}"


def independent_sources(facts: ClaimFacts, rule: StatusPolicy | None = None) -> int:
    """How many independent counted sources back the claim (see the module): each
    piece of evidence in a state the policy counts is one more."""
    rule = rule or policy()
    counts, grade = rule.counts, facts.reliability.get
    counted = sum(1 for _, state in facts.evidence if state in rule.evidence)
    return len({_key(facts, s) for s in facts.sources if counts(grade(s))}) + counted


def evidence_caveat(facts: ClaimFacts, rule: StatusPolicy | None = None) -> str | None:
    """What a claim's evidence leaves open: ``evidence fabricated`` when some of it is
    fabricated, ``evidence not verified`` when it has evidence and none of it is in a
    state the policy counts (unverified, unresolved, disputed); else None."""
    states = [state for _, state in facts.evidence]
    if FABRICATED in states:
        return FABRICATED_EVIDENCE
    if states and not set(states) & set((rule or policy()).evidence):
        return NOT_VERIFIED
    return None


def weigh_evidence(
    facts: ClaimFacts, rule: StatusPolicy | None = None
) -> list[tuple[str, str, bool, str]]:
    """``(id, state, counted, why)`` of each piece of evidence that SUPPORTS the claim."""
    rule = rule or policy()
    found = []
    for ident, state in facts.evidence:
        counted = state in rule.evidence
        why = f"{state}, counted as an independent source" if counted else f"{state}, not counted"
        found.append((ident, state, counted, why))
    return found


def decide(
    facts: ClaimFacts, min_independent: int | None = None, rule: StatusPolicy | None = None
) -> ClaimStatus:
    """A claim's status from its facts (the counts go to :func:`status_of`); the
    policy's ``min`` unless ``min_independent`` says otherwise."""
    rule = rule or policy()
    least = rule.min if min_independent is None else min_independent
    independent = independent_sources(facts, rule)
    stances = [stance for _, stance in facts.stances]
    denials, retractions = stances.count(DENIAL), stances.count(RETRACTION)
    status = status_of(
        independent, len(facts.actors), facts.disputes, least, denials, retractions, rule
    )
    return ClaimStatus(
        status,
        facts.sources,
        independent,
        facts.actors,
        facts.disputes,
        denials,
        retractions,
        facts.stances,
        evidence_caveat(facts, rule),
    )


def weigh(facts: ClaimFacts, rule: StatusPolicy | None = None) -> list[Weighed]:
    """Each backing source, in id order, as :func:`decide` counts it, and why.

    Of the counted sources that share an origin publisher, one is counted: an
    origin before a copy, then the first by id; the others are a "copy of" their
    origin, or of the "same publisher as" the one counted."""
    rule = rule or policy()
    grade, origin_of = facts.reliability.get, facts.origins.get
    chosen: dict[str, str] = {}
    for s in sorted(facts.sources, key=lambda s: (origin_of(s, s) != s, s)):
        if rule.counts(grade(s)):
            chosen.setdefault(_key(facts, s), s)
    weighed = []
    for s in facts.sources:
        origin = origin_of(s, s)
        one = chosen.get(_key(facts, s))
        if not rule.counts(grade(s)):
            why = f"reliability {grade(s)} not counted" if grade(s) else "ungraded, not counted"
        elif one == s:
            why = "counted" if origin == s else f"counted, for its origin {origin}"
        elif origin != s and origin_of(one, one) == origin:
            why = f"copy of {origin}"
        elif origin != s:
            why = f"copy of {origin}, same publisher as {one}"
        else:
            why = f"same publisher as {one}"
        weighed.append(Weighed(s, facts.publishers.get(s), grade(s), origin, one == s, why))
    return weighed


def make_facts(
    own_sources: list[str] | None,
    supporting_sources: list[str],
    publishers: Mapping[str, str | None],
    actors: set[str],
    disputes: int,
    reliability: Mapping[str, str | None] | None = None,
    origins: Mapping[str, str] | None = None,
    stances: Iterable[tuple[str, str]] = (),
    evidence: Iterable[tuple[str, str]] = (),
) -> ClaimFacts:
    """:class:`ClaimFacts` from what a reader found: each source and actor once, sorted;
    the mappings are kept as given (they are only read)."""
    sources = tuple(sorted({*(own_sources or ()), *supporting_sources}))
    return ClaimFacts(
        sources,
        publishers,
        tuple(sorted(actors)),
        disputes,
        MappingProxyType({}) if reliability is None else reliability,
        MappingProxyType({}) if origins is None else origins,
        tuple(sorted(stances)),
        tuple(sorted((str(e), s or UNVERIFIED) for e, s in evidence)),
    )


def origin_among(reached: Mapping[str, bool], source: str) -> str:
    """The origin of ``source`` from what its DERIVED_FROM chain reaches (``node ->
    whether it derives from none``, the source itself included): the first root by
    id; where no root is reached (a cycle), the first id reached."""
    roots = [node for node, root in reached.items() if root]
    return min(roots) if roots else min(reached, default=source)


def _edges(graph: nx.MultiDiGraph, node: str, type_: str, out: bool) -> list[str]:
    edges = graph.out_edges(node, data="type") if out else graph.in_edges(node, data="type")
    return [(v if out else u) for u, v, t in edges if t == type_]


def _origin_in(graph: nx.MultiDiGraph, source: str) -> str:
    """The origin of a source in a networkx graph (see :func:`origin_among`)."""
    reached, todo = {}, [source]
    while todo:
        node = todo.pop()
        if node in reached:
            continue
        ahead = _edges(graph, node, DERIVED_FROM, out=True) if node in graph else []
        reached[node] = not ahead
        todo.extend(ahead)
    return origin_among(reached, source)


def claim_facts(graph: nx.MultiDiGraph, claim: str) -> ClaimFacts:
    """The facts of one claim in a graph made by ``GraphStore.to_networkx``."""
    nodes = graph.nodes
    supporters = _edges(graph, claim, "SUPPORTS", out=False)
    by_source = [s for s in supporters if nodes[s].get("label") == SOURCE_LABEL]
    own = list(nodes[claim].get("sources") or [])

    def is_source(s: str) -> bool:
        return s in graph and nodes[s].get("label") == SOURCE_LABEL

    backing = [s for s in {*own, *by_source} if is_source(s)]
    origins = {s: o for s in backing if (o := _origin_in(graph, s)) != s}
    publishers = {s: nodes[s].get("publisher") for s in {*backing, *origins.values()}}
    reliability = {s: nodes[s].get("reliability") for s in backing}
    actors = set(_edges(graph, claim, "ALLEGES", out=False))
    for other in supporters:
        if nodes[other].get("label") == "Claim":
            actors.update(_edges(graph, other, "ALLEGES", out=False))
    allegers = _edges(graph, claim, "ALLEGES", out=False)
    accused = _edges(graph, claim, "ACCUSES", out=True)
    stances = []
    for _, target, key, props in graph.out_edges(claim, keys=True, data=True):
        if props.get("type") != "DISPUTED_BY":
            continue
        is_claim = nodes[target].get("label") == "Claim"
        by = _edges(graph, target, "ALLEGES", out=False) if is_claim else [target]
        stances.append((str(key), stance_of(props.get("stance"), by, allegers, accused)))
    disputes = len(stances)
    evidence = [
        (e, nodes[e].get("verification"))
        for e in supporters
        if nodes[e].get("label") == EVIDENCE_LABEL
    ]
    return make_facts(
        own, by_source, publishers, actors, disputes, reliability, origins, stances, evidence
    )


def claim_status(
    graph: nx.MultiDiGraph, claim: str, min_independent: int | None = None
) -> ClaimStatus:
    """The derived status of one claim in a graph made by ``GraphStore.to_networkx``."""
    return decide(claim_facts(graph, claim), min_independent)


def claim_statuses(
    graph: nx.MultiDiGraph, min_independent: int | None = None
) -> dict[str, ClaimStatus]:
    """The status of every Claim node in the graph."""
    return {
        node: claim_status(graph, node, min_independent)
        for node, label in graph.nodes(data="label")
        if label == "Claim"
    }


# -- status kept up to date as data loads ------------------------------------------
class Touched(NamedTuple):
    """What one batch can change the status of (the store widens it: see ``touched``).

    ``claims``: claims written, and claims a written link gives a source, an actor or
    a dispute (ALLEGES, SUPPORTS and DISPUTED_BY into or out of them). ``accusing``:
    claims that gained an ACCUSES: whom a claim accuses changes only the stance of
    its disputes, so the store recomputes those of them that have a dispute (most
    claims have none: a load of accusations would otherwise decide every claim
    again). ``alleging``: claims that gained an ALLEGES: the claims *they* SUPPORT gain
    backing actors too, and the stance of the disputes they are the counter-claim of
    may change.
    ``sources``: Sources and Evidence written: the claims that cite them (a publisher
    or grade may have changed) and the claims they SUPPORT (a verification state may
    have changed). ``derived``: Sources that gained a
    DERIVED_FROM: their origin, and that of every source derived from them, may
    have changed, and so the status of every claim those sources back.
    """

    claims: frozenset[str]
    alleging: frozenset[str]
    sources: frozenset[str]
    derived: frozenset[str] = frozenset()
    accusing: frozenset[str] = frozenset()


def touched(entities: list, links: list) -> Touched:
    """The claims and sources one batch of validated entities and links touches."""
    claims: set[str] = set()
    alleging: set[str] = set()
    sources: set[str] = set()
    derived: set[str] = set()
    accusing: set[str] = set()
    for ent in entities:
        if ent.label == "Claim":
            claims.add(ent.id)
        elif ent.label in (SOURCE_LABEL, EVIDENCE_LABEL):
            sources.add(ent.id)  # evidence re-verified: the claims it SUPPORTS
    for link in links:
        if link.type in ("ALLEGES", "SUPPORTS"):
            claims.add(link.dst)
            if link.type == "ALLEGES":
                alleging.add(link.dst)
        elif link.type == "DISPUTED_BY":
            claims.add(link.src)
        elif link.type == "ACCUSES":
            accusing.add(link.src)
        elif link.type == DERIVED_FROM:
            derived.add(link.src)
    return Touched(
        frozenset(claims),
        frozenset(alleging),
        frozenset(sources),
        frozenset(derived),
        frozenset(accusing),
    )


def status_cypher() -> str:
    """The Cypher that keeps a claim's status on Neo4j (graph/stores/claim_status.cypher)."""
    from importlib.resources import files

    return files("allegraph.stores").joinpath("claim_status.cypher").read_text("utf-8")
