"""Pairs of nodes that may be one: blocking by name words, scoring with rapidfuzz.

Every name key of a node (allegraph.names: case, accents and script folded, so
"Т. Москалькова" is ``t moskalkova``) is put in blocks: one for each of its
words of four or more letters, together with the set of first letters of the
name's other words (small words such as "of" and "the" left out) and the
numbers in the node's name. A name with initials is also put in the block
without the letters of its initials. A name with no other word than initials
("T. Moskalkova", "Moskalkova") is compared with every name holding its word.
Only names that share a block are compared, so the work grows with the size of
the blocks, not with the square of the nodes.

Nodes whose names differ in a number ("Brigade 25", "Brigade 26") or in an
initial ("Olena C. Sokolov", "Olena D. Sokolov") are never proposed, whatever
their aliases share: they name different actors more often than not. Two nodes
that share an ``externalIds`` value are always proposed. Shared neighbours add
to the score of a pair whose names reach the minimum.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from allegraph.names import normalize
from allegraph.stores.base import GraphStore

MIN_WORD = 4  # a word that makes a block; shorter ones block too little
MIN_LETTER_WORD = 3  # a word whose first letter joins a block ("of", initials: no)
NEIGHBOUR_BONUS = 5  # per shared neighbour, up to NEIGHBOUR_MAX
NEIGHBOUR_MAX = 15
INITIALS_SCORE = 90.0  # "t moskalkova" and "tatyana moskalkova"
PART_SCORE = 80.0  # "moskalkova" and "tatyana moskalkova"
_ratio: Any = None  # rapidfuzz.fuzz.ratio, imported on first use (a heavy import)


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
    ordered: str  # the words sorted: token_sort_ratio is the ratio of these


def _parse(key: str) -> _Name:
    words = tuple(key.split())
    numbers = tuple(sorted(w for w in words if w.isdigit()))
    initials = frozenset(w for w in words if len(w) == 1 and w.isalpha())
    return _Name(key, words, numbers, initials, " ".join(sorted(words)))


SMALL_WORDS = frozenset(
    "the of and for in on at to de la le el al der die das von van du des".split()
)


def _blocks(name: _Name, numbers: tuple[str, ...]) -> list[tuple]:
    """The blocks a name is put in: ``(word, letters, numbers)``, and ``(word, "*",
    numbers)`` for a name whose other words are initials at most (see the module)."""
    found = []
    for i, word in enumerate(name.words):
        if len(word) < MIN_WORD or word.isdigit():
            continue
        others = [
            w
            for j, w in enumerate(name.words)
            if j != i and not w.isdigit() and w not in SMALL_WORDS
        ]
        full = "".join(sorted({w[0] for w in others}))
        long = "".join(sorted({w[0] for w in others if len(w) > 1}))
        if not long:
            found.append((word, "*", numbers))
        found.append((word, full, numbers))
        if long != full:
            found.append((word, long, numbers))
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


SAME, ALIKE, INITIALS, PART = range(4)  # why two names score what they do


def _score(x: _Name, y: _Name) -> tuple[float, int]:
    """How alike two name keys are (0..100), and which rule says so (reasons are worded
    only for the pairs kept: most pairs compared are not)."""
    global _ratio
    if x.key == y.key:
        return 100.0, SAME
    if x.numbers != y.numbers:
        return 0.0, ALIKE
    if x.initials and y.initials and x.initials != y.initials:
        return 0.0, ALIKE
    if _ratio is None:
        from rapidfuzz.fuzz import ratio

        _ratio = ratio
    best = _ratio(x.ordered, y.ordered)  # rapidfuzz's token_sort_ratio
    if best >= INITIALS_SCORE:
        return best, ALIKE
    # an initial of one that stands for a word of the other ("t" for "tatyana")
    if x.initials - y.initials and _initials_match(x, y):
        return INITIALS_SCORE, INITIALS
    if y.initials - x.initials and _initials_match(y, x):
        return INITIALS_SCORE, INITIALS
    if best < PART_SCORE:
        short, long = (x, y) if len(x.words) <= len(y.words) else (y, x)
        if set(short.words) < set(long.words) and max(map(len, short.words)) >= MIN_WORD:
            return PART_SCORE, PART
    return best, ALIKE


def _why(x: _Name, y: _Name, score: float, rule: int) -> str:
    if rule == SAME:
        return f"same name {x.key!r}"
    if rule == INITIALS:
        short, long = (x, y) if x.initials - y.initials else (y, x)
        return f"{short.key!r} is {long.key!r} with initials"
    if rule == PART:
        short, long = (x, y) if len(x.words) <= len(y.words) else (y, x)
        return f"{short.key!r} is part of {long.key!r}"
    return f"names alike: {x.key!r} ~ {y.key!r} ({round(score, 1):g})"


def name_score(x: _Name, y: _Name) -> tuple[float, str]:
    """How alike two name keys are (0..100) and why, in words."""
    score, rule = _score(x, y)
    return round(score, 1), (_why(x, y, score, rule) if score > 0 else "")


def _node_names(node: Any) -> list[str]:
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


def _score_pairs(
    codes: Iterable[int], names: list[list[_Name]], least: float
) -> dict[tuple[int, int], tuple[float, list[str]]]:
    """Score each pair (``a * len(names) + b``, ``a < b``) once; keep those that reach
    ``least``, with the reason."""
    size, kept = len(names), {}
    score_of = _score
    for code in codes:
        a, b = divmod(code, size)
        x, y = names[a][0], names[b][0]
        if x.numbers != y.numbers or (x.initials and y.initials and x.initials != y.initials):
            continue  # the names themselves tell them apart, whatever their aliases share
        best, rule, which = 0.0, ALIKE, (x, y)
        for x in names[a]:
            for y in names[b]:
                score, how = score_of(x, y)
                if score > best:
                    best, rule, which = score, how, (x, y)
        best = round(best, 1)
        if best >= least and best > 0:
            kept[(a, b)] = (best, [_why(*which, best, rule)])
    return kept


def _by_initials(members: list[int], initials: list[frozenset[str]]) -> list[tuple[int, int]]:
    """The pairs of a block worth comparing: names with the same initials, and a name
    without initials with any other (differing initials never make a pair)."""
    groups: dict[frozenset[str], list[int]] = {}
    for m in members:
        groups.setdefault(initials[m], []).append(m)
    bare = groups.pop(frozenset(), [])
    pairs = [(x, y) for i, x in enumerate(bare) for y in bare[i + 1 :]]
    for group in groups.values():
        pairs += [(x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
        pairs += [(x, y) for x in bare for y in group]
    return pairs


def _of_label(
    store: GraphStore, label: str, min_score: float, skip: set[frozenset[str]]
) -> list[Candidate]:
    ids: list[str] = []
    shown: list[str] = []
    names: list[list[_Name]] = []
    initials: list[frozenset[str]] = []
    blocks: dict[tuple, list[int]] = {}
    holding: dict[tuple, list[int]] = {}  # (word, numbers) -> every node holding the word
    external: dict[str, list[int]] = {}
    for node in store.nodes(label):
        i = len(ids)
        ids.append(node.id)
        shown.append(node.name)
        parsed = [_parse(k) for k in _node_names(node)]
        names.append(parsed)
        own = parsed[0] if parsed else _parse("")
        initials.append(own.initials)
        keys: set[tuple] = set()
        for name in parsed:
            keys.update(_blocks(name, own.numbers))
        for key in keys:
            blocks.setdefault(key, []).append(i)
        for word, numbers in {(k[0], k[2]) for k in keys}:
            holding.setdefault((word, numbers), []).append(i)
        for value in node.props.get("externalIds") or []:
            external.setdefault(str(value), []).append(i)
    size = len(ids)
    codes: set[int] = set()  # every pair to compare, once: a * size + b with a < b
    for key, members in blocks.items():
        if key[1] == "*":  # names of initials and one word, against all that hold it
            everyone = holding[(key[0], key[2])]
            codes.update(
                (s * size + m if s < m else m * size + s)
                for s in members
                for m in everyone
                if s != m
            )
        elif len(members) > 1:
            codes.update(
                (a * size + b if a < b else b * size + a)
                for a, b in _by_initials(members, initials)
            )
    found = _score_pairs(codes, names, min_score)
    del codes
    for value, members in external.items():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = sorted((members[x], members[y]))
                _, reasons = found.get((a, b), (0.0, []))
                found[(a, b)] = (100.0, [*reasons, f"same externalIds value {value!r}"])
    chosen = {
        pair: v for pair, v in found.items() if frozenset((ids[pair[0]], ids[pair[1]])) not in skip
    }
    near = store.adjacent(sorted({ids[i] for pair in chosen for i in pair})) if chosen else {}
    out = []
    for (a, b), (score, reasons) in chosen.items():
        shared = sorted((near.get(ids[a], set()) & near.get(ids[b], set())) - {ids[a], ids[b]})
        if shared:
            score = min(100.0, score + min(NEIGHBOUR_MAX, NEIGHBOUR_BONUS * len(shared)))
            listed = ", ".join(shared[:3]) + (", ..." if len(shared) > 3 else "")
            reasons = [*reasons, f"{len(shared)} shared neighbour(s): {listed}"]
        x, y = (a, b) if ids[a] < ids[b] else (b, a)
        out.append(Candidate(round(score, 1), label, ids[x], shown[x], ids[y], shown[y], reasons))
    return out
