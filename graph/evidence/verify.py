"""Checking the copies held against their recorded sha256, and listing the evidence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allegraph.evidence.folder import inside
from allegraph.evidence.hashing import hash_file
from allegraph.evidence.records import LABEL, UNVERIFIED
from allegraph.stores.base import GraphStore

# What verify finds about a copy; `ok` and `not-held` (a URL only) are not failures.
PROBLEMS = ("missing", "changed", "no-hash", "outside")


@dataclass(frozen=True)
class Finding:
    """One Evidence node's copy: ``state`` is ok, missing, changed (its sha256 is not
    the recorded one), no-hash (nothing to check it against), outside (its path leaves
    the folder) or not-held (a URL, no copy); ``found`` is the sha256 read."""

    id: str
    path: str | None
    state: str
    expected: str | None = None
    found: str | None = None

    @property
    def failed(self) -> bool:
        return self.state in PROBLEMS

    def line(self) -> str:
        """One line naming the file and what is wrong with it."""
        where = self.path or "(no copy)"
        if self.state == "changed":
            return (
                f"changed: {where} (evidence {self.id}): sha256 {self.found}, "
                f"recorded {self.expected}"
            )
        return f"{self.state}: {where} (evidence {self.id})"


def _evidence(store: GraphStore) -> Iterator[Any]:
    return iter(sorted(store.nodes(LABEL), key=lambda n: n.id))


def verify(store: GraphStore, folder: Path) -> list[Finding]:
    """Re-hash the copy of every Evidence node that has one, in id order."""
    found = []
    for node in _evidence(store):
        path, expected = node.props.get("path"), node.props.get("sha256")
        if not path:
            found.append(Finding(node.id, None, "not-held", expected))
            continue
        file = folder / path
        if inside(folder, file) is None:
            found.append(Finding(node.id, path, "outside", expected))
        elif not file.is_file():
            found.append(Finding(node.id, path, "missing", expected))
        elif not expected:
            found.append(Finding(node.id, path, "no-hash"))
        else:
            actual = hash_file(file).sha256
            state = "ok" if actual == expected else "changed"
            found.append(Finding(node.id, path, state, expected, actual))
    return found


def untracked(store: GraphStore, folder: Path) -> list[str]:
    """Files in the folder that no Evidence node names (sorted relative paths)."""
    named = {n.props.get("path") for n in store.nodes(LABEL)}
    if not folder.is_dir():
        return []
    files = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return sorted(f for f in files if f not in named)


LIST_COLUMNS = ("id", "title", "kind", "verification", "verified_by", "supports", "sha256", "where")


def listing(store: GraphStore) -> tuple[tuple[str, ...], list[list[Any]]]:
    """Every Evidence node: its state (unverified when none is given), who made the
    latest step, the claims it SUPPORTS (sorted ids) and its copy or URL; by id."""
    nodes = list(_evidence(store))
    ids = {n.id for n in nodes}
    backs: dict[str, list[str]] = {i: [] for i in ids}
    for link in store.links("SUPPORTS"):
        if link.src in ids:
            backs[link.src].append(link.dst)
    rows = []
    for node in nodes:
        p = node.props
        rows.append(
            [
                node.id,
                p.get("title"),
                p.get("kind"),
                p.get("verification") or UNVERIFIED,
                p.get("verifiedBy"),
                sorted(backs[node.id]),
                p.get("sha256"),
                p.get("path") or p.get("url"),
            ]
        )
    return LIST_COLUMNS, rows
