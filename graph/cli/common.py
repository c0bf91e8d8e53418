"""What several commands share: opening the store, errors as one line, output formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from allegraph.loaders import LoaderError
from allegraph.stores import GraphStore, StoreError, open_store

# Library errors that are the user's to fix: shown as one line, never a traceback.
USER_ERRORS = (StoreError, LoaderError, FileNotFoundError, PermissionError, ValueError)


@contextmanager
def user_errors() -> Iterator[None]:
    try:
        yield
    except click.ClickException:
        raise
    except USER_ERRORS as exc:
        raise click.ClickException(str(exc)) from None


@contextmanager
def store_from(
    ctx: click.Context, url: str | None = None, check_status: bool = True
) -> Iterator[GraphStore]:
    """The store named by ``--store`` (or ``url``), closed afterwards; errors as one line.

    A store whose claim status is not kept (written by an older allegraph) is named on
    stderr with the command that fixes it."""
    with user_errors():
        store = open_store(url or ctx.obj["store_url"])
        if check_status and store.status_outdated():
            click.echo(REINDEX_NOTE.format(url=store.url), err=True)
    try:
        with user_errors():
            yield store
    finally:
        store.close()


REINDEX_NOTE = (
    "note: {url} holds claims whose status it does not keep (written by an older "
    "allegraph): run `allegraph reindex` once; until then status answers may be stale"
)


def _cell(value: Any) -> str:
    # imported here: allegraph.queries loads every query module (CLI start-up)
    from allegraph.queries.result import cell

    return cell(value)


def render_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table with a header rule; cells are flattened to one line."""
    cells = [[_cell(v).replace("\n", " ") for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in cells:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """Rows as ``table``, ``json`` (a list of objects) or ``csv``."""
    if fmt == "json":
        return json.dumps(
            [dict(zip(columns, row, strict=True)) for row in rows],
            ensure_ascii=False,
            indent=2,
            default=str,
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        return out.getvalue().rstrip("\n")
    return render_table(columns, rows)


def format_option(*choices: str):
    """``--format`` (into ``fmt``) among ``choices``, the first by default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


FORMAT_OPTION = format_option("table", "json", "csv")
