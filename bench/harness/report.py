"""docs/benchmarks.md from a results file: tables, ratios, and the targets met or missed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .machine import slug as machine_slug

GIB = 1024

# The issues' targets (issues 8 and 12): what the report checks every run against.
TARGET_LOAD_RATE = 100_000  # records/s, embedded, at 1M records
TARGET_PEAK_MIB = 2 * GIB
TARGET_NEO4J_RATIO = 1.0  # allegraph load / LOAD CSV
TARGET_FLOOR_RATIO = 1.0  # embedded allegraph load / the bare SQLite floor (issue 13)
TARGET_RELOAD_SPEEDUP = 5.0
TARGET_P95_MS = 100.0  # in-process, both stores, at 1M records
TARGET_CLI_MS = {1_000_000: 1000.0, 10_000_000: 2000.0}  # a query as a fresh process
TARGET_GROWTH = 2.0  # cost at 1M records / cost at 10k records
TARGET_QUERY_PEAK_MIB = 300e6 / 2**20  # 300 MB: the peak of a query process
TARGET_VIEW_MS = 3000.0  # view --actor X --depth 2 on the 1M store, a fresh process
TARGET_LOAD_SLOWDOWN = 0.15  # loads no more than 15% slower than BASELINE
TARGET_GDELT_SPEEDUP = 2.0  # the GDELT feed at least twice as fast as in BASELINE (issue 13)
MILLION = 1_000_000
PATH_QUERIES = ("actor-network", "connection-path")  # variable-length traversals
BENCH = Path(__file__).resolve().parents[1]
NOTES = BENCH / "notes.md"  # included at the end of the page
# the full run before issue 12 (queries from indexes, claim status kept on write)
BASELINE = BENCH / "results" / "2026-11-25-amd-epyc-2c.json"


def _n(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _mb(size: int | None) -> str:
    return "–" if size is None else f"{size / 1e6:,.1f} MB"


def _table(header: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += [
        "| " + " | ".join(_n(c) if not isinstance(c, str) else c for c in row) + " |"
        for row in rows
    ]
    return out + [""]


def _missing(section: dict | None) -> str | None:
    if not section:
        return "not measured in this run"
    if section.get("status") == "not available":
        return f"not available: {section.get('why', '')}"
    if section.get("status") == "error":
        return f"failed: {section.get('error', '')}"
    return None


def _at_size(met: bool, full_size: bool) -> bool | None:
    """A target is judged at its size only: smaller runs (--quick) are not a verdict."""
    return met if full_size else None


def targets(results: dict) -> list[dict]:
    """Each target of the issue with the measured figure and whether it is met."""
    sections = results["sections"]
    out = []

    def add(name: str, measured: str, met: bool | None, gap: str = "") -> None:
        out.append({"target": name, "measured": measured, "met": met, "gap": gap})

    runs = (sections.get("embedded_load") or {}).get("runs") or []
    big = _at_or_below([r for r in runs if r.get("records_per_s")], MILLION)
    if big:
        rate, peak = big["records_per_s"], big["peak_rss_mib"]
        at = f"at {big['records']:,} records"
        add(
            f"embedded load >= {TARGET_LOAD_RATE:,} records/s at 1M records",
            f"{rate:,} records/s {at}",
            _at_size(rate >= TARGET_LOAD_RATE, big["records"] >= 10**6),
            "" if rate >= TARGET_LOAD_RATE else f"{TARGET_LOAD_RATE / rate:.1f}x too slow",
        )
        add(
            "embedded load peak memory < 2 GiB at 1M records",
            f"{peak:,.0f} MiB {at}",
            _at_size(peak < TARGET_PEAK_MIB, big["records"] >= 10**6),
            "" if peak < TARGET_PEAK_MIB else f"{peak - TARGET_PEAK_MIB:,.0f} MiB over",
        )
    else:
        add("embedded load >= 100,000 records/s at 1M records", "not measured", None)
    out.append(_floor_target(runs))
    neo = [r for r in (sections.get("neo4j_load") or {}).get("runs") or [] if r.get("ratio")]
    if neo:
        top = max(neo, key=lambda r: r["records"])
        ratio = top["ratio"]
        add(
            "allegraph load into Neo4j >= 1.0x Neo4j's LOAD CSV of the same records",
            f"{ratio:.2f}x at {top['records']:,} records",
            ratio >= TARGET_NEO4J_RATIO,
            "" if ratio >= TARGET_NEO4J_RATIO else f"{1 / ratio:.1f}x slower than LOAD CSV",
        )
    else:
        add(
            "allegraph load into Neo4j >= 1.0x LOAD CSV",
            _missing(sections.get("neo4j_load")) or "not measured",
            None,
        )
    reload = sections.get("reload") or {}
    if reload.get("speedup"):
        speed = reload["speedup"]
        add(
            "reloading unchanged data >= 5x faster than the first load",
            f"{speed:,.1f}x at {reload['records']:,} records (skipped: already loaded)",
            speed >= TARGET_RELOAD_SPEEDUP,
            "" if speed >= TARGET_RELOAD_SPEEDUP else f"{TARGET_RELOAD_SPEEDUP / speed:.1f}x short",
        )
    else:
        add("reloading unchanged data >= 5x faster", _missing(reload) or "not measured", None)
    query_runs = (sections.get("queries") or {}).get("runs") or []
    for store in ("embedded", "neo4j"):
        mine = [r for r in query_runs if r.get("store") == store and r.get("queries")]
        top = _at_or_below(mine, MILLION)
        if not top:
            add(
                f"every canned query p95 <= 100 ms at 1M records ({store}, in-process)",
                _missing(sections.get("neo4j_load")) if store == "neo4j" else "not measured",
                None,
            )
            continue
        out.append(
            _every_query(
                f"every canned query p95 <= 100 ms at 1M records ({store}, in-process)",
                top,
                "p95_ms",
                TARGET_P95_MS,
                MILLION,
                lambda x: f"worst p95 {x:,.0f} ms",
            )
        )
    out += _growth_target(query_runs)
    out += _cli_targets(sections)
    baseline = _baseline(results)
    out.append(_gdelt_target(results, baseline))
    out += _baseline_targets(results, baseline)
    return out


def _floor_target(runs: list[dict]) -> dict:
    """Issue 13: allegraph's embedded load at least as fast as the bare SQLite floor of the
    same records, measured side by side, at 1M records."""
    name = "embedded load >= 1.0x the bare SQLite floor at 1M records"
    top = _at_or_below([r for r in runs if r.get("floor_ratio")], MILLION)
    if not top:
        return _target(name, "not measured", None)
    ratio = top["floor_ratio"]
    return _target(
        name,
        f"{ratio:.2f}x at {top['records']:,} records ({top['records_per_s']:,} ÷ "
        f"{top['floor']['records_per_s']:,} records/s)",
        _at_size(ratio >= TARGET_FLOOR_RATIO, top["records"] >= MILLION),
        "" if ratio >= TARGET_FLOOR_RATIO else f"{1 / ratio:.1f}x slower than the floor",
    )


def ratios(results: dict) -> list[str]:
    """The two ratios of issue 13 as lines (bench/run prints them at the end): Neo4j load
    ÷ LOAD CSV and embedded load ÷ the SQLite floor, at each size measured."""
    sections = results["sections"]

    def line(name: str, pairs: list[tuple[int, float | None]], missing: str) -> str:
        if not pairs:
            return f"{name}: {missing}"
        return f"{name}: " + ", ".join(
            f"{x:.2f}x at {_short(n)}" if x else f"– at {_short(n)}" for n, x in pairs
        )

    neo = sections.get("neo4j_load") or {}
    embedded = sections.get("embedded_load") or {}
    return [
        line(
            "Neo4j load, allegraph ÷ LOAD CSV",
            [(r["records"], r.get("ratio")) for r in neo.get("runs") or []],
            _missing(neo) or "not measured",
        ),
        line(
            "embedded load, allegraph ÷ bare SQLite floor",
            [(r["records"], r.get("floor_ratio")) for r in embedded.get("runs") or []],
            _missing(embedded) or "not measured",
        ),
    ]


def _at_or_below(runs: list[dict], size: int) -> dict | None:
    """The run at ``size`` records, else the largest below it (a smaller run is shown but
    not judged); None if there is none."""
    below = [r for r in runs if r.get("records", 0) <= size]
    return max(below, key=lambda r: r["records"], default=None)


def _every_query(
    name: str, run: dict, key: str, limit: float, size: int, measured, unit: str = "ms"
) -> dict:
    """The target ``name``: every query of ``run`` has ``key`` <= ``limit``; judged when the
    run has ``size`` records or more. ``measured(largest figure)`` says what was measured."""
    over = [q for q in run["queries"] if q.get(key) is None or q[key] > limit]
    worst = max((q.get(key) or 0 for q in run["queries"]), default=0)
    return _target(
        name,
        f"{measured(worst)} at {run['records']:,} records",
        _at_size(not over, run["records"] >= size),
        _list(over, key, unit),
    )


def _list(rows: list[dict], key: str, unit: str = "ms") -> str:
    """``query figure unit, ...`` for the rows that miss a target (their note if no figure)."""
    return ", ".join(
        f"{q['query']} {q[key]:,.0f} {unit}"
        if q.get(key) is not None
        else f"{q['query']} ({q.get('note', 'no figure')})"
        for q in rows
    )


def growth(low: dict, high: dict, key: str) -> dict[str, float]:
    """Per query, ``key`` at the larger size divided by ``key`` at the smaller one."""
    small = {q["query"]: q.get(key) for q in low.get("queries") or []}
    out = {}
    for q in high.get("queries") or []:
        if q.get(key) is not None and small.get(q["query"]):
            out[q["query"]] = q[key] / small[q["query"]]
    return out


def _growth_target(query_runs: list[dict]) -> list[dict]:
    mine = [r for r in query_runs if r.get("store") == "embedded" and r.get("queries")]
    name = "cost at 1M records <= 2x the cost at 10k (embedded, in-process p50)"
    pair = compared(mine)
    if not pair:
        return [_target(name, "not measured", None)]
    low, high = pair
    ratios = growth(low, high, "p50_ms")
    rows = {q["query"]: q.get("rows_max") for q in high["queries"]}
    small_rows = {q["query"]: q.get("rows_max") for q in low["queries"]}
    over = {n: x for n, x in ratios.items() if x > TARGET_GROWTH}
    worst = max(ratios.items(), key=lambda kv: kv[1], default=(None, 0))
    gap = ", ".join(
        f"{n} {x:,.1f}x"
        + (
            f" (rows {_n(small_rows.get(n))} → {_n(rows.get(n))})"
            if rows.get(n) is not None
            else ""
        )
        for n, x in sorted(over.items(), key=lambda kv: -kv[1])
    )
    return [
        _target(
            name,
            f"worst {worst[0]} {worst[1]:,.1f}x ({high['records']:,} ÷ {low['records']:,} records)",
            _at_size(not over, high["records"] >= MILLION and low["records"] <= 10_000),
            gap,
        )
    ]


def _target(name: str, measured: str, met: bool | None, gap: str = "") -> dict:
    return {"target": name, "measured": measured, "met": met, "gap": gap}


def _cli_targets(sections: dict) -> list[dict]:
    """The fresh-process targets: every query at 1M and 10M records, the query process's
    peak memory at 1M, `view --actor X --depth 2` at 1M."""
    runs = [r for r in (sections.get("cli_queries") or {}).get("runs") or [] if r.get("queries")]
    out = []
    for size, limit in TARGET_CLI_MS.items():
        name = (
            f"every canned query <= {limit / 1000:,.0f} s as a fresh CLI process "
            f"at {_short(size)} records (embedded)"
        )
        top = _at_or_below(runs, size)
        if size > MILLION and top and top["records"] <= MILLION:
            top = None  # 10M not run: the 1M figures are judged above
        if not top:
            out.append(_target(name, "not measured", None))
            continue
        out.append(
            _every_query(name, top, "max_ms", limit, size, lambda x: f"slowest run {x:,.0f} ms")
        )
    top = _at_or_below(runs, MILLION)
    name = "query process peak memory <= 300 MB at 1M records (embedded)"
    if top:
        out.append(
            _every_query(
                name,
                top,
                "peak_rss_mib",
                TARGET_QUERY_PEAK_MIB,
                MILLION,
                lambda x: f"{x * 2**20 / 1e6:,.0f} MB at most",
                unit="MiB",
            )
        )
    else:
        out.append(_target(name, "not measured", None))
    name = "view --actor X --depth 2 <= 3 s to write on the 1M store (fresh process)"
    view = (top or {}).get("view") or {}
    if view.get("max_ms") is not None:
        out.append(
            _target(
                name,
                f"slowest of {view['runs']} runs {view['max_ms'] / 1000:,.2f} s at "
                f"{top['records']:,} records ({view['actor']})",
                _at_size(view["max_ms"] <= TARGET_VIEW_MS, top["records"] >= MILLION),
                "" if view["max_ms"] <= TARGET_VIEW_MS else f"{view['max_ms'] / 1000:,.1f} s",
            )
        )
    else:
        out.append(_target(name, view.get("note", "not measured"), None))
    return out


def _baseline(results: dict) -> dict | None:
    """The results of the run before issue 12, unless the page is for that run itself."""
    if not BASELINE.exists():
        return None
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    return None if baseline.get("started") == results.get("started") else baseline


def load_rates(sections: dict) -> dict[tuple[str, int], float]:
    """Records/s of each load: (store, records) -> rate."""
    out = {}
    for r in (sections.get("embedded_load") or {}).get("runs") or []:
        if r.get("records_per_s"):
            out[("embedded", r["records"])] = r["records_per_s"]
    for r in (sections.get("neo4j_load") or {}).get("runs") or []:
        rate = (r.get("allegraph") or {}).get("records_per_s")
        if rate:
            out[("neo4j", r["records"])] = rate
    return out


def _baseline_targets(results: dict, baseline: dict | None) -> list[dict]:
    """Loads no more than 15% slower than the baseline run, at the largest size both ran;
    judged only on the machine the baseline ran on."""
    out = []
    now = load_rates(results["sections"])
    before = load_rates(baseline["sections"]) if baseline else {}
    there = machine_slug(baseline["machine"]) if baseline else None
    here = machine_slug(results["machine"]) if results.get("machine") else None
    elsewhere = there != here
    for store in ("embedded", "neo4j"):
        name = f"{store} load no more than 15% slower than before (issue 12; {BASELINE.name})"
        both = [n for (st, n) in now if st == store and (st, n) in before]
        if not both:
            out.append(
                _target(
                    name,
                    "not measured (no earlier run to compare)" if not baseline else "not measured",
                    None,
                )
            )
            continue
        size = max(both)
        change = now[(store, size)] / before[(store, size)] - 1
        met = change >= -TARGET_LOAD_SLOWDOWN
        gap = "" if met else f"{-change:.0%} slower"
        row = _target(
            name,
            f"{now[(store, size)]:,.0f} records/s against {before[(store, size)]:,.0f} "
            f"({change:+.0%}) at {size:,} records",
            _at_size(met, size >= MILLION),
            gap,
        )
        if elsewhere:  # shown, not judged (bench/load_compare.py compares on one machine)
            row.update(met=None, why=f"the baseline ran on another machine ({there})")
        out.append(row)
    return out


def _gdelt_rate(results: dict | None) -> tuple[int, float] | None:
    """Events and records/s of the GDELT feed's load in a run, if it ran."""
    feed = ((results or {}).get("sections") or {}).get("gdelt") or {}
    rate = (feed.get("load") or {}).get("records_per_s")
    return (feed["events"], rate) if rate and feed.get("events") else None


