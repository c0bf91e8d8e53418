"""Judgements: an analyst's verdict on whether two nodes are one (entity resolution).

A judgement is data, kept in the store beside the graph (see
:mod:`allegraph.resolve.backends`) and written as one JSON object per line by
``resolve export``. A ``same`` judgement also keeps what it replaced, as the
native JSON Lines records ``export --format jsonl`` writes (the node merged away,
the canonical node and every link it rewrote, with their name keys), and the ids
of what it added, so that ``resolve undo`` puts back exactly what was there.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

SAME, DIFFERENT, UNSURE = "same", "different", "unsure"
VERDICTS = (SAME, DIFFERENT, UNSURE)
FORMAT = "resolve"  # the format of the load run a judgement (or its undo) is recorded as


class ResolveError(ValueError):
    """A judgement that cannot be made, undone or read (the user's to fix)."""


@dataclass
class Judgement:
    """``a`` and ``b`` are the same node, different ones, or the analyst is unsure.

    For ``same``: ``canonical`` is the node kept (``a``), ``merged`` the node merged
    into it (``b``); ``replaced`` holds ``nodes`` (``{"record": ..., "keys": [...]}``)
    and ``links`` (records) as they were before; ``added`` the ids of the nodes and
    links the merge wrote (``nodes``, and ``links`` as ``[type, id]``).
    """

    id: str
    verdict: str
    a: str
    b: str
    by: str
    at: str
    note: str = ""
    label: str = ""
    names: list[str] = field(default_factory=list)  # the two names, as they were
    run: str = ""  # the load run the merge was recorded as
    replaced: dict[str, list] = field(default_factory=dict)
    added: dict[str, list] = field(default_factory=dict)

    @property
    def canonical(self) -> str:
        return self.a

    @property
    def merged(self) -> str:
        return self.b

    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], where: str = "", written: bool = False
    ) -> Judgement:
        """A judgement from its JSON object; ResolveError naming what is wrong.

        ``written``: the object may be one an analyst wrote by hand (a bulk of
        judgements to import): without ``id`` and ``at``, which are then made."""
        prefix = f"{where}: " if where else ""
        if not isinstance(data, Mapping):
            raise ResolveError(f"{prefix}a judgement must be a JSON object")
        if written:
            stamp = datetime.now(timezone.utc)
            made = {"id": new_id(stamp), "at": f"{stamp:%Y-%m-%dT%H:%M:%SZ}"}
            data = {**{k: v for k, v in made.items() if k not in data}, **data}
        for key in ("id", "verdict", "a", "b", "by", "at"):
            if not isinstance(data.get(key), str) or not data.get(key):
                raise ResolveError(f"{prefix}{key}: missing or not a string")
        if data["verdict"] not in VERDICTS:
            raise ResolveError(
                f"{prefix}verdict: {data['verdict']!r} is not one of {', '.join(VERDICTS)}"
            )
        if data["a"] == data["b"]:
            raise ResolveError(f"{prefix}a and b are the same id {data['a']!r}")
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ResolveError(f"{prefix}unknown field {unknown[0]!r}")
        return cls(**{k: data[k] for k in data if k in known})


def new_id(now: datetime | None = None) -> str:
    """A judgement id that sorts by time: ``j-20261130T211134-1a2b3c4d``."""
    now = now or datetime.now(timezone.utc)
    return f"j-{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def redirects(judgements: Iterable[Judgement]) -> dict[str, str]:
    """Merged-away id -> the canonical id it lives on now (chains followed)."""
    step = {j.merged: j.canonical for j in judgements if j.verdict == SAME}
    final: dict[str, str] = {}
    for start in step:
        seen, at = {start}, step[start]
        while at in step and at not in seen:  # a cycle cannot arise; guard anyway
            seen.add(at)
            at = step[at]
        final[start] = at
    return final


def apart(judgements: Iterable[Judgement]) -> set[frozenset[str]]:
    """The pairs judged different or unsure, by canonical id (after merges)."""
    judged = list(judgements)
    moved = redirects(judged)
    return {
        frozenset((moved.get(j.a, j.a), moved.get(j.b, j.b))) for j in judged if j.verdict != SAME
    }
