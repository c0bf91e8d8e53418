"""Which part of a store a view shows: all of it, an actor's ego network, a claim.

Each selection is a :class:`Selection`: the subgraph, a title, the claim
statuses and source details (a claim's status depends on links that may lie
outside the subgraph, so it is derived from the store, not from the subgraph),
and the order in which nodes are kept if the view must be cut.

A selection reads only its own nodes, the links among them and what their
statuses and sources need (``GraphStore.subgraph``, ``within``, ``adjacent``,
``claim_facts``); only :func:`whole` reads the whole store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from allegraph.model import Entity, Link
from allegraph.status import ClaimStatus, Weighed, claim_facts, decide, weigh
from allegraph.stores import GraphStore
from allegraph.views.payload import display_name
from allegraph.views.subgraph import induced

if TYPE_CHECKING:
    import networkx as nx

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
    # nodes and relationships of the whole selection, when the graph holds only the
    # first of its nodes in priority order
    totals: tuple[int, int] | None = None
    # per claim: its backing sources as the status rule weighed them (the side panel)
    trails: dict[str, list[Weighed]] = field(default_factory=dict)


def _attrs(node: Entity) -> dict[str, Any]:
    """A node's attributes as ``GraphStore.to_networkx`` gives them."""
    return {"label": node.label, **node.props, "sources": node.sources}


def _graph(nodes: list[Entity], links: list[Link]) -> nx.MultiDiGraph:
    """The nodes (in their order) and the links (in id order, as the store gives them)."""
    import networkx as nx  # slow to import: only when a view is built

    graph = nx.MultiDiGraph()
    graph.add_nodes_from((n.id, _attrs(n)) for n in nodes)
    graph.add_edges_from(
        (lk.src, lk.dst, lk.id, {"type": lk.type, **lk.props, "sources": lk.sources})
        for lk in links
    )
    return graph


def _cited(nodes: list[Entity], links: list[Link]) -> set[str]:
    return {s for item in [*nodes, *links] for s in item.sources}


def _select(
    store: GraphStore,
    ids: Iterable[str],
    title: str,
    links: Iterable[str] | None = None,
    **kw: Any,
) -> Selection:
    nodes, among = store.subgraph(ids)
    if links is not None:  # a path: only its own relationships are drawn
        wanted = set(links)
        among = [lk for lk in among if lk.id in wanted]
    cited = store.get_nodes(sorted(_cited(nodes, among)))
    facts = store.claim_facts([n.id for n in nodes if n.label == "Claim"])
    return Selection(
        graph=_graph(nodes, among),
        title=title,
        statuses={c: decide(f) for c, f in facts.items()},
        sources={i: _attrs(n) for i, n in cited.items()},
        trails={c: weigh(f) for c, f in facts.items()},
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
    """The whole graph: the one selection that reads the whole store."""
    full = store.to_networkx()
    claims = [c for c, label in full.nodes(data="label") if label == "Claim"]
    facts = {c: claim_facts(full, c) for c in claims}
    cited = {s for _, a in full.nodes(data=True) for s in a.get("sources") or []}
    cited |= {s for _, _, a in full.edges(data=True) for s in a.get("sources") or []}
    return Selection(
        graph=full,
        title=title or "Whole graph",
        statuses={c: decide(f) for c, f in facts.items()},
        sources={s: full.nodes[s] for s in sorted(cited) if s in full},
        description="the whole graph",
        trails={c: weigh(f) for c, f in facts.items()},
    )


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
    given = list(dict.fromkeys(ids))
    present = store.labels_of(given)
    wanted = [i for i in given if i in present]
    return _select(
        store,
        wanted,
        title,
        links=links,
        priority=wanted,
        description=f"{len(wanted)} node(s) of a result",
    )


def ego(store: GraphStore, actor: str, depth: int = 2, max_nodes: int | None = None) -> Selection:
    """Every node within ``depth`` relationships of ``actor``, in either direction.

    With ``max_nodes``, only the nearest ``max_nodes`` of them are read (a view is cut
    to those anyway); ``totals`` then counts the whole ego network.
    """
    if depth < 0:
        raise ValueError("--depth must be 0 or more")
    centre = resolve_one(store, actor)
    distances = store.within(centre, depth)
    ordered = sorted(distances, key=lambda n: (distances[n], str(n)))
    totals = None
    if max_nodes is not None and len(ordered) > max_nodes:
        totals = (len(ordered), store.count_links_among(ordered))
        ordered = ordered[:max_nodes]
    node = store.get_nodes([centre])[centre]
    name = display_name(store.registry, _attrs(node), centre)
    return _select(
        store,
        ordered,
        f"{name}: ego network, depth {depth}",
        priority=ordered,
        description=f"nodes within {depth} relationship(s) of {centre}",
        centre=centre,
        totals=totals,
    )


def claim(store: GraphStore, claim_id: str) -> Selection:
    """A claim with everything around it.

    Its neighbours (who alleges and disputes it, whom it accuses, what it is
    about, what supports it, where it is cited), who alleges each neighbouring
    claim, where each neighbouring event happened, and the sources cited by
    all of these.
    """
    centre = resolve_one(store, claim_id)
    node = store.get_nodes([centre])[centre]
    if node.label != "Claim":
        raise ValueError(f"{claim_id!r} is not a Claim: its label is {node.label}")
    around = [centre, *sorted(store.adjacent([centre])[centre])]
    more: set[str] = set()
    for type_ in CLAIM_CONTEXT["in"]:
        more.update(*store.adjacent(around[1:], type_, "in").values())
    for type_ in CLAIM_CONTEXT["out"]:
        more.update(*store.adjacent(around[1:], type_, "out").values())
    chosen = list(dict.fromkeys([*around, *sorted(more)]))
    nodes, among = store.subgraph(chosen)
    cited = set(store.labels_of(_cited(nodes, among)))
    chosen += sorted(s for s in cited if s not in chosen)
    text = display_name(store.registry, _attrs(node), centre)
    short = text if len(text) <= 60 else text[:59] + "…"
    return _select(
        store,
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
