"""``allegraph lint``: neutrality and completeness checks (thin over allegraph.lint)."""

from __future__ import annotations

import click

from allegraph.cli.common import format_option, store_from
from allegraph.lint import CHECKS

NAME_WIDTH = 50  # a claim's text is its name: cut in the table (JSON has it whole)


@click.command()
@format_option("table", "json")
@click.option(
    "--check",
    "checks",
    multiple=True,
    type=click.Choice(CHECKS),
    help="Run only this check (repeat for several) [default: every check].",
)
@click.pass_context
def lint(ctx: click.Context, fmt: str, checks: tuple[str, ...]) -> None:
    """Checks an editor runs before publishing a graph; it advises, never rejects.

    \b
    no-reply       actors accused by claims they have not answered on record
    single-source  claims resting on at most one independent source
    guilt-wording  events whose name states guilt (word list: schema/lint.yaml)
    unlinked-name  claims whose text names an actor they do not ACCUSE

    Prints a table (or JSON with `--format json`) and a count per check. The
    exit code is 0 whatever it finds.

    \b
    Example:
        allegraph --store demo/baku.db lint --check no-reply
    """
    from allegraph.cli.common import render_table
    from allegraph.lint import as_json
    from allegraph.lint import lint as run_checks

    with store_from(ctx) as store:
        found = run_checks(store, checks or CHECKS)
    if fmt == "json":
        click.echo(as_json(found))
        return
    if found:
        rows = [[f.check, f.node, _cut(f.name), f.detail] for f in found]
        click.echo(render_table(["check", "node", "name", "detail"], rows))
    counts = ", ".join(f"{c} {sum(1 for f in found if f.check == c)}" for c in checks or CHECKS)
    click.echo(f"{len(found)} finding(s): {counts}")


def _cut(text: str | None) -> str | None:
    return text if text is None or len(text) <= NAME_WIDTH else text[: NAME_WIDTH - 1] + "…"


commands = [lint]
