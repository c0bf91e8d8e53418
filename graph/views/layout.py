"""Fixed positions for views too large for the browser's physics simulation.

Above the physics threshold the view is drawn with physics off, so nodes need
positions. A force layout in Python would take minutes at 20,000 nodes, so
this places nodes on a sunflower (Vogel) spiral in breadth-first order,
component by component, largest first: linear time, deterministic, and
neighbours land near each other.
"""

from __future__ import annotations

import math
from collections import deque

import networkx as nx

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _bfs_order(graph: nx.MultiDiGraph) -> list[str]:
    undirected = graph.to_undirected(as_view=True)
    components = sorted(
        nx.connected_components(undirected), key=lambda c: (-len(c), min(map(str, c)))
    )
    order: list[str] = []
    for component in components:
        # Start from the best-connected node so the hub sits at the centre.
        start = max(sorted(component, key=str), key=undirected.degree)
        seen = {start}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            order.append(node)
            for nxt in sorted(undirected.neighbors(node), key=str):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
    return order


def spiral_positions(graph: nx.MultiDiGraph, spacing: float = 50.0) -> dict[str, tuple[int, int]]:
    """Node id -> (x, y) on a sunflower spiral, hubs of big components in the middle."""
    positions = {}
    for i, node in enumerate(_bfs_order(graph)):
        radius = spacing * math.sqrt(i)
        angle = i * GOLDEN_ANGLE
        positions[node] = (round(radius * math.cos(angle)), round(radius * math.sin(angle)))
    return positions
