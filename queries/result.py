"""What running a canned query gives back, whichever store answered."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from allegraph.stores.base import GraphStore

# How a reader asks for more rows: on the command line, and from Python.
MORE_ON_THE_COMMAND_LINE = "raise --limit (-p limit=N) to see more"
MORE_FROM_PYTHON = "pass a higher limit= to see more"


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

    For analysts: ``len(result)``, iteration and :meth:`to_records` give the rows
    as dicts, :meth:`to_pandas` a DataFrame, :meth:`to_networkx` the nodes and
    relationships the rows name (read from ``store``, the store that answered),
    and Jupyter shows the rows as a table with the notes under it.
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
    store: GraphStore | None = field(default=None, repr=False, compare=False)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def notes(self, more: str = MORE_ON_THE_COMMAND_LINE) -> list[str]:
        """What a reader of the rows must be told: parameters that match nothing, and
        that the limit cut the rows (with ``more``: how to see more)."""
        notes = list(self.unmatched)
        if self.cut:
            shown = len(self.rows)
            of = f"the first {shown:,}" if self.total is None else f"{shown:,} of {self.total:,}"
            notes.append(f"showing {of} rows; {more}")
        return notes

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The rows as dicts keyed by column."""
        return iter(self.records())

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column (as iterating over the result gives them)."""
        return self.records()

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame, one column per column of the query (list
        cells stay lists). ``frame.attrs`` keeps ``query``, ``limit``, ``cut``,
        ``total`` and ``notes``: a cut result still says so. Needs pandas
        (``pip install 'allegraph[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError(
                "Result.to_pandas needs pandas: pip install 'allegraph[pandas]'"
            ) from None
        frame = pd.DataFrame(self.rows, columns=self.columns)
        frame.attrs.update(
            query=self.query,
            limit=self.limit,
            cut=self.cut,
            total=self.total,
            notes=self.notes(MORE_FROM_PYTHON),
        )
        return frame

    def to_networkx(self, store: GraphStore | None = None) -> nx.MultiDiGraph[str]:
        """The nodes the rows name and the relationships among them (only the
        relationships the rows name, when they name some: a path), read from
        ``store`` (default: the store that answered, which must still be open).
        Attributes as :meth:`allegraph.Case.subgraph` gives them."""
        from allegraph.analysis import network

        if store is None:
            store = self.store
        if store is None:
            raise ValueError(f"{self.query}: this result knows no store to read from; pass one")
        return network(store, self.node_ids, self.link_ids or None)

    def _repr_html_(self) -> str:
        """The rows as an HTML table with the notes under it; every string escaped."""
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell(v))}</td>" for v in row) + "</tr>"
            for row in self.rows
        )
        count = f"{len(self.rows):,} row{'' if len(self.rows) == 1 else 's'}"
        notes = "".join(f"<p>{html.escape(n)}</p>" for n in self.notes(MORE_FROM_PYTHON))
        return (
            f"<div><p><b>{html.escape(self.query)}</b>: {count}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{notes}</div>"
        )

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


def cell(value: Any) -> str:
    """A cell as text: lists joined with ``; ``, maps as JSON, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


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
