"""Commands: report (a case brief as Markdown, HTML or PDF)."""

from __future__ import annotations

from pathlib import Path

import click

from allegraph.cli.common import store_from


@click.command()
@click.option(
    "--actor", metavar="NAME", help="The claims this actor alleges, is accused by or disputes."
)
@click.option("--event", metavar="NAME", help="The claims about this event (id, name or alias).")
@click.option("--claim", metavar="ID", help="This one claim (id or text).")
@click.option("--all", "everything", is_flag=True, help="Every claim in the store.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html", "pdf"]),
    help="Default: from the extension of -o (.md, .html, .pdf), else markdown.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The file to write.",
)
@click.option("--title", default="Case brief", show_default=True, help="The brief's title.")
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A folder with brief.md.j2 / brief.html.j2 of your own (Jinja2); ours fill the gaps.",
)
@click.pass_context
def report(
    ctx: click.Context,
    actor: str | None,
    event: str | None,
    claim: str | None,
    everything: bool,
    fmt: str | None,
    output: Path,
    title: str,
    templates: Path | None,
) -> None:
    """Write a case brief for readers who will not open a graph.

    For each claim in scope: its text as its alleging actors state it ("X alleges
    that ..."), whom it accuses, what event it is about, its derived status and why
    (as `allegraph explain` says), its backing sources with grades, its evidence and
    verification state, its disputes and counter-claims; then the open questions
    (accusations with no reply, claims on one source) and the sources. HTML is one
    offline file; PDF is that page printed by headless Chromium.

    \b
    Examples:
        allegraph report --all -o brief.html
        allegraph report --actor "Tatiana Moskalkova" -o moskalkova.md
        allegraph report --event baku-conference --format pdf -o baku.pdf
    """
    from allegraph.report import EXTENSIONS, write_report  # jinja2: only when written
    from allegraph.report.pdf import PdfError

    fmt = fmt or EXTENSIONS.get(output.suffix.lower(), "markdown")
    with store_from(ctx) as store:
        try:
            brief = write_report(
                store,
                output,
                fmt,
                templates,
                actor=actor,
                event=event,
                claim=claim,
                everything=everything,
                title=title,
            )
        except PdfError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(
        f"Wrote {output} ({fmt}): {len(brief.claims)} claims, {len(brief.actors)} actors, "
        f"{len(brief.sources)} sources."
    )


commands = [report]
