#!/usr/bin/env python3
"""Benchmark: how long a view takes to build, and to become interactive in Chromium.

For synthetic cases (allegraph.synth) of about 1,000, 5,000 and 20,000 nodes,
loaded into an embedded store, it times:

- build: ``render_view`` on the store's graph (payload, pyvis lists, page), median
  of ``--repeat`` runs, with ``max_nodes=None`` so every node is drawn;
- interactive: in headless Chromium, offline, from navigation to the page's
  ready signal (physics stabilised, or first drawing when physics is off).

Prints a table and writes bench/results/views.json. Not a test: nothing is asserted.

    python bench/views.py
    python bench/views.py --nodes 1000 5000 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from allegraph import synth
from allegraph.load import load
from allegraph.schema import registry
from allegraph.stores import open_store
from allegraph.views import PHYSICS_THRESHOLD, render_view
from allegraph.views.chromium import CHROMIUM, CHROMIUM_ARGS

RESULTS = Path(__file__).resolve().parent / "results"


def records_for(nodes: int) -> int:
    """The smallest synthetic case size (in records) with at least ``nodes`` nodes."""
    labels = set(synth.SHARES) & set(registry().labels)

    def node_count(size: int) -> int:
        made = synth.counts(size)
        return sum(made[label] for label in labels)

    low, high = synth.MIN_SIZE, max(synth.MIN_SIZE, nodes * 10)
    while low < high:
        mid = (low + high) // 2
        if node_count(mid) >= nodes:
            high = mid
        else:
            low = mid + 1
    return low


def interactive_seconds(path: Path, timeout_s: float = 600) -> dict:
    """Seconds from navigation to the first drawing, to the ready signal (usable) and to
    a settled layout (None if it did not settle within ``timeout_s``); what is drawn."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
        page = context.new_page()
        started = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=timeout_s * 1000)
        page.wait_for_selector("canvas", state="attached", timeout=timeout_s * 1000)
        drawn = time.perf_counter() - started
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=timeout_s * 1000)
        ready = time.perf_counter() - started
        shown = page.evaluate("allegraph.shown()")
        try:
            page.wait_for_selector(
                "body[data-settled=true]", state="attached", timeout=timeout_s * 1000
            )
            settled = round(time.perf_counter() - started, 3)
        except PlaywrightTimeout:
            settled = None
        browser.close()
    return {
        "first_draw_s": round(drawn, 3),
        "interactive_s": round(ready, 3),
        "settled_s": settled,
        "shown": shown,
    }


def bench(nodes: int, repeat: int, work: Path) -> dict:
    size = records_for(nodes)
    store = open_store(str(work / f"synth-{size}.db"))
    store.init()
    case = work / f"synth-{size}.jsonl"
    synth.write_jsonl(case, size, seed=0)
    load(store, [case])
    started = time.perf_counter()
    graph = store.to_networkx()
    to_networkx = time.perf_counter() - started
    store.close()
    builds = []
    for _ in range(repeat):
        started = time.perf_counter()
        view = render_view(graph, f"synthetic, {nodes:,} nodes", max_nodes=None)
        builds.append(time.perf_counter() - started)
    page = view.save(work / f"view-{nodes}.html")
    browser = interactive_seconds(page)
    shown = browser.pop("shown")
    assert shown == {"nodes": view.nodes, "edges": view.edges}, shown
    return {
        "target_nodes": nodes,
        "records": size,
        "nodes": view.nodes,
        "relationships": view.edges,
        "layout": view.layout,
        "page_mb": round(page.stat().st_size / 1e6, 2),
        "to_networkx_s": round(to_networkx, 3),
        "build_s": round(statistics.median(builds), 3),
        "build_runs_s": [round(b, 3) for b in builds],
        **browser,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3, help="build runs per size (median)")
    parser.add_argument("-o", "--output", type=Path, default=RESULTS / "views.json")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for nodes in args.nodes:
            row = bench(nodes, args.repeat, Path(tmp))
            rows.append(row)
            print(
                f"{row['nodes']:>7,} nodes {row['relationships']:>7,} rels  "
                f"layout {row['layout']:<6}  page {row['page_mb']:>6} MB  "
                f"build {row['build_s']:>6.2f}s  first draw {row['first_draw_s']:>6.2f}s  "
                f"interactive {row['interactive_s']:>6.2f}s  settled {row['settled_s']}s",
                flush=True,
            )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        chromium_version = browser.version
        browser.close()
    result = {
        "benchmark": "views",
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "chromium": chromium_version,
        },
        "physics_threshold": PHYSICS_THRESHOLD,
        "results": rows,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
