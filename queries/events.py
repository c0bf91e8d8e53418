"""Embedded implementations of the queries about events: who was there, and the timeline."""

from __future__ import annotations

from typing import Any

from allegraph.queries import sql
from allegraph.queries.embedded import Page, cypher_order, implements
from allegraph.stores.embedded_read import EmbeddedReader

# The Cypher follows LOCATED_IN at most this many steps up from where an event occurred.
CONTAINMENT_DEPTH = 10


@implements("event-witnesses")
def event_witnesses(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    events = r.find(p["event"], ["Event"])
    links = r.edges(events, ["WITNESSED", "PARTICIPATED_IN", "ABOUT"], out=False)
    nodes = r.nodes(e.src for e in links)
    rows = []
    for link in links:
        node = nodes[link.src]
        if link.type == "ABOUT":
            if node.label == "Claim":
                rows.append([link.dst, "ABOUT", node.id, r.name(node), None])
        elif node.label in r.registry.actor_labels:
            rows.append([link.dst, link.type, node.id, r.name(node), link.props.get("role")])
    rows.sort(key=lambda row: cypher_order(*row[:3], row[4]))
    return Page(rows[: p["limit"]], len(rows), len(rows) > p["limit"])


def _places(r: EmbeddedReader, location_text: str) -> set[str]:
    """The named locations and every location inside them (LOCATED_IN, bounded depth)."""
    found = set(r.find(location_text, ["Location"]))
    frontier = set(found)
    for _ in range(CONTAINMENT_DEPTH):
        inner = r.ends(frontier, "LOCATED_IN", out=False, labels=["Location"])
        frontier = {i for near in inner.values() for i in near} - found
        if not frontier:
            break
        found |= frontier
    return found


def _there(r: EmbeddedReader, location_text: str) -> set[str]:
    """Events that OCCURRED_AT one of the places, and the claims ABOUT them (the
    schema lets only Events occur and only Claims be about: no label is read)."""
    at = r.ends(_places(r, location_text), "OCCURRED_AT", out=False)
    events = {e for found in at.values() for e in found}
    about = r.ends(events, "ABOUT", out=False)
    return events | {c for found in about.values() for c in found}


def _of_actor(r: EmbeddedReader, actor_text: str) -> set[str]:
    """Nodes linked to one of the named actors, whatever the direction (the ``dated``
    table keeps the events and claims among them)."""
    near = r.neighbours(r.find(actor_text, r.registry.actor_labels))
    return {n for found in near.values() for n in found}


@implements("timeline")
def timeline(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    if p["actor"] is None and p["location"] is None:
        # every event and claim: read in order from the dated_order index
        ids, total = sql.timeline_ids(r, p["fromDate"], p["toDate"], p["limit"])
        nodes = r.nodes(ids)
        rows = [_row(r, nodes[i]) for i in ids]
        return Page(rows, total, total > len(rows))
    if p["location"] is None:
        # an actor's events and claims: joined and ordered by SQLite
        actors = r.find(p["actor"], r.registry.actor_labels)
        ids, total = sql.actor_timeline(r, actors, p["fromDate"], p["toDate"], p["limit"])
        nodes = r.nodes(ids)
        return Page([_row(r, nodes[i]) for i in ids], total, total > len(ids))
    items: set[str] | None = None
    if p["actor"] is not None:
        items = _of_actor(r, p["actor"])
    if p["location"] is not None:
        there = _there(r, p["location"])
        items = there if items is None else items & there
    ids, total = sql.dated_page(r, items or set(), p["fromDate"], p["toDate"], p["limit"])
    nodes = r.nodes(ids)
    rows = [_row(r, nodes[i]) for i in ids]
    return Page(rows, total, total > len(rows))


def _row(r: EmbeddedReader, node: Any) -> list[Any]:
    props = node.props
    return [
        props.get("earliest"),
        props.get("latest"),
        props.get("date"),
        node.label,
        node.id,
        r.name(node),
    ]