def _gdelt_target(results: dict, baseline: dict | None) -> dict:
    """The GDELT feed at least TARGET_GDELT_SPEEDUP times the baseline run's records/s, for
    the same number of events; judged only on the machine the baseline ran on."""
    name = (
        f"GDELT feed (1M events) >= {TARGET_GDELT_SPEEDUP:.0f}x the records/s before "
        f"(issue 13; {BASELINE.name})"
    )
    now, before = _gdelt_rate(results), _gdelt_rate(baseline)
    if not now or not before or now[0] != before[0]:
        return _target(name, "not measured", None)
    want = before[1] * TARGET_GDELT_SPEEDUP
    met = now[1] >= want
    row = _target(
        name,
        f"{now[1]:,} records/s against {before[1]:,} ({now[1] / before[1]:.2f}x) "
        f"at {now[0]:,} events",
        met,
        "" if met else f"{want / now[1]:.2f}x short of {want:,.0f} records/s",
    )
    there, here = machine_slug(baseline["machine"]), machine_slug(results["machine"])
    if there != here:  # shown, not judged: the two ran on different machines
        row.update(met=None, why=f"the baseline ran on another machine ({there})")
    return row


def render(results: dict, results_file: str, link: str | None = None) -> str:
    m, s = results["machine"], results["sections"]
    kind = "a quick run with small sizes" if results.get("quick") else "a full run"
    minutes = results["duration_s"] / 60
    took = f"{minutes:,.0f} min" if minutes >= 1 else f"{results['duration_s']} s"
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `bench/run` from [`{results_file}`]({link or results_file}) "
        f"({kind}, {results['started'][:10]}, {took}). "
        "Do not edit by hand: run `bench/run` (a full run with 10M records, 1.5-2 hours; "
        "`--skip-10m` about an hour) or "
        "`bench/run --quick` (under 5 minutes) and commit the results file with this page.",
        "",
        "All data is the seeded synthetic case of `allegraph.synth` (`bench/generate.py N`): "
        "N native records, about 30% nodes and 70% relationships, Zipf-distributed actor "
        "activity, 1-5 sources per claim, disputes and counter-claims, aliases in other "
        "scripts, uncertain EDTF dates. The same N is always the same data.",
        "",
        "## Machine and versions",
        "",
    ]
    neo = results.get("neo4j") or {}
    lines += _table(
        ["", ""],
        [
            ["CPU", f"{m['cpu']}, {m['cores']} cores"],
            ["memory", f"{m['memory_gib']} GiB"],
            ["OS", m["os"]],
            ["Python", m["python"]],
            ["SQLite", m["sqlite"]],
            ["Neo4j server", neo.get("version") or "–"],
            ["Neo4j server memory", neo.get("memory") or "–"],
            ["neo4j driver", f"{m['neo4j_driver']} (neo4j-rust-ext {m['neo4j_rust_ext'] or 'no'})"],
            ["allegraph", f"{m['allegraph']} (git {m['allegraph_git']})"],
            [
                "load average (1, 5, 15 min) at start / end",
                f"{results['load_average']['start']} / {results['load_average']['end']}",
            ],
        ],
    )
    lines += [
        "The machine is shared: other work running at the same time slows every figure "
        "(see the load average). Times are wall-clock.",
        "",
        "## Targets",
        "",
    ]
    rows = []
    for t in results["targets"]:
        verdict = {True: "met", False: "**missed**", None: "not judged (not at its size)"}[t["met"]]
        if t["met"] is None and t["measured"].startswith(("not ", "failed")):
            verdict = "not measured"
        if t["met"] is False and t["gap"]:
            verdict += f": {t['gap']}"
        elif t["met"] is None and t.get("why"):
            verdict = f"not judged: {t['why']}"
        rows.append([t["target"], t["measured"], verdict])
    lines += _table(["target", "measured", "verdict"], rows)
    lines += _embedded(s) + _reload(s) + _neo4j(s) + _cli(s) + _queries(s) + _outputs(s)
    lines += _gdelt(s)
    notes = results.get("notes") or []
    if notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    if NOTES.exists():  # the hand-written analysis: why a target is missed
        lines += [NOTES.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines).rstrip() + "\n"


