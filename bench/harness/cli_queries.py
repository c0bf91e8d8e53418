"""What the analyst waits for: each canned query as a fresh ``allegraph`` process.

For an embedded store of N records, every canned query runs as
``<scripts>/allegraph --store DB query run NAME -p k=v ...`` (the console script
installed beside this interpreter, not a pyenv shim, which adds its own start),
over the parameter sets of :func:`harness.latency.param_sets`, for a few rounds.
Each run is timed on the wall clock from fork to exit, and its peak resident
memory is read from ``os.wait4`` of that one process, started from a small
trampoline (harness.child: a process forked from bench/run would report
bench/run's own peak). Two anchors run side by
side, once before each query's runs so that they see the same machine load:
``python -c pass`` (the interpreter's own start) and ``allegraph --help`` (the
CLI's start). ``allegraph view --actor X --depth 2 -o FILE`` on the same store
is timed the same way.

The parent only spawns and waits: it runs in bench/run itself, not in a child.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from .child import trampoline, trampoline_result
from .latency import each_query

ANCHORS = ("python -c pass", "allegraph --help")


def allegraph_script() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m allegraph.cli``."""
    script = Path(sysconfig.get_path("scripts")) / "allegraph"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "allegraph.cli"]


def run_process(argv: list[str], timeout_s: float, cwd: str) -> dict:
    """Run ``argv`` once (from the trampoline of harness.child): wall seconds from fork to
    exit, the process's peak RSS (MiB), exit code, bytes written to stdout, the last line
    of stderr; ``timed_out`` when it was stopped after ``timeout_s``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        result_file = Path(cwd) / ".measured"
        result_file.unlink(missing_ok=True)
        proc = subprocess.Popen(
            trampoline(argv, str(result_file)),
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
        )
        try:
            proc.wait(timeout=timeout_s)
            timed_out = False
        except subprocess.TimeoutExpired:
            proc.terminate()  # the trampoline kills the command
            proc.wait()
            timed_out = True
        measured = trampoline_result(str(result_file)) or {
            "returncode": proc.returncode,
            "seconds": timeout_s,
            "peak_rss_mib": 0.0,
        }
        err.seek(0)
        lines = err.read().decode(errors="replace").strip().splitlines()
        return {
            **measured,
            "out_bytes": out.tell(),
            "stderr": lines[-1][:300] if lines else "",
            "timed_out": timed_out,
        }


def query_argv(cli: list[str], db: str, name: str, params: dict) -> list[str]:
    argv = [*cli, "--store", db, "query", "run", name]
    for key, value in params.items():
        argv += ["-p", f"{key}={value}"]
    return argv


def _summary(runs: list[dict]) -> dict:
    """Median, min and max wall time in ms and the peak memory of ``runs``."""
    times = [r["seconds"] for r in runs]
    row = {
        "runs": len(runs),
        "median_ms": round(statistics.median(times) * 1000, 1),
        "min_ms": round(min(times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
        "peak_rss_mib": round(max(r["peak_rss_mib"] for r in runs), 1),
    }
    return row


def _failure(run: dict, timeout_s: float) -> str | None:
    if run["timed_out"]:
        return f"a run took more than {timeout_s:.0f} s"
    if run["returncode"]:
        return f"exit {run['returncode']}: {run['stderr'] or 'no message'}"
    return None


def cli_queries(
    db: str,
    size: int,
    rounds: int = 2,
    min_runs: int = 5,
    max_sets: int | None = None,
    budget_s: float = 60.0,
    timeout_s: float = 120.0,
    actor: str | None = None,
    view_runs: int = 3,
    folder: str | None = None,
) -> dict:
    """Every canned query as a fresh process on the embedded store ``db`` of ``size``
    records: ``rounds`` passes over its parameter sets (the first ``max_sets`` of them),
    more for a query with few sets (``min_runs`` runs at least), fewer once a query has
    spent ``budget_s``; then ``view --actor ACTOR --depth 2``
    written into ``folder`` (the processes' working folder; a new temporary one if None)."""
    cli = allegraph_script()
    anchors = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "allegraph --help": [*cli, "--help"],
    }
    anchor_runs: dict[str, list[dict]] = {name: [] for name in anchors}
    work = folder or tempfile.mkdtemp(prefix="allegraph-cli-")
    for argv in anchors.values():  # warm-up (the file cache), not counted
        run_process(argv, timeout_s, cwd=work)

    def anchor_round() -> None:
        for name, argv in anchors.items():
            anchor_runs[name].append(run_process(argv, timeout_s, cwd=work))

    rows: list[dict] = []
    for name, _, sets in each_query(size, rows):
        sets = sets[:max_sets] if max_sets else sets
        runs: list[dict] = []
        said: list[str] = []
        note = ""
        spent = 0.0
        for _ in range(max(rounds, math.ceil(min_runs / len(sets)))):
            anchor_round()
            for params in sets:
                run = run_process(query_argv(cli, db, name, params), timeout_s, cwd=work)
                note = _failure(run, timeout_s) or ""
                if note:
                    break
                runs.append(run)
                spent += run["seconds"]
                if run["stderr"] and run["stderr"] not in said:
                    said.append(run["stderr"])
                if spent > budget_s and len(runs) >= 3:
                    break
            if note or (spent > budget_s and len(runs) >= 3):
                break
        row = {"query": name, "param_sets": len(sets)}
        if runs:
            row.update(_summary(runs))
            row["out_bytes_max"] = max(r["out_bytes"] for r in runs)
        if said:
            row["stderr"] = said[:3]
        if note:
            row["note"] = note
        rows.append(row)
    anchor = {name: _summary(runs) for name, runs in anchor_runs.items() if runs}
    for row in rows:  # median ÷ the interpreter's start, measured side by side
        if row.get("median_ms") and "python -c pass" in anchor:
            row["x_anchor"] = round(row["median_ms"] / anchor["python -c pass"]["median_ms"], 2)
    out = {
        "records": size,
        "cli": " ".join(Path(a).name if i == 0 else a for i, a in enumerate(cli)),
        "anchors": anchor,
        "queries": rows,
    }
    if actor:
        out["view"] = cli_view(db, actor, view_runs, timeout_s, cli, work)
    return out


def cli_view(db: str, actor: str, runs: int, timeout_s: float, cli: list[str], folder: str) -> dict:
    """``allegraph view --actor ACTOR --depth 2 -o FILE`` as a fresh process, ``runs`` times."""
    page = Path(folder) / "view-ego.html"
    argv = [*cli, "--store", db, "view", "--actor", actor, "--depth", "2", "-o", str(page)]
    done = []
    row: dict = {"actor": actor, "depth": 2}
    for _ in range(max(1, runs)):
        run = run_process(argv, timeout_s, cwd=folder)
        failed = _failure(run, timeout_s)
        if failed:
            row["note"] = failed
            break
        done.append(run)
    if done:
        row.update(_summary(done))
        row["bytes"] = page.stat().st_size if page.exists() else None
    return row
