"""Commands: view (an interactive HTML view of the graph, or of part of it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from allegraph.cli.common import store_from
from allegraph.views import DEFAULT_MAX_NODES, PHYSICS_THRESHOLD

if TYPE_CHECKING:
    from allegraph.views import View


def report(view: View, path: Path, err: bool = False) -> None:
    """What the user is told after a view is written.

    ``query run --view`` uses it too, with ``err=True`` so that its table, JSON
    or CSV on stdout stays clean for scripts.
    """
    cut = (
        f" of {view.total_nodes:,} nodes, {view.total_edges:,} relationships"
        if (view.nodes, view.edges) != (view.total_nodes, view.total_edges)
        else ""
    )
    click.echo(f"Wrote {path}: {view.nodes:,} nodes, {view.edges:,} relationships{cut}.", err=err)
    for notice in view.notices:
        click.echo(f"Note: {notice}", err=err)


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("view.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--actor", metavar="NAME", help="Ego network of this node (id, name or alias).")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="With --actor: how many relationships away from it to go.",
)
@click.option("--claim", metavar="ID", help="This claim with everything around it.")
@click.option(
    "--label",
    "labels",
    multiple=True,
    metavar="LABEL",
    help="Keep only nodes of this label (repeat for more).",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=0),
    default=DEFAULT_MAX_NODES,
    show_default=True,
    help="Cut the view to this many nodes, and say what was left out (0: no cut).",
)
@click.option(
    "--physics-threshold",
    type=click.IntRange(min=0),
    default=PHYSICS_THRESHOLD,
    show_default=True,
    help="Above this many nodes, draw with fixed positions instead of live layout.",
)
@click.option(
    "--size-by",
    type=click.Choice(["degree", "uniform"]),
    default="degree",
    show_default=True,
    help="What node size shows.",
)
@click.option("--title", help="Page title (default: says what the view shows).")
@click.option(
    "--timeline",
    is_flag=True,
    help="Events and claims on a time axis instead of the graph (with --actor, --location, "
    "--from/--to, --group-by).",
)
@click.option("--location", metavar="PLACE", help="With --timeline: only what happened there.")
@click.option("--from", "from_", metavar="DATE", help="With --timeline: from this EDTF date.")
@click.option("--to", metavar="DATE", help="With --timeline: up to this EDTF date.")
@click.option(
    "--group-by",
    type=click.Choice(["actor", "place"]),
    default="actor",
    show_default=True,
    help="With --timeline: one row per alleging actor (events in a row of their own), "
    "or per place.",
)
@click.pass_context
def view(
    ctx: click.Context,
    output: Path,
    actor: str | None,
    depth: int,
    claim: str | None,
    labels: tuple[str, ...],
    max_nodes: int,
    physics_threshold: int,
    size_by: str,
    title: str | None,
    timeline: bool,
    location: str | None,
    from_: str | None,
    to: str | None,
    group_by: str,
) -> None:
    """Write an interactive HTML view of the graph: one file that works offline.

    The whole graph, an actor's ego network (--actor, --depth) or a claim with
    everything around it (--claim). Colours, shapes and line styles come from
    the schema; claims are coloured by their derived status; hover or click
    for properties and sources. Every string from the data is shown as text.

    With --timeline, the events and claims on a time axis instead: each placed by
    its EDTF date, an uncertain one (2024-03~, 2023/2024) drawn as a bar from its
    first to its last possible day; grouped by actor or place, coloured by claim
    status; click an item for the same details as the graph view.

    \b
    Examples:
        allegraph view -o graph.html
        allegraph view --actor "Tatiana Moskalkova" --depth 1 -o moskalkova.html
        allegraph view --claim c-torture -o claim.html
        allegraph view --timeline -o timeline.html
        allegraph view --timeline --location Baku --group-by place -o baku.html
        allegraph view --timeline --from 2024-01 --to 2024-06 -o spring.html
    """
    for option, value in (("--actor", actor), ("--claim", claim), ("--location", location)):
        if value is not None and not value.strip():
            raise click.UsageError(f"{option} is empty: give a name or an id")
    if timeline:
        if claim or labels:
            raise click.UsageError("--timeline takes --actor, --location, --from and --to")
        write_timeline(ctx, output, actor, location, from_, to, group_by, title)
        return
    if location or from_ or to:
        raise click.UsageError("--location, --from and --to need --timeline")
    from allegraph.views import view_of_store  # networkx and pyvis: slow to import

    with store_from(ctx) as store:
        built = view_of_store(
            store,
            actor=actor,
            depth=depth,
            claim=claim,
            labels=labels,
            title=title,
            max_nodes=max_nodes or None,
            physics_threshold=physics_threshold,
            size_by=size_by,
        )
        built.save(output)
    report(built, output)


def write_timeline(
    ctx: click.Context,
    output: Path,
    actor: str | None,
    location: str | None,
    from_: str | None,
    to: str | None,
    group_by: str,
    title: str | None,
) -> None:
    """``view --timeline``: write the timeline page and say what it shows."""
    from allegraph.views.timeline import timeline_of_store  # networkx and pyvis: slow

    with store_from(ctx) as store:
        built = timeline_of_store(
            store, actor=actor, location=location, from_=from_, to=to, group_by=group_by,
            title=title,
        )  # fmt: skip
        built.save(output)
    click.echo(
        f"Wrote {output}: {len(built.items):,} dated events and claims on the axis, "
        f"{len(built.undated):,} undated."
    )
    for notice in built.notices:
        click.echo(f"Note: {notice}")


commands = [view]
