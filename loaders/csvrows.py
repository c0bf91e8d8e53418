"""The rows of a CSV file, read so that a bad row is rejected and the rows around it load.

Every CSV loader (the allegations log, CSV folders, neo4j-admin CSV) reads
through :func:`csv_rows`:

- a cell longer than :data:`MAX_CELL` characters rejects its row (the csv
  module's own limit is raised, so it never throws and loses the file);
- a line with bytes the encoding cannot decode rejects the row holding it
  (loaders/decoding.py), naming the line, the byte and the fix;
- a row's line is its FIRST physical line, also for a quoted cell with line
  breaks in it.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allegraph.loaders.decoding import text_lines
from allegraph.model import Record

MAX_CELL = 131_072  # characters in one cell; longer cells reject their row (docs/formats.md)
_SHOWN = 1_000  # characters of an oversized cell kept in the rejects file

# The csv module refuses fields over 131,072 characters with an exception that stops
# the reader; our own check above rejects just the row, so its limit is lifted
# (a C long: 2**31 - 1 on Windows).
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(slots=True)
class Row:
    """One CSV row: its first physical line, its cells, and the file's header."""

    line: int
    cells: list[str]
    header: list[str]

    def as_dict(self) -> dict[str | None, Any]:
        """The row as :class:`csv.DictReader` gives it: missing cells are None, cells
        beyond the header are a list under the key None."""
        header, cells = self.header, self.cells
        row: dict[str | None, Any] = dict(zip(header, cells))  # noqa: B905 - lengths may differ
        if len(cells) == len(header):
            return row
        if len(cells) > len(header):
            row[None] = cells[len(header) :]
        elif len(cells) < len(header):
            for name in header[len(cells) :]:
                row.setdefault(name, None)
        return row

    def raw(self) -> dict[str, Any] | list[str]:
        """The row as the rejects file shows it (see :func:`_raw`)."""
        return _raw(self.header, self.cells)


def _raw(header: list[str], cells: list[str]) -> dict[str, Any] | list[str]:
    """A rejected row for the rejects file: by column when the header names each cell
    once, oversized cells cut to their start."""
    cells = [c if len(c) <= MAX_CELL else f"{c[:_SHOWN]}... ({len(c):,} characters)" for c in cells]
    if len(set(header)) != len(header):
        return cells
    raw: dict[str, Any] = dict(zip(header, cells, strict=False))
    if len(cells) > len(header):
        raw["_extra_cells"] = cells[len(header) :]
    return raw


def _too_long(header: list[str] | None, cells: list[str]) -> str | None:
    """Why a row is too big to load, naming the cell by its column (or its position)."""
    for index, cell in enumerate(cells):
        if len(cell) > MAX_CELL:
            if header is None:
                name = f"{index + 1} of the header"
            elif index < len(header):
                name = repr(header[index])
            else:
                name = f"{index + 1} (beyond the header)"
            return f"cell {name} is {len(cell):,} characters long (the limit is {MAX_CELL:,})"
    return None


def csv_rows(path: Path, encoding: str = "utf-8") -> Iterator[Row | Record]:
    """The rows of the CSV file ``path``: the header first, then each data row.

    Each is a :class:`Row`, or a :class:`Record` with ``error`` set for a row
    to reject (a cell over :data:`MAX_CELL` characters, bytes ``encoding``
    cannot decode), with its first line and its cells as ``raw``. Blank lines
    are skipped; an empty file yields nothing. A rejected header is the last
    item: without it no row of the file can be read.
    """
    name = str(path)
    bad: dict[int, str] = {}  # line number -> why it does not decode
    with open(path, "rb") as fh:
        reader = csv.reader(text_lines(fh, encoding, bad))
        header: list[str] | None = None
        last = 0  # the last line of the previous row: a row starts on the line after it
        while True:
            try:
                for cells in reader:
                    first, last = last + 1, reader.line_num
                    if not cells:
                        continue
                    reason = None
                    if bad:
                        reason = next((bad[n] for n in range(first, last + 1) if n in bad), None)
                    if reason is None and max(map(len, cells)) > MAX_CELL:
                        reason = _too_long(header, cells)
                    if header is None:
                        if reason:
                            why = f"{reason}; this is the header, so no row of the file can be read"
                            yield Record(None, name, first, error=why, raw=_raw([], cells))
                            return
                        header = cells
                    elif reason:
                        yield Record(None, name, first, error=reason, raw=_raw(header, cells))
                        continue
                    yield Row(first, cells, header)
                return
            except csv.Error as exc:  # with no size limit and our own line splitting, unseen
                first, last = last + 1, reader.line_num
                yield Record(None, name, first, error=f"unreadable CSV: {exc}")


def header(path: Path) -> list[str]:
    """The header of a CSV file, for telling its format: [] for an empty file.

    Read as UTF-8 whatever the load's encoding (detection is given no encoding):
    the column names formats are told by are ASCII, and bad bytes are only escaped.
    """
    with open(path, "rb") as fh:
        try:
            for cells in csv.reader(text_lines(fh, "utf-8", {})):
                if cells:
                    return cells
        except csv.Error:
            return []
    return []
