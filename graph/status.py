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

The Cypher of the canned queries computes the same thing; docs/decisions.md
explains the choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for hints: this module must not import networkx (CLI start-up)
    import networkx as nx

DISPUTED, CORROBORATED, CONTESTED, SINGLE_SOURCE = (
    "disputed",
    "corroborated",
    "contested",
    "single-source",
)
STATUSES = (DISPUTED, CORROBORATED, CONTESTED, SINGLE_SOURCE)


@dataclass(frozen=True)
class ClaimStatus:
    status: str
    sources: tuple[str, ...]
    independent_sources: int
    actors: tuple[str, ...]
    disputes: int


def _edges(graph: nx.MultiDiGraph, node: str, type_: str, out: bool) -> list[str]:
    edges = graph.out_edges(node, data="type") if out else graph.in_edges(node, data="type")
    return [(v if out else u) for u, v, t in edges if t == type_]


def claim_status(graph: nx.MultiDiGraph, claim: str, min_independent: int = 2) -> ClaimStatus:
    """The derived status of one claim in a graph made by ``GraphStore.to_networkx``."""
    attrs = graph.nodes[claim]
    sources = list(attrs.get("sources") or [])
    supporters = _edges(graph, claim, "SUPPORTS", out=False)
    sources += [s for s in supporters if graph.nodes[s].get("label") == "Source"]
    sources = sorted(set(sources))
    publishers = {
        (graph.nodes[s].get("publisher") if s in graph else None) or f"id:{s}" for s in sources
    }
    actors = set(_edges(graph, claim, "ALLEGES", out=False))
    for other in supporters:
        if graph.nodes[other].get("label") == "Claim":
            actors.update(_edges(graph, other, "ALLEGES", out=False))
    disputes = len(_edges(graph, claim, "DISPUTED_BY", out=True))
    corroborated = len(publishers) >= min_independent or len(actors) >= min_independent
    if disputes and corroborated:
        status = CONTESTED
    elif disputes:
        status = DISPUTED
    elif corroborated:
        status = CORROBORATED
    else:
        status = SINGLE_SOURCE
    return ClaimStatus(status, tuple(sources), len(publishers), tuple(sorted(actors)), disputes)


def claim_statuses(graph: nx.MultiDiGraph, min_independent: int = 2) -> dict[str, ClaimStatus]:
    """The status of every Claim node in the graph."""
    return {
        node: claim_status(graph, node, min_independent)
        for node, label in graph.nodes(data="label")
        if label == "Claim"
    }
