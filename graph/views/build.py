"""Build a view: a graph in, one self-contained HTML page out (and a Jupyter display)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from allegraph.collector import collector_paused
from allegraph.schema import Registry, registry
from allegraph.status import ClaimStatus, Weighed
from allegraph.stores import GraphStore
from allegraph.views import selection as select
from allegraph.views.limits import DEFAULT_MAX_NODES, PHYSICS_THRESHOLD
from allegraph.views.page import render_page
from allegraph.views.payload import Payload, SizeBy, build_payload


class View:
    """A built view: the page, what it shows, and what it had to leave out.

    In Jupyter the object displays itself inline (a sandboxed iframe whose
    ``srcdoc`` is the page, so the page's own safety rules still apply).
    """

    def __init__(self, page: str, payload: Payload, title: str):
        self.html = page
        self.title = title
        self.nodes, self.edges = payload.nodes, payload.edges
        self.node_ids = [str(n["id"]) for n in payload.data["nodes"]]
        self.edge_ids = [str(e["id"]) for e in payload.data["edges"]]
        self.total_nodes, self.total_edges = payload.total_nodes, payload.total_edges
        self.physics = payload.physics
        self.layout = payload.layout
        self.notices = list(payload.notices)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        if path.parent != Path():
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8")
        return path

    def _repr_html_(self, height: int = 640) -> str:
        return (
            f'<iframe title="{html.escape(self.title)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
            f'srcdoc="{html.escape(self.html, quote=True)}"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<View {self.title!r}: {self.nodes} nodes, {self.edges} relationships>"


def render_view(
    graph: nx.MultiDiGraph,
    title: str = "allegraph view",
    *,
    schema: Registry | None = None,
    statuses: Mapping[str, ClaimStatus] | None = None,
    trails: Mapping[str, Sequence[Weighed]] | None = None,
    sources: Mapping[str, Mapping[str, Any]] | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    physics_threshold: int = PHYSICS_THRESHOLD,
    size_by: SizeBy = "degree",
    priority: Sequence[str] | None = None,
    notices: Sequence[str] = (),
    totals: tuple[int, int] | None = None,
) -> View:
    """A :class:`View` of ``graph`` (a ``GraphStore.to_networkx()`` graph).

    - ``statuses``: claim statuses to colour by; default: derived from ``graph``
      (pass those of the whole graph when ``graph`` is a part of it).
    - ``trails``: per claim, its backing sources as the status rule weighed them
      (``allegraph.status.weigh``), shown in the side panel; default: derived from
      ``graph`` when ``statuses`` is.
    - ``sources``: details of cited sources that are not nodes of ``graph``.
    - ``max_nodes``: cut the view to this many nodes (``priority`` first, then the
      best-connected) and say so; ``None`` keeps every node.
    - ``physics_threshold``: above this many nodes, physics is off and nodes
      get fixed positions; the page says so.
    - ``size_by``: ``"degree"``, ``"uniform"``, a numeric node attribute name,
      a mapping node id -> number, or a function graph -> mapping.
    - ``totals``: nodes and relationships of the selection ``graph`` was cut from.
    """
    payload = build_payload(
        graph,
        title=title,
        registry=schema or registry(),
        statuses=statuses,
        trails=trails,
        sources=sources,
        max_nodes=max_nodes,
        physics_threshold=physics_threshold,
        size_by=size_by,
        priority=priority,
        notices=notices,
        totals=totals,
    )
    return View(render_page(title, payload.data), payload, title)


def build_view(graph: nx.MultiDiGraph, title: str = "allegraph view", **options: Any) -> str:
    """The HTML page of a view of ``graph``; options as for :func:`render_view`."""
    return render_view(graph, title, **options).html


def write_view(
    graph: nx.MultiDiGraph, path: str | Path, title: str = "allegraph view", **options: Any
) -> View:
    """Write the view of ``graph`` to ``path`` and return it (for its counts and notices)."""
    view = render_view(graph, title, **options)
    view.save(path)
    return view


def view_selection(chosen: select.Selection, **options: Any) -> View:
    """The view of a :class:`~allegraph.views.selection.Selection` from a store."""
    options.setdefault("priority", chosen.priority or None)
    if chosen.totals is not None:
        options.setdefault("totals", chosen.totals)
    return render_view(
        chosen.graph,
        chosen.title,
        statuses=chosen.statuses,
        trails=chosen.trails,
        sources=chosen.sources,
        **options,
    )


def _result_ids(result: Any) -> tuple[list[str], list[str] | None]:
    """The node ids of a query result (its ``node_ids``, or the result itself as
    ids) and its relationship ids (``link_ids``; None when it names none)."""
    ids = getattr(result, "node_ids", None)
    if ids is None:
        ids = result
    if isinstance(ids, str) or not isinstance(ids, Iterable):
        raise ValueError("a query result view needs the result's node ids")
    links = getattr(result, "link_ids", None) or None
    return [str(i) for i in ids], [str(i) for i in links] if links else None


@collector_paused()
def view_of_result(
    store: GraphStore,
    result: Any,
    path: str | Path | None = None,
    title: str | None = None,
    **options: Any,
) -> View:
    """The view of a query result (:class:`allegraph.queries.Result`).

    It shows the nodes the result names, and the relationships it names (a
    path, say) or, when it names none, every relationship between those
    nodes. ``result`` may also be any iterable of node ids. Written to
    ``path`` when given; titled by the query unless ``title`` is given.
    """
    name = getattr(result, "query", None) or getattr(result, "name", None)
    title = title or (f"Query: {name}" if name else "Query result")
    ids, links = _result_ids(result)
    chosen = select.ids_of(store, ids, title, links=links)
    view = view_selection(chosen, **options)
    if path is not None:
        view.save(path)
    return view


@collector_paused()
def view_of_store(
    store: GraphStore,
    *,
    actor: str | None = None,
    depth: int = 2,
    claim: str | None = None,
    labels: Sequence[str] = (),
    title: str | None = None,
    **options: Any,
) -> View:
    """The view the ``allegraph view`` command writes.

    The whole graph, or the ego network of ``actor`` (an id, name or alias) to
    ``depth``, or ``claim`` with what is around it; cut to ``labels`` if given.
    Other options as for :func:`render_view`.
    """
    if actor and claim:
        raise ValueError("give --actor or --claim, not both")
    if actor:
        # cut to the view's size while reading (not with --label, which filters first)
        limit = None if labels else options.get("max_nodes", DEFAULT_MAX_NODES)
        chosen = select.ego(store, actor, depth, max_nodes=limit)
    elif claim:
        chosen = select.claim(store, claim)
    else:
        chosen = select.whole(store)
    if labels:
        chosen = select.only_labels(chosen, labels, store.registry.labels)
    if title:
        chosen.title = title
    return view_selection(chosen, **options)
