"""Loaders: one module per input format, all producing the same record stream.

A loader is a :class:`Format`: a name, a ``read(path, context)`` function that
yields :class:`allegraph.Record` objects (the native record dict plus file and
line), and optionally ``detect(path)`` for choosing it by file name or headers.
Third-party loaders plug in through the ``allegraph.loaders`` entry-point group;
see docs/loaders.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from allegraph.model import Record
from allegraph.schema import Registry, registry

ENTRY_POINT_GROUP = "allegraph.loaders"

# Built-in formats: module path, in the order detection tries them. Feeds that are
# told by their content (a STIX bundle, FtM entities are .json too) come first.
BUILTIN = (
    "allegraph.loaders.gdelt",
    "allegraph.loaders.ftm",
    "allegraph.loaders.stix",
    "allegraph.loaders.native",
    "allegraph.loaders.allegations",
    "allegraph.loaders.rdf",
    "allegraph.loaders.neo4j_csv",
    "allegraph.loaders.csvdir",
)


class LoaderError(ValueError):
    """An input cannot be read at all (missing file, unknown format)."""


@dataclass
class LoadContext:
    """What a loader may ask of the load it runs in."""

    registry: Registry = field(default_factory=registry)
    resolver: Callable[[str, tuple[str, ...]], str | None] | None = None

    def resolve(self, name: str, labels: tuple[str, ...]) -> str | None:
        """The id of an existing node named ``name`` (id, name or alias), if any."""
        return self.resolver(name, labels) if self.resolver else None


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    read: Callable[[Path, LoadContext], Iterator[Record]]
    detect: Callable[[Path], bool] | None = None


def _from_object(name: str, obj: Any) -> Format:
    if isinstance(obj, Format):
        return obj
    fmt = getattr(obj, "FORMAT", None)
    if isinstance(fmt, Format):
        return fmt
    read = getattr(obj, "read", None)
    if callable(read):
        doc = (getattr(obj, "__doc__", None) or "").strip().splitlines()
        return Format(name, doc[0] if doc else "", read, getattr(obj, "detect", None))
    raise LoaderError(f"loader {name!r} has no read(path, context) function")


@lru_cache(maxsize=1)
def formats() -> dict[str, Format]:
    """Every format: built-in ones, then those registered as entry points."""
    found: dict[str, Format] = {}
    for module in BUILTIN:
        for fmt in import_module(module).FORMATS:
            found[fmt.name] = fmt
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found[ep.name] = _from_object(ep.name, ep.load())
    return found


def get_format(name: str) -> Format:
    try:
        return formats()[name]
    except KeyError:
        raise LoaderError(
            f"unknown format {name!r}; known formats: {', '.join(formats())}"
        ) from None


def detect_format(path: Path) -> Format:
    """The format of ``path`` by its extension, or by its headers for CSV."""
    if not path.exists():
        raise LoaderError(f"{path}: no such file or folder")
    for fmt in formats().values():
        if fmt.detect and fmt.detect(path):
            return fmt
    raise LoaderError(f"{path}: cannot tell its format; name one with --format")


__all__ = ["Format", "LoadContext", "LoaderError", "detect_format", "formats", "get_format"]
