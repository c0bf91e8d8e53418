"""The load pipeline: records from a loader -> validation -> a store, with rejects kept.

Every record read is either written or rejected with its file, line and
reason (``read = loaded + rejected``). Records are written in batches, one
transaction each, so an interrupted load leaves whole batches and running it
again completes it without duplicates (writes are upserts on stable ids).

Links and ``sources`` may point at nodes that come later in the same input:
such records wait until the end of the input, and are rejected only if the
node never turns up in the input or the store.

The records one row or feed item expands to (same ``Record.unit``) are a unit:
written in the same transaction, or rejected together with one reject entry
that names the real cause. Inputs that name nodes by name (the allegations
log) load after the other inputs of the command, so what a name resolves to
does not depend on the order the inputs are given in. An input that cannot be
read to its end fails alone: what it read before is kept, and the next input
loads. See docs/decisions.md, "Deterministic loads".
"""

from __future__ import annotations

import hashlib
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson

from allegraph.collector import collector_paused
from allegraph.liveness import owner_token
from allegraph.loaders import Format, LoadContext, LoaderError, detect_format, get_format
from allegraph.model import Entity, Link, Record
from allegraph.names import article, name_keys, normalize
from allegraph.resolve.loading import Redirect
from allegraph.stores.base import GraphStore, Run
from allegraph.validate import ValidationError, Validator

DEFAULT_BATCH_SIZE = 5000  # on Neo4j; each store says its own (GraphStore.batch_size)


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
    errors: list[str] = field(default_factory=list)  # inputs that could not be used or read
    warnings: list[str] = field(default_factory=list)  # for the analyst to act on

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
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "runs": [r.as_dict() for r in self.runs],
        }


class _Rejects:
    """The rejects file, created on the first reject."""

    def __init__(self, path: Path | None):
        self.path = path
        self._fh = None

    def write(self, run: Run, record: Record, reason: str, count: int = 1) -> None:
        """Reject ``record`` (or the ``count`` records of its unit, with its ``raw`` row)."""
        run.rejected += count
        if self.path is None:
            return
        if self._fh is None:
            self._fh = open(self.path, "wb")  # noqa: SIM115 - closed in close()
        if count == 1:
            body = record.data if record.data is not None else record.raw
        else:
            body = record.raw
        line = {
            "run": run.id,
            "file": record.file,
            "line": record.line,
            "reason": reason,
            "record": body,
        }
        if count != 1:
            line["records"] = count
        # raw rows may have keys that are not strings (a CSV row's extra cells: None)
        self._fh.write(orjson.dumps(line, default=str, option=orjson.OPT_NON_STR_KEYS) + b"\n")

    def unit(self, run: Run, unit: _Unit, reason: str) -> None:
        first = unit.records[0]
        if first.raw is None:  # no row to show: the records themselves
            first = Record(None, first.file, first.line, raw=[r.data for r in unit.records])
        self.write(run, first, reason, len(unit.records))

    def close(self) -> None:
        if self._fh:
            self._fh.close()


class StoreWriteFailed(Exception):
    """The store refused a batch (down, full, a constraint): nothing of it was written."""

    def __init__(self, cause: Exception):
        super().__init__(str(cause))
        self.cause = cause


class _Unit:
    """The validated records of one row or feed item, written or rejected together."""

    __slots__ = ("items", "records")

    def __init__(self, items: list[Entity | Link], records: list[Record]):
        self.items, self.records = items, records


def _what(item: Any) -> str:
    """How a reject reason names one record of a unit: its label or type."""
    if isinstance(item, Entity | Link):
        return item.label if isinstance(item, Entity) else item.type
    if isinstance(item, dict):
        return str(item.get("label") or item.get("type") or "record")
    return "record"


def _refs(item: Entity | Link) -> list[str]:
    """The ids a record refers to: its sources, and a link's two ends."""
    return item.sources if type(item) is Entity else [*item.sources, item.src, item.dst]


def _units(records: Iterable[Record]) -> Iterator[Record | list[Record]]:
    """Records one by one, except that consecutive records sharing a ``unit`` come
    as one list."""
    group: list[Record] = []
    key: Any = None
    for record in records:
        unit = record.unit
        if group and (unit is None or unit != key or record.file != group[0].file):
            yield group if len(group) > 1 else group[0]
            group = []
        if unit is None:
            yield record
        else:
            key = unit
            group.append(record)
    if group:
        yield group if len(group) > 1 else group[0]


