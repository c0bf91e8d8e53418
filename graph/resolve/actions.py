"""What the ``resolve`` commands do, on any store: propose, judge, undo, list,
export and import judgements, and the rules later loads follow."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson

from allegraph.model import Entity
from allegraph.resolve import merge
from allegraph.resolve.backends import side_of
from allegraph.resolve.candidates import Candidate, candidates
from allegraph.resolve.judgements import (
    FORMAT,
    SAME,
    VERDICTS,
    Judgement,
    ResolveError,
    apart,
    new_id,
    redirects,
)
from allegraph.status import SOURCE_LABEL
from allegraph.stores.base import GraphStore, Run


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def judgements(store: GraphStore) -> list[Judgement]:
    """Every judgement kept in ``store``, in the order they were made."""
    return side_of(store).judgements()


def propose(
    store: GraphStore,
    labels: Iterable[str] | None = None,
    min_score: float = 70.0,
    limit: int | None = 50,
) -> list[Candidate]:
    """Candidate pairs (allegraph.resolve.candidates), leaving out every pair already
    judged, whatever the verdict."""
    wanted = list(labels or store.registry.actor_labels)
    for label in wanted:
        if label not in store.registry.labels:
            raise ResolveError(f"unknown label {label!r}")
    judged = judgements(store)
    skip = apart(judged) | {j.pair() for j in judged}
    return candidates(store, wanted, min_score, limit, skip)


@dataclass
class Outcome:
    """A judgement made (or previewed) and what it changed."""

    judgement: Judgement
    dry_run: bool = False
    plan: merge.Plan | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"dry_run": self.dry_run, "judgement": _summary(self.judgement)}
        p = self.plan
        if p is not None:
            out["merge"] = {
                "keep": p.keep.id,
                "merged": p.gone.id,
                "links_moved": [[old.id, new.id] for old, new in p.moved],
                "links_joined": [lk.id for lk in p.joined],
                "claims": [{"claim": c, "before": b, "after": a} for c, b, a in p.changes],
            }
        return out


def _summary(j: Judgement) -> dict[str, Any]:
    return {k: v for k, v in j.as_dict().items() if k not in ("replaced", "added")}


def _node(store: GraphStore, text: str, moved: dict[str, str]) -> Entity:
    """The node ``text`` names: an id, else a name or alias that only one node has."""
    if text in moved:
        raise ResolveError(f"{text!r} was merged into {moved[text]!r}; judge {moved[text]!r}")
    node = store.get_node(text)
    if node is not None:
        return node
    hits = store.resolve(text)
    if not hits:
        raise ResolveError(f"no node has the id or name {text!r}")
    if len(hits) > 1:
        raise ResolveError(
            f"{text!r} names several nodes: {', '.join(sorted(hits))}; give the id of one"
        )
    found = store.get_node(hits[0])
    if found is None:  # gone between the two reads
        raise ResolveError(f"no node has the id or name {text!r}")
    return found


def _record_run(store: GraphStore, judgement: Judgement, what: str) -> Run:
    """A judgement that changes the graph is a load run of the store (format
    ``resolve``), so the runs stay a full history and a reload is never skipped
    past it (docs/decisions.md, Reloading)."""
    stamp = datetime.now(timezone.utc)
    run = Run(
        id=f"{stamp:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}",
        input=f"{what} {judgement.id}",
        sha256="",
        format=FORMAT,
        started=_now(),
    )
    store.start_run(run)
    return run


def _finish(store: GraphStore, run: Run, error: str | None = None) -> None:
    run.status, run.ended, run.error = ("failed" if error else "done"), _now(), error
    store.finish_run(run)


def judge(
    store: GraphStore,
    a: str,
    b: str,
    verdict: str,
    by: str,
    note: str = "",
    dry_run: bool = False,
    judgement_id: str | None = None,
    at: str | None = None,
) -> Outcome:
    """Record that ``a`` and ``b`` are the same node (``a`` kept), different ones, or
    that the analyst is unsure; ``dry_run`` says what would change and changes nothing."""
    if verdict not in VERDICTS:
        raise ResolveError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if not by.strip():
        raise ResolveError("--by: say who judges")
    side = side_of(store)
    known = side.judgements()
    moved = redirects(known)
    keep, gone = _node(store, a, moved), _node(store, b, moved)
    if keep.id == gone.id:
        raise ResolveError(f"{a!r} and {b!r} are one node already ({keep.id!r})")
    if keep.label != gone.label:
        raise ResolveError(
            f"{keep.id!r} is a {keep.label} and {gone.id!r} a {gone.label}: only nodes "
            "of one label can be judged"
        )
    if verdict == SAME and keep.label == SOURCE_LABEL:
        # other nodes and links name a Source in their `sources`: merging would leave
        # them citing a node that is gone; a copy is what DERIVED_FROM says
        raise ResolveError(
            f"Sources are not merged ({keep.id!r}, {gone.id!r}): say that one copies the "
            "other with a DERIVED_FROM link (kind reprint), and they count as one"
        )
    pair = frozenset((keep.id, gone.id))
    for earlier in known:
        if frozenset(moved.get(i, i) for i in earlier.pair()) == pair:
            raise ResolveError(
                f"{keep.id!r} and {gone.id!r} were judged {earlier.verdict} by {earlier.by} "
                f"at {earlier.at} ({earlier.id}); undo that judgement first"
            )
    judgement = Judgement(
        id=judgement_id or new_id(),
        verdict=verdict,
        a=keep.id,
        b=gone.id,
        by=by,
        at=at or _now(),
        note=note,
        label=keep.label,
        names=[keep.name, gone.name],
    )
    outcome = Outcome(judgement, dry_run)
    if verdict != SAME:
        if not dry_run:
            side.save(judgement)
        return outcome
    now = _now()
    run = None
    if not dry_run:
        run = _record_run(store, judgement, "merge")
        judgement.run = run.id
    try:
        p = merge.plan(store, side, keep, gone, judgement.run or "(dry run)", now)
        outcome.plan = p
        merge.apply(side, p, keep=not dry_run)
    except BaseException as exc:
        if run is not None:  # nothing was written: the run says why
            _finish(store, run, f"{type(exc).__name__}: {exc}")
        raise
    if run is not None:
        merge.fill(judgement, p)
        side.save(judgement)
        run.read = run.loaded = 1 + len(p.links)
        _finish(store, run)
    return outcome


def _later_conflicts(known: list[Judgement], target: Judgement) -> list[Judgement]:
    """Same judgements made after ``target`` that rewrote what it wrote."""
    later = known[known.index(target) + 1 :]
    wrote = {target.a, *(i for _, i in target.added.get("links", []))}
    found = []
    for j in later:
        if j.verdict != SAME:
            continue
        replaced = {saved["record"]["id"] for saved in j.replaced.get("nodes", [])}
        replaced |= {rec["id"] for rec in j.replaced.get("links", [])}
        if replaced & wrote or {j.a, j.b} & {target.a, target.b}:
            found.append(j)
    return found


def undo(store: GraphStore, judgement_id: str | None = None) -> tuple[Judgement, list]:
    """Undo a judgement (the latest when none is named): a ``same`` one puts back the
    nodes and links it replaced, exactly, and drops what it added. Returns the
    judgement and the ``(claim, before, after)`` statuses it changed."""
    side = side_of(store)
    known = side.judgements()
    if not known:
        raise ResolveError("there is no judgement to undo")
    if judgement_id is None:
        target = known[-1]
    else:
        found = [j for j in known if j.id == judgement_id]
        if not found:
            raise ResolveError(f"no judgement {judgement_id!r} (see `allegraph resolve list`)")
        target = found[0]
    changes: list = []
    if target.verdict == SAME and target.replaced.get("nodes"):
        blocking = _later_conflicts(known, target)
        if blocking:
            raise ResolveError(
                f"{target.id} cannot be undone before the later judgement(s) that changed "
                f"the same nodes: {', '.join(j.id for j in reversed(blocking))}"
            )
        run = _record_run(store, target, "undo")
        try:
            before, after = merge.undo(side, target)
        except BaseException as exc:
            _finish(store, run, f"{type(exc).__name__}: {exc}")
            raise
        run.read = run.loaded = len(target.replaced.get("nodes", [])) + len(
            target.replaced.get("links", [])
        )
        claims = sorted(set(before) | set(after))
        changes = [
            (c, before.get(c, "-"), after.get(c, "-"))
            for c in claims
            if before.get(c) != after.get(c)
        ]
        side.drop(target.id)
        _finish(store, run)
    else:
        side.drop(target.id)
    return target, changes


# -- export and import -------------------------------------------------------------
def export(store: GraphStore, path: str | Path) -> int:
    """Write every judgement as one JSON object a line; returns how many."""
    known = judgements(store)
    with open(path, "wb") as out:
        for j in known:
            out.write(orjson.dumps(j.as_dict()) + b"\n")
    return len(known)


def read(path: str | Path) -> list[Judgement]:
    """The judgements of a JSON Lines file; ResolveError naming the file and line."""
    found = []
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise ResolveError(f"{where}: not JSON: {exc}") from None
            found.append(Judgement.from_dict(data, where, written=True))
    return found


@dataclass
class Imported:
    applied: list[str] = field(default_factory=list)  # merged or recorded now
    kept: list[str] = field(default_factory=list)  # recorded, for later loads to apply
    known: list[str] = field(default_factory=list)  # already in the store


def bring(store: GraphStore, incoming: Iterable[Judgement], where: str = "") -> Imported:
    """Add judgements made elsewhere (``resolve import``, ``push``/``pull``).

    One already here (same id) is left as it is. A ``same`` judgement whose two nodes
    are both here is made again here (so that it can be undone here); one whose
    merged node is not here is kept as it is, and applies to later loads."""
    side = side_of(store)
    report = Imported()
    for j in incoming:
        known = side.judgements()
        moved = redirects(known)
        pair = frozenset(moved.get(i, i) for i in j.pair())
        if any(
            k.id == j.id
            or (k.verdict == j.verdict and frozenset(moved.get(i, i) for i in k.pair()) == pair)
            for k in known
        ):  # the same judgement, or the same verdict on the same pair (imported again)
            report.known.append(j.id)
            continue
        # a merged-away id names the node it was merged into
        a, b = moved.get(j.a, j.a), moved.get(j.b, j.b)
        present = store.labels_of([a, b])
        if a in present and b in present:
            try:
                judge(store, a, b, j.verdict, j.by, j.note, judgement_id=j.id, at=j.at)
            except ResolveError as exc:
                raise ResolveError(f"{where}{j.id}: {exc}") from None
            report.applied.append(j.id)
        elif b in present and j.verdict == SAME:
            raise ResolveError(
                f"{where}{j.id}: {j.b!r} is in the store but {j.a!r}, the node it is "
                "merged into, is not"
            )
        else:
            side.save(j)
            report.kept.append(j.id)
    return report


def import_file(store: GraphStore, path: str | Path) -> Imported:
    """``resolve import``: every judgement of a JSON Lines file (checked whole first)."""
    return bring(store, read(path), f"{path}: ")


# -- later loads -------------------------------------------------------------------
def load_rules(store: GraphStore) -> tuple[dict[str, str], set[frozenset[str]]]:
    """What later loads follow: merged-away id -> canonical id, and the pairs judged
    different or unsure. Empty for a store that keeps no judgements."""
    try:
        known = judgements(store)
    except TypeError:
        return {}, set()
    return redirects(known), apart(known)
