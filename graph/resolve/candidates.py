"""Pairs of nodes that may be one: blocking by name words, scoring with rapidfuzz.

Every name key of a node (allegraph.names: case, accents and script folded, so
"Т. Москалькова" is ``t moskalkova``) is put in blocks: one per word of four or
more letters with the first letter of each of the name's other words, and the
numbers in the name. Only names that share a block are compared, so the work
grows with the size of the blocks, not with the square of the nodes. Names
that differ in a number ("Brigade 25", "Brigade 26") or in an initial ("Olena
C. Sokolov", "Olena D. Sokolov") are never proposed: they name different
actors more often than not. Two nodes that share an ``externalIds`` value are
always proposed. Shared neighbours add to the score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from allegraph.names import normalize
from allegraph.stores.base import GraphStore

MIN_WORD = 4  # shorter words block too little (and initials not at all)
BLOCK_CAP = 5000  # a block holding more names than this is too common to tell anything
NEIGHBOUR_BONUS = 5  # per shared neighbour, up to NEIGHBOUR_MAX
NEIGHBOUR_MAX = 15
INITIALS_SCORE = 90.0  # "t moskalkova" and "tatyana moskalkova"
PART_SCORE = 80.0  # "moskalkova" and "tatyana moskalkova"


@dataclass
class Candidate:
    """Two nodes of one label that may be one, with the score and the reasons."""

    score: float
    label: str
    a: str
    a_name: str
    b: str
    b_name: str
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class _Name:
    key: str
    words: tuple[str, ...]
    numbers: tuple[str, ...]
    initials: frozenset[str]


def _parse(key: str) -> _Name:
    words = tuple(key.split())
    numbers = tuple(sorted(w for w in words if w.isdigit()))
    initials = frozenset(w for w in words if len(w) == 1 and w.isalpha())
    return _Name(key, words, numbers, initials)


def _blocks(name: _Name) -> list[tuple]:
    """The blocks a name is put in (see the module)."""
    found = []
    for i, word in enumerate(name.words):
        if len(word) < MIN_WORD or word.isdigit():
            continue
        others = {w[0] for j, w in enumerate(name.words) if j != i and not w.isdigit()}
        found += [(word, letter, name.numbers) for letter in sorted(others)]
        # a name of one word is compared with every name holding that word
        found.append((word, "*", name.numbers))
    return found


def _initials_match(short: _Name, long: _Name) -> bool:
    """Every word of ``short`` is a word of ``long`` or the initial of one of its other
    words, and at least one full word matches."""
    rest = list(long.words)
    full = 0
    for word in short.words:
        if word in rest:
            rest.remove(word)
            full += len(word) > 1
            continue
        if len(word) == 1:
            hit = next((w for w in rest if len(w) > 1 and w[0] == word), None)
            if hit is not None:
                rest.remove(hit)
                continue
        return False
    return full > 0 and len(short.words) <= len(long.words)


def name_score(x: _Name, y: _Name) -> tuple[float, str]:
    """How alike two name keys are (0..100) and why, in words."""
    from rapidfuzz import fuzz

    if x.key == y.key:
        return 100.0, f"same name {x.key!r}"
    if x.numbers != y.numbers:
        return 0.0, ""
    if x.initials and y.initials and x.initials != y.initials:
        return 0.0, ""
    best = round(fuzz.token_sort_ratio(x.key, y.key), 1)
    why = f"names alike: {x.key!r} ~ {y.key!r} ({best:g})"
    for short, long in ((x, y), (y, x)):
        if any(len(w) == 1 for w in short.words) and _initials_match(short, long):
            if INITIALS_SCORE > best:
                best, why = INITIALS_SCORE, f"{short.key!r} is {long.key!r} with initials"
    short, long = (x, y) if len(x.words) <= len(y.words) else (y, x)
    if set(short.words) < set(long.words) and max(map(len, short.words)) >= MIN_WORD:
        if PART_SCORE > best:
            best, why = PART_SCORE, f"{short.key!r} is part of {long.key!r}"
    return best, why


def _node_names(node) -> list[str]:
    names = [node.name, *(node.props.get("aliases") or [])]
    return list(dict.fromkeys(k for k in (normalize(n) for n in names if n) if k))


def candidates(
    store: GraphStore,
    labels: Iterable[str],
    min_score: float = 70.0,
    limit: int | None = 50,
    skip: set[frozenset[str]] | None = None,
) -> list[Candidate]:
    """Pairs of nodes of each of ``labels`` scoring at least ``min_score``, best first
    (then by label and ids), at most ``limit``; pairs in ``skip`` are left out."""
    skip = skip or set()
    found: list[Candidate] = []
    for label in labels:
        found += _of_label(store, label, min_score, skip)
    found.sort(key=lambda c: (-c.score, c.label, c.a, c.b))
    return found if limit is None else found[:limit]


def _of_label(
    store: GraphStore, label: str, min_score: float, skip: set[frozenset[str]]
) -> list[Candidate]:
    ids: list[str] = []
    shown: list[str] = []
    names: list[list[_Name]] = []
    blocks: dict[tuple, list[int]] = {}
    external: dict[str, list[int]] = {}
    for node in store.nodes(label):
        i = len(ids)
        ids.append(node.id)
        shown.append(node.name)
        parsed = [_parse(k) for k in _node_names(node)]
        names.append(parsed)
        keys: set[tuple] = set()
        for name in parsed:
            keys.update(_blocks(name))
        for key in keys:
            blocks.setdefault(key, []).append(i)
        for value in node.props.get("externalIds") or []:
            external.setdefault(str(value), []).append(i)
    pairs: dict[tuple[int, int], tuple[float, list[str]]] = {}
    # one-word names: only against the names holding their word (their "*" block)
    for key, members in blocks.items():
        if len(members) < 2 or len(members) > BLOCK_CAP:
            continue
        if key[1] == "*":
            singles = [m for m in members if any(len(n.words) == 1 for n in names[m])]
            for s in singles:
                for m in members:
                    if m != s:
                        _score(pairs, names, min(s, m), max(s, m), min_score)
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                _score(pairs, names, members[x], members[y], min_score)
    for value, members in external.items():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = sorted((members[x], members[y]))
                score, reasons = pairs.get((a, b), (0.0, []))
                pairs[(a, b)] = (100.0, [*reasons, f"same externalIds value {value!r}"])
    chosen = {
        (a, b): v
        for (a, b), v in pairs.items()
        if frozenset((ids[a], ids[b])) not in skip and v[0] + NEIGHBOUR_MAX >= min_score
    }
    near = store.adjacent(sorted({ids[i] for pair in chosen for i in pair})) if chosen else {}
    out = []
    for (a, b), (score, reasons) in chosen.items():
        shared = sorted((near.get(ids[a], set()) & near.get(ids[b], set())) - {ids[a], ids[b]})
        if shared:
            score = min(100.0, score + min(NEIGHBOUR_MAX, NEIGHBOUR_BONUS * len(shared)))
            listed = ", ".join(shared[:3]) + (", ..." if len(shared) > 3 else "")
            reasons = [*reasons, f"{len(shared)} shared neighbour(s): {listed}"]
        if score < min_score:
            continue
        x, y = (a, b) if ids[a] < ids[b] else (b, a)
        out.append(Candidate(round(score, 1), label, ids[x], shown[x], ids[y], shown[y], reasons))
    return out


def _score(
    pairs: dict[tuple[int, int], tuple[float, list[str]]],
    names: list[list[_Name]],
    a: int,
    b: int,
    min_score: float,
) -> None:
    if (a, b) in pairs:
        return
    best, why = 0.0, ""
    for x in names[a]:
        for y in names[b]:
            score, reason = name_score(x, y)
            if score > best:
                best, why = score, reason
    # kept if shared neighbours could still lift it to the minimum
    if best > 0 and best + NEIGHBOUR_MAX >= min_score:
        pairs[(a, b)] = (best, [why])
