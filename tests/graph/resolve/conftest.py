"""The Moskalkova fixture: three spellings of one person, as separate records with
their own ids and sources (tests/data/resolve/moskalkova.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from allegraph.load import load

MOSKALKOVA = Path(__file__).parents[2] / "data" / "resolve" / "moskalkova.jsonl"


@pytest.fixture
def case(store):
    """The fixture loaded into each store."""
    report = load(store, [MOSKALKOVA])
    assert (report.loaded, report.rejected) == (18, 0)
    return store
