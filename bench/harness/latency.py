"""Canned query latency, p50 and p95, on the embedded store and on Neo4j.

Each query runs over several parameter sets drawn from the synthetic case
(actors from the most to the least active, events, sources, words), so the
percentiles cover hubs and ordinary nodes alike. The first call of each query
is reported apart (Neo4j plans the query; the embedded store's first reads
warm SQLite's page cache), and so is a warm-up round of every parameter set
once (its slowest call): a freshly started Neo4j runs its first calls of each
query before the JVM has compiled them, two to seven times slower than every
call after (docs/decisions.md, "Query latency is measured warm"). The
percentiles are of the rounds after it; what a fresh process waits for is
measured apart (bench/harness/cli_queries.py).

On the embedded store each call reads what its answer needs through the
store's indexes: there is no snapshot to build beforehand (no ``snapshot_s``).
"""

from __future__ import annotations

import math
import signal
import statistics
import time

MIN_SAMPLES = 20  # per query, time budget allowing
WORDS = ["Kovalenko", "torture", "Arvania", "Olena Petrov", "shelling", "Ministry", "Report"]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _ranks(limit: int, count: int) -> list[int]:
    """``count`` activity ranks from the top to the tail: 0, 1, 3, 7, ... (geometric)."""
    if limit <= 1:
        return [0]
    ranks = sorted(
        {min(limit - 1, int(round(limit ** (i / max(1, count - 1)))) - 1) for i in range(count)}
    )
    return [max(0, r) for r in ranks]


