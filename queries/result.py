"""What running a canned query gives back, whichever store answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    """Columns and rows (plain JSON values), plus the ids a view needs to draw them.

    ``node_ids`` and ``link_ids`` are collected from the columns the query's
    header names in ``// nodes:`` and ``// links:``, sorted and without repeats.

    ``cut`` says whether the ``limit`` left rows out; ``total`` is how many rows
    there are without it, or None when it was not counted (docs/queries.md says
    which queries and stores count). ``unmatched`` has one line for each
    parameter naming an actor, event, place or source that matches no node
    (checked when there are no rows): ``no actor matches 'Nobody'``.
    """

    query: str
    columns: list[str]
    rows: list[list[Any]]
    node_ids: list[str] = field(default_factory=list)
    link_ids: list[str] = field(default_factory=list)
    limit: int | None = None
    total: int | None = None
    cut: bool = False
    unmatched: list[str] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def notes(self) -> list[str]:
        """What a reader of the rows must be told: parameters that match nothing, and
        that the limit cut the rows (with how to see more)."""
        notes = list(self.unmatched)
        if self.cut:
            shown = len(self.rows)
            of = f"the first {shown:,}" if self.total is None else f"{shown:,} of {self.total:,}"
            notes.append(f"showing {of} rows; raise --limit (-p limit=N) to see more")
        return notes

    def as_json(self) -> dict[str, Any]:
        """The result as ``query run --format json`` prints it."""
        return {
            "query": self.query,
            "columns": self.columns,
            "rows": self.records(),
            "returned": len(self.rows),
            "limit": self.limit,
            "cut": self.cut,
            "total": self.total,
            "unmatched": self.unmatched,
        }


def ids_in(columns: list[str], rows: list[list[Any]], wanted: tuple[str, ...]) -> list[str]:
    """Every id found in the ``wanted`` columns (scalars or lists), sorted, once each."""
    found: set[str] = set()
    for name in wanted:
        if name not in columns:
            continue
        index = columns.index(name)
        for row in rows:
            value = row[index]
            if isinstance(value, list):
                found.update(v for v in value if v is not None)
            elif value is not None:
                found.add(value)
    return sorted(found)
