"""Commands that write the graph for other tools: export, and shacl to check RDF."""

from __future__ import annotations

from pathlib import Path

import click

from allegraph.cli.common import store_from, user_errors
from allegraph.interchange import EXPORT_FORMATS, export
from allegraph.rdf import DEFAULT_BASE

EXIT_NONCONFORMING = 3  # the file breaks the shapes (like rejected records for validate)


def _size(count: int) -> str:
    for unit in ("B", "kB", "MB"):
        if count < 1000 or unit == "MB":
            return f"{count:,} {unit}" if unit == "B" else f"{count:,.1f} {unit}"
        count /= 1000
    raise AssertionError


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORT_FORMATS)),
    required=True,
    help="ttl, jsonld, nt (RDF), jsonl (native records), neo4j-csv (a folder for "
    "neo4j-admin), graphml, gexf (Gephi).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write (a folder for neo4j-csv).",
)
@click.option(
    "--actor",
    default=None,
    metavar="NAME",
    help="Only the neighbourhood of this node (id, name or alias), with the sources it cites.",
)
@click.option(
    "--depth",
    type=click.IntRange(0),
    default=1,
    show_default=True,
    help="Hops from --actor, in either direction.",
)
@click.option(
    "--base",
    default=DEFAULT_BASE,
    show_default=True,
    help="IRI that instance IRIs start with (RDF formats).",
)
@click.pass_context
def export_command(ctx, fmt, output, actor, depth, base) -> None:
    """Write the graph (or an actor's neighbourhood) in a format other tools read.

    ttl, jsonld, nt, jsonl and neo4j-csv load back with `allegraph load`
    without loss; graphml and gexf are for Gephi and other graph tools.
    Provenance goes along: the sources of every node and relationship, and
    the load run that wrote it.

    \b
    Examples:
        allegraph export --format ttl -o case.ttl
        allegraph export --format jsonld -o case.jsonld --base https://example.org/case/
        allegraph export --format gexf -o moskalkova.gexf --actor Moskalkova --depth 2
        allegraph export --format neo4j-csv -o neo4j-import/
    """
    with store_from(ctx) as store:
        result = export(store, fmt, output, base=base, actor=actor, depth=depth)
    click.echo(
        f"exported {result.nodes} nodes, {result.links} relationships and {result.runs} "
        f"load runs to {result.path} ({fmt}, {_size(result.bytes)})"
    )


def check_shacl(ctx: click.Context, paths, shapes: Path | None = None) -> None:
    """Check each RDF file against the shapes; print a line or the report; exit 3 if any fails.

    Shared by `allegraph shacl` and `allegraph validate --shacl`.
    """
    from allegraph.rdf.shacl import validate_file  # pyshacl is slow to import: only when used

    failed = False
    for path in paths:
        with user_errors():
            conforms, report = validate_file(path, shapes)
        if conforms:
            click.echo(f"{path} conforms to the allegraph shapes")
        else:
            failed = True
            click.echo(f"{path} does not conform to the allegraph shapes:")
            click.echo(report.rstrip())
    if failed:
        ctx.exit(EXIT_NONCONFORMING)


@click.command("shacl")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--shapes",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="SHACL shapes to use instead of allegraph's (schema/shapes.ttl).",
)
@click.pass_context
def shacl_command(ctx, paths, shapes) -> None:
    """Check RDF files (.ttl, .jsonld, .nt) against the allegraph SHACL shapes.

    Prints pyshacl's report for a file that does not conform: each violation
    with the node, the property and what is wrong. Exit codes: 0 all conform,
    3 some do not, 1 a file cannot be read. `allegraph validate --shacl FILE`
    does the same.

    \b
    Example:
        allegraph export --format ttl -o case.ttl && allegraph shacl case.ttl
    """
    check_shacl(ctx, paths, shapes)


commands = [export_command, shacl_command]