def _embedded(s: dict) -> list[str]:
    sec = s.get("embedded_load")
    out = ["## Embedded load (SQLite)", ""]
    if _missing(sec):
        return out + [_missing(sec), ""]
    out += [
        "`allegraph load` of the JSONL case into a new store file, in a child process: "
        "records/s from the first record read to the store closed; peak memory is the "
        "child's maximum resident set; the process time includes interpreter start and imports. "
        "After each, the bare SQLite floor of the same file (`bench/sqlite_floor.py`, "
        "`bench/harness/floor.py`): orjson, one row per node or relationship with a text "
        "primary key, link endpoints indexed, the same batch size and journal settings, "
        "nothing validated, merged or recorded as provenance; a fresh process too. "
        "÷ floor = allegraph records/s ÷ floor records/s (1.0 = as fast as the floor; ⚠ below).",
        "",
    ]
    rows = [
        [
            r["records"],
            r["seconds"],
            r["records_per_s"],
            f"{r['peak_rss_mib']:,.0f} MiB",
            r["cpu_s"],
            r["process_s"],
            f"{r.get('store_mib', 0):,.0f} MiB",
            r["rejected"],
            *_floor_cells(r.get("floor"), r.get("floor_ratio")),
        ]
        if r.get("status") != "error"
        else [r["records"], f"failed: {r.get('error', '')}", *["–"] * 9]
        for r in sec["runs"]
    ]
    return out + _table(
        [
            "records",
            "seconds",
            "records/s",
            "peak memory",
            "CPU s",
            "process s",
            "store size",
            "rejected",
            "floor records/s",
            "floor peak memory",
            "÷ floor",
        ],
        rows,
    )


