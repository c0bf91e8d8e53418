"""Copy a whole graph from one store to another (``allegraph push`` / ``pull``).

A transfer is a load whose input is a store: every node and link of the source
goes through the same record stream (``to_record()`` -> :class:`Validator` ->
the destination's ``write``), so the destination merges it exactly as it merges
a file: properties merged, ``sources`` accumulated, ``firstSeen`` kept. The
transfer is recorded as a load run of the destination (format ``store``, input
the source URL) and the source's own load runs are copied alongside, so
provenance survives the move. Running it again changes no count.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from allegraph.liveness import owner_token
from allegraph.load import Loader, utc_now
from allegraph.model import Record
from allegraph.stores.base import GraphStore, Run

TRANSFER_FORMAT = "store"


@dataclass
class TransferReport:
    """What a transfer did: the destination's run for it, and the source runs copied."""

    source: str
    target: str
    run: Run
    runs_copied: list[str] = field(default_factory=list)
    rejects_path: Path | None = None
    judgements_copied: list[str] = field(default_factory=list)  # entity resolution

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "read": self.run.read,
            "loaded": self.run.loaded,
            "rejected": self.run.rejected,
            "runs_copied": len(self.runs_copied),
            "judgements_copied": len(self.judgements_copied),
            "run": self.run.as_dict(),
            "rejects_file": str(self.rejects_path) if self.run.rejected else None,
        }


def records_of(store: GraphStore) -> Iterator[Record]:
    """Every node, then every link, of ``store`` as native records.

    Sources come first, so that the records citing them never wait; links come
    after all nodes, so that their endpoints are always known.
    """
    labels = sorted(store.registry.labels, key=lambda name: name != "Source")
    line = 0
    for label in labels:
        for node in store.nodes(label):
            line += 1
            yield Record(node.to_record(), store.url, line)
    for link in store.links():
        line += 1
        yield Record(link.to_record(), store.url, line)


def copy_runs(source: GraphStore, target: GraphStore) -> list[str]:
    """Copy the source's load runs that the target does not have yet; their ids."""
    have = {run.id for run in target.runs()}
    copied = []
    for run in source.runs():
        if run.id in have:
            continue
        target.start_run(run)
        target.finish_run(run)
        copied.append(run.id)
    return copied


def transfer(
    source: GraphStore,
    target: GraphStore,
    batch_size: int | None = None,
    rejects_path: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> TransferReport:
    """Copy every node, link and load run of ``source`` into ``target`` (idempotent).

    Writes go in batches of ``batch_size`` records, one transaction each.
    Records the target rejects (a graph edited by hand may break the schema)
    go to ``rejects_path`` with their reason, as in a load.
    """
    target.init()
    report = TransferReport(
        source=source.url,
        target=target.url,
        run=Run(
            id=f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}",
            input=source.url,
            sha256="",
            format=TRANSFER_FORMAT,
            started=utc_now(),
            owner=owner_token(),
        ),
        rejects_path=Path(rejects_path) if rejects_path else None,
    )
    report.runs_copied = copy_runs(source, target)
    run = report.run
    loader = Loader(target, report.rejects_path, batch_size, progress=progress)
    target.start_run(run)
    try:
        loader.load_records(records_of(source), run)
        loader.finish()  # what still waits for a node is rejected, with its reason
        run.status = "done"
    except BaseException:
        run.status = "failed"
        raise
    finally:
        run.ended = utc_now()
        target.finish_run(run)
        loader.close()
    report.judgements_copied = copy_judgements(source, target)
    return report


def copy_judgements(source: GraphStore, target: GraphStore) -> list[str]:
    """Bring the source's entity-resolution judgements that the target lacks: a merge
    whose two nodes the target holds apart is made there too (allegraph.resolve)."""
    from allegraph.resolve import bring, judgements

    done = bring(target, judgements(source), f"{source.url}: ")
    return [*done.applied, *done.kept]
