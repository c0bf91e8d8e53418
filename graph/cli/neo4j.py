"""Commands for Neo4j: push and pull a whole graph, run ad-hoc Cypher."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from allegraph.cli.common import FORMAT_OPTION, render, store_from, user_errors

if TYPE_CHECKING:
    from allegraph.transfer import TransferReport

EXIT_REJECTS = 3  # as `load`: some records were rejected


def _progress(label: str):
    if not sys.stderr.isatty():
        return None

    def show(count: int) -> None:
        click.echo(f"\r{label}: {count:,} records copied", nl=False, err=True)

    return show


def _transfer_options(func):
    func = click.option(
        "--batch-size",
        type=click.IntRange(1),
        default=None,
        help="Records per transaction  [default: 25,000 into the embedded store, "
        "5,000 into Neo4j].",
    )(func)
    func = click.option(
        "--rejects",
        type=click.Path(path_type=Path),
        default=Path("allegraph.rejects.jsonl"),
        show_default=True,
        help="Where records the destination rejects go (created only if there are any).",
    )(func)
    func = click.option(
        "--json", "as_json", is_flag=True, help="Print the report as JSON instead of a table."
    )(func)
    return func


def _copy(ctx: click.Context, source_url, target_url, batch_size, rejects, as_json) -> None:
    from allegraph.transfer import transfer

    with store_from(ctx, source_url) as source, store_from(ctx, target_url) as target:
        report = transfer(
            source, target, batch_size, rejects, progress=_progress(f"{source.url} -> {target.url}")
        )
    if sys.stderr.isatty():
        click.echo("", err=True)
    _summary(report, as_json)
    if report.run.rejected:
        ctx.exit(EXIT_REJECTS)


def _summary(report: TransferReport, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    row = report.as_dict()
    columns = ["from", "to", "read", "loaded", "rejected", "runs_copied"]
    click.echo(render(columns, [[row[c] for c in columns]], "table"))
    if report.run.rejected:
        click.echo(
            f"{report.run.rejected} rejected records with their reasons: {report.rejects_path}"
        )


@click.command()
@click.option(
    "--to",
    "target",
    required=True,
    metavar="URL",
    help="The store to copy into, e.g. neo4j://host:7687 "
    "(credentials from NEO4J_USER / NEO4J_PASSWORD).",
)
@_transfer_options
@click.pass_context
def push(ctx: click.Context, target: str, batch_size: int, rejects: Path, as_json: bool) -> None:
    """Copy the whole --store graph (nodes, links, load runs) into another store.

    The destination merges what it receives as it merges a load, so pushing
    again changes nothing; the push is recorded there as a load run.

    \b
    Example:
        NEO4J_PASSWORD=... allegraph --store case.db push --to neo4j://graph.example.org:7687
    """
    _copy(ctx, ctx.obj["store_url"], target, batch_size, rejects, as_json)


@click.command()
@click.option(
    "--from",
    "source",
    required=True,
    metavar="URL",
    help="The store to copy from, e.g. neo4j://host:7687 "
    "(credentials from NEO4J_USER / NEO4J_PASSWORD).",
)
@_transfer_options
@click.pass_context
def pull(ctx: click.Context, source: str, batch_size: int, rejects: Path, as_json: bool) -> None:
    """Copy a whole graph (nodes, links, load runs) from another store into --store.

    Pulling again changes nothing; the pull is recorded as a load run.

    \b
    Example:
        NEO4J_PASSWORD=... allegraph --store laptop.db pull --from neo4j://graph.example.org:7687
    """
    _copy(ctx, source, ctx.obj["store_url"], batch_size, rejects, as_json)


@click.command()
@click.argument("query")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter ($NAME); JSON values (10, true, [..]) are typed, others are strings.",
)
@click.option("--write", is_flag=True, help="Allow the query to write (a write transaction).")
@FORMAT_OPTION
@click.pass_context
def cypher(ctx: click.Context, query: str, params: tuple[str, ...], write: bool, fmt: str) -> None:
    """Run a Cypher query on a Neo4j --store and print the rows.

    Read-only unless --write is given: the query runs in a read transaction,
    where the server refuses writes. Pass values as parameters, never pasted
    into the query. With --format table, a query that returns no columns (or
    runs with --write) also prints what it changed.

    \b
    Examples:
        export ALLEGRAPH_STORE=bolt://127.0.0.1:7687
        allegraph cypher 'MATCH (p:Person {id: $id})-[:ALLEGES]->(c:Claim)
            RETURN c.text AS claim' -p id=moskalkova
        allegraph cypher 'MATCH (c:Claim) RETURN count(c) AS claims' --format json
        allegraph cypher 'MATCH (n:Person {id: $id}) SET n.country = $c' \\
            -p id=moskalkova -p c=RU --write
    """
    # the neo4j driver takes ~0.2 s to import: only this command (and a Neo4j store) loads it
    from allegraph.cypher import describe_changes, parse_params, run_cypher

    with user_errors():
        values = parse_params(params)
    with store_from(ctx) as store:
        result = run_cypher(store, query, values, write=write)
    if result.columns or fmt != "table":
        click.echo(render(result.columns, result.rows, fmt))
    if fmt == "table" and (write or not result.columns):
        click.echo(describe_changes(result.counters))


commands = [push, pull, cypher]
