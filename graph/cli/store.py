"""Commands about the store itself: init, stats, runs."""

from __future__ import annotations

import json

import click

from allegraph.cli.common import FORMAT_OPTION, REINDEX_NOTE, render, store_from


@click.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the store (tables, or Neo4j constraints and indexes); safe to repeat.

    \b
    Example:
        allegraph --store case.db init
    """
    with store_from(ctx, check_status=False) as store:
        store.init()
        click.echo(f"initialised {store.url}")
        if store.status_outdated():
            click.echo(REINDEX_NOTE.format(url=store.url))


@click.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Recompute the derived status of every claim, and the store's indexes.

    Claim status and the tables the queries read are kept up to date as data
    loads. A store written by an older allegraph has claims without status:
    `init` and every command say so, and this command fixes it. It also
    rebuilds the embedded store's read tables, for a file some other program
    wrote to (safe to repeat; a million records take under a minute).

    \b
    Example:
        allegraph --store case.db reindex
    """
    with store_from(ctx, check_status=False) as store:
        count = store.reindex()
        click.echo(f"recomputed the status of {count:,} claims in {store.url}")


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

    A run whose process died (killed, power cut) shows as `interrupted`, with
    what it committed; load the same input again to complete it.
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


commands = [init, stats, runs, reindex]
