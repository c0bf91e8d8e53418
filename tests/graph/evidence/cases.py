"""A small case for the evidence tests: one claim, alleged by one person, from one source."""

from __future__ import annotations

import json
from pathlib import Path

from allegraph.load import load
from allegraph.stores.base import GraphStore

RECORDS = [
    {"label": "Source", "id": "s1", "title": "Report"},
    {"label": "Person", "id": "ana", "name": "Ana"},
    {"label": "Claim", "id": "c1", "text": "It happened", "sources": ["s1"]},
    {"type": "ALLEGES", "from": "ana", "to": "c1", "sources": ["s1"]},
]
CLIP = b"\x00\x01a small video\n"
CLIP_SHA = "1a6a948c580b238a0cde38564611fb3743bdc714832df2741a8381726231fbbc"  # sha256sum of CLIP


def loaded(store: GraphStore, tmp_path: Path) -> GraphStore:
    path = tmp_path / "case.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    report = load(store, [path])
    assert report.rejected == 0
    return store


def clip(tmp_path: Path, name: str = "clip.mp4", content: bytes = CLIP) -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path
