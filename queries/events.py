"""Embedded implementations of the queries about events: who was there, and the timeline."""

from __future__ import annotations

from typing import Any

from allegraph.queries.embedded import GraphView, Rows, cypher_order, implements

# The Cypher follows LOCATED_IN at most this many steps up from where an event occurred.
CONTAINMENT_DEPTH = 10


@implements("event-witnesses")
def event_witnesses(view: GraphView, p: dict[str, Any]) -> Rows:
    rows = []
    for event in view.find(p["event"], ["Event"]):
        for type_ in ("WITNESSED", "PARTICIPATED_IN"):
            for actor, _, link in view.in_edges(event, type_):
                if view.label(actor) in view.actor_labels:
                    rows.append([event, type_, actor, view.name(actor), link.get("role")])
        for claim, _, _ in view.in_edges(event, "ABOUT"):
            if view.label(claim) == "Claim":
                rows.append([event, "ABOUT", claim, view.name(claim), None])
    rows.sort(key=lambda row: cypher_order(*row[:3], row[4]))
    return rows[: p["limit"]]


def _places(view: GraphView, location_text: str) -> set[str]:
    """The named locations and every location inside them (LOCATED_IN, bounded depth)."""
    found = set(view.find(location_text, ["Location"]))
    frontier = set(found)
    for _ in range(CONTAINMENT_DEPTH):
        frontier = {
            inner
            for place in frontier
            for inner in view.origins(place, "LOCATED_IN", ["Location"])
            if inner not in found
        }
        if not frontier:
            break
        found |= frontier
    return found


def _happened_in(view: GraphView, node: str, places: set[str]) -> bool:
    """An event that OCCURRED_AT one of ``places``, or a claim ABOUT such an event."""
    events = [node] if view.label(node) == "Event" else view.targets(node, "ABOUT", ["Event"])
    return any(place in places for e in events for place in view.targets(e, "OCCURRED_AT"))


@implements("timeline")
def timeline(view: GraphView, p: dict[str, Any]) -> Rows:
    items = view.with_label(["Event", "Claim"])
    if p["actor"] is not None:
        actors = set(view.find(p["actor"], view.actor_labels))
        items = [n for n in items if actors & set(view.undirected.adj[n])]
    if p["location"] is not None:
        places = _places(view, p["location"])
        items = [n for n in items if _happened_in(view, n, places)]
    bounded = p["fromDate"] is not None or p["toDate"] is not None
    rows = []
    for node in items:
        earliest, latest = view.prop(node, "earliest"), view.prop(node, "latest")
        if bounded and earliest is None and latest is None:
            continue
        if p["toDate"] is not None and earliest is not None and earliest > p["toDate"]:
            continue
        if p["fromDate"] is not None and latest is not None and latest < p["fromDate"]:
            continue
        row = [earliest, latest, view.prop(node, "date"), view.label(node), node, view.name(node)]
        first = earliest if earliest is not None else latest
        last = latest if latest is not None else earliest
        rows.append((cypher_order(first, last, view.label(node), node), row))
    rows.sort(key=lambda item: item[0])
    return [row for _, row in rows][: p["limit"]]
