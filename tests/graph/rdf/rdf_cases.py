"""Fixtures of the RDF tests: the Baku example, and its Turtle export.

Test modules import them (``from tests.graph.rdf.rdf_cases import baku_fixture``,
used as ``baku``).
"""

from __future__ import annotations

import pytest

from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.rdf.export import write_rdf


@pytest.fixture(name="baku")
def baku_fixture(embedded, tmp_path):
    report = load(embedded, baku_files(), rejects_path=tmp_path / "baku.rejects.jsonl")
    assert report.rejected == 0
    return embedded


@pytest.fixture(name="baku_ttl")
def baku_ttl_fixture(baku, tmp_path):
    path = tmp_path / "baku.ttl"
    write_rdf(baku, path, "ttl")
    return path
