"""Embedded implementation of source-impact: what rests on a source.

What lists a source in its ``sources`` is read from the ``sourced`` table (kept
by triggers, see allegraph.stores.embedded_read); what the source SUPPORTS and
what CITES it, from the links. Rows are ordered by id alone, so the details of
a row (its label, name, other backing) are read for the page only.
"""

from __future__ import annotations

from typing import Any

from allegraph.queries import sql
from allegraph.queries.embedded import Page, implements
from allegraph.stores.embedded_read import EmbeddedReader

# The order of the `via` list, as the Cypher builds it.
VIA = ("CITES", "SUPPORTS", "sources")


def _node_rows(r: EmbeddedReader, source: str, nodes: list[str], via: dict) -> list[list]:
    found = r.nodes(nodes)
    supporters = r.ends(nodes, "SUPPORTS", out=False, labels=["Source"])
    rows = []
    for n in nodes:
        node = found[n]
        backing = [*node.sources, *supporters[n]]
        left = not [s for s in backing if s != source]
        how = [v for v in VIA if n in via[v]]
        rows.append([source, n, None, node.label, r.name(node), how, left])
    return rows


def _link_rows(r: EmbeddedReader, source: str, links: list[str]) -> list[list]:
    found = r.links_by_id(links)
    rows = []
    for link in links:
        others = [s for s in found[link].sources if s != source]
        rows.append([source, None, link, found[link].type, None, ["sources"], not others])
    return rows


@implements("source-impact")
def source_impact(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    keys: list[tuple[str, int, str]] = []  # (source, 0 node / 1 link, id): the row order
    via: dict[str, dict[str, set[str]]] = {}
    for source in r.find(p["source"], ["Source"]):
        how = {
            "sources": set(sql.sourced(r, source, 0)),
            "SUPPORTS": set(r.ends([source], "SUPPORTS", out=True)[source]),
            "CITES": set(r.ends([source], "CITES", out=False)[source]),
        }
        via[source] = how
        nodes = sorted(set().union(*how.values()) - {source})
        keys += [(source, 0, n) for n in nodes]
        keys += [(source, 1, link) for link in sql.sourced(r, source, 1)]
    shown = keys[: p["limit"]]
    rows = []
    for source in dict.fromkeys(s for s, _, _ in shown):
        nodes = [i for s, kind, i in shown if s == source and kind == 0]
        links = [i for s, kind, i in shown if s == source and kind == 1]
        rows += _node_rows(r, source, nodes, via[source])
        rows += _link_rows(r, source, links)
    return Page(rows, len(keys), len(keys) > p["limit"])
