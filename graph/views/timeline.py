"""A timeline view: events and claims on a time axis, each placed by its EDTF range.

The items are the rows of the canned query ``timeline`` (so both stores place
the same items): a date known to the day is a dot; an uncertain one
(``2024-03~``, ``2023/2024``) a bar from the first to the last day it allows; an
open end (``../2024``) a bar to the edge of the axis with a dotted end. Items
are grouped by who alleges them (claims; events in a row of their own) or by
place, coloured as the graph view colours them (claims by derived status), and
clicking one shows the side panel of the graph view: the same ``info`` from
:func:`allegraph.views.payload.build_payload`. The page keeps the graph view's
guarantees (vis-timeline vendored and inlined, no network, every string as text).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from allegraph.stores import GraphStore
from allegraph.views import selection as select
from allegraph.views.build import View
from allegraph.views.page import render_timeline_page
from allegraph.views.payload import CAVEAT, build_payload
from allegraph.views.styles import view_style

GROUP_BY = ("actor", "place")
OPEN_DAYS = timedelta(days=365)  # how far an open end (../2024, 2024/..) is drawn
DEFAULT_MAX_ITEMS = 2_000  # the timeline query's limit: more is said, not drawn
EVENTS_ROW = "Events"
NO_ACTOR_ROW = "No alleging actor recorded"
NO_PLACE_ROW = "No place recorded"
TIMELINE_CAVEAT = (
    CAVEAT + " A bar spans every day an uncertain date allows (earliest to latest); "
    "a dot is a date known to the day; a dotted end is an open end (drawn a year past "
    "the other items)."
)


class Timeline(View):
    """A built timeline: the page, the items on the axis, those without a date."""

    def __init__(
        self,
        page: str,
        title: str,
        items: list[str],
        undated: list[str],
        groups: list[str],
        notices: list[str],
    ) -> None:
        self.html, self.title = page, title
        self.items, self.undated, self.groups = items, undated, groups
        self.notices = notices

    def __repr__(self) -> str:
        return f"<Timeline {self.title!r}: {len(self.items)} dated, {len(self.undated)} undated>"


def _next_day(iso: str) -> str:
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def placement(
    earliest: str | None, latest: str | None, low: str | None, high: str | None
) -> dict[str, Any]:
    """Where a dated item sits on the axis: a ``point`` on a day known exactly, else a
    ``range`` from its first day to the end of its last (``end`` is exclusive); an
    open end (None) runs to ``low`` / ``high``, the axis's own ends."""
    if earliest is not None and earliest == latest:
        return {"type": "point", "start": earliest}
    return {
        "type": "range",
        "start": earliest or low,
        "end": _next_day(latest) if latest else high,
        "open": "start" if earliest is None else "end" if latest is None else None,
    }


def _rows_of(
    store: GraphStore, ids: list[str], labels: Mapping[str, str], group_by: str
) -> dict[str, str]:
    """The row (group) of each item: who alleges it, or where it happened."""
    claims = [i for i in ids if labels[i] == "Claim"]
    events = [i for i in ids if labels[i] == "Event"]
    about = store.adjacent(claims, "ABOUT", "out")
    if group_by == "actor":
        who = store.adjacent(claims, "ALLEGES", "in")
        named = _names(store, {a for found in who.values() for a in found})
        rows = {c: "; ".join(sorted(named[a] for a in who[c])) or NO_ACTOR_ROW for c in claims}
        return {**rows, **dict.fromkeys(events, EVENTS_ROW)}
    about_events = {e for found in about.values() for e in found}
    at = store.adjacent(sorted(set(events) | about_events), "OCCURRED_AT", "out")
    named = _names(store, {p for found in at.values() for p in found})

    def place(event_ids: Sequence[str]) -> str:
        return (
            "; ".join(sorted({named[p] for e in event_ids for p in at.get(e, ())})) or NO_PLACE_ROW
        )

    return {**{e: place([e]) for e in events}, **{c: place(sorted(about[c])) for c in claims}}


def _names(store: GraphStore, ids: set[str]) -> dict[str, str]:
    from allegraph.views.payload import display_name

    nodes = store.get_nodes(sorted(ids))
    return {
        i: display_name(store.registry, {"label": n.label, **n.props}, i) for i, n in nodes.items()
    }