class Loader:
    """Runs inputs through validation into a store; one instance per command."""

    def __init__(
        self,
        store: GraphStore,
        rejects_path: Path | None = None,
        batch_size: int | None = None,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
        encoding: str = "utf-8",
    ):
        self.store = store
        self.encoding = encoding
        self.validator = Validator(store.registry)
        # judgements of entity resolution: records naming a merged-away node land on
        # the node it was merged into (docs/resolve.md)
        self.redirect = Redirect(store)
        self._check = self._redirected if self.redirect else self.validator.check
        self.batch_size = batch_size or store.batch_size
        self.dry_run = dry_run
        self.progress = progress
        self.rejects = _Rejects(rejects_path)
        self.report = LoadReport(rejects_path=rejects_path, dry_run=dry_run)
        self.known: dict[str, str] = {}  # id -> label, of nodes accepted or found in the store
        self._absent: set[str] = set()  # ids looked up in the store and not there
        # records waiting for a node not seen yet, by the id they wait for: accepting
        # that node releases them, so no waiting record is checked again every batch
        # (records, run they were read by) waiting for a node not seen yet, by the id
        # they wait for; they may wait across inputs, until the end of the command
        self._blocked: dict[str, list[tuple[Any, Run]]] = {}
        self._waiting: dict[str, int] = {}  # run id -> how many of its records wait
        self._changed_runs: set[str] = set()  # runs some of whose records changed the store
        # a dry run's accepted nodes by name key, standing in for what a load would
        # have written, so that names resolve in `validate` as they would in `load`
        self._dry_names: dict[str, set[str]] = {}
        self._dry_nodes: dict[str, Entity] = {}
        # A store that can take a batch from another thread (GraphStore.pipelined) writes
        # each batch while the next one is read and checked: SQLite works with the
        # interpreter lock released, so the two share the machine's cores. At most one
        # batch is in flight; every read of the store waits for it (:meth:`_drain`),
        # so what a load reads is what a load writing batch after batch would read.
        self._writer: ThreadPoolExecutor | None = None
        self._in_flight: tuple[Future, Callable[[Any], None]] | None = None
        self._ends = {  # allowed endpoint labels of each relationship type
            name: (frozenset(spec.sources), frozenset(spec.targets))
            for name, spec in store.registry.relationships.items()
        }

    def _redirected(self, data: dict[str, Any]) -> Entity | Link:
        return self.redirect(self.validator.check(data))

    def context(self) -> LoadContext:
        return LoadContext(
            self.store.registry,
            self._resolve,
            self.encoding,
            self._label_of,
            self._named,
            self._node,
            self._warn,
            self._labels_of,
            self.redirect.apart,
        )

    def _resolve(self, name: str, labels: tuple[str, ...]) -> str | None:
        if self.known.get(name) in labels:
            return name
        self._drain()
        hits = self.store.resolve(name, labels)
        return hits[0] if hits else None

    def _label_of(self, node_id: str) -> str | None:
        label = self.known.get(node_id)
        if label is None and node_id not in self._absent:
            self._drain()
            found = self.store.labels_of([node_id])
            if found:
                label = self.known[node_id] = found[node_id]
            else:
                self._absent.add(node_id)
        return label

    def _labels_of(self, ids: list[str]) -> dict[str, str]:
        known, absent = self.known, self._absent
        ask = [i for i in dict.fromkeys(ids) if i not in known and i not in absent]
        if ask:
            self._drain()
            found = self.store.labels_of(ask)
            known.update(found)
            absent.update(i for i in ask if i not in found)
        return {i: known[i] for i in ids if i in known}

    def _named(self, name: str) -> list[str]:
        self._drain()
        found = self.store.named(name)
        if self._dry_names:  # a dry run writes nothing: what earlier inputs would have made
            found = sorted({*found, *self._dry_names.get(normalize(name), ())})
        return found

    def _node(self, node_id: str) -> Entity | None:
        if node_id in self._dry_nodes:
            return self._dry_nodes[node_id]
        self._drain()
        return self.store.get_node(node_id)

    def _warn(self, message: str) -> None:
        if message not in self.report.warnings:
            self.report.warnings.append(message)

    # -- one input ---------------------------------------------------------------
    def load_input(self, path: Path, chosen: Format) -> Run:
        """Load one input (file or folder) in ``chosen`` format as one run.

        An input that cannot be read to its end (its loader raised) keeps what was
        read before: the run ends ``failed`` with the error. Records that wait for
        a node not seen yet are decided by :meth:`finish`, at the end of the command.
        """
        run = Run(
            id=f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}",
            input=str(path),
            sha256=sha256_of(path),
            format=chosen.name,
            started=utc_now(),
            owner=None if self.dry_run else owner_token(),
        )
        earlier = None
        if not self.dry_run:
            self.store.settle_runs()
            run.completes = self._interrupted_run_of(run)
            earlier = self.store.unchanged_since(run.sha256, run.format)
            self.store.start_run(run)
        store_failed = False
        try:
            if earlier is not None:
                self._repeat(earlier, run)
            else:
                self.load_records(chosen.read(path, self.context()), run)
            if self._waiting.get(run.id):  # decided at the end of the command (finish)
                run.status = "waiting"
            else:
                changed = self.dry_run or run.id in self._changed_runs
                run.status = "done" if changed else "unchanged"
        except StoreWriteFailed as exc:
            # the store took nothing of the batch: the run counts what it committed, and
            # the command stops (the next input would meet the same store)
            run.status = "failed"
            run.error = f"{path}: the store did not take a batch: {exc.cause}"
            run.read = run.loaded + run.rejected
            store_failed = True
            raise exc.cause from None
        except Exception as exc:
            run.status = "failed"
            run.error = f"{path}: {exc}" if str(path) not in str(exc) else str(exc)
        except BaseException:
            run.status = "interrupted"
            run.read = run.loaded + run.rejected
            raise
        finally:
            run.ended = utc_now()
            self.report.runs.append(run)
            if not self.dry_run:
                with suppress(Exception) if store_failed else nullcontext():
                    self.store.finish_run(run)  # the store may be gone altogether
        return run

    def _interrupted_run_of(self, run: Run) -> str | None:
        """The latest run of the same input, if it was interrupted: this run completes it."""
        same = [r for r in self.store.runs() if (r.sha256, r.format) == (run.sha256, run.format)]
        if same and same[-1].status == "interrupted":
            return same[-1].id
        return None

    def _repeat(self, earlier: Run, run: Run) -> None:
        """The input was loaded by ``earlier`` and nothing changed the store since:
        loading it again would change nothing, so it is not read again; the run
        reports the counts of the run it repeats (docs/decisions.md, "Reloading")."""
        run.read, run.loaded, run.rejected = earlier.read, earlier.loaded, 0
        if self.progress:
            self.progress(run.read)

    def load_records(self, records: Iterable[Record], run: Run) -> None:
        with collector_paused():
            try:
                self._load_records(records, run)
            finally:  # nothing stays in flight past an input: its run's counts are whole
                self._drain()

    def _load_records(self, records: Iterable[Record], run: Run) -> None:
        pending: list[Any] = []  # (item, record) pairs, and _Unit for rows of several records
        check, size, progress = self._check, self.batch_size, self.progress
        held = 0  # records read and not yet decided (in ``pending``)
        try:
            for got in _units(records):
                if type(got) is list:
                    unit = self._check_unit(got, run)
                    if unit is None:
                        continue
                    pending.append(unit)
                    held += len(got)
                else:
                    record = got
                    if record.error:
                        run.read += 1
                        self.rejects.write(run, record, record.error)
                        continue
                    try:
                        pending.append((check(record.data), record))
                    except ValidationError as exc:
                        run.read += 1
                        self.rejects.write(run, record, str(exc))
                        continue
                    held += 1
                if held >= size:
                    run.read += held
                    held = 0
                    pending = self._flush(pending, run)
                if progress and (run.read + held) % 1000 == 0:
                    progress(run.read + held)
        except StoreWriteFailed:
            raise
        except Exception:
            # the input broke off: keep what was read before it (records waiting for a
            # node go on waiting: a later input may hold it)
            run.read += held
            self._flush(pending, run)
            raise
        run.read += held
        self._flush(pending, run)
        if progress:
            progress(run.read)

    def _check_unit(self, records: list[Record], run: Run) -> _Unit | None:
        """Validate every record of a row; reject the whole row on the first error."""
        check = self._check
        items: list[Entity | Link] = []
        for record in records:
            reason = record.error
            if reason is None:
                try:
                    items.append(check(record.data))
                    continue
                except ValidationError as exc:
                    reason = str(exc)
            run.read += len(records)
            self.rejects.unit(run, _Unit(items, records), f"{_what(record.data)}: {reason}")
            return None
        return _Unit(items, records)

    def close(self) -> None:
        try:
            self._drain()
        finally:
            if self._writer is not None:
                self._writer.shutdown()
                self._writer = None
            self.rejects.close()

    def _drain(self) -> None:
        """Wait for the batch in flight, if any, and count it (or raise
        :class:`StoreWriteFailed` if the store did not take it)."""
        if self._in_flight is None:
            return
        future, settle = self._in_flight
        self._in_flight = None
        try:
            result = future.result()
        except StoreWriteFailed:
            raise
        except BaseException:
            # interrupted while waiting (Ctrl-C): the batch ends first, and is counted if
            # it was committed, so that nothing else uses the store meanwhile and the
            # run's counts are those of what it committed
            wait([future])
            if not future.cancelled() and future.exception() is None:
                settle(future.result())
            raise
        settle(result)

    def _write(self, entities: list[Entity], links: list[Link], run: Run, settle) -> None:
        """Write one batch (in another thread when the store allows), then ``settle`` it."""
        store = self.store

        def write() -> Any:
            try:
                return store.write(entities, links, run.id, utc_now(), run=run)
            except Exception as exc:
                raise StoreWriteFailed(exc) from exc

        if not store.pipelined:
            settle(write())
            return
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="allegraph-write")
        self._in_flight = (self._writer.submit(write), settle)

    # -- batches -----------------------------------------------------------------
    def _unknown(self, pending: list[Any]) -> set[str]:
        """The ids a batch refers to (its own nodes included) whose label is not known yet."""
        known = self.known
        unknown: set[str] = set()
        for got in pending:
            for item in got.items if type(got) is _Unit else (got[0],):
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

    def _flush(self, pending: list[Any], run: Run) -> list[Any]:
        """Decide every pending record of ``run`` (and those it releases, of any run of
        the command): write the accepted ones in one transaction, reject the bad ones,
        and keep those that wait for a node not seen yet."""
        self._drain()  # the batch before is counted before this one is decided
        unknown = self._unknown(pending) - self._absent
        if unknown:
            found = self.store.labels_of(unknown)
            self.known.update(found)
            self._absent.update(unknown.difference(found))
        known, decide, blocked, waiting = self.known, self._decide, self._blocked, self._waiting
        entities: list[Entity] = []
        links: list[Link] = []
        origins: set[str] = set()  # runs whose records this batch writes
        queue: deque[tuple[Any, Run]] = deque((got, run) for got in pending)
        dry, dry_names, labels = self.dry_run, self._dry_names, self.store.registry.labels

        loaded: dict[str, int] = {}  # run id -> records of it this batch writes
        by_id = {run.id: run}

        def accept(item: Entity | Link, origin: Run) -> None:
            loaded[origin.id] = loaded.get(origin.id, 0) + 1
            by_id[origin.id] = origin
            if type(item) is Link:
                links.append(item)
                return
            known[item.id] = item.label
            entities.append(item)
            if dry:
                for key in name_keys(labels[item.label], item.props):
                    dry_names.setdefault(key, set()).add(item.id)
                self._dry_nodes[item.id] = item
            released = blocked.pop(item.id, None)
            if released:
                for got, was in released:
                    waiting[was.id] -= len(got.items) if type(got) is _Unit else 1
                queue.extend(released)

        def wait(ref: str, got: Any, origin: Run) -> None:
            blocked.setdefault(ref, []).append((got, origin))
            waiting[origin.id] = waiting.get(origin.id, 0) + (
                len(got.items) if type(got) is _Unit else 1
            )

        while queue:
            got, origin = queue.popleft()
            if type(got) is _Unit:
                verdict, waits_for = self._decide_unit(got)
                if verdict is None:
                    wait(waits_for, got, origin)
                elif verdict:
                    self.rejects.unit(origin, got, verdict)
                else:
                    origins.add(origin.id)
                    for item in got.items:
                        accept(item, origin)
                continue
            item = got[0]
            verdict = decide(item, known.get)
            if verdict is None:
                wait(self._first_missing(item, known.get), got, origin)
            elif verdict:
                self.rejects.write(origin, got[1], verdict)
            else:
                origins.add(origin.id)
                accept(item, origin)

        def settle(changed: Any) -> None:
            if (changed is None or changed) and (entities or links):
                self._changed_runs.update(origins)
            for ident, count in loaded.items():
                by_id[ident].loaded += count

        if self.dry_run:
            settle(0)
        else:
            # the counts saved with the batch are those of what it commits
            mine = loaded.get(run.id, 0)
            done = replace(run, read=run.loaded + mine + run.rejected, loaded=run.loaded + mine)
            self._write(entities, links, done, settle)
        return []

    def finish(self) -> None:
        """End of the command: reject what still waits for a node that never came, and
        record each run's final counts and status."""
        known = self.known
        for waiting in self._blocked.values():
            for got, origin in waiting:
                if type(got) is _Unit:
                    _, ref = self._decide_unit(got)
                    item = next(i for i in got.items if ref in _refs(i))
                    self.rejects.unit(origin, got, f"{_what(item)}: {self._missing(item, ref)}")
                else:
                    item = got[0]
                    ref = self._first_missing(item, known.get)
                    self.rejects.write(origin, got[1], self._missing(item, ref))
        self._blocked.clear()
        self._waiting.clear()
        for run in self.report.runs:
            if run.status == "waiting":
                changed = self.dry_run or run.id in self._changed_runs
                run.status = "done" if changed else "unchanged"
            if not self.dry_run:
                self.store.finish_run(run)

    def _decide_unit(self, unit: _Unit) -> tuple[str | None, str]:
        """As :meth:`_decide` for every record of a row, each seeing the nodes before it:
        ``("", "")`` to accept the row, ``(reason, "")`` to reject it, ``(None, id)``
        to wait for the node ``id``."""
        known = self.known
        local: dict[str, str] = {}

        def get(ref: str) -> str | None:
            return known.get(ref) or local.get(ref)

        for item in unit.items:
            verdict = self._decide(item, get)
            if verdict is None:
                return None, self._first_missing(item, get)
            if verdict:
                return f"{_what(item)}: {verdict}", ""
            if type(item) is Entity:
                existing = local.get(item.id)
                if existing and existing != item.label:
                    reason = f"id: {item.id!r} already exists as {article(existing)}"
                    return f"{_what(item)}: {reason}, not {article(item.label)}", ""
                local[item.id] = item.label
        return "", ""

    @staticmethod
    def _first_missing(item: Entity | Link, get: Callable[[str], str | None]) -> str:
        """The first id ``item`` refers to that is not known yet (it waits for that one);
        "" when it refers to none."""
        return next((ref for ref in _refs(item) if get(ref) is None), "")

    def _decide(self, item: Entity | Link, get: Callable[[str], str | None]) -> str | None:
        """ "" to accept, a reason to reject, None to wait for a node not seen yet."""
        is_link = type(item) is Link
        if not is_link:
            existing = get(item.id)
            if existing and existing != item.label:
                return (
                    f"id: {item.id!r} already exists as {article(existing)}, "
                    f"not {article(item.label)}"
                )
        for ref in item.sources:
            label = get(ref)
            if label is None:
                return None
            if label != "Source":
                return f"sources: {ref!r} is {article(label)}, not a Source"
        if is_link:
            src, dst = get(item.src), get(item.dst)
            if src is None or dst is None:
                return None
            ends = self._ends.get(item.type)
            if ends is None or src not in ends[0] or dst not in ends[1]:
                try:
                    self.validator.check_endpoints(item, src, dst)
                except ValidationError as exc:
                    return str(exc)
        return ""

    @staticmethod
    def _missing(item: Entity | Link, ref: str) -> str:
        """Why ``item`` cannot load: the node ``ref`` it names is nowhere."""
        if ref in item.sources:
            return f"sources: Source {ref!r} exists neither in this input nor in the store"
        key = "from" if isinstance(item, Link) and ref == item.src else "to"
        return f"{key}: node {ref!r} exists neither in this input nor in the store"


def load(
    store: GraphStore,
    paths: Iterable[str | Path],
    fmt: str | None = None,
    rejects_path: str | Path | None = None,
    batch_size: int | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    encoding: str = "utf-8",
) -> LoadReport:
    """Load every path into ``store`` (or only check them, with ``dry_run``).

    Inputs whose format names nodes by name (:attr:`Format.resolves_names`) load
    after the others, in the order given; an input that cannot be used (no such
    file, unknown format) or that breaks off is reported in ``report.errors`` and
    the others still load.
    """
    loader = Loader(
        store,
        Path(rejects_path) if rejects_path else None,
        batch_size,
        dry_run,
        progress,
        encoding,
    )
    chosen: list[tuple[Path, Format]] = []
    for path in map(Path, paths):
        try:
            chosen.append((path, get_format(fmt) if fmt else detect_format(path)))
        except LoaderError as exc:
            loader.report.errors.append(str(exc))
    chosen.sort(key=lambda pair: pair[1].resolves_names)  # stable: given order otherwise
    try:
        for path, form in chosen:
            loader.load_input(path, form)
        loader.finish()
        loader.report.errors.extend(r.error for r in loader.report.runs if r.error)
    finally:
        loader.close()
    return loader.report
