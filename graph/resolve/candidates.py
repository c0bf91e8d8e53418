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
that share an ``externalIds`` value are always proposed, unless more than
:data:`MAX_SHARED_ID` nodes of the label hold it: such a value names a kind of
actor, not one actor (GDELT's CAMEO actor codes: ``gdelt-actor:BUS`` is every
business, ``gdelt-actor:USAGOV`` every US government body), and pairing all its
holders would be quadratic in their number. Likewise a name (or alias) that
more than :data:`MAX_SHARED_NAME` nodes of the label have is generic ("POLICE",
"GOVERNMENT": GDELT names so an actor it cannot identify) and proposes no pair.
Shared neighbours add to the score of a pair whose names reach the minimum.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from allegraph.names import normalize
from allegraph.stores.base import GraphStore

MIN_WORD = 4  # a word that makes a block; shorter ones block too little
MIN_LETTER_WORD = 3  # a word whose first letter joins a block ("of", initials: no)
NEIGHBOUR_BONUS = 5  # per shared neighbour, up to NEIGHBOUR_MAX
MAX_SHARED_ID = 5  # an externalIds value held by more nodes is a category, not an identifier
MAX_SHARED_NAME = 20  # a name key held by more nodes is generic: it proposes no pair
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


def _best(names: list[list[_Name]], a: int, b: int) -> tuple[float, int, _Name, _Name]:
    """The best score over the names of nodes ``a`` and ``b``, its rule and its names
    (0 when the nodes' own names tell them apart, whatever their aliases share)."""
    x, y = names[a][0], names[b][0]
    best, rule, which = 0.0, ALIKE, (x, y)
    if x.numbers != y.numbers or (x.initials and y.initials and x.initials != y.initials):
        return best, rule, x, y
    for x in names[a]:
        for y in names[b]:
            score, how = _score(x, y)
            if score > best:
                best, rule, which = score, how, (x, y)
    return best, rule, *which


def _score_pairs(
    codes: set[int], names: list[list[_Name]], least: float
) -> dict[tuple[int, int], tuple[float, list[str]]]:
    """Score each pair (``a * len(names) + b``, ``a < b``) once; keep those that reach
    ``least``, with the reason.

    The ratio of every pair of names is computed in rapidfuzz's C loop (``cpdist``),
    name slot by name slot, with the vetoes of :func:`_score` as array operations;
    only the pairs a rule of initials or parts could change (their best ratio is
    under 90 and their names differ in initials or in length) and the pairs kept go
    through :func:`_best` in Python, which decides exactly as :func:`name_score`."""
    import numpy as np
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import cpdist

    size = len(names)
    pairs = np.fromiter(codes, dtype=np.int64, count=len(codes))
    left, right = pairs // size, pairs % size
    slots = max((len(n) for n in names), default=0)
    # per node and name slot: the sorted words, numbers, initials, distinct words
    numbering: dict[Any, int] = {(): 0, frozenset(): 0}
    ordered = np.full((slots, size), None, dtype=object)
    numbers = np.full((slots, size), -1, dtype=np.int64)
    initials = np.zeros((slots, size), dtype=np.int64)
    words = np.zeros((slots, size), dtype=np.int64)
    for i, listed in enumerate(names):
        for k, name in enumerate(listed):
            ordered[k, i] = name.ordered
            numbers[k, i] = numbering.setdefault(name.numbers, len(numbering))
            initials[k, i] = numbering.setdefault(name.initials, len(numbering))
            words[k, i] = len(set(name.words))  # unequal: one may be part of the other
    # the vetoes of the nodes' own names (slot 0)
    own_a, own_b = initials[0, left], initials[0, right]
    alive = numbers[0, left] == numbers[0, right]
    alive &= ~((own_a > 0) & (own_b > 0) & (own_a != own_b))
    best = np.zeros(len(pairs))
    slot_a = np.zeros(len(pairs), dtype=np.int64)  # the names the best score is of
    slot_b = np.zeros(len(pairs), dtype=np.int64)
    unsure = np.zeros(len(pairs), dtype=bool)
    for k in range(slots):
        for j in range(slots):
            both = alive & (numbers[k, left] >= 0) & (numbers[j, right] >= 0)
            if not both.any():
                continue
            at = np.flatnonzero(both)
            a, b = left[at], right[at]
            score = cpdist(ordered[k, a], ordered[j, b], scorer=ratio, dtype=np.float64)
            ok = numbers[k, a] == numbers[j, b]
            ia, ib = initials[k, a], initials[j, b]
            ok &= ~((ia > 0) & (ib > 0) & (ia != ib))
            score = np.where(ok, score, 0.0)
            better = score > best[at]  # the first best pair, as _best finds it
            best[at[better]] = score[better]
            slot_a[at[better]], slot_b[at[better]] = k, j
            unsure[at] |= (
                ok & (score < INITIALS_SCORE) & ((ia != ib) | (words[k, a] != words[j, b]))
            )
    rounded = np.round(best, 1)
    kept: dict[tuple[int, int], tuple[float, list[str]]] = {}
    for at in np.flatnonzero(alive & unsure).tolist():  # a rule may change the score
        a, b = int(left[at]), int(right[at])
        score, rule, x, y = _best(names, a, b)
        score = round(score, 1)
        if score >= least and score > 0:
            kept[(a, b)] = (score, [_why(x, y, score, rule)])
    sure = np.flatnonzero(alive & ~unsure & (rounded >= least) & (rounded > 0))
    for a, b, k, j, score in zip(
        left[sure].tolist(),
        right[sure].tolist(),
        slot_a[sure].tolist(),
        slot_b[sure].tolist(),
        rounded[sure].tolist(),
        strict=True,
    ):
        x, y = names[a][k], names[b][j]
        kept[(a, b)] = (score, [_why(x, y, score, SAME if x.key == y.key else ALIKE)])
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
    read = [(node.id, node.name, _node_names(node), node.props) for node in store.nodes(label)]
    holders = Counter(key for _, _, keys, _ in read for key in keys)
    for ident, name, keys, props in read:
        i = len(ids)
        ids.append(ident)
        shown.append(name)
        # a name very many nodes have is generic ("POLICE", "GOVERNMENT": GDELT names
        # an actor it cannot identify by its role): it makes no pair on its own
        parsed = [_parse(k) for k in keys if holders[k] <= MAX_SHARED_NAME]
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
        for value in props.get("externalIds") or []:
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
        if len(members) > MAX_SHARED_ID:
            continue
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
