"""Commands: query list / show / run (the canned queries of allegraph.queries)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from allegraph.cli.common import FORMAT_OPTION, render, store_from, user_errors
from allegraph.cli.view import report
from allegraph.queries import (
    bind,
    browser_params,
    cypher_params,
    get_query,
    parse_assignments,
    queries,
)

PARAM_OPTION = click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter (repeat for more); `allegraph query show NAME` lists them.",
)


@click.group()
def query() -> None:
    """Canned queries: who alleges what against whom, disputes, sources, paths.

    Each query is a .cypher file that runs as it is on Neo4j (and in Neo4j
    Browser); the embedded store answers it with the same rows.

    \b
    Example:
        allegraph query list
        allegraph query run allegations-against -p actor="Armed Forces of Ukraine"
    """


@query.command("list")
@FORMAT_OPTION
def list_queries(fmt: str) -> None:
    """List the canned queries with their parameters.

    \b
    Example:
        allegraph query list --format json
    """
    rows = [[q.name, q.description, q.signature()] for q in queries().values()]
    click.echo(render(["name", "description", "parameters"], rows, fmt))


@query.command()
@click.argument("name")
@PARAM_OPTION
def show(name: str, params: tuple[str, ...]) -> None:
    """Print the Cypher of query NAME, ready to paste into Neo4j Browser.

    With -p, first print the `:params` line that sets every parameter, the
    derived ones included.

    \b
    Example:
        allegraph query show allegations-by -p actor=Moskalkova
    """
    with user_errors():
        found = get_query(name)
        if params:
            bound = cypher_params(found, parse_assignments(params))
            click.echo(browser_params(bound))
            click.echo()
    click.echo(found.cypher.rstrip("\n"))


@query.command()
@click.argument("name")
@PARAM_OPTION
@FORMAT_OPTION
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=None,
    help="Most rows returned (the same as -p limit=N); a cut result says so.",
)
@click.option(
    "--view",
    "view_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the result as an interactive HTML view (docs/views.md).",
)
@click.pass_context
def run(
    ctx: click.Context,
    name: str,
    params: tuple[str, ...],
    fmt: str,
    limit: int | None,
    view_path: Path | None,
) -> None:
    """Run query NAME on the store and print its rows.

    Actors, events, places and sources are named by id, name or alias
    (case, accents and script do not matter). A name that matches nothing is
    reported (`no actor matches 'X'`), and a result the limit cut ends with
    `showing 100 of 274 rows` (in JSON: "cut" and "total"; with CSV, on stderr).

    \b
    Examples:
        allegraph query run allegations-against -p actor="Armed Forces of Ukraine"
        allegraph query run connection-path -p a=icrc -p b=afu --format json
        allegraph query run timeline -p from=2024-01 -p to=2024-12 --format csv
        allegraph query run actor-network -p actor=moskalkova --view moskalkova.html
    """
    with user_errors():
        found = get_query(name)
        given = parse_assignments(params)
        if limit is not None:
            if "limit" in given and str(given["limit"]).strip() != str(limit):
                raise click.UsageError("give --limit or -p limit=, not both")
            given["limit"] = limit
        bind(found, given)  # a wrong parameter is reported before the store is opened
    with store_from(ctx) as store:
        from allegraph.queries import run_query  # every embedded implementation

        result = run_query(store, name, given)
        if view_path:
            from allegraph.views import view_of_result  # networkx and pyvis: slow to import

            # the view report goes to stderr so that table/JSON/CSV on stdout stays clean
            report(view_of_result(store, result, view_path), view_path, err=True)
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2, default=str))
        return
    click.echo(render(result.columns, result.rows, fmt))
    for note in result.notes():
        # under the table for a reader; on stderr with CSV, which a script reads
        click.echo(note, err=fmt == "csv")


commands = [query]
