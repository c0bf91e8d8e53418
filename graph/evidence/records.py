"""Evidence written as records through the load path: ``evidence add`` and ``set``.

Every write is a load run of the store (format ``evidence``), so provenance
and ``allegraph runs`` stay true: the Evidence node and its SUPPORTS are
validated and merged exactly as if they came from a file, in one unit (both or
neither). A verification step is one JSON item of ``verificationHistory``: the
list accumulates, so each ``set`` adds its step and none is lost.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson

from allegraph.evidence.folder import EvidenceError, copy_in, inside
from allegraph.evidence.hashing import media_type
from allegraph.liveness import owner_token
from allegraph.load import Loader, utc_now
from allegraph.model import Record
from allegraph.names import article, derive_id
from allegraph.stores.base import GraphStore, Run
from allegraph.validate import ValidationError, Validator

LABEL = "Evidence"
FORMAT = "evidence"  # the format of the load runs these commands record
UNVERIFIED = "unverified"  # the state of evidence whose record gives none
HISTORY = "verificationHistory"


def stamp() -> str:
    """The UTC time now, to the millisecond: the steps of one minute keep their order
    wherever a list comes back sorted (RDF)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def is_url(text: str) -> bool:
    return "://" in text and not Path(text).exists()


@dataclass(frozen=True)
class Added:
    """What ``add`` wrote: the node's id and properties, and the claim it supports."""

    id: str
    props: dict[str, Any]
    supports: str
    run: Run


def find_claim(store: GraphStore, name: str) -> str:
    """The id of the one claim ``name`` (an id or a claim's text) names."""
    found = store.resolve(name, ["Claim"])
    if not found:
        raise EvidenceError(f"--supports: no claim matches {name!r} (give its id or its text)")
    if len(found) > 1:
        raise EvidenceError(f"--supports: {name!r} matches several claims: {', '.join(found)}")
    return found[0]


def add(
    store: GraphStore,
    target: str,
    supports: str,
    folder: Path | None,
    title: str | None = None,
    kind: str | None = None,
    status: str = UNVERIFIED,
    sha256: str | None = None,
    ident: str | None = None,
) -> Added:
    """Record ``target`` (a file, copied into ``folder``, or a URL) as Evidence that
    SUPPORTS the claim ``supports``; the file is hashed as it is copied."""
    claim = find_claim(store, supports)
    props: dict[str, Any] = {"kind": kind, "verification": status}
    if is_url(target):
        props.update(url=target, title=title or target, sha256=sha256)
        run_sha = sha256 or ""
    else:
        if sha256:
            raise EvidenceError("--sha256 is for a URL: a file is hashed as it is copied")
        if folder is None:
            raise EvidenceError("a file needs the store's evidence folder")
        path = Path(target)
        relative, digest = copy_in(folder, path)
        ident = ident or derive_id(LABEL, digest.sha256)
        held = store.get_node(ident)
        kept = held.props.get("path") if held is not None else None
        if kept and kept != relative and (folder / kept).is_file() and inside(folder, path) is None:
            (folder / relative).unlink()  # the same content is held already: one copy
            relative = kept
        if held is not None and not title:
            title = held.props.get("title")
        props.update(
            title=title or path.name,
            path=relative,
            sha256=digest.sha256,
            size=digest.size,
            mediaType=media_type(path.name),
            retrieved=stamp(),
        )
        run_sha = digest.sha256
    record = {"label": LABEL, "id": ident, **{k: v for k, v in props.items() if v is not None}}
    node = _check(store, record)
    link = {"type": "SUPPORTS", "from": node.id, "to": claim}
    run = write(store, [record, link], target, run_sha)
    return Added(node.id, node.props, claim, run)


def step(
    on: str, by: str, old: str, new: str, method: str, note: str | None = None
) -> dict[str, str]:
    """One verification step, with the keys of ``verificationHistory`` items."""
    found = {"on": on, "by": by, "from": old, "to": new, "method": method, "note": note}
    return {k: v for k, v in found.items() if v}


def set_status(
    store: GraphStore, ident: str, status: str, by: str, method: str, note: str | None = None
) -> tuple[dict[str, str], Run]:
    """Record a verification step of the Evidence ``ident``: its state becomes
    ``status``; the step (who, when, from what to what, how, why) joins its history."""
    node = store.get_node(ident)
    if node is None:
        raise EvidenceError(f"no evidence {ident!r} (`allegraph evidence list` shows the ids)")
    if node.label != LABEL:
        raise EvidenceError(f"{ident!r} is {article(node.label)}, not Evidence")
    now = stamp()
    made = step(now, by, node.props.get("verification") or UNVERIFIED, status, method, note)
    record = {
        "label": LABEL,
        "id": node.id,
        "title": node.props["title"],
        "verification": status,
        "verifiedBy": by,
        "verifiedOn": now,
        "method": method,
        HISTORY: [json.dumps(made, ensure_ascii=False)],
    }
    _check(store, record)
    return made, write(store, [record], f"evidence set {ident}", "")


def history(props: dict[str, Any]) -> list[dict[str, str]]:
    """The verification steps of an Evidence node, oldest first."""
    steps = [json.loads(item) for item in props.get(HISTORY) or []]
    return sorted(steps, key=lambda s: s.get("on", ""))


def _check(store: GraphStore, record: dict[str, Any]) -> Any:
    try:
        return Validator(store.registry).check(record)
    except ValidationError as exc:
        raise EvidenceError(str(exc)) from None


def write(store: GraphStore, records: Iterable[dict[str, Any]], source: str, sha256: str) -> Run:
    """Write native records as one unit, in a load run of their own (format ``evidence``).

    Raises EvidenceError with the reason when the store would not take them."""
    store.init()
    run = Run(
        id=f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}",
        input=source,
        sha256=sha256,
        format=FORMAT,
        started=utc_now(),
        owner=owner_token(),
    )
    unit = object()
    stream = [Record(r, source, 1, unit=unit) for r in records]
    with tempfile.TemporaryDirectory() as tmp:
        rejects = Path(tmp) / "rejects.jsonl"
        loader = Loader(store, rejects)
        store.start_run(run)
        try:
            loader.load_records(stream, run)
            loader.finish()
            run.status = "done"
        except BaseException:
            run.status = "failed"
            raise
        finally:
            loader.close()
            if run.rejected and rejects.exists():
                run.error = orjson.loads(rejects.read_bytes().splitlines()[0])["reason"]
                run.status = "failed"
            run.ended = utc_now()
            store.finish_run(run)
    if run.error:
        raise EvidenceError(run.error)
    return run
