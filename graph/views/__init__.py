"""Interactive HTML views of the graph: one self-contained, offline, escaped page.

>>> from allegraph.stores import open_store
>>> from allegraph.views import build_view, ego, view_selection
>>> store = open_store("demo/baku.db")
>>> page = build_view(store.to_networkx(), title="Baku")     # HTML text
>>> view_selection(ego(store, "Moskalkova", depth=1))           # shows inline in Jupyter

docs/views.md describes what a view shows and the safety rules it keeps.
"""

from allegraph.views.build import (
    View,
    build_view,
    render_view,
    view_of_result,
    view_of_store,
    view_selection,
    write_view,
)
from allegraph.views.payload import DEFAULT_MAX_NODES, PHYSICS_THRESHOLD
from allegraph.views.selection import Selection, claim, ego, ids_of, resolve_one, whole

__all__ = [
    "DEFAULT_MAX_NODES",
    "PHYSICS_THRESHOLD",
    "Selection",
    "View",
    "build_view",
    "claim",
    "ego",
    "ids_of",
    "render_view",
    "resolve_one",
    "view_of_result",
    "view_of_store",
    "view_selection",
    "whole",
    "write_view",
]
