"""The flat allegations log that analysts keep by hand: one row per allegation.

Headers: ``alleged_by, claim, accused, event, location, date, source_url,
source_title, disputed_by``; any further column is a property of the claim.
``alleged_by``, ``accused`` and ``disputed_by`` may list several actors
separated by ``;``. Each row expands into a Source, a Claim, the actors,
event and location, and the ALLEGES / ACCUSES / ABOUT / OCCURRED_AT /
DISPUTED_BY links between them, every one backed by the row's source.

Names resolve to existing nodes by the rule of :class:`Names` (docs/decisions.md,
"Name resolution"); a name that matches nothing becomes a new node with an id
derived from its name. A row is one unit: it loads whole or is rejected whole. An
optional ``event_date`` column dates the event (``date`` is the allegation's); an
optional ``derived_from`` column names (by url or id) the source the row's source
copies (DERIVED_FROM, of kind ``derived_kind`` when given: reprint, translation,
quote, summary, syndication). Optional ``evidence_url``, ``evidence_sha256`` and
``evidence_status`` columns name Evidence that SUPPORTS the row's claim (see
:func:`_evidence`). An
unmatched actor is an Organization when its name contains a word such as
"Forces", "Committee" or "Office", and a Person otherwise (see docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from allegraph.loaders import Format, LoadContext, LoaderError
from allegraph.loaders.csvrows import Row, csv_rows
from allegraph.loaders.csvrows import header as csv_header
from allegraph.model import Entity, Record
from allegraph.names import derive_id, normalize
from allegraph.schema import Registry
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
    "event_date",
    "derived_from",
    "derived_kind",
    "evidence_url",
    "evidence_sha256",
    "evidence_status",
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


class RowProblem(ValueError):
    """The row cannot be expanded: it is rejected whole, with this reason."""


class AmbiguousName(RowProblem):
    """A name matches several existing nodes: the row says which one by id."""


class Names:
    """What names resolve to in one input (docs/decisions.md, "Name resolution").

    A name resolves, for the labels it may have, to the first of:

    1. the node the name itself makes (``derive_id(label, name)``), if it exists
       (in the store, or made by an earlier row of this input);
    2. the node whose id is the name;
    3. the one node whose name or alias matches the name (normalised), leaving
       out nodes that were themselves made from a bare name (their id is derived
       from their name, url or title): several such nodes are an error that names
       them, and the row is rejected (write the id in the cell);
    4. else a new node, ``derive_id(label, name)``.

    Step 3 sees only nodes that other inputs gave (records with ids), never what
    this or another log made from names; so what a name resolves to does not
    depend on the order of the rows, on how they are split into files, on the
    batch size, nor on an interruption.
    """

    def __init__(self, context: LoadContext):
        self.context = context
        self.labels: dict[str, str] = {}  # id -> label of every node this input makes
        self._named: dict[str, list[str]] = {}  # name key -> matching nodes given by id
        self.duplicates: set[tuple[str, str]] = set()

    def made(self, data: dict) -> None:
        """Note a node a row makes, so later rows find it by its id."""
        self.labels[data["id"]] = data["label"]

    def _label(self, ident: str) -> str | None:
        return self.labels.get(ident) or self.context.label_of(ident)

    def label(self, ident: str) -> str | None:
        """The label of ``ident`` in the store or an earlier row of this input, or None."""
        return self._label(ident)

    def _look_up(self, *ids: str) -> None:
        """Ask the store for the labels of ``ids`` in one go (``_label`` then has them)."""
        self.context.labels_of([i for i in ids if i not in self.labels])

    def _given(self, name: str) -> list[str]:
        """The nodes with ``name`` (normalised) as name or alias that a record gave
        an id, not made from a bare name; looked up once per name key."""
        key = normalize(name)
        if key not in self._named:
            registry = self.context.registry
            found = []
            for ident in self.context.named(name, tuple(registry.labels)):
                node = self.context.node(ident)
                if node is not None and not _made_from_name(node, registry):
                    found.append(ident)
            self._named[key] = found
        return self._named[key]

    def resolve(self, name: str, labels: tuple[str, ...], new_label: str) -> tuple[str, bool]:
        """``(id, made)``: the node ``name`` stands for, and whether it is the node
        the name itself makes (which the row then writes, with its source)."""
        own = derive_id(new_label, name)
        self._look_up(own, name)
        given = [i for i in self._given(name) if self._label(i) in labels]
        if self._label(own) in labels:
            for other in given:  # a bare name and a record name the same: say so
                self.duplicates.add((own, other))
            return own, True
        if self._label(name) in labels:
            return name, False
        if len(given) > 1:
            names = ", ".join(f"{i} ({self._label(i)})" for i in given[:5])
            more = f" and {len(given) - 5} more" if len(given) > 5 else ""
            raise AmbiguousName(
                f"{name!r} matches several nodes: {names}{more}; write the id of the one meant"
            )
        if given:
            return given[0], False
        return own, True


def _made_from_name(node: Entity, registry: Registry) -> bool:
    """Whether ``node`` is one a name-based input made: its id is the id derived
    from its name (or url, or title), as :func:`derive_id` gives it."""
    spec = registry.labels.get(node.label)
    if spec is None:
        return False
    fields = dict.fromkeys([spec.name_property, *spec.id_from])
    return any(
        node.props.get(f) and node.id == derive_id(node.label, str(node.props[f])) for f in fields
    )


def _resolve(
    names: Names, column: str, name: str, labels: tuple[str, ...], new_label: str
) -> tuple[str, bool]:
    """:meth:`Names.resolve`, with the column named in the error."""
    try:
        return names.resolve(name, labels, new_label)
    except AmbiguousName as exc:
        raise AmbiguousName(f"{column}: {exc}") from None


class _Row:
    """Builds the records of one row, sharing file, line, source and unit."""

    def __init__(self, names: Names, file: str, line: int, raw: dict):
        self.names, self.file, self.line, self.raw = names, file, line, raw
        self.sources: list[str] = []
        self.records: list[Record] = []
        self.made: list[dict] = []

    def add(self, data: dict) -> None:
        if self.sources and "sources" not in data and data.get("label") != "Source":
            data["sources"] = list(self.sources)
        raw = self.raw if not self.records else None  # the row shows once, in a reject
        self.records.append(Record(data, self.file, self.line, raw=raw, unit=self.line))
        if "label" in data:
            self.made.append(data)

    def node(self, column: str, name: str, labels: tuple[str, ...], new_label: str) -> str:
        ident, made = _resolve(self.names, column, name, labels, new_label)
        if made:
            self.add({"label": new_label, "id": ident, "name": name})
        return ident

    def actor(self, column: str, name: str) -> str:
        labels = self.names.context.registry.actor_labels
        return self.node(column, name, labels, guess_actor_label(name))


def _expand(row: dict[str, str], names: Names, file: str, line: int) -> list[Record]:
    """The records of one row, all in one unit; or one error record for the row."""
    get = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
    missing = [c for c in REQUIRED if not get.get(c)]
    if missing:
        return [Record(None, file, line, error=f"{missing[0]}: empty required column", raw=row)]
    build = _Row(names, file, line, row)
    try:
        _build(build, get, names.context)
    except RowProblem as exc:
        return [Record(None, file, line, error=str(exc), raw=row)]
    for data in build.made:  # only rows that expand whole make nodes later rows find
        names.made(data)
    return build.records


def _build(build: _Row, get: dict[str, str], context: LoadContext) -> None:
    names = build.names
    url, title = get.get("source_url", ""), get.get("source_title", "")
    if url or title:
        # a url names its source; a title only when the row gives no url
        column = "source_url" if url else "source_title"
        source_id, made = _resolve(names, column, url or title, ("Source",), "Source")
        build.sources = [source_id]
        if made:
            source = {"label": "Source", "id": source_id, "title": title or url}
            if url:
                source["url"] = url
            build.add(source)

    if get.get("derived_from"):
        _derived(build, get)

    claim_spec = context.registry.labels["Claim"]
    claim = {"label": "Claim", "text": get["claim"]}
    claim["id"] = get.get("id") or _resolve(names, "claim", get["claim"], ("Claim",), "Claim")[0]
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
        link = {"type": "ALLEGES", "from": build.actor("alleged_by", name), "to": claim["id"]}
        if date:
            link["date"] = date
        build.add(link)
    for name in _split(get.get("accused")):
        build.add({"type": "ACCUSES", "from": claim["id"], "to": build.actor("accused", name)})
    if get.get("event"):
        event = build.node("event", get["event"], ("Event",), "Event")
        if get.get("event_date") and build.made and build.made[-1].get("id") == event:
            build.made[-1]["date"] = get["event_date"]
        build.add({"type": "ABOUT", "from": claim["id"], "to": event})
        if get.get("location"):
            place = build.node("location", get["location"], ("Location",), "Location")
            build.add({"type": "OCCURRED_AT", "from": event, "to": place})
    elif get.get("location"):
        build.node("location", get["location"], ("Location",), "Location")
    _evidence(build, get, claim["id"])
    for name in _split(get.get("disputed_by")):
        build.add(
            {"type": "DISPUTED_BY", "from": claim["id"], "to": build.actor("disputed_by", name)}
        )


def _derived(build: _Row, get: dict[str, str]) -> None:
    """``derived_from``: the row's source copies the source it names (a url or an id;
    a url that names no source makes one)."""
    if not build.sources:
        raise RowProblem("derived_from: the row names no source (source_url or source_title)")
    origin = get["derived_from"]
    ident, made = _resolve(build.names, "derived_from", origin, ("Source",), "Source")
    if made:
        source = {"label": "Source", "id": ident, "title": origin}
        if "://" in origin:
            source["url"] = origin
        build.add(source)
    link = {"type": "DERIVED_FROM", "from": build.sources[0], "to": ident}
    if get.get("derived_kind"):
        link["kind"] = get["derived_kind"]
    build.add(link)


def _evidence(build: _Row, get: dict[str, str], claim: str) -> None:
    """``evidence_url`` / ``evidence_sha256``: Evidence that SUPPORTS the row's claim,
    named by its sha256 when given, else its url (either may hold an Evidence id).

    The row makes the Evidence node (title: its url, verification: ``evidence_status``)
    only when neither the store nor an earlier row holds it: a log never overwrites a
    verification state, which only `allegraph evidence set` changes, keeping the step
    (docs/decisions.md, "Evidence")."""
    url, sha = get.get("evidence_url", ""), get.get("evidence_sha256", "").lower()
    status = get.get("evidence_status", "")
    if not (url or sha):
        if status:
            raise RowProblem(
                "evidence_status: the row names no evidence (evidence_url or evidence_sha256)"
            )
        return
    column = "evidence_sha256" if sha else "evidence_url"
    ident, made = _resolve(build.names, column, sha or url, ("Evidence",), "Evidence")
    if made and build.names.label(ident) is None:
        node = {"label": "Evidence", "id": ident, "title": url or sha}
        node.update({k: v for k, v in (("url", url), ("sha256", sha)) if v})
        if status:
            node["verification"] = status
        build.add(node)
    build.add({"type": "SUPPORTS", "from": ident, "to": claim})


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
    names = Names(context)
    for row in rows:
        error = row if isinstance(row, Record) else _too_wide(row, name)
        if error:
            yield error
        else:
            yield from _expand(row.as_dict(), names, name, row.line)
    for made, given in sorted(names.duplicates):
        if context.apart(made, given):  # judged different (or unsure) already
            continue
        context.warn(
            f"possible duplicate: {made} (made from a name in {name}) and {given} "
            "have the same name; write the id in the log to use the one meant, "
            "or judge them: `allegraph resolve candidates`"
        )


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
    Format(
        "allegations-csv",
        "the flat allegations log, one row per allegation",
        read,
        detect,
        resolves_names=True,
    )
]
