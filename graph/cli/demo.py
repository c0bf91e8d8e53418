"""The demo: the Baku example case in a fresh store."""

from __future__ import annotations

from pathlib import Path

import click

from allegraph.cli.common import render, store_from


@click.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("demo"),
    show_default=True,
    help="Folder for what the demo writes (store, views).",
)
@click.pass_context
def demo(ctx: click.Context, out: Path) -> None:
    """Load the bundled Baku example case into a fresh store and show what it holds.

    Uses `--store` if given explicitly, else OUT/baku.db, which is emptied first.

    \b
    Example:
        allegraph demo && allegraph --store demo/baku.db stats
    """
    from allegraph.demo import remove_embedded, run_demo  # loads the views (pyvis): slow

    parent = ctx.parent
    explicit = parent.get_parameter_source("store_url") != click.core.ParameterSource.DEFAULT
    url = parent.params["store_url"] if explicit else str(out / "baku.db")
    out.mkdir(parents=True, exist_ok=True)
    if not explicit:
        remove_embedded(Path(url))
    with store_from(ctx, url) as store:
        result = run_demo(store, out)
    rows = [(r.input, r.read, r.loaded, r.rejected) for r in result.report.runs]
    click.echo(f"Baku example loaded into {url}")
    click.echo(render(["input", "read", "loaded", "rejected"], rows, "table"))
    for label, path in result.outputs.items():
        click.echo(f"{label}: {path}")


commands = [demo]
