"""Interactive HTML views of the graph: one self-contained, offline, escaped page.

>>> from allegraph.stores import open_store
>>> from allegraph.views import build_view, ego, view_selection
>>> store = open_store("demo/baku.db")
>>> page = build_view(store.to_networkx(), title="Baku")     # HTML text
>>> view_selection(ego(store, "Moskalkova", depth=1))           # shows inline in Jupyter

docs/views.md describes what a view shows and the safety rules it keeps.

The names below load on first use (PEP 562): building a view needs networkx
and pyvis, slow to import, and the CLI only reads the limits at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from allegraph.views.limits import DEFAULT_MAX_NODES, PHYSICS_THRESHOLD

if TYPE_CHECKING:
    from allegraph.views.build import (
        View,
        build_view,
        render_view,
        view_of_result,
        view_of_store,
        view_selection,
        write_view,
    )
    from allegraph.views.selection import Selection, claim, ego, ids_of, resolve_one, whole

# name -> the module of this package that defines it
_LAZY = {
    **dict.fromkeys(
        (
            "View",
            "build_view",
            "render_view",
            "view_of_result",
            "view_of_store",
            "view_selection",
            "write_view",
        ),
        "build",
    ),
    **dict.fromkeys(("Selection", "claim", "ego", "ids_of", "resolve_one", "whole"), "selection"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
