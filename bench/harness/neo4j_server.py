"""A Neo4j server for the benchmark: one given by URL, or a local one started for the run.

The local one is scripts/neo4j/neo4j-local (Neo4j 5 community) on its own
port and data folder, with a page cache and heap sized for a million records;
it is stopped (and its folder removed) when the run ends.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from harness.machine import ROOT

LAUNCHER = ROOT / "scripts" / "neo4j" / "neo4j-local"


@dataclass
class Server:
    url: str
    password: str | None
    started: bool = False
    data_dir: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    version: str | None = None

    def credentials(self) -> dict[str, str]:
        """Environment for allegraph (NEO4J_PASSWORD), never on a command line."""
        return {"NEO4J_PASSWORD": self.password} if self.password else {}

    def stop(self) -> None:
        if self.started:
            subprocess.run([str(LAUNCHER), "stop"], env=self.env, capture_output=True, check=False)
            self.started = False
            if self.data_dir:
                shutil.rmtree(self.data_dir, ignore_errors=True)


def start_local(port: int, pagecache: str = "1g", heap: str = "-Xms1g -Xmx2g") -> Server:
    if not LAUNCHER.exists():
        raise FileNotFoundError(f"{LAUNCHER} is missing")
    data_dir = Path(tempfile.mkdtemp(prefix=f"allegraph-bench-neo4j-{port}-"))
    password = "bench-" + secrets.token_hex(8)
    env = {
        **os.environ,
        "NEO4J_BOLT_PORT": str(port),
        "NEO4J_DATA_DIR": str(data_dir),
        "NEO4J_PASSWORD": password,
        "NEO4J_PAGECACHE": pagecache,
        "NEO4J_JAVA_OPTS": heap,
    }
    done = subprocess.run([str(LAUNCHER), "start"], env=env, capture_output=True, text=True)
    server = Server(f"bolt://127.0.0.1:{port}", password, True, data_dir, env)
    if done.returncode != 0:
        server.stop()
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise RuntimeError(f"neo4j-local start failed: {lines[0] if lines else 'no output'}")
    return server


def server_version(server: Server) -> str | None:
    from neo4j import GraphDatabase

    auth = ("neo4j", server.password) if server.password else None
    with GraphDatabase.driver(server.url, auth=auth) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD versions, edition RETURN versions[0], edition"
        )
        version, edition = records[0].values()
    return f"{version} {edition}"
