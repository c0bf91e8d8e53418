"""Which part of a store a view shows: all of it, an actor's ego network, a claim.

Each selection is a :class:`Selection`: the subgraph, a title, the claim
statuses and source details computed on the *whole* graph (a claim's status
depends on links that may lie outside the subgraph), and the order in which
nodes are kept if the view must be cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from allegraph.status import ClaimStatus, claim_statuses
from allegraph.stores import GraphStore
from allegraph.views.payload import display_name
from allegraph.views.subgraph import induced

# Around a claim: which relationships to follow one step further from its
# neighbours, so the view shows who makes each neighbouring (counter-)claim and
# where each event took place.
CLAIM_CONTEXT = {"in": ("ALLEGES",), "out": ("OCCURRED_AT",)}


@dataclass
class Selection:
    graph: nx.MultiDiGraph
    title: str
    statuses: dict[str, ClaimStatus]
    sources: dict[str, Mapping[str, Any]]
    priority: list[str] = field(default_factory=list)
    description: str = ""
    centre: str | None = None


def _sources_of(full: nx.MultiDiGraph, sub: nx.MultiDiGraph) -> dict[str, Mapping[str, Any]]:
    """Attributes of every source cited by a node or relationship of ``sub``."""
    cited = set()
    for _, attrs in sub.nodes(data=True):
        cited.update(attrs.get("sources") or [])
    for _, _, attrs in sub.edges(data=True):
        cited.update(attrs.get("sources") or [])
    return {s: full.nodes[s] for s in cited if s in full}


def _select(
    full: nx.MultiDiGraph,
    ids: Iterable[str],
    title: str,
    links: Iterable[str] | None = None,
    **kw: Any,
) -> Selection:
    sub = induced(full, ids, links)
    return Selection(
        graph=sub,
        title=title,
        statuses={n: s for n, s in claim_statuses(full).items() if n in sub},
        sources=_sources_of(full, sub),
        **kw,
    )


def resolve_one(store: GraphStore, name: str, labels: Iterable[str] | None = None) -> str:
    """The one node id that ``name`` (an id, name or alias) stands for; ValueError otherwise."""
    hits = store.resolve(name, labels)
    if not hits:
        raise ValueError(f"no node is called {name!r} (by id, name or alias)")
    if len(hits) > 1:
        shown = ", ".join(hits[:10]) + (" ..." if len(hits) > 10 else "")
        raise ValueError(f"{name!r} names {len(hits)} nodes: {shown}; give an id")
    return hits[0]


def whole(store: GraphStore, title: str | None = None) -> Selection:
    full = store.to_networkx()
    return _select(full, full.nodes, title or "Whole graph", description="the whole graph")


def ids_of(
    store: GraphStore,
    ids: Iterable[str],
    title: str = "Selected nodes",
    links: Iterable[str] | None = None,
) -> Selection:
    """The nodes ``ids`` (e.g. a query's result) and the relationships between them.

    With ``links`` (relationship ids, e.g. the path a query found), only those
    relationships are drawn. Unknown ids are ignored.
    """
    full = store.to_networkx()
    wanted = [i for i in dict.fromkeys(ids) if i in full]
    return _select(
        full,
        wanted,
        title,
        links=links,
        priority=wanted,
        description=f"{len(wanted)} node(s) of a result",
    )


def ego(store: GraphStore, actor: str, depth: int = 2) -> Selection:
    """Every node within ``depth`` relationships of ``actor``, in either direction."""
    if depth < 0:
        raise ValueError("--depth must be 0 or more")
    centre = resolve_one(store, actor)
    full = store.to_networkx()
    distances = nx.single_source_shortest_path_length(
        full.to_undirected(as_view=True), centre, cutoff=depth
    )
    ordered = sorted(distances, key=lambda n: (distances[n], str(n)))
    name = display_name(store.registry, full.nodes[centre], centre)
    return _select(
        full,
        ordered,
        f"{name}: ego network, depth {depth}",
        priority=ordered,
        description=f"nodes within {depth} relationship(s) of {centre}",
        centre=centre,
    )


def claim(store: GraphStore, claim_id: str) -> Selection:
    """A claim with everything around it.

    Its neighbours (who alleges and disputes it, whom it accuses, what it is
    about, what supports it, where it is cited), who alleges each neighbouring
    claim, where each neighbouring event happened, and the sources cited by
    all of these.
    """
    centre = resolve_one(store, claim_id)
    full = store.to_networkx()
    if full.nodes[centre].get("label") != "Claim":
        label = full.nodes[centre].get("label")
        raise ValueError(f"{claim_id!r} is not a Claim: its label is {label}")
    around = [centre, *sorted(set(full.predecessors(centre)) | set(full.successors(centre)))]
    more = []
    for node in around[1:]:
        more += [u for u, _, t in full.in_edges(node, data="type") if t in CLAIM_CONTEXT["in"]]
        more += [v for _, v, t in full.out_edges(node, data="type") if t in CLAIM_CONTEXT["out"]]
    chosen = list(dict.fromkeys([*around, *sorted(more)]))
    cited = _sources_of(full, induced(full, chosen))
    chosen += sorted(s for s in cited if s not in chosen)
    text = display_name(store.registry, full.nodes[centre], centre)
    short = text if len(text) <= 60 else text[:59] + "…"
    return _select(
        full,
        chosen,
        f"Claim: {short}",
        priority=chosen,
        description=f"claim {centre} and what is around it",
        centre=centre,
    )


def only_labels(chosen: Selection, labels: Iterable[str], known: Iterable[str]) -> Selection:
    """The selection cut to nodes of ``labels`` (its centre node is always kept)."""
    wanted, known = set(labels), set(known)
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(
            f"unknown label {', '.join(unknown)}; labels are: {', '.join(sorted(known))}"
        )
    keep = [
        n for n, label in chosen.graph.nodes(data="label") if label in wanted or n == chosen.centre
    ]
    graph = induced(chosen.graph, keep)
    return Selection(
        graph=graph,
        title=f"{chosen.title} ({', '.join(sorted(wanted))} only)",
        statuses={n: s for n, s in chosen.statuses.items() if n in graph},
        sources=chosen.sources,
        priority=[n for n in chosen.priority if n in graph],
        description=chosen.description,
        centre=chosen.centre,
    )
