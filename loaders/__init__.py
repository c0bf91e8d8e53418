"""Loaders: one module per input format, all producing the same record stream.

A loader is a :class:`Format`: a name, a ``read(path, context)`` function that
yields :class:`allegraph.Record` objects (the native record dict plus file and
line), and optionally ``detect(path)`` for choosing it by file name or headers.
Third-party loaders plug in through the ``allegraph.loaders`` entry-point group;
see docs/loaders.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any

from allegraph.model import Entity, Record
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
    encoding: str = "utf-8"  # of text inputs, from ``load --encoding``
    labeller: Callable[[str], str | None] | None = None
    namer: Callable[[str], list[str]] | None = None
    getter: Callable[[str], Entity | None] | None = None
    warner: Callable[[str], None] | None = None
    bulk_labeller: Callable[[list[str]], dict[str, str]] | None = None
    # (id, id) -> True when an analyst judged the two nodes different, or was unsure
    # (allegraph resolve): they are never reported as possible duplicates
    separated: Callable[[str, str], bool] | None = None

    def resolve(self, name: str, labels: tuple[str, ...]) -> str | None:
        """The id of an existing node named ``name`` (id, name or alias), if any."""
        return self.resolver(name, labels) if self.resolver else None

    def label_of(self, node_id: str) -> str | None:
        """The label of the node ``node_id`` in the store (or loaded earlier by the same
        command), or None."""
        return self.labeller(node_id) if self.labeller else None

    def labels_of(self, ids: list[str]) -> dict[str, str]:
        """:meth:`label_of` for several ids at once (one look-up in the store)."""
        if self.bulk_labeller:
            return self.bulk_labeller(ids)
        return {i: label for i in ids if (label := self.label_of(i))}

    def node(self, node_id: str) -> Entity | None:
        """The node ``node_id`` in the store (or loaded earlier by the same command)."""
        return self.getter(node_id) if self.getter else None

    def apart(self, x: str, y: str) -> bool:
        """True when the nodes ``x`` and ``y`` were judged different (or unsure)."""
        return bool(self.separated and self.separated(x, y))

    def warn(self, message: str) -> None:
        """Tell the analyst something the load did not reject but they should look at."""
        if self.warner:
            self.warner(message)

    def named(self, name: str, labels: tuple[str, ...]) -> list[str]:
        """Ids of nodes of ``labels`` in the store (or loaded earlier by the same
        command) whose name or alias matches ``name`` (normalised), sorted."""
        if not self.namer:
            return []
        return [i for i in self.namer(name) if self.label_of(i) in labels]


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    read: Callable[[Path, LoadContext], Iterator[Record]]
    detect: Callable[[Path], bool] | None = None
    # names nodes by name rather than by id (the allegations log): such inputs load
    # after every other input of the same command, so the names resolve against the
    # nodes those inputs make whatever order the inputs are given in
    resolves_names: bool = False


def _from_object(name: str, obj: Any) -> list[Format]:
    """The formats a plug-in object offers, named after its entry point when it has one.

    The object may be a :class:`Format`, a module (or any object) with ``FORMATS``
    (a list of formats, each keeping its own name) or ``FORMAT``, or a module
    with a ``read(path, context)`` function (and optionally ``detect(path)``),
    described by the first line of its docstring.
    """
    if isinstance(obj, Format):
        return [replace(obj, name=name)]
    several = getattr(obj, "FORMATS", None)
    if (
        isinstance(several, list | tuple)
        and several
        and all(isinstance(f, Format) for f in several)
    ):
        return [replace(several[0], name=name)] if len(several) == 1 else list(several)
    fmt = getattr(obj, "FORMAT", None)
    if isinstance(fmt, Format):
        return [replace(fmt, name=name)]
    read = getattr(obj, "read", None)
    if callable(read):
        doc = (getattr(obj, "__doc__", None) or "").strip().splitlines()
        return [Format(name, doc[0] if doc else "", read, getattr(obj, "detect", None))]
    raise LoaderError(f"loader {name!r} has no FORMATS, FORMAT or read(path, context)")


_broken: dict[str, str] = {}  # plug-in name -> why it could not be loaded


@lru_cache(maxsize=1)
def formats() -> dict[str, Format]:
    """Every format: built-in ones, then those registered as entry points.

    A plug-in that fails to import, offers no format, or would replace a
    built-in format is left out (one broken plug-in must not stop every load);
    :func:`get_format` names the reason when it is asked for.
    """
    from importlib.metadata import entry_points  # ~20 ms to import: only when formats are read

    found: dict[str, Format] = {}
    for module in BUILTIN:
        for fmt in import_module(module).FORMATS:
            found[fmt.name] = fmt
    builtin = set(found)
    _broken.clear()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            offered = _from_object(ep.name, ep.load())
        except Exception as exc:  # any error in third-party code: report, do not crash
            _broken[ep.name] = f"{type(exc).__name__}: {exc}"
            continue
        for fmt in offered:
            if fmt.name in builtin:
                _broken[fmt.name] = f"{ep.value} would replace the built-in format {fmt.name!r}"
            else:
                found[fmt.name] = fmt
    return found


def plugin_errors() -> dict[str, str]:
    """Plug-ins left out of :func:`formats`, with the reason."""
    formats()
    return dict(_broken)


def get_format(name: str) -> Format:
    known = formats()
    if name in known:
        return known[name]
    if name in _broken:
        raise LoaderError(f"loader plug-in {name!r} cannot be used: {_broken[name]}")
    raise LoaderError(f"unknown format {name!r}; known formats: {', '.join(known)}")


def detect_format(path: Path) -> Format:
    """The format of ``path``: by its extension, its CSV headers or its content."""
    if not path.exists():
        raise LoaderError(f"{path}: no such file or folder")
    for fmt in formats().values():
        if fmt.detect and fmt.detect(path):
            return fmt
    raise LoaderError(f"{path}: cannot tell its format; name one with --format")


__all__ = [
    "Format",
    "LoadContext",
    "LoaderError",
    "detect_format",
    "formats",
    "get_format",
    "plugin_errors",
]
