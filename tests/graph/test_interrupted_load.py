"""A load killed with SIGKILL half way leaves whole batches; running it again completes it."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from allegraph.stores import open_store

N_PEOPLE = 60_000
BATCH = 500


def make_input(path):
    with open(path, "w") as fh:
        fh.write(json.dumps({"label": "Source", "id": "s", "title": "T"}) + "\n")
        for i in range(N_PEOPLE):
            fh.write(
                json.dumps({"label": "Person", "id": f"p{i}", "name": f"P {i}", "sources": ["s"]})
                + "\n"
            )
            if i:
                fh.write(
                    json.dumps(
                        {"type": "AFFILIATED_WITH", "from": f"p{i}", "to": "org", "sources": ["s"]}
                    )
                    + "\n"
                )
                if i == 1:
                    fh.write(json.dumps({"label": "Organization", "id": "org", "name": "O"}) + "\n")
    return 1 + N_PEOPLE + (N_PEOPLE - 1) + 1


def node_count(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)
    try:
        return conn.execute("SELECT count(*) FROM nodes").fetchone()[0]
    finally:
        conn.close()


def test_kill_9_then_rerun_completes_without_duplicates(tmp_path):
    data = tmp_path / "big.jsonl"
    total = make_input(data)
    db = tmp_path / "case.db"
    cmd = [
        sys.executable,
        "-m",
        "allegraph.cli",
        "--store",
        str(db),
        "load",
        str(data),
        "--batch-size",
        str(BATCH),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:  # wait until some, not all, batches are committed
        if db.exists():
            try:
                if node_count(db) > 5_000:
                    break
            except sqlite3.OperationalError:
                pass
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        nodes = conn.execute("SELECT count(*) FROM nodes").fetchone()[0]
        links = conn.execute("SELECT count(*) FROM links").fetchone()[0]
        status = conn.execute("SELECT status, ended FROM runs").fetchall()
    assert 0 < nodes + links < total, "the kill must land half way for this test to mean anything"
    assert status == [("running", None)]  # as the dead process left it
    # whole batches only: every committed record is a complete row of a batch
    assert (nodes + links) % BATCH == 0

    # any later command sees the run for what it is, with the counts it committed
    store = open_store(str(db))
    [killed] = store.runs()
    assert killed.status == "interrupted"
    assert killed.loaded == nodes + links
    assert killed.read == killed.loaded + killed.rejected
    store.close()

    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"completes the interrupted run {killed.id}" in done.stdout
    store = open_store(str(db))
    counts = store.counts()
    assert counts["nodes"]["Person"] == N_PEOPLE
    assert counts["nodes"]["Organization"] == 1
    assert counts["relationships"]["AFFILIATED_WITH"] == N_PEOPLE - 1
    # both may start in the same second: runs are told apart by id, not listed order
    runs = {r.id: r for r in store.runs()}
    assert runs.pop(killed.id).status == "interrupted"
    [rerun] = runs.values()
    assert (rerun.status, rerun.completes) == ("done", killed.id)
    store.close()
