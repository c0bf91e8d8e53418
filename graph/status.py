"""Claim status, derived from the graph and never typed in.

For a claim *c*:

* its backing sources are ``c.sources`` plus every Source that SUPPORTS it;
  sources are independent when their publishers differ (a source with no
  publisher counts on its own);
* its backing actors are those that ALLEGE it, plus those that ALLEGE a claim
  that SUPPORTS it;
* it is *corroborated* when it has at least ``min_independent`` (default 2)
  independent sources or backing actors, *disputed* when a DISPUTED_BY leaves
  it, *contested* when both, *single-source* when neither.

The rule is one function, :func:`decide`, of a claim's :class:`ClaimFacts`.
Whoever reads the graph gathers the facts: :func:`claim_facts` from a networkx
graph here, ``EmbeddedStore.claim_facts`` with a few indexed SQL reads; the
Cypher of the canned queries computes the same thing. docs/decisions.md
explains the choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # only for hints: this module must not import networkx (CLI start-up)
    import networkx as nx

DISPUTED, CORROBORATED, CONTESTED, SINGLE_SOURCE = (
    "disputed",
    "corroborated",
    "contested",
    "single-source",
)
STATUSES = (DISPUTED, CORROBORATED, CONTESTED, SINGLE_SOURCE)

SOURCE_LABEL = "Source"  # only Source nodes lend a publisher (the Cypher matches (:Source))


class ClaimStatus(NamedTuple):
    # NamedTuples, not dataclasses: a question about every claim makes one per claim
    status: str
    sources: tuple[str, ...]
    independent_sources: int
    actors: tuple[str, ...]
    disputes: int


class ClaimFacts(NamedTuple):
    """What a claim's status is decided from, however the graph was read.

    ``sources``: its own ``sources`` plus the Sources that SUPPORT it, each once,
    sorted. ``publishers``: maps each of those that is a Source node to its
    publisher (absent or empty: the source counts on its own); it may map other
    sources too (a reader of many claims shares one mapping). ``actors``: who
    ALLEGES it or a claim that SUPPORTS it, sorted. ``disputes``: how many
    DISPUTED_BY relationships leave it.
    """

    sources: tuple[str, ...] = ()
    publishers: Mapping[str, str | None] = MappingProxyType({})
    actors: tuple[str, ...] = ()
    disputes: int = 0


def status_of(independent: int, actors: int, disputes: int, min_independent: int = 2) -> str:
    """The rule, on the counts: independent sources, backing actors, disputes."""
    corroborated = independent >= min_independent or actors >= min_independent
    if disputes and corroborated:
        return CONTESTED
    if disputes:
        return DISPUTED
    return CORROBORATED if corroborated else SINGLE_SOURCE


def decide(facts: ClaimFacts, min_independent: int = 2) -> ClaimStatus:
    """A claim's status from its facts (the counts go to :func:`status_of`)."""
    publisher = facts.publishers.get
    independent = len({publisher(s) or f"id:{s}" for s in facts.sources})
    status = status_of(independent, len(facts.actors), facts.disputes, min_independent)
    return ClaimStatus(status, facts.sources, independent, facts.actors, facts.disputes)


def make_facts(
    own_sources: list[str] | None,
    supporting_sources: list[str],
    publishers: Mapping[str, str | None],
    actors: set[str],
    disputes: int,
) -> ClaimFacts:
    """:class:`ClaimFacts` from what a reader found: each source and actor once, sorted;
    ``publishers`` is kept as given (it is only read)."""
    sources = tuple(sorted({*(own_sources or ()), *supporting_sources}))
    return ClaimFacts(sources, publishers, tuple(sorted(actors)), disputes)


def _edges(graph: nx.MultiDiGraph, node: str, type_: str, out: bool) -> list[str]:
    edges = graph.out_edges(node, data="type") if out else graph.in_edges(node, data="type")
    return [(v if out else u) for u, v, t in edges if t == type_]


def claim_facts(graph: nx.MultiDiGraph, claim: str) -> ClaimFacts:
    """The facts of one claim in a graph made by ``GraphStore.to_networkx``."""
    nodes = graph.nodes
    supporters = _edges(graph, claim, "SUPPORTS", out=False)
    by_source = [s for s in supporters if nodes[s].get("label") == SOURCE_LABEL]
    own = list(nodes[claim].get("sources") or [])
    publishers = {
        s: nodes[s].get("publisher")
        for s in {*own, *by_source}
        if s in graph and nodes[s].get("label") == SOURCE_LABEL
    }
    actors = set(_edges(graph, claim, "ALLEGES", out=False))
    for other in supporters:
        if nodes[other].get("label") == "Claim":
            actors.update(_edges(graph, other, "ALLEGES", out=False))
    disputes = len(_edges(graph, claim, "DISPUTED_BY", out=True))
    return make_facts(own, by_source, publishers, actors, disputes)


def claim_status(graph: nx.MultiDiGraph, claim: str, min_independent: int = 2) -> ClaimStatus:
    """The derived status of one claim in a graph made by ``GraphStore.to_networkx``."""
    return decide(claim_facts(graph, claim), min_independent)


def claim_statuses(graph: nx.MultiDiGraph, min_independent: int = 2) -> dict[str, ClaimStatus]:
    """The status of every Claim node in the graph."""
    return {
        node: claim_status(graph, node, min_independent)
        for node, label in graph.nodes(data="label")
        if label == "Claim"
    }


# -- status kept up to date as data loads ------------------------------------------
DEFAULT_MIN = 2  # the threshold of the status each store keeps; queries may ask another


class Touched(NamedTuple):
    """What one batch can change the status of (the store widens it: see ``touched``).

    ``claims``: claims written, and claims a written link gives a source, an actor or
    a dispute (ALLEGES, SUPPORTS and DISPUTED_BY into or out of them). ``alleging``:
    claims that gained an ALLEGES: the claims *they* SUPPORT gain backing actors too.
    ``sources``: Sources written: the claims that cite them (a publisher may have
    changed) and the claims they SUPPORT.
    """

    claims: frozenset[str]
    alleging: frozenset[str]
    sources: frozenset[str]


def touched(entities: list, links: list) -> Touched:
    """The claims and sources one batch of validated entities and links touches."""
    claims: set[str] = set()
    alleging: set[str] = set()
    sources: set[str] = set()
    for ent in entities:
        if ent.label == "Claim":
            claims.add(ent.id)
        elif ent.label == SOURCE_LABEL:
            sources.add(ent.id)
    for link in links:
        if link.type in ("ALLEGES", "SUPPORTS"):
            claims.add(link.dst)
            if link.type == "ALLEGES":
                alleging.add(link.dst)
        elif link.type == "DISPUTED_BY":
            claims.add(link.src)
    return Touched(frozenset(claims), frozenset(alleging), frozenset(sources))


def status_cypher() -> str:
    """The Cypher that keeps a claim's status on Neo4j (graph/stores/claim_status.cypher)."""
    from importlib.resources import files

    return files("allegraph.stores").joinpath("claim_status.cypher").read_text("utf-8")
