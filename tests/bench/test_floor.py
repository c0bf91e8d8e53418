"""The bare SQLite floor of issue 13 (bench/sqlite_floor.py, harness/floor.py): one row per
node and per relationship of the case, as many as allegraph stores, in the embedded store's
batch size unless told otherwise."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from allegraph import synth
from allegraph.load import load
from allegraph.stores import open_store
from allegraph.stores.embedded import EmbeddedStore

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from harness import floor  # noqa: E402
from harness.child import run_child  # noqa: E402


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    """A small synthetic case with a node written twice and a line that is no record,
    and the distinct node and relationship ids it holds (read with json, not orjson)."""
    path = tmp_path_factory.mktemp("floor") / "case.jsonl"
    synth.write_jsonl(path, synth.MIN_SIZE, seed=3)
    lines = path.read_text(encoding="utf-8").splitlines()
    with path.open("a", encoding="utf-8") as fh:
        fh.write(lines[0] + "\n")  # the same node again: replaced, not a second row
        fh.write('{"note": "neither a node nor a relationship"}\n\n')
    nodes, links = set(), set()
    for line in lines:
        r = json.loads(line)
        if "label" in r:
            nodes.add(r["id"])
        else:
            links.add(r.get("id") or f"{r['from']}|{r['type']}|{r['to']}")
    return path, len(lines), len(nodes), len(links)


def rows(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        counted = tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("nodes", "links")
        )
    conn.close()
    return counted


def test_the_floor_writes_a_row_per_node_and_relationship(case, tmp_path):
    path, records, nodes, links = case
    result = floor.sqlite_floor(str(path), str(tmp_path / "floor.db"), batch_size=100)
    assert (result["read"], result["skipped"]) == (records + 2, 1)
    assert (result["nodes"], result["relationships"]) == (nodes, links)
    assert rows(tmp_path / "floor.db") == (nodes, links)
    assert result["batch_size"] == 100 and result["records_per_s"] > 0


def test_the_floor_counts_what_allegraph_stores(case, tmp_path):
    path, _, nodes, links = case
    store = open_store(str(tmp_path / "allegraph.db"))
    store.init()
    load(store, [path])
    counts = store.counts()
    store.close()
    assert (sum(counts["nodes"].values()), sum(counts["relationships"].values())) == (
        nodes,
        links,
    )


def test_the_floor_runs_in_a_fresh_process_in_the_embedded_stores_batch_size(case, tmp_path):
    path, _, nodes, links = case
    db = tmp_path / "floor.db"
    db.write_bytes(b"an older file, replaced")
    result = run_child("harness.floor:sqlite_floor", {"path": str(path), "db": str(db)}, 300)
    assert (result["nodes"], result["relationships"]) == (nodes, links)
    assert result["batch_size"] == EmbeddedStore.batch_size
    assert 0 < result["peak_rss_mib"] < 200 and result["cpu_s"] > 0


def test_the_script_prints_the_floor_as_json(case, tmp_path):
    path, records, nodes, links = case
    done = subprocess.run(
        [sys.executable, str(BENCH / "sqlite_floor.py"), "--input", str(path), "--json"]
        + ["--batch-size", "500", "--work-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (run,) = json.loads(done.stdout)["runs"]["floor"]
    assert (run["read"], run["nodes"], run["relationships"]) == (records + 2, nodes, links)
    assert list(tmp_path.iterdir()) == []  # its SQLite files removed


def test_the_ratio_is_allegraph_over_the_floor():
    assert floor.ratio({"records_per_s": 30_000}, {"records_per_s": 40_000}) == 0.75
    assert floor.ratio({"records_per_s": 30_000}, {"status": "error"}) is None
