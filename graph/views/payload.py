"""From a networkx graph to the data a view page draws: nodes, edges, legend, notices.

pyvis builds the vis-network node and edge lists; everything shown as text
(labels, tooltips, search keys) is plain data here and is only ever put on
the page as text (see ``assets/view.js``).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from pyvis.network import Network

from allegraph.names import normalize
from allegraph.schema import Registry
from allegraph.status import (
    EVIDENCE_LABEL,
    UNVERIFIED,
    ClaimStatus,
    Weighed,
    claim_facts,
    claim_statuses,
    weigh,
)
from allegraph.views.layout import spiral_positions
from allegraph.views.limits import DEFAULT_MAX_NODES, PHYSICS_THRESHOLD
from allegraph.views.styles import ViewStyle, view_style
from allegraph.views.subgraph import induced

# Up to this many nodes the browser settles the layout before showing it; above
# it (and up to PHYSICS_THRESHOLD) nodes start on the spiral and settle live, so
# the page is usable at once (settling 1,000 nodes first took 10-40 s).
SETTLE_FIRST_LIMIT = 300
EDGE_LABEL_LIMIT = 150  # relationship names are drawn on edges up to this many edges
LABEL_CHARS = 80  # longer names and claim texts are cut on the canvas (full in details)
MIN_SIZE, MAX_SIZE = 10.0, 45.0
NARROW_HINT = (
    "To narrow the view: `allegraph view --actor NAME --depth 1`, `--claim ID` or "
    "`--label LABEL`, or untick labels and relationships in the legend."
)
CAVEAT = (
    "A claim is what an actor alleges, not a finding. Claim colours show the status "
    "derived from the graph: who alleges it, what backs it, who disputes it."
)
_NOT_WORD = re.compile(r"[\W_]+")

SizeBy = str | Mapping[str, float] | Callable[[nx.MultiDiGraph], Mapping[str, float]]


@dataclass
class Payload:
    """The page data and what a caller should tell the user about it."""

    data: dict[str, Any]
    notices: list[str] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0
    total_nodes: int = 0
    total_edges: int = 0
    physics: bool = True
    layout: str = "settle"  # settle (then show), live (show, then settle) or fixed


class _IdList(list):
    """pyvis checks ``id in self.node_ids`` on every add (a list scan): make it O(1)."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set[Any] = set()

    def append(self, item: Any) -> None:
        self._set.add(item)
        super().append(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def _pyvis_network() -> Network:
    net = Network(directed=True)
    net.node_ids = _IdList()
    return net


def fold(text: str) -> str:
    """Case- and accent-folded words; the page folds what is typed the same way."""
    text = str(text)
    if not text.isascii():  # ASCII has no accents to take off (most names: the fast way)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _json_item(text: str) -> str:
    """``{"on": "2026-...", "to": "authenticated"}`` as ``on 2026-..., to authenticated``."""
    try:
        found = json.loads(text)
    except ValueError:
        return str(text)
    if not isinstance(found, dict):
        return str(text)
    return ", ".join(f"{k} {_text(v)}" for k, v in found.items())


def _cut(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def display_name(reg: Registry, attrs: Mapping[str, Any], node_id: str) -> str:
    """A node's name: its label's name property (``name``, ``text``, ``title``), else its id."""
    spec = reg.labels.get(attrs.get("label"))
    value = attrs.get(spec.name_property) if spec else None
    return str(value) if value not in (None, "") else str(node_id)


class _Describer:
    """Names, property lists and source lists of nodes and edges, from the schema."""

    def __init__(self, graph: nx.MultiDiGraph, reg: Registry, sources: Mapping[str, Mapping]):
        self.graph, self.reg, self.extra_sources = graph, reg, sources
        self.hidden = {"label", "sources", *reg.system_properties}
        self._described: dict[str, dict[str, Any]] = {}

    def name(self, attrs: Mapping[str, Any], node_id: str) -> str:
        return display_name(self.reg, attrs, node_id)

    def fields(self, attrs: Mapping[str, Any], spec: Any, skip: set[str]) -> list[list[str]]:
        """Properties as written, in schema order, then any the schema does not know."""
        declared = list(spec.properties) if spec else []
        left_out = self.hidden | skip | (set(spec.derived) if spec else set())
        order = declared + sorted(k for k in attrs if k not in declared)
        rows = []
        for key in order:
            if key not in attrs or key in left_out or attrs[key] in (None, "", []):
                continue
            prop = spec.properties.get(key) if spec else None
            if prop is not None and prop.json_keys and isinstance(attrs[key], list):
                # a list of JSON objects (verification steps): one line each, in words
                rows += [[f"{key} {n}", _json_item(v)] for n, v in enumerate(attrs[key], 1)]
            else:
                rows.append([key, _text(attrs[key])])
        return rows

    def source(self, source_id: str) -> dict[str, Any]:
        # a source backs many nodes and edges of a view: described once (read-only)
        described = self._described.get(source_id)
        if described is None:
            described = self._described[source_id] = self._source(source_id)
        return described

    def _source(self, source_id: str) -> dict[str, Any]:
        attrs = self.extra_sources.get(source_id)
        if attrs is None and source_id in self.graph:
            attrs = self.graph.nodes[source_id]
        if attrs is None:
            return {
                "id": source_id,
                "name": source_id,
                "fields": [["note", "no details in this view"]],
            }
        spec = self.reg.labels.get(attrs.get("label"))
        skip = {"aliases", spec.name_property if spec else "title"}
        return {
            "id": source_id,
            "name": self.name(attrs, source_id),
            "fields": [["id", source_id], *self.fields(attrs, spec, skip)],
        }

    def sources(self, ids: Sequence[str] | None) -> list[dict[str, Any]]:
        return [self.source(str(s)) for s in (ids or [])]

    def node(
        self,
        node_id: str,
        attrs: Mapping[str, Any],
        status: ClaimStatus | None,
        trail: Sequence[Weighed] = (),
    ) -> dict:
        label = str(attrs.get("label", "?"))
        spec = self.reg.labels.get(label)
        skip = {spec.name_property} if spec else set()
        fields = [["id", str(node_id)], *self.fields(attrs, spec, skip)]
        kind = label
        if status is not None:
            kind = f"{label} · {status.status}"
            fields.insert(
                1,
                [
                    "status",
                    f"{status.status} (derived from the graph: {status.independent_sources} "
                    f"independent source(s), {len(status.actors)} alleging actor(s), "
                    f"{status.disputes} dispute(s){_stance_counts(status)})",
                ],
            )
            at = 2
            if status.caveat:  # what its evidence leaves open (allegraph.status)
                kind += f" · {status.caveat}"
                fields.insert(at, ["caveat", status.caveat])
                at += 1
            # why: each backing source, counted or not (allegraph explain says the same)
            fields[at:at] = [[f"source {w.source}", w.why] for w in trail]
        elif label == EVIDENCE_LABEL:  # its verification state, fabricated shown as such
            kind = f"{label} · {attrs.get('verification') or UNVERIFIED}"
        return {
            "heading": self.name(attrs, node_id),
            "kind": kind,
            "fields": fields,
            "sources": self.sources(attrs.get("sources")),
        }

    def edge(
        self, src: str, dst: str, key: str, attrs: Mapping[str, Any], stance: str | None = None
    ) -> dict:
        type_ = str(attrs.get("type", "?"))
        spec = self.reg.relationships.get(type_)
        src_name = self.name(self.graph.nodes[src], src)
        dst_name = self.name(self.graph.nodes[dst], dst)
        fields = [["from", src_name], ["to", dst_name], ["id", str(key)]]
        fields += self.fields(attrs, spec, {"type", "stance"})
        if stance is not None:
            given = attrs.get("stance") == stance
            fields.append(["stance", f"{stance} ({'as recorded' if given else 'derived'})"])
        return {
            "heading": f"{_cut(src_name, 60)} {type_} {_cut(dst_name, 60)}",
            "kind": f"{type_}: {spec.description}" if spec else type_,
            "fields": fields,
            "sources": self.sources(attrs.get("sources")),
        }

    def search_keys(self, node_id: str, attrs: Mapping[str, Any]) -> list[str]:
        names = [str(node_id), self.name(attrs, node_id), *map(str, attrs.get("aliases") or [])]
        keys = {fold(n) for n in names} | {normalize(n) for n in names}
        return sorted(k for k in keys if k)


def _stance_counts(status: ClaimStatus) -> str:
    """The disputes by stance, when any: ", of which 1 denial, 1 rebuttal"."""
    counts = Counter(stance for _, stance in status.stances)
    if not counts:
        return ""
    return ", of which " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))


