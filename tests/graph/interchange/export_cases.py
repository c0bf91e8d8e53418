"""Fixtures of the export tests, a small case built to be hard to carry, and comparisons.

Test modules import the fixtures (``from tests.graph.interchange.export_cases import baku_fixture``,
used as ``baku``).

It has ids that need escaping in IRIs and file names, text with newlines,
quotes and the CSV array delimiter, numbers that print badly (0.1 + 0.2), a
negative whole-degree coordinate written as a float, EDTF dates on nodes and
relationships, several sources in a given order, two relationships of one type
between the same nodes (told apart by id), and every property type the schema has.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.stores.base import GraphStore

TRICKY = [
    {
        "label": "Source",
        "id": "src/2 #b",
        "title": 'Second "report"',
        "url": "https://example.org/r?id=2&x=%20",
        "publisher": "Outlet B",
        "published": "2024-11~",
        "reliability": "C",
        "language": "ru",
    },
    {
        "label": "Source",
        "id": "src 1",
        "title": "First report",
        "publisher": "Outlet A",
        "kind": "report",
        "sources": ["src/2 #b"],
    },
    {
        "label": "Person",
        "id": "Анна|K",
        "name": "Анна К.",
        "aliases": ["Anna K.", "A; K", "Ann|a"],
        "birthDate": "1970~",
        "externalIds": ["wikidata:Q1"],
        "sources": ["src 1", "src/2 #b"],
    },
    {
        "label": "Organization",
        "id": "org:1",
        "name": "Org <One>",
        "kind": "ngo",
        "sources": ["src/2 #b", "src 1"],
    },
    {
        "label": "Location",
        "id": "place",
        "name": "Somewhere",
        "latitude": 0.30000000000000004,
        "longitude": -71.0,
        "sources": ["src 1"],
    },
    {
        "label": "Event",
        "id": "ev",
        "name": "An event",
        "date": "2024-11-14",
        "description": 'Line one\nline two, with "quotes" and a tab\there.',
        "sources": ["src 1"],
    },
    {
        "label": "Claim",
        "id": "c1",
        "text": "Something happened;\nsaid twice",
        "credibility": 3,
        "date": "2024-11",
        "kind": "attribution",
        "sources": ["src/2 #b", "src 1"],
    },
    {"label": "Claim", "id": "c2", "text": "It did not", "credibility": 6, "sources": ["src 1"]},
    {
        "type": "ALLEGES",
        "from": "Анна|K",
        "to": "c1",
        "date": "2024-11-15",
        "quote": 'It "happened"; really',
        "sources": ["src 1", "src/2 #b"],
    },
    {
        "type": "ALLEGES",
        "id": "second-statement",
        "from": "Анна|K",
        "to": "c1",
        "date": "2024-12",
        "sources": ["src/2 #b"],
    },
    {"type": "ALLEGES", "from": "org:1", "to": "c2", "sources": ["src 1"]},
    {
        "type": "DISPUTED_BY",
        "from": "c1",
        "to": "c2",
        "date": "../2025",
        "note": "open start",
        "sources": ["src 1"],
    },
    {"type": "ACCUSES", "from": "c1", "to": "org:1"},
    {"type": "ABOUT", "from": "c1", "to": "ev"},
    {"type": "OCCURRED_AT", "from": "ev", "to": "place"},
    {
        "type": "AFFILIATED_WITH",
        "from": "Анна|K",
        "to": "org:1",
        "role": "head",
        "start": "2019",
        "end": "2023-06",
    },
    {"type": "PARTICIPATED_IN", "from": "org:1", "to": "ev", "role": "organiser"},
    {"type": "SUPPORTS", "from": "src 1", "to": "c1"},
    {"type": "CITES", "from": "c1", "to": "src 1"},
]


def load_case(store: GraphStore, folder: Path) -> None:
    path = folder / "tricky.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(r) for r in TRICKY) + b"\n")
    report = load(store, [path], rejects_path=folder / "tricky.rejects.jsonl")
    assert (report.read, report.rejected) == (len(TRICKY), 0)


def contents(store: GraphStore) -> dict[str, dict]:
    """Every node and link as its native record (sources included), by id."""
    nodes = {f"node {n.id}": n.to_record() for n in store.nodes()}
    links = {f"link {lk.id}": lk.to_record() for lk in store.links()}
    return nodes | links


def typed(records: dict[str, dict], lists_as_sets: bool) -> dict[str, dict]:
    """Records with each value tagged by its Python type; lists sorted if compared as sets."""
    out = {}
    for key, record in records.items():
        out[key] = {
            name: (
                type(value).__name__,
                sorted(value) if lists_as_sets and isinstance(value, list) else value,
            )
            for name, value in record.items()
        }
    return out


@pytest.fixture(name="baku")
def baku_fixture(store, tmp_path):
    """The Baku example in a store of each kind."""
    report = load(store, baku_files(), rejects_path=tmp_path / "baku.rejects.jsonl")
    assert (report.read, report.rejected) == (76, 0)
    return store


@pytest.fixture(name="tricky")
def tricky_fixture(embedded, tmp_path):
    """An embedded store holding TRICKY."""
    load_case(embedded, tmp_path)
    return embedded