def timeline_of_store(
    store: GraphStore,
    *,
    actor: str | None = None,
    location: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    group_by: str = "actor",
    title: str | None = None,
    max_items: int = DEFAULT_MAX_ITEMS,
) -> Timeline:
    """The timeline ``allegraph view --timeline`` writes: the events and claims of
    ``actor``, at ``location`` (or places inside it), or overlapping ``from_``..``to``
    (EDTF dates), as the ``timeline`` query selects them; grouped by ``actor`` or
    ``place``. A name that matches nothing is a ValueError."""
    from allegraph.queries import run_query

    if group_by not in GROUP_BY:
        raise ValueError(f"group by {' or '.join(GROUP_BY)}, not {group_by!r}")
    params = {"actor": actor, "location": location, "from": from_, "to": to, "limit": max_items}
    result = run_query(store, "timeline", params)
    if result.unmatched:
        raise ValueError("; ".join(result.unmatched))
    title = title or _title(actor, location, from_, to)
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    ids = [r["id"] for r in rows]
    chosen = select.ids_of(store, ids, title)
    payload = build_payload(
        chosen.graph,
        title=title,
        registry=store.registry,
        statuses=chosen.statuses,
        trails=chosen.trails,
        sources=chosen.sources,
        max_nodes=None,
    )
    shown = {n["id"]: n for n in payload.data["nodes"]}
    labels = {r["id"]: r["label"] for r in rows}
    row_of = _rows_of(store, ids, labels, group_by)
    # an open end runs OPEN_DAYS past every known day of the timeline
    known = [date.fromisoformat(d) for r in rows for d in (r["earliest"], r["latest"]) if d]
    low = (min(known) - OPEN_DAYS).isoformat() if known else None
    high = (max(known) + OPEN_DAYS).isoformat() if known else None
    items, undated = [], []
    for r in rows:
        node = shown[r["id"]]
        entry = {
            "id": r["id"],
            "text": node["label"],  # the name, cut as on the graph view's canvas
            "label": r["label"],
            "status": node.get("status"),
            "color": node["color"]["background"],
            "border": node["color"]["border"],
            "group": row_of[r["id"]],
            "date": r["date"],
            "info": node["info"],
        }
        if r["earliest"] is None and r["latest"] is None:
            undated.append(entry)
            continue
        entry.update(placement(r["earliest"], r["latest"], low, high))
        items.append(entry)
    notices = []
    if result.cut:
        total = f" of {result.total:,}" if result.total is not None else ""
        notices.append(
            f"Showing the first {len(rows):,}{total} events and claims by date: narrow the "
            "timeline with --actor, --location or --from/--to."
        )
    if undated:
        notices.append(
            f"{len(undated):,} of {len(rows):,} events and claims have no date: they are "
            "listed under the legend, not on the axis."
        )
    if not rows:
        notices.append("Nothing to show: no event or claim matches the selection.")
    groups = sorted({i["group"] for i in items}, key=lambda g: (g != EVENTS_ROW, g.lower()))
    data = {
        "title": title,
        "summary": (
            f"{len(items):,} dated events and claims on the axis, {len(undated):,} undated; "
            f"grouped by {group_by}"
        ),
        "caveat": TIMELINE_CAVEAT,
        "notices": notices,
        "groups": groups,
        "items": items,
        "undated": undated,
        "legend": _legend(store, items + undated),
    }
    page = render_timeline_page(title, data)
    return Timeline(
        page,
        title,
        [i["id"] for i in items],
        [i["id"] for i in undated],
        groups,
        notices,
    )


def _legend(store: GraphStore, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Claim statuses and labels shown, with their colours and counts (filters too)."""
    style = view_style(store.registry)
    statuses = [
        {"name": s, "color": style.statuses[s], "count": n}
        for s in store.registry.status.names
        if s in style.statuses and (n := sum(1 for e in entries if e["status"] == s))
    ]
    labels = [
        {"name": name, "color": style.label(name).color, "count": n}
        for name in store.registry.labels
        if (n := sum(1 for e in entries if e["label"] == name))
    ]
    return {"statuses": statuses, "labels": labels}


def _title(actor: str | None, location: str | None, start: str | None, end: str | None) -> str:
    parts = [f"of {actor}"] if actor else []
    parts += [f"at {location}"] if location else []
    if start or end:
        parts.append(f"from {start or '..'} to {end or '..'}")
    return "Timeline" + (" " + ", ".join(parts) if parts else "")
