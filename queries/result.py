"""What running a canned query gives back, whichever store answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    """Columns and rows (plain JSON values), plus the ids a view needs to draw them.

    ``node_ids`` and ``link_ids`` are collected from the columns the query's
    header names in ``// nodes:`` and ``// links:``, sorted and without repeats.
    """

    query: str
    columns: list[str]
    rows: list[list[Any]]
    node_ids: list[str] = field(default_factory=list)
    link_ids: list[str] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]


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
