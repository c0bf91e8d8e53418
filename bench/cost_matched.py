#!/usr/bin/env python3
"""What a canned query costs for an answer of the same size, in a small and a large store.

The growth target of docs/benchmarks.md times the same activity ranks at both
sizes, and there the answers grow with the store: at 1M records the busiest
actors allege, and common words begin, 30 to 100 times as much as at 10k, and a
result counts all of it (its total). Here each query that names an actor, a
place or words is timed over a pool of parameter sets at each size (actors at
every activity rank, places, words and names of the synthetic case), each with
the total its answer reports; each parameter set of the small store is paired
with the one of the large store whose total is nearest, when the two totals are
within 25% of each other. The ratio of their times is what the larger store
alone costs. Queries without such a parameter list the whole store (every
corroborated claim, every dispute): their answers are the store.

    bench/generate.py 10000 && bench/generate.py 1000000
    allegraph --store /tmp/s10k.db load bench/data/synth-10000-s0.jsonl
    allegraph --store /tmp/s1m.db load bench/data/synth-1000000-s0.jsonl
    bench/cost_matched.py /tmp/s10k.db 10000 /tmp/s1m.db 1000000 \\
        --out bench/results/cost-matched.md

The stores must hold the synthetic case of those sizes (seed 0). Writes a
markdown table to stdout (and to --out).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from allegraph import synth
from allegraph.queries import run_query
from allegraph.stores import open_store

# an actor's, a place's or words' query; how the pool of each is drawn (pool())
QUERIES = [
    "allegations-by",
    "allegations-against",
    "actor-network",
    "right-of-reply",
    "timeline",
    "search",
    "connection-path",
]
RANKS = 40  # activity ranks per pool, geometric from the busiest actor to the tail
CALLS = 7  # timed calls per parameter set (after one untimed)
NEAR = 1.25  # two totals are paired when the larger is at most this times the smaller


def _ranks(actors: int) -> list[int]:
    return sorted({min(actors - 1, round(actors ** (i / (RANKS - 1))) - 1) for i in range(RANKS)})


def _words() -> list[str]:
    """Words and names of the synthetic case, common and rare."""
    words = [latin for latin, _ in synth.FIRST[:8]] + [latin for latin, _ in synth.LAST[:8]]
    words += [latin for latin, _ in synth.PLACE_ROOTS[:6]] + synth.EVENT_KINDS
    words += [kind for kind, _ in synth.CLAIM_TEMPLATES] + synth.PUBLISHER_WORDS
    words += [
        f"{first} {last}"
        for (first, _), (last, _) in zip(synth.FIRST[:12], synth.LAST[:12], strict=False)
    ]
    return list(dict.fromkeys(words))


def pool(name: str, size: int) -> Iterator[dict]:
    """The parameter sets a query is timed with in the store of ``size`` records."""
    actors = sum(synth.counts(size)[label] for label in ("Person", "Organization"))
    ranks = _ranks(actors)
    if name == "search":
        for words in _words():
            yield {"text": words}
    elif name == "connection-path":
        for i, rank in enumerate(ranks):
            yield {"a": synth.actor(size, rank)[0], "b": synth.most_accused(size, i)[0]}
    else:
        pick = synth.most_accused if name == "allegations-against" else synth.actor
        for rank in ranks:
            yield {"actor": pick(size, rank)[0]}
    if name == "timeline":
        places = synth.counts(size)["Location"]
        for i in _ranks(places):
            yield {"location": f"loc-{i}"}


def measure(db: str, name: str, size: int) -> list[tuple[int, float, dict]]:
    """``(total, median seconds, parameters)`` of each parameter set whose answer
    reports its total."""
    store = open_store(db)
    out = []
    try:
        for params in pool(name, size):
            first = run_query(store, name, params)
            if first.total is None or first.total == 0:
                continue
            took = []
            for _ in range(CALLS):
                began = time.perf_counter()
                run_query(store, name, params)
                took.append(time.perf_counter() - began)
            out.append((first.total, statistics.median(took), params))
    finally:
        store.close()
    return out


def pairs(small: list, large: list) -> list[tuple[tuple, tuple]]:
    """Each measurement of the small store with the large store's of the nearest total
    (within NEAR)."""
    found = []
    for s in small:
        best = min(large, key=lambda m: abs(m[0] - s[0]), default=None)
        if best and max(best[0], s[0]) <= NEAR * min(best[0], s[0]):
            found.append((s, best))
    return found


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def table(low: int, high: int, measured: dict[str, tuple[list, list]]) -> str:
    lines = [
        f"| query | pairs | median {high:,} ÷ {low:,} | worst | widest pair "
        "(total: ms small → ms large) |",
        "|---|---|---|---|---|",
    ]
    for name, (small, large) in measured.items():
        matched = pairs(small, large)
        if not matched:
            lines.append(f"| {name} | 0 | – | – | no totals within {NEAR - 1:.0%} of each other |")
            continue
        ratios = [b[1] / a[1] for a, b in matched]
        widest = max(matched, key=lambda ab: ab[0][0])
        (ta, sa, _), (tb, sb, _) = widest
        lines.append(
            f"| {name} | {len(matched)} | {statistics.median(ratios):.2f}x | {max(ratios):.2f}x "
            f"| {ta:,}: {_ms(sa)} → {tb:,}: {_ms(sb)} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    summary, _, usage = __doc__.partition("\n\n")
    parser = argparse.ArgumentParser(
        description=summary, epilog=usage, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    for side in ("small", "large"):
        parser.add_argument(side, help=f"store of the {side}er synthetic case")
        parser.add_argument(f"{side}_size", type=int, help="its records")
    parser.add_argument("--query", action="append", choices=QUERIES, help="only these queries")
    parser.add_argument("--out", type=Path, help="also write the table here")
    args = parser.parse_args(argv)
    measured = {
        name: (
            measure(args.small, name, args.small_size),
            measure(args.large, name, args.large_size),
        )
        for name in args.query or QUERIES
    }
    text = table(args.small_size, args.large_size, measured)
    sys.stdout.write(text)
    if args.out:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