def _sizes(graph: nx.MultiDiGraph, size_by: SizeBy) -> dict[str, float]:
    """Node sizes between MIN_SIZE and MAX_SIZE from a measure (degree by default)."""
    if size_by == "uniform":
        return {n: MIN_SIZE + 6 for n in graph}
    if size_by == "degree":
        return {n: min(MAX_SIZE, MIN_SIZE + 5 * math.sqrt(d)) for n, d in graph.degree()}
    if callable(size_by):
        measure = size_by(graph)
    elif isinstance(size_by, str):
        measure = {n: a.get(size_by) for n, a in graph.nodes(data=True)}
    else:
        measure = size_by
    values = {n: float(v) for n, v in measure.items() if isinstance(v, int | float) and n in graph}
    low, high = min(values.values(), default=0.0), max(values.values(), default=0.0)
    span = (high - low) or 1.0
    return {
        n: MIN_SIZE + (MAX_SIZE - MIN_SIZE) * (values[n] - low) / span if n in values else MIN_SIZE
        for n in graph
    }


def _cap(
    graph: nx.MultiDiGraph, max_nodes: int | None, priority: Sequence[str] | None
) -> tuple[nx.MultiDiGraph, str]:
    """The graph cut to ``max_nodes``: ``priority`` first, then the best-connected."""
    if max_nodes is None or graph.number_of_nodes() <= max_nodes:
        return graph, ""
    first = [n for n in dict.fromkeys(priority or []) if n in graph]
    chosen = set(first)
    rest = sorted((n for n in graph if n not in chosen), key=lambda n: (-graph.degree(n), str(n)))
    keep = (first + rest)[:max_nodes]
    how = "nearest the centre of the view" if first else "with the most relationships"
    return induced(graph, keep), how


