"""Embedded implementations of the queries about how actors connect: mutual accusations,
shortest paths, and ego networks.

Paths and ego networks are found breadth first, one level at a time, each level
one indexed query per chunk of ids (``EmbeddedReader.neighbours``): only the
nodes within reach are read.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from allegraph.queries.embedded import Page, Rows, implements
from allegraph.stores import embedded_accusations as accusations
from allegraph.stores.embedded_read import EmbeddedReader

# The fixed upper bound of the variable-length patterns in the Cypher
# (Cypher cannot take a parameter there); parameters are capped to match.
PATH_SEARCH_BOUND = 10
# nodes of a large frontier whose links are counted to estimate the frontier's (each
# count is an index seek at each end: 100 take a few milliseconds, 500 over ten)
REACH_SAMPLE = 100


@implements("mutual-accusations")
def mutual_accusations(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    # the pairs are kept as data loads (allegraph.stores.embedded_accusations)
    pairs, total = accusations.mutual_pairs(r.db, p["limit"])
    rows = [
        [a, b, accusations.claims_by(r.db, a, b), accusations.claims_by(r.db, b, a)]
        for a, b in pairs
    ]
    return Page(rows, total, total > p["limit"])


class _Search:
    """One side of a bidirectional breadth-first search: distances and, for each
    node reached, the nodes one step nearer the start (every shortest way back)."""

    def __init__(self, start: str):
        self.distance = {start: 0}
        self.parents: dict[str, list[str]] = {start: []}
        self.frontier = [start]
        self.radius = 0
        self._reach: int | None = None

    def expand(self, r: EmbeddedReader) -> list[str]:
        """Reach the next level; returns its nodes."""
        self.radius += 1
        distance = self.distance
        neighbours = r.neighbours(self.frontier)
        if len(neighbours) == 1:
            # one node, often a hub (the first step): every node it reaches has it as
            # its one parent, and the lists are not changed afterwards
            ((node, near),) = neighbours.items()
            reached = dict.fromkeys(near.difference(distance), [node])
        else:
            reached = {}  # (rows are sorted at the end: no order here)
            for node, near in neighbours.items():
                for other in near.difference(distance):  # the difference runs in C
                    parents = reached.get(other)
                    if parents is None:
                        reached[other] = [node]
                    else:
                        parents.append(node)
        distance.update(dict.fromkeys(reached, self.radius))
        self.parents.update(reached)
        self.frontier = list(reached)
        self._reach = None
        return self.frontier

    def reach(self, r: EmbeddedReader) -> int:
        """How many links the frontier has to follow, counted in the index; for a large
        frontier, estimated from a sample (only the order of two sides matters)."""
        if self._reach is None:
            sample = self.frontier[:REACH_SAMPLE]
            found = sum(r.degrees(sample).values())
            self._reach = found * len(self.frontier) // max(1, len(sample))
        return self._reach

    def ways(self, node: str) -> list[list[str]]:
        """Every shortest node sequence from the start to ``node``."""
        if not self.parents[node]:
            return [[node]]
        return [way + [node] for parent in self.parents[node] for way in self.ways(parent)]


def _cheaper(r: EmbeddedReader, ahead: _Search, behind: _Search) -> tuple[_Search, _Search]:
    """The side to expand next, and the other: the one with fewer links to follow. A
    frontier has at least as many links as nodes, so the larger one is counted only
    when it might have fewer."""
    small, big = (behind, ahead) if len(behind.frontier) < len(ahead.frontier) else (ahead, behind)
    reach = small.reach(r)
    if len(big.frontier) < reach and big.reach(r) < reach:
        return big, small
    return small, big


def shortest_node_paths(r: EmbeddedReader, a: str, b: str, max_hops: int) -> list[list[str]]:
    """Every shortest path from ``a`` to ``b`` of at most ``max_hops`` steps, as node
    sequences, over relationships of any type and direction (as networkx's
    ``all_shortest_paths`` on the undirected graph): each step expands the side
    with fewer links to follow; the first level at which the two sides meet gives
    the length, and every shortest path crosses that level at one of the nodes
    where they met."""
    ahead, behind = _Search(a), _Search(b)
    while ahead.radius + behind.radius < max_hops and ahead.frontier and behind.frontier:
        # expand the side with fewer links to follow (counted in the index, which costs
        # far less than following them): a hub at one end is left for last
        side, other = _cheaper(r, ahead, behind)
        met = [n for n in side.expand(r) if n in other.distance]
        if met:
            paths = []
            for node in met:
                for first in ahead.ways(node):
                    for second in behind.ways(node):
                        paths.append(first + second[::-1][1:])
            return paths
    return []


def _steps(r: EmbeddedReader, nodes: list[list[str]]) -> dict[tuple[str, str], list]:
    """Every relationship between neighbours on the paths: ``(u, v) -> [(arrow,
    rowid)]``, from the link indexes alone."""
    pairs = {(u, v) for path in nodes for u, v in zip(path, path[1:], strict=False)}
    steps: dict[tuple[str, str], list] = {pair: [] for pair in pairs}
    ends = {path[0] for path in nodes} | {path[-1] for path in nodes}
    for rowid, type_, src, dst in r.links_between(pairs, hubs=ends):
        if (src, dst) in steps:
            steps[(src, dst)].append((f" -[{type_}]-> ", rowid))
        if (dst, src) in steps:
            steps[(dst, src)].append((f" <-[{type_}]- ", rowid))
    return steps


def _first_rows(r: EmbeddedReader, rows: Rows, limit: int) -> Rows:
    """The first ``limit`` of ``rows`` (whose last column holds link rowids) in the
    query's order, by link id: sorted by rowid first, the page and every row whose
    path reads as its last row's are given their ids and sorted again (rows that
    read alike differ only in the ids of parallel links)."""
    if limit <= 0:
        return []
    rows.sort(key=lambda row: (row[0], row[1], row[3], row[5]))
    end = min(limit, len(rows))
    while end < len(rows) and rows[end][:4] == rows[limit - 1][:4]:
        end += 1
    rows = rows[:end]
    ids = r.link_ids(rowid for row in rows for rowid in row[5])
    for row in rows:
        row[5] = [ids[rowid] for rowid in row[5]]
    rows.sort(key=lambda row: (row[0], row[1], row[3], row[5]))
    return rows[:limit]


@implements("connection-path")
def connection_path(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    rows: Rows = []
    max_hops = min(p["max_hops"], PATH_SEARCH_BOUND)
    labels = r.registry.actor_labels
    for a in r.find(p["a"], labels):
        for b in r.find(p["b"], labels):
            if a == b:
                continue
            paths = shortest_node_paths(r, a, b, max_hops)
            steps = _steps(r, paths)
            for nodes in paths:
                hops = [steps[(u, v)] for u, v in zip(nodes, nodes[1:], strict=False)]
                for choice in product(*hops):
                    text = nodes[0]
                    for (arrow, _), node in zip(choice, nodes[1:], strict=True):
                        text += arrow + node
                    rows.append([a, b, len(nodes) - 1, text, nodes, [key for _, key in choice]])
    total = len(rows)
    return Page(_first_rows(r, rows, p["limit"]), total, total > p["limit"])


@implements("actor-network")
def actor_network(r: EmbeddedReader, p: dict[str, Any]) -> Page:
    actors = r.find(p["actor"], r.registry.actor_labels)
    limit = p["limit"]
    # rows are ordered by distance first: the search goes level by level for every
    # actor at once and stops once a level is complete and the page is full (the
    # total is then not counted)
    seen = {a: {a} for a in actors}
    frontier = {a: [a] for a in actors}
    found = [(0, a, a) for a in actors]
    complete = True
    for level in range(1, p["depth"] + 1):
        if len(found) > limit:
            complete = False
            break
        reached = r.neighbours({n for f in frontier.values() for n in f})
        for a in actors:
            near = {n for node in frontier[a] for n in reached[node]} - seen[a]
            seen[a] |= near
            frontier[a] = sorted(near)
            found += [(level, a, n) for n in frontier[a]]
        if not any(frontier.values()):
            break
    found.sort()
    shown = found[:limit]
    nodes = r.nodes(n for _, _, n in shown)
    rows = [[a, n, nodes[n].label, r.name(nodes[n]), d] for d, a, n in shown]
    return Page(rows, len(found) if complete else None, len(found) > limit)
