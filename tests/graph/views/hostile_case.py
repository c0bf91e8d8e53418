"""The hostile case shared by the view tests: hand-made records whose every string is hostile."""

from __future__ import annotations

import json
from pathlib import Path

from allegraph.load import load

# Each alert carries its own number, so a dialog would say which string ran.
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(2)>",
    "breakout": '"></div><script>alert(3)</script>',
    "close": "</script><script>alert(4)</script>",
    "comment": "<!--<script>alert(5)</script>",
    "separators": "line\u2028separator\u2029end & <b>bold</b>",
}

# A small case with known answers; every string an analyst could type is hostile.
HOSTILE_RECORDS = [
    {
        "label": "Source",
        "id": "src-evil",
        "title": HOSTILE["script"],
        "publisher": HOSTILE["img"],
        "url": "https://evil.example/track.js?<script>alert(6)</script>",
        "published": "2024-11~",
    },
    {
        "label": "Source",
        "id": "src-js",
        "title": "A source whose url is javascript",
        "publisher": "Other publisher",
        "url": "javascript:alert(7)",
    },
    {
        "label": "Person",
        "id": "p-hostile",
        "name": HOSTILE["script"],
        "aliases": [HOSTILE["img"], "Zoë Ångström"],
        "sources": ["src-evil"],
    },
    {"label": "Organization", "id": "o-hostile", "name": HOSTILE["breakout"],
     "sources": ["src-js"]},
    {
        "label": "Event",
        "id": "e-hostile",
        "name": HOSTILE["close"],
        "date": "2024-11~",
        "sources": ["src-evil"],
    },
    {
        "label": "Claim",
        "id": "c-hostile",
        "text": HOSTILE["img"],
        "date": "2024",
        "sources": ["src-evil", "src-js"],
    },
    {
        "label": "Claim",
        "id": '"><script>alert(8)</script>',
        "text": HOSTILE["comment"],
        "sources": ["src-evil"],
    },
    {"label": "Claim", "id": "c-plain", "text": HOSTILE["separators"], "sources": ["src-evil"]},
    {"type": "ALLEGES", "from": "p-hostile", "to": "c-hostile", "sources": ["src-evil"],
     "quote": HOSTILE["breakout"]},
    {"type": "ALLEGES", "from": "o-hostile", "to": '"><script>alert(8)</script>',
     "sources": ["src-js"]},
    {"type": "ALLEGES", "from": "o-hostile", "to": "c-plain", "sources": ["src-js"]},
    {"type": "DISPUTED_BY", "from": "c-hostile", "to": "o-hostile", "sources": ["src-js"],
     "date": "2024-12"},
    {"type": "WITNESSED", "from": "p-hostile", "to": "e-hostile", "role": HOSTILE["script"]},
    {"type": "ABOUT", "from": "c-hostile", "to": "e-hostile"},
]  # fmt: skip


def load_records(store, records: list[dict], folder: Path) -> None:
    """Load native records into ``store`` through the one pipeline; none may be rejected."""
    path = folder / "records.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    report = load(store, [path], rejects_path=folder / "rejects.jsonl")
    assert report.rejected == 0, (folder / "rejects.jsonl").read_text()
