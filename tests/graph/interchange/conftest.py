"""Fixtures for the export tests: the Baku case, and a small case built to be hard to carry."""

from __future__ import annotations

import pytest
from cases import load_case

from allegraph.demo import baku_files
from allegraph.load import load


@pytest.fixture
def baku(store, tmp_path):
    """The Baku example in a store of each kind."""
    report = load(store, baku_files(), rejects_path=tmp_path / "baku.rejects.jsonl")
    assert (report.read, report.rejected) == (74, 0)
    return store


@pytest.fixture
def tricky(embedded, tmp_path):
    """An embedded store holding cases.TRICKY."""
    load_case(embedded, tmp_path)
    return embedded
