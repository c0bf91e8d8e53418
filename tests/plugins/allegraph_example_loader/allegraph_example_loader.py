"""Statements log: tab-separated date, speaker, statement, source URL (one per line).

An example of a loader plug-in (see docs/loaders.md). Each line becomes a
Source, the speaker (a Person), the statement (a Claim) and the ALLEGES link
between them, all backed by the source. Lines starting with ``#`` are comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from allegraph.loaders import LoadContext
from allegraph.model import Record
from allegraph.names import derive_id


def read(path: Path, context: LoadContext) -> Iterator[Record]:
    with open(path, encoding="utf-8") as fh:
        for line, text in enumerate(fh, start=1):
            if not text.strip() or text.startswith("#"):
                continue
            cells = text.rstrip("\n").split("\t")
            if len(cells) != 4:
                yield Record(None, str(path), line, error=f"expected 4 columns, got {len(cells)}")
                continue
            date, speaker, statement, url = (c.strip() for c in cells)
            source = derive_id("Source", url)
            person = context.resolve(speaker, ("Person",)) or derive_id("Person", speaker)
            claim = derive_id("Claim", statement)
            for data in (
                {"label": "Source", "id": source, "title": url, "url": url},
                {"label": "Person", "id": person, "name": speaker, "sources": [source]},
                {"label": "Claim", "id": claim, "text": statement, "sources": [source]},
                {"type": "ALLEGES", "from": person, "to": claim, "date": date, "sources": [source]},
            ):
                yield Record(data, str(path), line)


def detect(path: Path) -> bool:
    return path.is_file() and path.name.endswith(".statements.tsv")
