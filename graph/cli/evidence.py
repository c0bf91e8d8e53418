"""``allegraph evidence``: files and links that back claims (thin over allegraph.evidence)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from allegraph.cli.common import format_option, render, store_from, user_errors


def _states() -> tuple[str, ...]:
    from allegraph.schema import registry

    return registry().labels["Evidence"].properties["verification"].values or ()


def _state(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A verification state the model knows (schema/model.yaml: Evidence.verification)."""
    if value is not None and value not in _states():
        raise click.BadParameter(f"{value!r} is not one of {', '.join(_states())}")
    return value


FOLDER_OPTION = click.option(
    "--evidence-dir",
    "folder",
    envvar="ALLEGRAPH_EVIDENCE_DIR",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The store's evidence folder [default: STORE.evidence beside an embedded "
    "store; a Neo4j store needs it]. Env: ALLEGRAPH_EVIDENCE_DIR.",
)


@click.group()
def evidence() -> None:
    """Evidence (videos, photos, documents, archived pages) that backs claims.

    A file is hashed (sha256) and copied into the store's evidence folder
    (STORE.evidence/ beside an embedded store), with its size, media type and
    retrieval time; a URL is recorded as it is. Each piece of evidence has a
    verification state (unverified, unresolved, authenticated, disputed,
    fabricated) and keeps every step that changed it. See docs/evidence.md.
    """


@evidence.command("add")
@click.argument("target", metavar="PATH|URL")
@click.option("--supports", required=True, help="The claim it backs (id or text).")
@click.option("--title", default=None, help="A short neutral title [default: file name or URL].")
@click.option("--kind", default=None, help="video, photo, document, archived-page, dataset, ...")
@click.option(
    "--status",
    default="unverified",
    show_default=True,
    callback=_state,
    help="Its verification state: unverified, unresolved, authenticated, disputed, fabricated.",
)
@click.option("--sha256", default=None, help="The sha256 of a URL's content, when known.")
@click.option("--id", "ident", default=None, help="Its id [default: evidence:<sha256>].")
@FOLDER_OPTION
@click.pass_context
def add(
    ctx: click.Context,
    target: str,
    supports: str,
    title: str | None,
    kind: str | None,
    status: str,
    sha256: str | None,
    ident: str | None,
    folder: Path | None,
) -> None:
    """Record PATH (copied into the evidence folder) or URL as evidence for a claim.

    \b
    Example:
        allegraph evidence add garage.mp4 --supports c-garage-video --kind video
    """
    from allegraph.evidence import EvidenceError, add, evidence_folder
    from allegraph.evidence.records import is_url

    with store_from(ctx) as store, user_errors():
        try:
            where = None if is_url(target) else evidence_folder(store, folder)
            added = add(store, target, supports, where, title, kind, status, sha256, ident)
        except EvidenceError as exc:
            raise click.ClickException(str(exc)) from None
    p = added.props
    click.echo(f"added {added.id} ({p['verification']}), supporting {added.supports}")
    if p.get("path"):
        media = p.get("mediaType") or "unknown media type"
        click.echo(f"copy    {where / p['path']} ({p['size']:,} bytes, {media})")
    else:
        click.echo(f"url     {p['url']}")
    if p.get("sha256"):
        click.echo(f"sha256  {p['sha256']}")


@evidence.command("set")
@click.argument("ident", metavar="ID")
@click.option("--status", required=True, callback=_state, help="The new verification state.")
@click.option("--by", "by", required=True, help="Who checked it.")
@click.option("--method", required=True, help="How it was checked.")
@click.option("--note", default=None, help="Anything else the step should keep.")
@click.pass_context
def set_(
    ctx: click.Context, ident: str, status: str, by: str, method: str, note: str | None
) -> None:
    """Record a verification step of evidence ID: who, how, from what state to what.

    Every step is kept (`evidence list --format json` shows the history).

    \b
    Example:
        allegraph evidence set video-garage --status authenticated \\
            --by "A. Analyst" --method "frame-by-frame geolocation"
    """
    from allegraph.evidence import EvidenceError, set_status

    with store_from(ctx) as store, user_errors():
        try:
            made, _ = set_status(store, ident, status, by, method, note)
        except EvidenceError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"{ident}: {made['from']} -> {made['to']} by {by} on {made['on']} ({method})")


@evidence.command("verify")
@FOLDER_OPTION
@click.pass_context
def verify(ctx: click.Context, folder: Path | None) -> None:
    """Re-hash every copy held and compare it with its recorded sha256.

    Prints one line per missing or changed file (and per copy with no hash to
    check), then a summary; exits 1 when any is found. Files in the folder that
    no evidence names are listed as notes, without failing.

    \b
    Example:
        allegraph evidence verify
    """
    from allegraph.evidence import EvidenceError, evidence_folder
    from allegraph.evidence import verify as check
    from allegraph.evidence.verify import untracked

    with store_from(ctx) as store, user_errors():
        try:
            where = evidence_folder(store, folder)
        except EvidenceError as exc:
            raise click.ClickException(str(exc)) from None
        found = check(store, where)
        extra = untracked(store, where)
    bad = [f for f in found if f.failed]
    for finding in bad:
        click.echo(finding.line())
    for name in extra:
        click.echo(f"note: {name} is in {where} but no evidence names it")
    held = sum(1 for f in found if f.path)
    ok = sum(1 for f in found if f.state == "ok")
    click.echo(f"{ok} of {held} copies match their sha256 in {where}")
    if bad:
        ctx.exit(1)


@evidence.command("list")
@format_option("table", "json")
@click.pass_context
def list_(ctx: click.Context, fmt: str) -> None:
    """Every piece of evidence: its state, the claims it backs, its copy or URL.

    JSON adds every property and the verification history, oldest step first.
    """
    from allegraph.evidence import history, listing

    with store_from(ctx) as store:
        columns, rows = listing(store)
        if fmt == "json":
            nodes = {n.id: n for n in store.nodes("Evidence")}
    if fmt == "table":
        shown = [[*row[:6], (row[6] or "")[:12], row[7]] for row in rows]
        click.echo(render(columns, shown, "table"))
        return
    out = []
    for row in rows:
        props = nodes[row[0]].props
        item = dict(zip(columns, row, strict=True))
        item["properties"] = {k: v for k, v in props.items() if k != "verificationHistory"}
        item["history"] = history(props)
        out.append(item)
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))


commands = [evidence]