def param_sets(query, size: int, count: int = 8) -> list[dict] | None:
    """Parameter sets for ``query`` on the synthetic case of ``size`` records; None if
    the query needs a parameter this harness cannot fill."""
    from allegraph import synth

    made = synth.counts(size)
    actors = made["Person"] + made["Organization"]
    ranks = _ranks(actors, count)

    def actor(i: int, rank: int, accused: bool = False) -> str:
        ident, name = (synth.most_accused if accused else synth.actor)(size, rank)
        return name if i % 2 else ident  # half by id, half by name (the slower match)

    values: dict[str, list] = {}
    for param in query.params:
        name = param.name
        if name == "actor":
            accused = query.name == "allegations-against"
            values[name] = [actor(i, r, accused) for i, r in enumerate(ranks)]
        elif name == "a":
            values[name] = [actor(i, r) for i, r in enumerate(ranks)]
        elif name == "b":
            values[name] = [actor(i + 1, r, accused=True) for i, r in enumerate(ranks)]
        elif name == "event":
            step = max(1, made["Event"] // count)
            values[name] = [f"event-{i * step}" for i in range(count)]
        elif name == "claim":
            step = max(1, made["Claim"] // count)
            values[name] = [f"claim-{i * step}" for i in range(count)]
        elif name == "source":
            step = max(1, made["Source"] // count)
            values[name] = [f"src-{i * step}" for i in range(count)]
        elif name == "text":
            values[name] = WORDS[:count]
        elif name == "location" and query.name == "timeline":
            continue  # timeline: by actor; its location form is covered below
        elif param.required:
            return None
    if not values:
        if query.name == "timeline":
            return [{"location": f"loc-{i}"} for i in range(min(count, 4))]
        return [{}]
    length = min(len(v) for v in values.values())
    sets = [{k: v[i] for k, v in values.items()} for i in range(length)]
    if query.name == "timeline":
        sets += [{"location": f"loc-{i}"} for i in range(min(count, 4))]
    return sets


def each_query(size: int, rows: list[dict]):
    """Each canned query as (name, query, parameter sets for ``size`` records); a query
    without known parameters is noted in ``rows`` and left out."""
    from allegraph.queries import queries

    for name, query in queries().items():
        sets = param_sets(query, size)
        if sets is None:
            rows.append({"query": name, "note": "no parameters known for this query"})
            continue
        yield name, query, sets


class _Timeout(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _Timeout


def _summary(
    name: str,
    first: float,
    samples: list[float],
    sets: int,
    rows: list[int],
    note: str = "",
    warmup: list[float] | None = None,
) -> dict:
    row = {
        "query": name,
        "param_sets": sets,
        "first_ms": round(first * 1000, 1),
        "samples": len(samples),
    }
    if warmup:
        row["warmup_max_ms"] = round(max(warmup) * 1000, 1)
    if rows:
        row["rows_max"] = max(rows)  # the largest answer (the cost at a size, its size aside)
    if samples:
        # to 10 µs: at 10k records a query takes 0.1-0.5 ms, and rounding to 0.1 ms
        # would make the growth ratios of docs/benchmarks.md steps of 30-100%
        row["p50_ms"] = round(percentile(samples, 0.5) * 1000, 2)
        row["p95_ms"] = round(percentile(samples, 0.95) * 1000, 2)
        row["mean_ms"] = round(statistics.fmean(samples) * 1000, 2)
    if note:
        row["note"] = note
    return row


def _measure(
    name, sets, call, rounds: int, budget_s: float
) -> tuple[float, list[float], list[float], list[int]]:
    """The first call's seconds, the seconds of the warm-up round (every parameter set
    once), the seconds of the calls after it, and the number of rows each parameter set
    answered (``call`` returns it)."""
    started = time.perf_counter()
    call(sets[0])
    first = time.perf_counter() - started
    warmup: list[float] = []
    samples: list[float] = []
    rows: dict[int, int] = {}
    spent = first
    for round_ in range(1 + max(rounds, math.ceil(MIN_SAMPLES / len(sets)))):
        for i, params in enumerate(sets):
            began = time.perf_counter()
            rows[i] = call(params)
            took = time.perf_counter() - began
            (samples if round_ else warmup).append(took)
            spent += took
            if spent > budget_s and len(samples) >= 3:
                return first, warmup, samples, list(rows.values())
    return first, warmup, samples, list(rows.values())


def embedded_latency(
    db: str, size: int, rounds: int = 3, budget_s: float = 30.0, timeout_s: int = 120
) -> dict:
    """Every canned query on the embedded store at ``db`` (child process: SIGALRM stops a
    call that takes longer than ``timeout_s``)."""
    from allegraph.queries import run_query
    from allegraph.stores import open_store

    store = open_store(db)
    signal.signal(signal.SIGALRM, _alarm)
    rows: list[dict] = []
    for name, _, sets in each_query(size, rows):
        signal.alarm(timeout_s)
        try:
            first, warmup, samples, answered = _measure(
                name, sets, lambda p, n=name: len(run_query(store, n, p).rows), rounds, budget_s
            )
            rows.append(_summary(name, first, samples, len(sets), answered, warmup=warmup))
        except _Timeout:
            rows.append({"query": name, "note": f"a call took more than {timeout_s} s"})
        finally:
            signal.alarm(0)
    store.close()
    return {"queries": rows}


def neo4j_latency(
    url: str, size: int, rounds: int = 3, budget_s: float = 30.0, timeout_s: int = 120
) -> dict:
    """Every canned query's Cypher on Neo4j, as ``run_query`` runs it (a read transaction
    with the bound parameters), with a server-side timeout per call."""
    from neo4j import unit_of_work

    from allegraph.queries import cypher_params
    from allegraph.stores import open_store

    @unit_of_work(timeout=timeout_s)
    def read(tx, text: str, params: dict):
        return tx.run(text, params).to_eager_result()

    store = open_store(url)
    rows: list[dict] = []
    try:
        for name, query, sets in each_query(size, rows):

            def call(params, q=query):
                bound = cypher_params(q, params)  # what run_query gives the Cypher
                with store.driver.session(database=store.database) as session:
                    return len(session.execute_read(read, q.cypher, bound).records)

            try:
                first, warmup, samples, answered = _measure(name, sets, call, rounds, budget_s)
                rows.append(_summary(name, first, samples, len(sets), answered, warmup=warmup))
            except Exception as exc:  # noqa: BLE001 - a timeout or error ends this query only
                rows.append({"query": name, "note": f"error: {str(exc).splitlines()[0][:200]}"})
    finally:
        store.close()
    return {"queries": rows}