def _floor_cells(floor: dict | None, ratio: float | None) -> list:
    """The floor's columns of an embedded load row: records/s, peak memory, the ratio."""
    if not floor:
        return ["–", "–", "–"]
    if floor.get("status") == "error":
        return [f"failed: {floor.get('error', '')}", "–", "–"]
    flag = " ⚠" if ratio is not None and ratio < TARGET_FLOOR_RATIO else ""
    return [
        floor["records_per_s"],
        f"{floor['peak_rss_mib']:,.0f} MiB",
        f"{ratio:.2f}x{flag}" if ratio is not None else "–",
    ]


def _reload(s: dict) -> list[str]:
    sec = s.get("reload")
    out = ["## Reloading unchanged data", ""]
    if _missing(sec):
        return out + [_missing(sec), ""]
    out += [
        "The same file loaded again into the store it was loaded into. The embedded store "
        "records every load run with the input's sha256; when the latest run of the same "
        "input finished without rejects and nothing changed the store since, the file is not "
        "read again (run status `unchanged`; docs/decisions.md, Reloading). The second row "
        "forces a full pass over the same data, which changes nothing either.",
        "",
    ]
    first = sec["first"]
    rows = [["first load", first["seconds"], first["records_per_s"], "1.0x", first["status"]]]
    for key, name in (("skipped", "reload (skipped)"), ("read_again", "reload read again")):
        r = sec.get(key)
        if r:
            rows.append(
                [
                    name,
                    r["seconds"],
                    r["records_per_s"],
                    f"{first['seconds'] / r['seconds']:,.1f}x",
                    r["status"],
                ]
            )
    out += _table(["", "seconds", "records/s", "faster than first", "run status"], rows)
    out.append(
        f"Counts after the reloads equal the counts after the first load: "
        f"{'yes' if sec.get('counts_unchanged') else '**no**'}."
    )
    return out + [""]


