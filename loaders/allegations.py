"""The flat allegations log that analysts keep by hand: one row per allegation.

Headers: ``alleged_by, claim, accused, event, location, date, source_url,
source_title, disputed_by``; any further column is a property of the claim.
``alleged_by``, ``accused`` and ``disputed_by`` may list several actors
separated by ``;``. Each row expands into a Source, a Claim, the actors,
event and location, and the ALLEGES / ACCUSES / ABOUT / OCCURRED_AT /
DISPUTED_BY links between them, every one backed by the row's source.

Names are matched to existing nodes by id, name or alias (normalised); a name
that matches nothing becomes a new node with an id derived from its name. An
unmatched actor is an Organization when its name contains a word such as
"Forces", "Committee" or "Office", and a Person otherwise (see docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from allegraph.loaders import Format, LoadContext, LoaderError
from allegraph.loaders.csvrows import Row, csv_rows
from allegraph.loaders.csvrows import header as csv_header
from allegraph.model import Record
from allegraph.names import derive_id, normalize
from allegraph.validate import parse_text

COLUMNS = (
    "alleged_by",
    "claim",
    "accused",
    "event",
    "location",
    "date",
    "source_url",
    "source_title",
    "disputed_by",
)
REQUIRED = ("alleged_by", "claim")

# Words that mark a name as an organization when the name matches no node.
ORGANIZATION_WORDS = frozenset(
    """agency army armed forces force brigade battalion regiment committee commission council
    court office ministry ministries government police service services department union
    party movement front group red cross crescent un nations ngo company bank corporation
    inc ltd llc media news tv radio institute foundation association federation republic
    state states parliament administration authority authorities military navy guard
    coalition alliance organisation organization network center centre bureau
    delegation presenters speakers participants observers""".split()
)


def guess_actor_label(name: str) -> str:
    words = set(normalize(name).split())
    return "Organization" if words & ORGANIZATION_WORDS else "Person"


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


class _Row:
    """Builds the records of one row, sharing file, line and source."""

    def __init__(self, context: LoadContext, file: str, line: int, sources: list[str]):
        self.context, self.file, self.line, self.sources = context, file, line, sources
        self.records: list[Record] = []

    def add(self, data: dict) -> None:
        if self.sources and "sources" not in data and data.get("label") != "Source":
            data["sources"] = list(self.sources)
        self.records.append(Record(data, self.file, self.line))

    def node(self, name: str, labels: tuple[str, ...], new_label: str, **props) -> str:
        found = self.context.resolve(name, labels)
        if found:
            return found
        self.add({"label": new_label, "id": derive_id(new_label, name), "name": name, **props})
        return derive_id(new_label, name)

    def actor(self, name: str) -> str:
        labels = self.context.registry.actor_labels
        return self.node(name, labels, guess_actor_label(name))


def _expand(row: dict[str, str], context: LoadContext, file: str, line: int) -> list[Record]:
    get = {k: (v or "").strip() for k, v in row.items() if k is not None}
    missing = [c for c in REQUIRED if not get.get(c)]
    if missing:
        return [Record(None, file, line, error=f"{missing[0]}: empty required column", raw=row)]
    url, title = get.get("source_url", ""), get.get("source_title", "")
    source_id = None
    if url or title:
        source_id = (url and context.resolve(url, ("Source",))) or (
            title and context.resolve(title, ("Source",))
        )
    build = _Row(context, file, line, [source_id] if source_id else [])
    if (url or title) and not source_id:
        source_id = derive_id("Source", url or title)
        build.sources = [source_id]
        source = {"label": "Source", "id": source_id, "title": title or url}
        if url:
            source["url"] = url
        build.add(source)

    claim_spec = context.registry.labels["Claim"]
    claim = {"label": "Claim", "text": get["claim"]}
    claim["id"] = (
        get.get("id")
        or context.resolve(get["claim"], ("Claim",))
        or derive_id("Claim", get["claim"])
    )
    for column, text in get.items():
        if column in COLUMNS or column == "id" or not text:
            continue
        prop = claim_spec.properties.get(column)
        claim[column] = parse_text(prop, text) if prop else text
    date = get.get("date")
    if date:
        claim.setdefault("date", date)
    build.add(claim)
    for name in _split(get["alleged_by"]):
        link = {"type": "ALLEGES", "from": build.actor(name), "to": claim["id"]}
        if date:
            link["date"] = date
        build.add(link)
    for name in _split(get.get("accused")):
        build.add({"type": "ACCUSES", "from": claim["id"], "to": build.actor(name)})
    if get.get("event"):
        event = build.node(get["event"], ("Event",), "Event", **({"date": date} if date else {}))
        build.add({"type": "ABOUT", "from": claim["id"], "to": event})
        if get.get("location"):
            place = build.node(get["location"], ("Location",), "Location")
            build.add({"type": "OCCURRED_AT", "from": event, "to": place})
    elif get.get("location"):
        build.node(get["location"], ("Location",), "Location")
    for name in _split(get.get("disputed_by")):
        build.add({"type": "DISPUTED_BY", "from": claim["id"], "to": build.actor(name)})
    return build.records


def _missing_columns(path: Path, header: list[str]) -> LoaderError | None:
    """A log without one of the required columns cannot be read at all: one error naming
    what is missing, rather than every row rejected for an "empty" column."""
    have = {h.strip() for h in header}
    missing = [c for c in REQUIRED if c not in have]
    if not missing:
        return None
    names = " and no ".join(repr(c) for c in missing)
    return LoaderError(
        f"{path}: the allegations log has no {names} column (columns: {', '.join(header)})"
    )


def read(path: Path, context: LoadContext) -> Iterator[Record]:
    name = str(path)
    rows = csv_rows(path, context.encoding)
    head = next(rows, None)
    if head is None:  # an empty file: nothing to load (docs/decisions.md, "Empty inputs")
        return
    if isinstance(head, Record):  # the header itself cannot be read
        yield head
        return
    error = _missing_columns(path, head.cells)
    if error:
        raise error
    for row in rows:
        error = row if isinstance(row, Record) else _too_wide(row, name)
        if error:
            yield error
        else:
            yield from _expand(row.as_dict(), context, name, row.line)


def _too_wide(row: Row, file: str) -> Record | None:
    """A row with more cells than the header: empty ones at its end (a spreadsheet's
    trailing commas) are dropped; others mean the columns shifted, most often a comma
    in a cell that is not quoted, so every value after it would land in the wrong
    column: the row is rejected."""
    width = len(row.header)
    if len(row.cells) <= width:
        return None
    if not any(cell.strip() for cell in row.cells[width:]):
        del row.cells[width:]
        return None
    reason = (
        f"the row has {len(row.cells)} cells and the header {width} columns: "
        "is there a comma in a cell that is not quoted?"
    )
    return Record(None, file, row.line, error=reason, raw=row.raw())


def _looks_like_log(header: list[str]) -> bool:
    """Headers of an allegations log, complete or not: a neo4j-admin header (``name:type``)
    never matches, since its fields carry a colon."""
    return bool({h.strip() for h in header} & set(REQUIRED))


def detect(path: Path) -> bool:
    """A .csv with the log's headers, even with a required one missing (reading it then
    names the missing column, the same error as with ``--format allegations-csv``), or
    an empty .csv (which loads nothing whatever its format)."""
    if not (path.is_file() and path.suffix.lower() == ".csv"):
        return False
    header = csv_header(path)
    return not header or _looks_like_log(header)


FORMATS = [
    Format("allegations-csv", "the flat allegations log, one row per allegation", read, detect)
]
