"""Neutrality and completeness checks an editor runs before publishing a graph.

``allegraph lint`` advises; it never rejects. Each :class:`Finding` names a check,
the node it is about and what to look at:

- ``no-reply``: an actor accused by claims it has not answered on record (the
  canned query ``right-of-reply``), one finding per accused with the count;
- ``single-source``: a claim resting on at most one independent source and
  backed by fewer than ``min`` actors (the status policy), so not corroborated;
- ``guilt-wording``: an Event whose name (or description) uses wording that
  states guilt (``schema/lint.yaml``): outside a Claim it presents an allegation
  as fact;
- ``unlinked-name``: a claim whose text names an actor (by name or alias) that it
  does not ACCUSE and that does not ALLEGE it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from allegraph.names import word_key
from allegraph.stores.base import GraphStore

EVERY_ROW = 1_000_000_000
CHECKS = ("no-reply", "single-source", "guilt-wording", "unlinked-name")


@dataclass(frozen=True)
class Finding:
    check: str
    node: str
    name: str | None
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The word list and the properties it is checked on (schema/lint.yaml)."""
    from importlib.resources import files

    import yaml

    return yaml.safe_load(files("allegraph.schema").joinpath("lint.yaml").read_text("utf-8"))


def no_reply(store: GraphStore) -> Iterator[Finding]:
    from allegraph.queries import run_query

    seen: dict[str, tuple[str | None, int, list[str]]] = {}
    for accused, name, unanswered, claim, *_ in run_query(
        store, "right-of-reply", {"limit": EVERY_ROW}
    ).rows:
        seen.setdefault(accused, (name, unanswered, []))[2].append(claim)
    for accused, (name, unanswered, claims) in seen.items():
        shown = ", ".join(claims[:5]) + (", ..." if len(claims) > 5 else "")
        yield Finding(
            "no-reply",
            accused,
            name,
            f"{unanswered} accusation(s) with no recorded response from it: {shown}",
        )


def single_source(store: GraphStore) -> Iterator[Finding]:
    from allegraph.queries import run_query

    rows = run_query(store, "single-source-claims", {"limit": EVERY_ROW}).rows
    for claim, text, status, independent, sources, _actors in rows:
        yield Finding(
            "single-source",
            claim,
            text,
            f"{status}: {independent} independent source(s) of {len(sources)} "
            f"({', '.join(sources) or 'none'})",
        )


def _phrases() -> list[tuple[str, str]]:
    return [(phrase, f" {word_key(phrase)} ") for phrase in rules()["guilt_phrases"]]


def guilt_wording(store: GraphStore) -> Iterator[Finding]:
    phrases = _phrases()
    for label, props in rules()["checked_properties"].items():
        for node in store.nodes(label):
            for prop in props:
                value = node.props.get(prop)
                if not isinstance(value, str):
                    continue
                words = f" {word_key(value)} "
                found = [phrase for phrase, key in phrases if key in words]
                if found:
                    yield Finding(
                        "guilt-wording",
                        node.id,
                        node.props.get("name"),
                        f"{label} {prop} {value!r} states guilt ({', '.join(found)}): "
                        "name it neutrally and make the allegation a Claim someone ALLEGES",
                    )


def _actor_keys(store: GraphStore) -> dict[str, list[tuple[list[str], str]]]:
    """First word of a name key -> (the key's words, actor id), for every actor name
    and alias."""
    index: dict[str, list[tuple[list[str], str]]] = {}
    for label in store.registry.actor_labels:
        for node in store.nodes(label):
            names = [node.props.get("name"), *(node.props.get("aliases") or [])]
            for name in {word_key(str(n)) for n in names if n}:
                if name:
                    words = name.split()
                    index.setdefault(words[0], []).append((words, node.id))
    return index


def named_in(words: list[str], index: dict[str, list[tuple[list[str], str]]]) -> set[str]:
    """The actors whose name or alias appears, as whole words, in ``words``."""
    found = set()
    for i, word in enumerate(words):
        for key, actor in index.get(word, ()):
            if words[i : i + len(key)] == key:
                found.add(actor)
    return found


def unlinked_names(store: GraphStore) -> Iterator[Finding]:
    index = _actor_keys(store)
    if not index:
        return
    linked: dict[str, set[str]] = {}
    for type_, claim_end in (("ACCUSES", "src"), ("ALLEGES", "dst")):
        for link in store.links(type_):
            claim, actor = (link.src, link.dst) if claim_end == "src" else (link.dst, link.src)
            linked.setdefault(claim, set()).add(actor)
    names = {}
    for claim in store.nodes("Claim"):
        text = claim.props.get("text")
        if not isinstance(text, str):
            continue
        missing = sorted(named_in(word_key(text).split(), index) - linked.get(claim.id, set()))
        if missing:
            names[claim.id] = (text, missing)
    for claim_id in sorted(names):
        text, missing = names[claim_id]
        yield Finding(
            "unlinked-name",
            claim_id,
            text,
            f"its text names {', '.join(missing)}, which it does not ACCUSE and who does "
            "not ALLEGE it: link it, or check the wording",
        )


CHECKERS = {
    "no-reply": no_reply,
    "single-source": single_source,
    "guilt-wording": guilt_wording,
    "unlinked-name": unlinked_names,
}


def lint(store: GraphStore, checks: Iterable[str] = CHECKS) -> list[Finding]:
    """Every finding of ``checks``, check by check, in the order each gives."""
    found: list[Finding] = []
    for check in checks:
        if check not in CHECKERS:
            raise ValueError(f"unknown check {check!r}; checks are: {', '.join(CHECKS)}")
        found += CHECKERS[check](store)
    return found


def as_json(found: list[Finding]) -> str:
    counts = {check: sum(1 for f in found if f.check == check) for check in CHECKS}
    payload = {"findings": [f.as_dict() for f in found], "counts": counts}
    return json.dumps(payload, ensure_ascii=False, indent=2)