def _neo4j(s: dict) -> list[str]:
    sec = s.get("neo4j_load")
    out = ["## Neo4j load: allegraph against Neo4j's own LOAD CSV", ""]
    if _missing(sec):
        return out + [_missing(sec), ""]
    out += [
        "The same records into the same server, emptied before each: `allegraph load` "
        "(validation, provenance, batched `UNWIND ... MERGE`), then Neo4j's `LOAD CSV` of one "
        "CSV file per label and relationship type written from the same records, with the "
        "same MERGEs and properties (`bench/harness/anchor.py`; writing the CSV files is not "
        "timed). Ratio = allegraph records/s ÷ LOAD CSV records/s (1.0 = as fast).",
        "",
    ]
    rows = []
    for r in sec["runs"]:
        a, c = r.get("allegraph") or {}, r.get("load_csv") or {}
        rows.append(
            [
                r["records"],
                a.get("seconds"),
                a.get("records_per_s"),
                c.get("seconds"),
                c.get("records_per_s"),
                f"{r['ratio']:.2f}x" if r.get("ratio") else "–",
                (r.get("reload") or {}).get("seconds"),
                "yes" if r.get("counts_match") else ("**no**" if "counts_match" in r else "–"),
                r.get("note", ""),
            ]
        )
    return out + _table(
        [
            "records",
            "allegraph s",
            "records/s",
            "LOAD CSV s",
            "records/s",
            "ratio",
            "allegraph reload s",
            "same counts",
            "note",
        ],
        rows,
    )