def build_payload(
    graph: nx.MultiDiGraph,
    *,
    title: str,
    registry: Registry,
    statuses: Mapping[str, ClaimStatus] | None = None,
    trails: Mapping[str, Sequence[Weighed]] | None = None,
    sources: Mapping[str, Mapping[str, Any]] | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    physics_threshold: int = PHYSICS_THRESHOLD,
    size_by: SizeBy = "degree",
    priority: Sequence[str] | None = None,
    hint: str = NARROW_HINT,
    notices: Sequence[str] = (),
    totals: tuple[int, int] | None = None,
) -> Payload:
    """Everything the page needs; see :func:`allegraph.views.build_view` for the options.

    ``totals``: the nodes and relationships of the selection ``graph`` was already cut
    from, in ``priority`` order (a selection too big to read whole for a view).
    """
    style: ViewStyle = view_style(registry)
    if statuses is None:
        statuses = claim_statuses(graph)
        if trails is None:
            trails = {c: weigh(claim_facts(graph, c)) for c in statuses}
    trails = trails or {}
    total_nodes, total_edges = graph.number_of_nodes(), graph.number_of_edges()
    shown, how = _cap(graph, max_nodes, priority)
    if totals is not None and totals[0] > total_nodes:
        total_nodes, total_edges = totals
        how = "nearest the centre of the view"
    notes = list(notices)
    if not total_nodes:
        notes.append("Nothing to show: the store is empty or the selection matched no node.")
    if how:
        notes.append(
            f"Showing {shown.number_of_nodes():,} of {total_nodes:,} nodes: those {how}. "
            f"Left out: {total_nodes - shown.number_of_nodes():,} nodes and "
            f"{total_edges - shown.number_of_edges():,} relationships."
        )
    physics = shown.number_of_nodes() <= physics_threshold
    if not physics:
        notes.append(
            f"{shown.number_of_nodes():,} nodes is above the {physics_threshold:,}-node "
            "threshold for live layout: physics is off, nodes sit on a fixed spiral (most "
            "connected in the middle) and relationship names are hidden."
        )
    if how or not physics:
        notes.append(hint)
    if not physics:
        layout = "fixed"
    elif shown.number_of_nodes() > SETTLE_FIRST_LIMIT:
        layout = "live"
    else:
        layout = "settle"
    edge_labels = physics and shown.number_of_edges() <= EDGE_LABEL_LIMIT
    positions = {} if layout == "settle" else spiral_positions(shown)
    sizes = _sizes(shown, size_by)
    describe = _Describer(graph, registry, sources or {})

    net = _pyvis_network()
    label_counts: Counter[str] = Counter()
    status_counts: Counter[str] = Counter()
    for node_id, attrs in shown.nodes(data=True):
        label = str(attrs.get("label", "?"))
        label_counts[label] += 1
        node_style = style.label(label)
        status = statuses.get(node_id)
        fill = node_style.color
        if status is not None and style.statuses:
            fill = style.statuses[status.status]
            status_counts[status.status] += 1
        options: dict[str, Any] = {
            "color": {
                "background": fill,
                "border": node_style.color,
                "highlight": {"background": fill, "border": "#222222"},
                "hover": {"background": fill, "border": "#222222"},
            },
            "size": round(sizes[node_id], 1),
            # Long names wrap instead of running across their neighbours.
            "widthConstraint": {"maximum": 170},
            "nodeLabel": label,
            "search": describe.search_keys(node_id, attrs),
            "info": describe.node(node_id, attrs, status, trails.get(node_id, ())),
        }
        if status is not None:
            options["status"] = status.status
        if node_id in positions:
            options["x"], options["y"] = positions[node_id]
        net.add_node(
            node_id,
            label=_cut(describe.name(attrs, node_id)),
            shape=node_style.shape,
            **options,
        )

    type_counts: Counter[str] = Counter()
    stance_counts: Counter[str] = Counter()
    parallel: Counter[frozenset] = Counter()
    stances = {link: stance for s in statuses.values() for link, stance in s.stances}
    for src, dst, key, attrs in shown.edges(keys=True, data=True):
        type_ = str(attrs.get("type", "?"))
        type_counts[type_] += 1
        edge_style = style.relationship(type_)
        color = edge_style.color
        stance = stances.get(str(key))
        if stance is not None:
            color = style.stances.get(stance, color)
            stance_counts[stance] += 1
        options = {
            "id": str(key),
            "relType": type_,
            "color": {"color": color, "highlight": "#222222", "hover": color},
            "dashes": edge_style.dashes,
            "width": edge_style.width,
            "arrows": {"to": {"enabled": True, "type": edge_style.arrow, "scaleFactor": 0.7}},
            "info": describe.edge(src, dst, key, attrs, stance),
        }
        if stance is not None:
            options["stance"] = stance
        if edge_labels:
            options["label"] = type_
        pair = frozenset((src, dst))
        if physics and parallel[pair]:
            # Several relationships between the same two nodes: bend each one differently.
            options["smooth"] = {"type": "curvedCW", "roundness": 0.2 * parallel[pair]}
        parallel[pair] += 1
        net.add_edge(src, dst, **options)

    legend = {
        "labels": [
            {"name": name, "count": label_counts[name], **style.label(name).as_dict()}
            for name in [*registry.labels, *sorted(set(label_counts) - set(registry.labels))]
            if label_counts[name]
        ],
        "relationships": [
            {"name": name, "count": type_counts[name], **style.relationship(name).as_dict()}
            for name in [
                *registry.relationships,
                *sorted(set(type_counts) - set(registry.relationships)),
            ]
            if type_counts[name]
        ],
        "stances": [
            {"name": s, "color": style.stances[s], "count": stance_counts[s]}
            for s in style.stances
            if stance_counts[s]
        ],
        "statuses": [
            {"name": s, "color": style.statuses[s], "count": status_counts[s]}
            for s in registry.status.names
            if status_counts and s in style.statuses
        ],
    }
    status_labels = {shown.nodes[n].get("label") for n in statuses if n in shown}
    status_label = style.label(sorted(status_labels)[0]) if status_labels else style.label("")
    legend["statusShape"], legend["statusBorder"] = status_label.shape, status_label.color
    summary = f"{shown.number_of_nodes():,} nodes, {shown.number_of_edges():,} relationships"
    data = {
        "title": title,
        "summary": summary,
        "caveat": CAVEAT,
        "notices": notes,
        "physics": physics,
        "layout": layout,
        "legend": legend,
        "nodes": net.nodes,
        "edges": net.edges,
    }
    return Payload(
        data=data,
        notices=notes,
        nodes=shown.number_of_nodes(),
        edges=shown.number_of_edges(),
        total_nodes=total_nodes,
        total_edges=total_edges,
        physics=physics,
        layout=layout,
    )
