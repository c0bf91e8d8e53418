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

import gc
import hashlib
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
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


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector while loading: records make no reference cycles
    (reference counting frees them), but the collector kept walking every object the
    load holds (ids seen, batches), a fifth of the time of a million-record load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
        self._absent: set[str] = set()  # ids looked up in the store and not there
        # records waiting for a node not seen yet, by the id they wait for: accepting
        # that node releases them, so no waiting record is checked again every batch
        self._blocked: dict[str, list[tuple[Entity | Link, Record]]] = {}
        self._changed = False  # did the current run change the store?
        self._ends = {  # allowed endpoint labels of each relationship type
            name: (frozenset(spec.sources), frozenset(spec.targets))
            for name, spec in store.registry.relationships.items()
        }

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
        earlier = None if self.dry_run else self.store.unchanged_since(run.sha256, run.format)
        if not self.dry_run:
            self.store.start_run(run)
        self._changed = False
        try:
            if earlier is not None:
                self._repeat(earlier, run)
            else:
                self.load_records(chosen.read(path, self.context()), run)
            run.status = "done" if self._changed or self.dry_run else "unchanged"
        except BaseException:
            run.status = "failed"
            raise
        finally:
            run.ended = utc_now()
            if not self.dry_run:
                self.store.finish_run(run)
            self.report.runs.append(run)
        return run

    def _repeat(self, earlier: Run, run: Run) -> None:
        """The input was loaded by ``earlier`` and nothing changed the store since:
        loading it again would change nothing, so it is not read again; the run
        reports the counts of the run it repeats (docs/decisions.md, "Reloading")."""
        run.read, run.loaded, run.rejected = earlier.read, earlier.loaded, 0
        if self.progress:
            self.progress(run.read)

    def load_records(self, records: Iterable[Record], run: Run) -> None:
        with _without_cyclic_gc():
            self._load_records(records, run)

    def _load_records(self, records: Iterable[Record], run: Run) -> None:
        pending: list[tuple[Entity | Link, Record]] = []
        check, size, progress = self.validator.check, self.batch_size, self.progress
        read = 0
        try:
            for record in records:
                read += 1
                if record.error:
                    self.rejects.write(run, record, record.error)
                    continue
                try:
                    pending.append((check(record.data), record))
                except ValidationError as exc:
                    self.rejects.write(run, record, str(exc))
                    continue
                if len(pending) >= size:
                    run.read += read
                    read = 0
                    pending = self._flush(pending, run, final=False)
                if progress and (run.read + read) % 1000 == 0:
                    progress(run.read + read)
        finally:
            run.read += read
        self._flush(pending, run, final=True)
        if progress:
            progress(run.read)

    def close(self) -> None:
        self.rejects.close()

    # -- batches -----------------------------------------------------------------
    def _unknown(self, pending: list[tuple[Entity | Link, Record]]) -> set[str]:
        """The ids a batch refers to (its own nodes included) whose label is not known yet."""
        known = self.known
        unknown: set[str] = set()
        for item, _ in pending:
            for ref in item.sources:
                if ref not in known:
                    unknown.add(ref)
            if type(item) is Link:
                if item.src not in known:
                    unknown.add(item.src)
                if item.dst not in known:
                    unknown.add(item.dst)
            elif item.id not in known:
                unknown.add(item.id)
        return unknown

    def _flush(
        self, pending: list[tuple[Entity | Link, Record]], run: Run, final: bool
    ) -> list[tuple[Entity | Link, Record]]:
        unknown = self._unknown(pending) - self._absent
        if unknown:
            found = self.store.labels_of(unknown)
            self.known.update(found)
            self._absent.update(unknown.difference(found))
        known, decide, blocked = self.known, self._decide, self._blocked
        entities: list[Entity] = []
        links: list[Link] = []
        queue = deque(pending)
        while queue:
            pair = queue.popleft()
            item = pair[0]
            verdict = decide(item)
            if verdict is None:
                blocked.setdefault(self._first_missing(item), []).append(pair)
            elif verdict:
                self.rejects.write(run, pair[1], verdict)
            elif type(item) is Link:
                links.append(item)
            else:
                known[item.id] = item.label
                entities.append(item)
                released = blocked.pop(item.id, None)
                if released:
                    queue.extend(released)
        if final:
            for waiting in blocked.values():
                for item, record in waiting:
                    self.rejects.write(run, record, self._missing(item))
            blocked.clear()
        if (entities or links) and not self.dry_run:
            changed = self.store.write(entities, links, run.id, utc_now())
            if changed is None or changed:
                self._changed = True
        run.loaded += len(entities) + len(links)
        return []

    def _first_missing(self, item: Entity | Link) -> str:
        """The first id ``item`` refers to that is not known yet (it waits for that one)."""
        known = self.known
        refs = item.sources if type(item) is Entity else [*item.sources, item.src, item.dst]
        return next(ref for ref in refs if ref not in known)

    def _decide(self, item: Entity | Link) -> str | None:
        """ "" to accept, a reason to reject, None to wait for a node not seen yet."""
        known = self.known
        is_link = type(item) is Link
        if not is_link:
            existing = known.get(item.id)
            if existing and existing != item.label:
                return f"id: {item.id!r} already exists as a {existing}, not a {item.label}"
        for ref in item.sources:
            label = known.get(ref)
            if label is None:
                return None
            if label != "Source":
                return f"sources: {ref!r} is a {label}, not a Source"
        if is_link:
            src, dst = known.get(item.src), known.get(item.dst)
            if src is None or dst is None:
                return None
            ends = self._ends.get(item.type)
            if ends is None or src not in ends[0] or dst not in ends[1]:
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