def compared(runs: list[dict]) -> tuple[dict, dict] | None:
    """(smaller, larger) runs for the growth column and target: the smallest size and 1M
    records (or the largest size below 1M); None if there are not two."""
    low = min(runs, key=lambda r: r["records"], default=None)
    high = _at_or_below(runs, MILLION)
    return (low, high) if low and high and high["records"] > low["records"] else None


def _answers(runs: list[dict], name: str) -> list[dict]:
    """The row of query ``name`` in each run ({} where it has none)."""
    return [next((q for q in r["queries"] if q["query"] == name), {}) for r in runs]


def _short(size: int) -> str:
    """10,000 -> 10k, 1,000,000 -> 1M."""
    if size >= MILLION and size % MILLION == 0:
        return f"{size // MILLION}M"
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return f"{size:,}"


def _cli(s: dict) -> list[str]:
    sec = s.get("cli_queries")
    out = ["## Canned queries as the analyst runs them: a fresh process (embedded)", ""]
    if _missing(sec):
        return out + [_missing(sec), ""]
    runs = sorted((r for r in sec["runs"] if r.get("queries")), key=lambda r: r["records"])
    if not runs:
        return out + ["no size was measured", ""]
    cli = runs[0].get("cli", "allegraph")
    out += [
        f"Each canned query as `{cli} --store DB query run NAME -p ...` (the installed console "
        "script, table output), a new process per run, over the same parameter sets as the "
        "in-process table below: median / slowest run in ms, from fork to exit (interpreter "
        "start, imports, opening the store, the answer, printing it). Between the queries, "
        "side by side, the anchors `python -c pass` (the interpreter's own start) and "
        "`allegraph --help` (the CLI's start). Peak memory is the query process's maximum "
        "resident set (started from a small trampoline, so it is its own: harness/child.py). "
        "⚠ marks a slowest run above the target (1 s; 2 s at 10M records).",
        "",
    ]
    pair = compared(runs)
    peak_at = _at_or_below(runs, MILLION) or runs[-1]
    header = ["query"] + [f"{_short(r['records'])} records" for r in runs]
    if pair:
        ratios = growth(*pair, "median_ms")
        header.append(f"{_short(pair[1]['records'])} ÷ {_short(pair[0]['records'])} (median)")
    header += [
        f"÷ python start ({_short(peak_at['records'])})",
        f"peak memory ({_short(peak_at['records'])})",
    ]
    rows = []
    for name in sorted({q["query"] for r in runs for q in r["queries"]}):
        row = [name]
        for r, q in zip(runs, _answers(runs, name), strict=True):
            limit = TARGET_CLI_MS[10_000_000 if r["records"] > MILLION else MILLION]
            if q.get("median_ms") is not None:
                flag = " ⚠" if q["max_ms"] > limit else ""
                row.append(f"{_n(q['median_ms'])} / {_n(q['max_ms'])}{flag}")
            else:
                row.append(q.get("note", "–"))
        if pair:
            row.append(f"{ratios[name]:,.2f}x" if name in ratios else "–")
        q = _answers([peak_at], name)[0]
        row.append(f"{q['x_anchor']:,.1f}x" if q.get("x_anchor") else "–")
        row.append(f"{q['peak_rss_mib']:,.0f} MiB" if q.get("peak_rss_mib") else "–")
        rows.append(row)
    for anchor in ("python -c pass", "allegraph --help"):
        row = [f"*anchor:* `{anchor}`"]
        for r in runs:
            a = (r.get("anchors") or {}).get(anchor)
            row.append(f"{_n(a['median_ms'])} / {_n(a['max_ms'])}" if a else "–")
        a = (peak_at.get("anchors") or {}).get(anchor) or {}
        ratio = (
            a.get("median_ms")
            and a["median_ms"] / peak_at["anchors"]["python -c pass"]["median_ms"]
        )
        row += (["–"] if pair else []) + [
            f"{ratio:,.1f}x" if ratio else "–",
            f"{a['peak_rss_mib']:,.0f} MiB" if a.get("peak_rss_mib") else "–",
        ]
        rows.append(row)
    row = ["*`view --actor X --depth 2 -o FILE`*"]
    for r in runs:
        v = r.get("view") or {}
        if v.get("median_ms") is not None:
            flag = " ⚠" if r["records"] <= MILLION and v["max_ms"] > TARGET_VIEW_MS else ""
            row.append(f"{_n(v['median_ms'])} / {_n(v['max_ms'])}{flag}")
        else:
            row.append(v.get("note", "–"))
    v = peak_at.get("view") or {}
    row += (["–"] if pair else []) + [
        "–",
        f"{v['peak_rss_mib']:,.0f} MiB" if v.get("peak_rss_mib") else "–",
    ]
    rows.append(row)
    out += _table(header, rows)
    actors = {r["records"]: (r.get("view") or {}).get("actor") for r in runs}
    out.append(
        "The view is the ego network, depth 2, of the most active actor ("
        + ", ".join(f"{a} at {_short(n)}" for n, a in actors.items() if a)
        + "); its ⚠ marks a slowest run above 3 s."
    )
    for r in sec["runs"]:
        if _missing(r):
            out.append(f"At {r.get('records', 0):,} records: {_missing(r)}")
        for q in r.get("queries") or []:  # a warning or "no actor matches": worth knowing
            if q.get("stderr"):
                said = "; ".join(q["stderr"])
                out.append(f"At {r['records']:,} records, `{q['query']}` said on stderr: {said}")
    return out + [""]


