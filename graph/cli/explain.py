"""``allegraph explain CLAIM``: why a claim has its status (thin over allegraph.explain)."""

from __future__ import annotations

import click

from allegraph.cli.common import format_option, store_from


@click.command()
@click.argument("claim")
@format_option("table", "json", "markdown")
@click.option(
    "--min",
    "min_independent",
    type=click.IntRange(1, 1000),
    default=None,
    help="Independent sources or backing actors that make a claim corroborated "
    "[default: the policy's, schema/status.yaml].",
)
@click.pass_context
def explain(ctx: click.Context, claim: str, fmt: str, min_independent: int | None) -> None:
    """Why CLAIM (an id, or the claim's text) has its status.

    Shows the rule and policy applied, every backing source (its publisher,
    reliability and origin, counted or not and why: a copy of another source, a
    grade that does not count, the same publisher as another), every backing
    actor and every dispute. The same content as `allegraph query run
    claim-explain -p claim=...`, on either store.

    \b
    Example:
        allegraph explain c-garage-video --format markdown
    """
    from allegraph.explain import FORMATS
    from allegraph.explain import explain as trail

    with store_from(ctx) as store:
        found = trail(store, claim, min_independent)
    if not found:
        raise click.ClickException(f"no claim matches {claim!r} (give its id or its text)")
    click.echo(FORMATS[fmt](found))


commands = [explain]
