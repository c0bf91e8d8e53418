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
  does not ACCUSE and that does not ALLEGE it (compared by name: of several actors
  with one name, linking any is enough; a name inside a longer linked name, as
  "Ukraine" in "Armed Forces of Ukraine", is not flagged).
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


class ActorNames:
    """Every actor name and alias key: the actors holding each, and the keys of each
    actor, with an index by first word to find them in a text."""

    def __init__(self, store: GraphStore):
        self.actors: dict[str, set[str]] = {}  # key -> actor ids
        self.names: dict[str, str] = {}  # key -> a name as written, for messages
        self.keys: dict[str, set[str]] = {}  # actor id -> its keys
        self.first: dict[str, list[list[str]]] = {}  # first word -> keys (as words)
        for label in store.registry.actor_labels:
            for node in store.nodes(label):
                for name in [node.props.get("name"), *(node.props.get("aliases") or [])]:
                    key = word_key(str(name)) if name else ""
                    if not key:
                        continue
                    if key not in self.actors:
                        self.actors[key] = set()
                        self.names[key] = str(name)
                        self.first.setdefault(key.split()[0], []).append(key.split())
                    self.actors[key].add(node.id)
                    self.keys.setdefault(node.id, set()).add(key)

    def named_in(self, words: list[str]) -> set[str]:
        """The name keys that appear, as whole words, in ``words``."""
        found = set()
        for i, word in enumerate(words):
            for key in self.first.get(word, ()):
                if words[i : i + len(key)] == key:
                    found.add(" ".join(key))
        return found


def _unlinked(names: ActorNames, text: str, linked: set[str]) -> list[str]:
    """The name keys in ``text`` that no actor in ``linked`` goes by, left out those
    inside a longer name that one does ("Ukraine" in "Armed Forces of Ukraine")."""
    found = names.named_in(word_key(text).split())
    known = {key for actor in linked for key in names.keys.get(actor, ())}
    covered = [f" {key} " for key in found & known]
    return sorted(
        key for key in found - known if not any(f" {key} " in longer for longer in covered)
    )


def unlinked_names(store: GraphStore) -> Iterator[Finding]:
    names = ActorNames(store)
    if not names.actors:
        return
    linked: dict[str, set[str]] = {}
    for type_, claim_end in (("ACCUSES", "src"), ("ALLEGES", "dst")):
        for link in store.links(type_):
            claim, actor = (link.src, link.dst) if claim_end == "src" else (link.dst, link.src)
            linked.setdefault(claim, set()).add(actor)
    found = {}
    for claim in store.nodes("Claim"):
        text = claim.props.get("text")
        if isinstance(text, str):
            missing = _unlinked(names, text, linked.get(claim.id, set()))
            if missing:
                found[claim.id] = (text, missing)
    for claim_id in sorted(found):
        text, missing = found[claim_id]
        said = []
        for key in missing:
            actors = sorted(names.actors[key])
            more = f", +{len(actors) - 3} more" if len(actors) > 3 else ""
            said.append(f"{names.names[key]!r} ({', '.join(actors[:3])}{more})")
        yield Finding(
            "unlinked-name",
            claim_id,
            text,
            f"its text names {'; '.join(said)}, which it does not ACCUSE and who does "
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
