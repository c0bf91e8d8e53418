"""Shared fixtures: one store suite runs against every store.

``store`` is parametrised over the embedded store and Neo4j. The Neo4j
parameter needs ``ALLEGRAPH_TEST_NEO4J_URI`` (scripts/test starts a local
server and sets it). Without it the Neo4j cases skip, except under ``CI=true``,
where a missing server is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from allegraph.stores import open_store

NEO4J_URI = os.environ.get("ALLEGRAPH_TEST_NEO4J_URI")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ROOT = Path(__file__).resolve().parent.parent
BAKU = ROOT / "examples" / "baku"
ARTIFACTS = ROOT / "test-artifacts"


def require_neo4j() -> str:
    """The test Neo4j URI, or skip (fail under CI) with how to start one."""
    if NEO4J_URI:
        return NEO4J_URI
    reason = (
        "no Neo4j: run `scripts/neo4j/neo4j-local start` and set "
        "ALLEGRAPH_TEST_NEO4J_URI=bolt://127.0.0.1:7687 (scripts/test does both)"
    )
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


def require_chromium() -> str:
    path = "/usr/bin/chromium"
    if Path(path).exists():
        return path
    reason = "no /usr/bin/chromium: `apt-get install chromium` (scripts/test does it)"
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items):
    # One Neo4j server, one database: its tests share one xdist worker.
    for item in items:
        callspec = getattr(item, "callspec", None)
        uses_neo4j = item.get_closest_marker("neo4j") or (
            callspec and "neo4j" in callspec.params.values()
        )
        if uses_neo4j:
            item.add_marker(pytest.mark.xdist_group("neo4j"))
            item.add_marker(pytest.mark.neo4j)


def _embedded(tmp_path: Path):
    store = open_store(str(tmp_path / "test.db"))
    store.init()
    return store


def _neo4j():
    uri = require_neo4j()
    store = open_store(uri)
    store.clear()
    store.init()
    return store


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, tmp_path):
    """An empty store of each kind; the suite that uses it runs once per store."""
    made = _embedded(tmp_path) if request.param == "embedded" else _neo4j()
    yield made
    made.close()


@pytest.fixture
def embedded(tmp_path):
    made = _embedded(tmp_path)
    yield made
    made.close()


@pytest.fixture
def neo4j_store():
    made = _neo4j()
    yield made
    made.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
