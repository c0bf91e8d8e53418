"""The neo4j-csv export imported by the real neo4j-admin is an allegraph Neo4j store.

Uses the Neo4j 5 jars that scripts/neo4j builds (neo4j-admin's import tool is
among them): import the Baku export into a fresh Neo4j home with the export's
own import.sh, start a server on it, and compare every node, relationship,
load run and name lookup with the store it came from. Skipped when the jars
or java are missing (it is slow, and needs no shared server).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from allegraph.demo import baku_files
from allegraph.interchange import export
from allegraph.load import load
from allegraph.stores import open_store

ROOT = Path(__file__).resolve().parents[3]
NEO4J = ROOT / "scripts" / "neo4j"
LIB = NEO4J / "target" / "lib"
PASSWORD = "allegraph-admin-import"

pytestmark = [pytest.mark.slow, pytest.mark.neo4j]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def neo4j_admin(tmp_path) -> Path:
    """A `neo4j-admin` on PATH that runs the import tool from the jars."""
    if not LIB.is_dir() or shutil.which("java") is None:
        pytest.skip("no Neo4j jars (scripts/neo4j/neo4j-local build) or no java")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "neo4j-admin"
    script.write_text(f'#!/bin/sh\nexec java -Xmx512m -cp "{LIB}/*" org.neo4j.cli.AdminTool "$@"\n')
    script.chmod(0o755)
    return bin_dir


def test_neo4j_admin_import_gives_an_allegraph_store(neo4j_admin, embedded, tmp_path, monkeypatch):
    assert load(embedded, baku_files()).rejected == 0
    folder = tmp_path / "neo4j-import"
    export(embedded, "neo4j-csv", folder)
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("")
    env = {
        **os.environ,
        "PATH": f"{neo4j_admin}{os.pathsep}{os.environ['PATH']}",
        "NEO4J_HOME": str(home),
        "NEO4J_CONF": str(home / "conf"),
    }
    done = subprocess.run(
        ["sh", str(folder / "import.sh"), "neo4j"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Imported:\n  30 nodes\n  35 relationships" in done.stdout  # 28 + 2 load runs

    port = _free_port()
    server_env = {
        **os.environ,
        "NEO4J_DATA_DIR": str(home),
        "NEO4J_BOLT_PORT": str(port),
        "NEO4J_PASSWORD": PASSWORD,
    }
    local = [str(NEO4J / "neo4j-local")]
    started = subprocess.run([*local, "start"], env=server_env, capture_output=True, text=True)
    assert started.returncode == 0, started.stdout + started.stderr
    try:
        monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
        store = open_store(f"bolt://127.0.0.1:{port}")
        store.init()  # allegraph's constraints and indexes, on the imported data
        try:
            for kind in ("nodes", "links"):
                before = [
                    (x.to_record(), x.first_seen, x.last_seen, x.load_run)
                    for x in getattr(embedded, kind)()
                ]
                after = [
                    (x.to_record(), x.first_seen, x.last_seen, x.load_run)
                    for x in getattr(store, kind)()
                ]
                assert sorted(after, key=repr) == sorted(before, key=repr)
            # every run comes across but for its owner (which process ran it stays home)
            runs = [{**r.as_dict(), "owner": None} for r in embedded.runs()]
            assert [r.as_dict() for r in store.runs()] == runs
            for _ in range(100):  # the name index fills in the background after init
                if store.resolve("Tatiana Moskalkova"):
                    break
                time.sleep(0.2)
            assert store.resolve("Tatiana Moskalkova") == ["moskalkova"]
        finally:
            store.close()
    finally:
        subprocess.run([*local, "stop"], env=server_env, capture_output=True)
