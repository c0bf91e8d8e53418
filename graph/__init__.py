"""allegraph: a knowledge graph of actors, events and allegations.

Every allegation stays tied to who made it, what backs it and who disputes it.

>>> import allegraph
>>> case = allegraph.open("demo/baku.db")
>>> case.query("allegations-against", actor="Armed Forces of Ukraine").to_pandas()

``open`` and ``Case`` (allegraph.api, docs/python.md) load on first use (PEP 562),
so that ``import allegraph`` and the CLI's start stay quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from allegraph.model import Entity, Link, Record

if TYPE_CHECKING:
    from allegraph.api import Case, open

__version__ = "0.1.0"
__all__ = ["Case", "Entity", "Link", "Record", "__version__", "open"]

_LAZY = {"Case": "allegraph.api", "open": "allegraph.api"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
