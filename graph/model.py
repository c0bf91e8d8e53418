"""The record stream: what loaders produce, validation checks and stores consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Record:
    """One raw record from an input, in the native format, with where it came from.

    ``data`` is the native record (a dict with ``label`` or ``type``/``from``/``to``).
    A loader that cannot even parse a line yields a Record with ``error`` set and
    ``raw`` holding the text, so the line is rejected, never dropped.

    ``unit``: records that one input row or feed item expands to share a ``unit``
    (any value other than None) and are yielded one after another; the load
    writes them together or rejects them together (docs/decisions.md, "Rows are
    atomic"). None: the record is a unit of its own.
    """

    data: dict[str, Any] | None
    file: str
    line: int
    error: str | None = None
    raw: Any = None
    unit: Any = None


@dataclass(slots=True)
class Entity:
    """A validated node: label, stable id, properties and the sources that back it."""

    label: str
    id: str
    props: dict[str, Any]
    sources: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    load_run: str | None = None

    @property
    def name(self) -> str:
        return str(
            self.props.get("name") or self.props.get("text") or self.props.get("title") or ""
        )

    def to_record(self) -> dict[str, Any]:
        """The native record for this node (derived date properties left out)."""
        return {"label": self.label, "id": self.id, **self.props, "sources": list(self.sources)}


@dataclass(slots=True)
class Link:
    """A validated relationship between two node ids."""

    type: str
    src: str
    dst: str
    props: dict[str, Any]
    sources: list[str] = field(default_factory=list)
    id: str = ""
    first_seen: str | None = None
    last_seen: str | None = None
    load_run: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = link_id(self.type, self.src, self.dst)

    def to_record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {"type": self.type, "from": self.src, "to": self.dst}
        if self.id != link_id(self.type, self.src, self.dst):
            rec["id"] = self.id
        rec.update(self.props)
        rec["sources"] = list(self.sources)
        return rec


def link_id(type_: str, src: str, dst: str) -> str:
    """The id of a relationship when the record gives none: one per (type, from, to)."""
    return f"{src}|{type_}|{dst}"
