"""The load pipeline: records from a loader -> validation -> a store, with rejects kept.

Every record read is either written or rejected with its file, line and
reason (``read = loaded + rejected``). Records are written in batches, one
transaction each, so an interrupted load leaves whole batches and running it
again completes it without duplicates (writes are upserts on stable ids).

Links and ``sources`` may point at nodes that come later in the same input:
such records wait until the end of the input, and are rejected only if the
node never turns up in the input or the store.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson

from allegraph.loaders import LoadContext, detect_format, get_format
from allegraph.model import Entity, Link, Record
from allegraph.stores.base import GraphStore, Run
from allegraph.validate import ValidationError, Validator

DEFAULT_BATCH_SIZE = 5000


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def sha256_of(path: Path) -> str:
    """The sha256 of a file, or of a folder's files (name and content, sorted)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode() + b"\0")
        with open(file, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


@dataclass
class LoadReport:
    """What a load (or a dry run) did, per input and in total."""

    runs: list[Run] = field(default_factory=list)
    rejects_path: Path | None = None
    dry_run: bool = False

    @property
    def read(self) -> int:
        return sum(r.read for r in self.runs)

    @property
    def loaded(self) -> int:
        return sum(r.loaded for r in self.runs)

    @property
    def rejected(self) -> int:
        return sum(r.rejected for r in self.runs)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "loaded": self.loaded,
            "rejected": self.rejected,
            "dry_run": self.dry_run,
            "rejects_file": str(self.rejects_path) if self.rejected else None,
            "runs": [r.as_dict() for r in self.runs],
        }


class _Rejects:
    """The rejects file, created on the first reject."""

    def __init__(self, path: Path | None):
        self.path = path
        self._fh = None

    def write(self, run: Run, record: Record, reason: str) -> None:
        run.rejected += 1
        if self.path is None:
            return
        if self._fh is None:
            self._fh = open(self.path, "wb")  # noqa: SIM115 - closed in close()
        body = record.data if record.data is not None else record.raw
        line = {
            "run": run.id,
            "file": record.file,
            "line": record.line,
            "reason": reason,
            "record": body,
        }
        self._fh.write(orjson.dumps(line, default=str) + b"\n")

    def close(self) -> None:
        if self._fh:
            self._fh.close()


@dataclass
class _Pending:
    item: Entity | Link
    record: Record


class Loader:
    """Runs inputs through validation into a store; one instance per command."""

    def __init__(
        self,
        store: GraphStore,
        rejects_path: Path | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ):
        self.store = store
        self.validator = Validator(store.registry)
        self.batch_size = batch_size
        self.dry_run = dry_run
        self.progress = progress
        self.rejects = _Rejects(rejects_path)
        self.report = LoadReport(rejects_path=rejects_path, dry_run=dry_run)
        self.known: dict[str, str] = {}  # id -> label, of nodes accepted or found in the store

    def context(self) -> LoadContext:
        return LoadContext(self.store.registry, self._resolve)

    def _resolve(self, name: str, labels: tuple[str, ...]) -> str | None:
        if self.known.get(name) in labels:
            return name
        hits = self.store.resolve(name, labels)
        return hits[0] if hits else None

    # -- one input ---------------------------------------------------------------
    def load_path(self, path: Path, fmt: str | None = None) -> Run:
        path = Path(path)
        chosen = get_format(fmt) if fmt else detect_format(path)
        run = Run(
            id=f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}",
            input=str(path),
            sha256=sha256_of(path),
            format=chosen.name,
            started=utc_now(),
        )
        if not self.dry_run:
            self.store.start_run(run)
        try:
            self.load_records(chosen.read(path, self.context()), run)
            run.status = "done"
        except BaseException:
            run.status = "failed"
            raise
        finally:
            run.ended = utc_now()
            if not self.dry_run:
                self.store.finish_run(run)
            self.report.runs.append(run)
        return run

    def load_records(self, records: Iterable[Record], run: Run) -> None:
        pending: list[_Pending] = []
        for record in records:
            run.read += 1
            if record.error:
                self.rejects.write(run, record, record.error)
                continue
            try:
                item = self.validator.check(record.data)
            except ValidationError as exc:
                self.rejects.write(run, record, str(exc))
                continue
            pending.append(_Pending(item, record))
            if len(pending) >= self.batch_size:
                pending = self._flush(pending, run, final=False)
            if self.progress and run.read % 1000 == 0:
                self.progress(run.read)
        self._flush(pending, run, final=True)
        if self.progress:
            self.progress(run.read)

    def close(self) -> None:
        self.rejects.close()

    # -- batches -----------------------------------------------------------------
    def _refs(self, item: Entity | Link) -> Iterator[str]:
        yield from item.sources
        if isinstance(item, Link):
            yield item.src
            yield item.dst
        else:
            yield item.id

    def _flush(self, pending: list[_Pending], run: Run, final: bool) -> list[_Pending]:
        unknown = {ref for p in pending for ref in self._refs(p.item) if ref not in self.known}
        if unknown:
            self.known.update(self.store.labels_of(unknown))
        entities: list[Entity] = []
        links: list[Link] = []
        waiting = pending
        progress = True
        while progress and waiting:  # accepting a node may unblock records that point at it
            progress, still = False, []
            for p in waiting:
                verdict = self._decide(p.item)
                if verdict is None:
                    still.append(p)
                elif verdict:
                    self.rejects.write(run, p.record, verdict)
                    progress = True
                else:
                    if isinstance(p.item, Entity):
                        self.known[p.item.id] = p.item.label
                        entities.append(p.item)
                    else:
                        links.append(p.item)
                    progress = True
            waiting = still
        if final:
            for p in waiting:
                self.rejects.write(run, p.record, self._missing(p.item))
            waiting = []
        if (entities or links) and not self.dry_run:
            self.store.write(entities, links, run.id, utc_now())
        run.loaded += len(entities) + len(links)
        return waiting

    def _decide(self, item: Entity | Link) -> str | None:
        """ "" to accept, a reason to reject, None to wait for a node not seen yet."""
        if isinstance(item, Entity):
            existing = self.known.get(item.id)
            if existing and existing != item.label:
                return f"id: {item.id!r} already exists as a {existing}, not a {item.label}"
        for ref in item.sources:
            label = self.known.get(ref)
            if label is None:
                return None
            if label != "Source":
                return f"sources: {ref!r} is a {label}, not a Source"
        if isinstance(item, Link):
            src, dst = self.known.get(item.src), self.known.get(item.dst)
            if src is None or dst is None:
                return None
            try:
                self.validator.check_endpoints(item, src, dst)
            except ValidationError as exc:
                return str(exc)
        return ""

    def _missing(self, item: Entity | Link) -> str:
        for ref in item.sources:
            if ref not in self.known:
                return f"sources: Source {ref!r} exists neither in this input nor in the store"
        if isinstance(item, Link):
            for key, ref in (("from", item.src), ("to", item.dst)):
                if ref not in self.known:
                    return f"{key}: node {ref!r} exists neither in this input nor in the store"
        return "unresolved reference"


def load(
    store: GraphStore,
    paths: Iterable[str | Path],
    fmt: str | None = None,
    rejects_path: str | Path | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Load every path into ``store`` (or only check them, with ``dry_run``)."""
    loader = Loader(
        store, Path(rejects_path) if rejects_path else None, batch_size, dry_run, progress
    )
    try:
        for path in paths:
            loader.load_path(Path(path), fmt)
    finally:
        loader.close()
    return loader.report
