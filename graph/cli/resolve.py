"""``allegraph resolve``: entity resolution (thin over allegraph.resolve)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from allegraph.cli.common import format_option, render, store_from


@click.group()
def resolve() -> None:
    """One actor, one node: find, judge and undo merges of nodes that are one.

    Judgements (same, different, unsure: who, when, why) are data in the store:
    `push`/`pull` carry them, later loads follow them, and `undo` takes a merge
    back exactly. See docs/resolve.md.

    \b
    Examples:
        allegraph resolve candidates --min-score 80
        allegraph resolve judge moskalkova person:t-moskalkova --same --by "A. Analyst" --dry-run
        allegraph resolve undo
    """


@resolve.command()
@click.option(
    "--label",
    "labels",
    multiple=True,
    metavar="LABEL",
    help="Only nodes of this label (repeatable) [default: Person and Organization].",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 100),
    default=70.0,
    show_default=True,
    help="Least score (0-100) of a pair listed.",
)
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@format_option("table", "json")
@click.pass_context
def candidates(
    ctx: click.Context, labels: tuple[str, ...], min_score: float, limit: int, fmt: str
) -> None:
    """Pairs of nodes of one label that may be one, best first, with the reasons.

    Names and aliases are compared across scripts (case, accents and script
    folded), with rapidfuzz; a shared externalIds value and shared neighbours
    count too. Pairs already judged are left out. A list the limit cut ends with
    `showing 50 of 1,234 pairs`.

    \b
    Example:
        allegraph resolve candidates --label Person --min-score 80 --format json
    """
    from allegraph.resolve import propose

    with store_from(ctx) as store:
        found = propose(store, labels or None, min_score, None)
    total, found = len(found), found[:limit]
    if fmt == "json":
        click.echo(json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"no pair scores {min_score:g} or more")
        return
    columns = ["score", "label", "a", "a name", "b", "b name", "reasons"]
    rows = [[f"{c.score:g}", c.label, c.a, c.a_name, c.b, c.b_name, c.reasons] for c in found]
    click.echo(render(columns, rows, "table"))
    if total > len(found):
        click.echo(f"showing {len(found):,} of {total:,} pairs; raise --limit to see more")


@resolve.command()
@click.argument("a")
@click.argument("b")
@click.option("--same", "verdict", flag_value="same", help="A and B are one: merge B into A.")
@click.option("--different", "verdict", flag_value="different", help="A and B are two.")
@click.option("--unsure", "verdict", flag_value="unsure", help="Cannot tell: stop proposing it.")
@click.option("--by", required=True, metavar="NAME", help="Who judges (kept with the judgement).")
@click.option("--note", default="", metavar="TEXT", help="Why (kept with the judgement).")
@click.option("--dry-run", is_flag=True, help="Print the consequences and change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@click.pass_context
def judge(
    ctx: click.Context,
    a: str,
    b: str,
    verdict: str | None,
    by: str,
    note: str,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Judge whether the nodes A and B (ids, or names one node has) are one.

    --same merges B into A (B's id is kept on A as an alias id, B's name as an
    alias, every link of B moves to A) and first prints the consequences: links
    moved, links joined, claims whose status changes and how. --different and
    --unsure are recorded: the pair is never proposed or merged again.

    \b
    Examples:
        allegraph resolve judge moskalkova person:t-moskalkova --same --by ana --dry-run
        allegraph resolve judge mod-ru mod-ua --different --by ana --note "two ministries"
    """
    from allegraph.resolve import judge as make

    if verdict is None:
        raise click.UsageError("say --same, --different or --unsure")
    with store_from(ctx) as store:
        outcome = make(store, a, b, verdict, by, note, dry_run)
    if as_json:
        click.echo(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(_consequences(outcome))


def _consequences(outcome) -> str:
    j, p = outcome.judgement, outcome.plan
    lines = []
    if p is None:
        lines.append(f"{j.a} ({j.names[0]}) and {j.b} ({j.names[1]}): {j.verdict}")
        lines.append("they will not be proposed or merged again")
    else:
        lines.append(f"merge {p.gone.id} ({p.gone.name}) into {p.keep.id} ({p.keep.name})")
        lines.append(f"nodes merged: 1 ({p.keep.label} nodes -1)")
        lines.append(f"links moved: {len(p.moved)}")
        lines += [f"  {old.id} -> {new.id}" for old, new in p.moved]
        lines.append(f"links joined with one {p.keep.id} had: {len(p.joined)}")
        lines += [f"  {lk.id}" for lk in p.joined]
        changes = p.changes
        lines.append(f"claims whose status changes: {len(changes)}")
        lines += [f"  {c}: {before} -> {after}" for c, before, after in changes]
    if outcome.dry_run:
        lines.append("dry run: nothing changed")
    else:
        lines.append(f"judgement {j.id} recorded (undo: allegraph resolve undo {j.id})")
    return "\n".join(lines)


@resolve.command()
@click.argument("judgement", required=False)
@click.pass_context
def undo(ctx: click.Context, judgement: str | None) -> None:
    """Undo JUDGEMENT (the latest when none is given).

    A merge is taken back exactly: the merged node, the canonical node and every
    link it rewrote are put back as they were, what it added is dropped. A merge
    that a later judgement built on is undone after that one.

    \b
    Example:
        allegraph resolve undo j-20261130T211134-1a2b3c4d
    """
    from allegraph.resolve import undo as take_back

    with store_from(ctx) as store:
        target, changes = take_back(store, judgement)
    click.echo(f"undone: {target.id} ({target.a} {target.verdict} {target.b}, by {target.by})")
    if changes:
        click.echo(f"claims whose status changes: {len(changes)}")
        for claim, before, after in changes:
            click.echo(f"  {claim}: {before} -> {after}")


@resolve.command(name="list")
@format_option("table", "json", "csv")
@click.pass_context
def list_(ctx: click.Context, fmt: str) -> None:
    """Every judgement: verdict, the two nodes, who, when and why.

    \b
    Example:
        allegraph resolve list --format csv
    """
    from allegraph.resolve import judgements

    with store_from(ctx) as store:
        known = judgements(store)
    columns = ["id", "verdict", "a", "b", "by", "at", "note"]
    rows = [[getattr(j, c) for c in columns] for j in known]
    if fmt == "json":
        click.echo(
            json.dumps(
                [dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=2
            )
        )
        return
    if fmt == "table" and not rows:
        click.echo("no judgements")
        return
    click.echo(render(columns, rows, fmt))


@resolve.command(name="export")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@click.pass_context
def export_(ctx: click.Context, output: Path) -> None:
    """Write every judgement as JSON Lines (with what each merge replaced).

    \b
    Example:
        allegraph resolve export -o judgements.jsonl
    """
    from allegraph.resolve import export

    with store_from(ctx) as store:
        count = export(store, output)
    click.echo(f"{count} judgements written to {output}")


@resolve.command(name="import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_(ctx: click.Context, path: Path) -> None:
    """Add the judgements of a JSON Lines file (from `resolve export`).

    One the store has already is left as it is; a merge whose two nodes the store
    holds is made here; one whose nodes are not loaded yet applies to later loads.

    \b
    Example:
        allegraph resolve import judgements.jsonl
    """
    from allegraph.resolve import import_file

    with store_from(ctx) as store:
        done = import_file(store, path)
    click.echo(
        f"{len(done.applied)} applied, {len(done.kept)} kept for later loads, "
        f"{len(done.known)} already here"
    )


commands = [resolve]
