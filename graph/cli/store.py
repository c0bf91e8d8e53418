"""Commands about the store itself: init, stats, runs."""

from __future__ import annotations

import json

import click

from allegraph.cli.common import FORMAT_OPTION, render, store_from


@click.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the store (tables, or Neo4j constraints and indexes); safe to repeat.

    \b
    Example:
        allegraph --store case.db init
    """
    with store_from(ctx) as store:
        store.init()
        click.echo(f"initialised {store.url}")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Count nodes per label and relationships per type.

    \b
    Example:
        allegraph stats --format json
    """
    with store_from(ctx) as store:
        counts = store.counts()
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2, sort_keys=True))
        return
    rows = [("node", k, v) for k, v in counts["nodes"].items()]
    rows += [("relationship", k, v) for k, v in counts["relationships"].items()]
    click.echo(render(["kind", "name", "count"], rows, "table"))


@click.command()
@FORMAT_OPTION
@click.pass_context
def runs(ctx: click.Context, fmt: str) -> None:
    """List load runs: input, sha256, counts, start and end.

    A run with status `running` and no end was interrupted; load the same
    input again to complete it.
    """
    with store_from(ctx) as store:
        found = store.runs()
    columns = [
        "id",
        "input",
        "format",
        "sha256",
        "started",
        "ended",
        "read",
        "loaded",
        "rejected",
        "status",
    ]
    rows = [[getattr(r, c) for c in columns] for r in found]
    if fmt == "table":
        rows = [[*row[:3], row[3][:12], *row[4:]] for row in rows]
    click.echo(render(columns, rows, fmt))


commands = [init, stats, runs]