def _queries(s: dict) -> list[str]:
    sec = s.get("queries")
    out = ["## Canned query latency, in-process", ""]
    if _missing(sec):
        return out + [_missing(sec), ""]
    runs = [r for r in sec["runs"] if r.get("queries")]
    out += [
        "p50 / p95 in milliseconds of `run_query` in one process per store and size, over "
        "several parameter sets per query (actors from the most to the least active, by id "
        "and by name; events; sources; words). The first call and a warm-up round (every "
        "parameter set once) are left out and shown apart: Neo4j plans the query on its "
        "first call and runs the first calls of each query before its JVM has compiled them; "
        "the embedded store's first reads warm SQLite's page cache (\"first\" is the first "
        'call, "warm-up" the slowest call of the round; a fresh process is measured in '
        "the CLI table). There is no "
        "snapshot: each embedded call reads what its answer needs through the store's "
        f"indexes. Path queries ({', '.join(PATH_QUERIES)}) are variable-length traversals.",
        "",
    ]
    header = ["query"] + [f"{r['store']} {r['records']:,}" for r in runs]
    pair = compared([r for r in runs if r["store"] == "embedded"])
    if pair:
        ratios = growth(*pair, "p50_ms")
        low, high = (_short(r["records"]) for r in pair)
        header += [f"embedded {high} ÷ {low} (p50)", f"rows {low} → {high}"]
    rows = []
    for name in sorted({q["query"] for r in runs for q in r["queries"]}):
        row = [name]
        for q in _answers(runs, name):
            if q.get("p95_ms") is not None:
                flag = "" if q["p95_ms"] <= TARGET_P95_MS else " ⚠"
                cold = f"first {_n(q['first_ms'])}"
                if q.get("warmup_max_ms") is not None:
                    cold += f", warm-up {_n(q['warmup_max_ms'])}"
                row.append(f"{_n(q['p50_ms'])} / {_n(q['p95_ms'])}{flag} ({cold})")
            else:
                row.append(q.get("note", "–"))
        if pair:
            flag = " ⚠" if ratios.get(name, 0) > TARGET_GROWTH else ""
            row.append(f"{ratios[name]:,.2f}x{flag}" if name in ratios else "–")
            small, large = (q.get("rows_max") for q in _answers(list(pair), name))
            row.append(f"{_n(small)} → {_n(large)}")
        rows.append(row)
    out += _table(header, rows)
    for r in sec["runs"]:
        if _missing(r):
            where = f"{r.get('store', 'a store')} at {_n(r.get('records'))} records"
            out.append(f"{where}: {_missing(r)}")
    return out + [
        "⚠ marks a p95 above 100 ms, or a p50 that grew more than 2x from the smaller size to "
        "the larger (the rows column gives the size of the largest answer at each: the target "
        "sets the answer's size aside).",
        "",
    ]


