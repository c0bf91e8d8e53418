"""The fresh-process measurements of bench/run: a command's own time and peak memory
(not the benchmark's), a stopped command really stops, and every canned query runs."""

import os
import sys
import time
from pathlib import Path

import pytest

from allegraph import synth
from allegraph.load import load
from allegraph.stores import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from harness import cli_queries  # noqa: E402
from harness.child import run_child  # noqa: E402

PYTHON = sys.executable


@pytest.fixture
def big_parent():
    """This process holds 256 MiB, as bench/run may (a 10M-record case generated in it)."""
    held = bytearray(256 * 2**20)
    held[::4096] = b"\x01" * len(held[::4096])  # touched: resident
    yield held


def test_a_command_reports_its_own_peak_memory_not_its_parents(big_parent, tmp_path):
    small = cli_queries.run_process([PYTHON, "-c", "pass"], 60, str(tmp_path))
    assert small["returncode"] == 0 and not small["timed_out"]
    assert small["peak_rss_mib"] < 100  # about 13 MiB; 256+ if the parent's peak leaked in
    grows = "b = bytearray(300 * 2**20); b[::4096] = b'1' * len(b[::4096])"
    large = cli_queries.run_process([PYTHON, "-c", grows], 60, str(tmp_path))
    assert 300 <= large["peak_rss_mib"] < 400


def test_exit_code_stdout_and_stderr_are_reported(tmp_path):
    code = "import sys; print('x' * 10); sys.exit('no actor matches')"
    run = cli_queries.run_process([PYTHON, "-c", code], 60, str(tmp_path))
    assert (run["returncode"], run["out_bytes"], run["stderr"]) == (1, 11, "no actor matches")
    assert cli_queries._failure(run, 60) == "exit 1: no actor matches"


def test_a_command_past_its_timeout_is_killed(tmp_path):
    pid_file = tmp_path / "pid"
    code = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    started = time.perf_counter()
    run = cli_queries.run_process([PYTHON, "-c", code], 1.0, str(tmp_path))
    assert run["timed_out"] and time.perf_counter() - started < 20
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the command, not only the trampoline, is gone (and reaped)


def test_a_child_measurement_reports_the_childs_peak_memory(big_parent, tmp_path):
    case = tmp_path / "case.jsonl"
    synth.write_jsonl(case, synth.MIN_SIZE, seed=1)
    args = {"store_url": str(tmp_path / "s.db"), "path": str(case), "fresh": True}
    result = run_child("harness.loads:load_into", args, timeout=300)
    assert result["read"] == synth.MIN_SIZE
    assert result["peak_rss_mib"] < 200  # its own: well under the parent's 256 MiB
    assert result["cpu_s"] > 0


@pytest.mark.slow
def test_every_canned_query_runs_as_a_fresh_process(tmp_path):
    size = synth.MIN_SIZE
    case = tmp_path / "case.jsonl"
    synth.write_jsonl(case, size, seed=0)
    db = tmp_path / "s.db"
    with open_store(str(db)) as store:
        store.init()
        assert load(store, [case]).rejected == 0
    actor = synth.actor(size, 0, 0)[0]
    result = cli_queries.cli_queries(
        str(db),
        size,
        rounds=1,
        min_runs=1,
        max_sets=1,
        actor=actor,
        view_runs=1,
        folder=str(tmp_path),
    )
    from allegraph.queries import queries

    assert [q["query"] for q in result["queries"]] == list(queries())
    for q in result["queries"]:
        assert "note" not in q and "stderr" not in q, q  # no failure, no "no actor matches"
        assert q["runs"] == 1 and q["median_ms"] > 0 and q["out_bytes_max"] > 0, q
        assert 0 < q["peak_rss_mib"] < 300, q
        assert q["x_anchor"] > 1, q  # a query costs more than the interpreter's start
    assert set(result["anchors"]) == {"python -c pass", "allegraph --help"}
    view = result["view"]
    assert (view["actor"], view["runs"]) == (actor, 1) and view["bytes"] > 0
