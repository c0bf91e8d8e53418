"""Commands that read inputs: load and validate."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click
import orjson

from allegraph.cli.common import render, store_from
from allegraph.cli.export import check_shacl
from allegraph.loaders import LoaderError, formats
from allegraph.loaders.decoding import lookup

if TYPE_CHECKING:  # the load machinery is imported by the command that loads (start-up)
    from allegraph.load import LoadReport

EXIT_REJECTS = 3  # some records were rejected (more than --max-rejects)


def _list_formats(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    rows = [(f.name, f.description) for f in formats().values()]
    click.echo(render(["format", "description"], rows, "table"))
    ctx.exit(0)


def _progress(label: str):
    if not sys.stderr.isatty():
        return None

    def show(count: int) -> None:
        click.echo(f"\r{label}: {count:,} records read", nl=False, err=True)

    return show


class _UsageMistake(click.ClickException):
    """A usage mistake shown as one line (click's own usage errors print the whole usage)."""

    exit_code = 2


def _check_encoding(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    try:
        lookup(value)
    except LoaderError as exc:
        raise _UsageMistake(
            f"--encoding: {exc} (for instance utf-8, latin-1, cp1252, utf-16)"
        ) from None
    return value


def _errors(report: LoadReport) -> list[str]:
    """Inputs that could not be used at all or broke off (the others still loaded)."""
    return list(getattr(report, "errors", []))


def _summary(report: LoadReport, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    if not report.runs:  # every input unusable: the errors alone say it
        return
    rows = [(r.input, r.format, r.read, r.loaded, r.rejected) for r in report.runs]
    rows.append(("total", "", report.read, report.loaded, report.rejected))
    loaded = "valid" if report.dry_run else "loaded"
    click.echo(render(["input", "format", "read", loaded, "rejected"], rows, "table"))
    for run in report.runs:
        if run.completes:
            click.echo(f"{run.input}: completes the interrupted run {run.completes}")
    for warning in report.warnings:
        click.echo(f"warning: {warning}")
    if report.rejected:
        click.echo(f"{report.rejected} rejected records with their reasons: {report.rejects_path}")
        reasons = _common_reasons(report.rejects_path)
        if reasons:
            click.echo(reasons)
    for run in report.runs:
        if run.read == 0 and run.status != "failed":
            # an empty file loads nothing and is no error (docs/decisions.md, "Empty inputs")
            click.echo(f"note: {run.input} holds no records")


def _common_reasons(path: Path | None, shown: int = 5) -> str:
    """The most frequent reject reasons with their counts: feeds reject what has no mapping
    (``STIX type malware has no mapping``), so the counts say what was left out."""
    if path is None or not path.exists():
        return ""
    with open(path, "rb") as fh:
        counts = Counter(orjson.loads(line).get("reason", "") for line in fh if line.strip())
    lines = ["most common reasons:"]
    lines += [f"{count:>8}  {reason}" for reason, count in counts.most_common(shown)]
    if len(counts) > shown:
        lines.append(f"{'':>8}  ... and {len(counts) - shown} other reasons")
    return "\n".join(lines)


def _inputs(func):
    func = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))(func)
    func = click.option(
        "--format",
        "fmt",
        default=None,
        metavar="NAME",
        help="Input format (default: by extension or headers); see --list-formats.",
    )(func)
    func = click.option(
        "--list-formats",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_list_formats,
        help="List the input formats and exit.",
    )(func)
    func = click.option(
        "--rejects",
        type=click.Path(path_type=Path),
        default=None,
        help="Where rejected records go (JSON Lines; default beside the store, "
        "e.g. allegraph.rejects.jsonl).",
    )(func)
    func = click.option(
        "--max-rejects",
        type=int,
        default=0,
        show_default=True,
        help="Exit 0 even with up to this many rejected records.",
    )(func)
    func = click.option(
        "--json", "as_json", is_flag=True, help="Print the report as JSON instead of a table."
    )(func)
    func = click.option(
        "--encoding",
        default="utf-8",
        show_default=True,
        metavar="NAME",
        callback=_check_encoding,
        help="Encoding of text inputs (CSV, JSON Lines, JSON, YAML), e.g. latin-1, cp1252, "
        "utf-16; a UTF-8 byte order mark is skipped. A line that does not decode is "
        "rejected, not the file.",
    )(func)
    return func


def _run(
    ctx,
    paths,
    fmt,
    rejects,
    max_rejects,
    as_json,
    dry_run,
    encoding="utf-8",
    batch_size=None,
):
    with store_from(ctx) as store:
        if not dry_run:
            store.init()
        from allegraph.api import default_rejects
        from allegraph.load import load

        report = load(
            store,
            paths,
            fmt=fmt,
            rejects_path=rejects or default_rejects(store),
            batch_size=batch_size,
            dry_run=dry_run,
            progress=_progress("loading"),
            encoding=encoding,
        )
    if sys.stderr.isatty():
        click.echo("", err=True)
    _summary(report, as_json)
    errors = _errors(report)
    for error in errors:
        click.echo(f"Error: {error}", err=True)
    if errors:
        ctx.exit(1)
    if report.rejected > max_rejects:
        ctx.exit(EXIT_REJECTS)


@click.command("load")
@_inputs
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=None,
    help="Records per transaction  [default: 25,000 on the embedded store, 5,000 on Neo4j].",
)
@click.pass_context
def load_command(ctx, paths, fmt, rejects, max_rejects, as_json, encoding, batch_size) -> None:
    """Load files or folders into the store.

    Every record is validated against the schema; bad ones go to the rejects
    file with their line and reason, the good ones are loaded. Loading the same
    input again changes nothing; an interrupted load completes when run again.

    Exit codes: 0 all loaded, 3 records rejected (beyond --max-rejects),
    1 an input or the store could not be used at all.

    \b
    Examples:
        allegraph load examples/baku/records.jsonl
        allegraph load examples/baku/allegations.csv
        allegraph load cases/csv-folder/ --format csv-folder
        allegraph load old-log.csv --encoding latin-1
        allegraph load 20191024143000.export.CSV ics-attack.json --max-rejects 2000
        allegraph load --list-formats
    """
    _run(ctx, paths, fmt, rejects, max_rejects, as_json, False, encoding, batch_size)


@click.command("validate")
@_inputs
@click.option(
    "--shacl",
    is_flag=True,
    help="Check RDF files (.ttl, .jsonld, .nt) against the SHACL shapes instead "
    "(as `allegraph shacl`; exit 3 when one does not conform).",
)
@click.pass_context
def validate_command(ctx, paths, fmt, rejects, max_rejects, as_json, encoding, shacl) -> None:
    """Check files as `load` would, writing nothing to the store.

    References are checked against the input and the store. Same report,
    rejects file and exit codes as `load`.

    \b
    Examples:
        allegraph validate new-records.jsonl --rejects problems.jsonl
        allegraph validate --shacl case.ttl
    """
    if shacl:
        check_shacl(ctx, paths)
        return
    _run(ctx, paths, fmt, rejects, max_rejects, as_json, True, encoding)


commands = [load_command, validate_command]