def _outputs(s: dict) -> list[str]:
    out = ["## Views and exports", ""]
    views, exports = s.get("views"), s.get("exports")
    if _missing(views):
        out += [f"Views: {_missing(views)}", ""]
    else:
        out += [
            f"`allegraph view` on the store of {views['records']:,} records: the page "
            "written from the store (read, selection, layout, HTML).",
            "",
        ]
        rows = [
            [name, v["seconds"], v["nodes"], v["relationships"], _mb(v["bytes"])]
            for name, v in views["views"].items()
        ]
        out += _table(["view", "seconds", "nodes drawn", "relationships", "page size"], rows)
    if _missing(exports):
        out += [f"Exports: {_missing(exports)}", ""]
    else:
        out += [f"`allegraph export` of the whole store of {exports['records']:,} records.", ""]
        rows = [
            [
                e["format"],
                e.get("seconds"),
                _mb(e.get("bytes")),
                f"{e['peak_rss_mib']:,.0f} MiB" if e.get("peak_rss_mib") else "–",
                e.get("note", ""),
            ]
            for e in exports["formats"]
        ]
        out += _table(["format", "seconds", "size", "peak memory", "note"], rows)
    return out


def _gdelt(s: dict) -> list[str]:
    sec = s.get("gdelt")
    out = ["## A real feed: GDELT events", ""]
    if _missing(sec):
        return out + [_missing(sec), ""]
    r = sec["load"]
    out += [
        f"The GDELT 2.0 events slice in tests/data repeated to {sec['events']:,} events with "
        "shifted ids (`bench/gdelt_repeat.py`), loaded into a new embedded store. A feed row "
        "expands to several records (events, actors, places, sources, claims for CAMEO "
        "accusations); rows with nothing to map are rejected with their reason.",
        "",
    ]
    rows = [
        [
            sec["events"],
            r["read"],
            r["loaded"],
            r["rejected"],
            r["seconds"],
            round(sec["events"] / r["seconds"]),
            r["records_per_s"],
            f"{r['peak_rss_mib']:,.0f} MiB",
        ]
    ]
    return out + _table(
        [
            "events",
            "records read",
            "loaded",
            "rejected",
            "seconds",
            "events/s",
            "records/s",
            "peak memory",
        ],
        rows,
    )


def write(results: dict, results_file: Path, docs: Path, root: Path) -> None:
    """Write the page ``docs``, naming the results file relative to the repository
    (or absolute, outside it) and linking to it relative to the page."""
    path = results_file.resolve()
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    link = Path(os.path.relpath(path, docs.resolve().parent)).as_posix()
    docs.write_text(render(results, str(shown), link), encoding="utf-8")
