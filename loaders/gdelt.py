"""GDELT 2.0 events: the 15-minute ``*.export.CSV`` files (tab-separated, 61 columns, no header).

Each row is one machine-coded event: Actor1 did something (a CAMEO event code)
to Actor2, reported in the article at SOURCEURL, at the action location.

* Rows whose code is in :data:`CLAIM_CODES` (CAMEO 112 "accuse" and its
  children 1121-1125, 114 "complain officially", 115 "bring lawsuit against",
  116 "find guilty or liable") become a **Claim** that Actor1 ALLEGES and that
  ACCUSES Actor2, ABOUT the coded Event, which OCCURRED_AT the action location.
* Every other row becomes an **Event** that the actors PARTICIPATED_IN
  (role ``initiator`` for Actor1, ``recipient`` for Actor2).
* The SOURCEURL is the **Source** of every node and link of the row.

Ids come from GLOBALEVENTID (``gdelt:<id>``, ``gdelt:<id>:claim``), so loading
a slice again changes nothing. A blank actor is no node and no link (the claim
text says "an unidentified actor"); an actor without a country code (generic
roles such as POLICE) is a node of its own in each event, because GDELT does not
say which police; an actor with a country code is shared across events
(``gdelt:actor:<code>:<name>``). Country codes keep their code system as a
prefix: ``fips:RS`` for locations (FIPS 10-4), ``cameo:RUS`` for actors (CAMEO,
mostly ISO 3166 alpha-3). See docs/loaders.md.

The file is read line by line (plain, ``.gz`` or a one-member ``.zip``), so a
slice of any size streams.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from itertools import count
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from allegraph.loaders import Format, LoadContext
from allegraph.model import Record
from allegraph.names import derive_id, slug

COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"{actor}{field}"
        for actor in ("Actor1", "Actor2")
        for field in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{geo}_{field}"
        for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for field in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ),
    "DATEADDED",
    "SOURCEURL",
)
assert len(COLUMNS) == 61

# CAMEO codes read as an allegation by Actor1 against Actor2, with the Claim kind
# and the sentence of its text. 110 "disapprove", 111 "criticize or denounce"
# and 113 "rally opposition against" stay Events: they voice disapproval
# without holding anyone responsible for something (docs/decisions.md).
CLAIM_CODES: dict[str, tuple[str, str]] = {
    "112": ("accusation", "{a1} accuses {a2}"),
    "1121": ("accusation", "{a1} accuses {a2} of crime or corruption"),
    "1122": ("accusation", "{a1} accuses {a2} of human rights abuses"),
    "1123": ("accusation", "{a1} accuses {a2} of aggression"),
    "1124": ("accusation", "{a1} accuses {a2} of war crimes"),
    "1125": ("accusation", "{a1} accuses {a2} of espionage or treason"),
    "114": ("complaint", "{a1} complains officially about {a2}"),
    "115": ("lawsuit", "{a1} brings a lawsuit against {a2}"),
    "116": ("verdict", "{a1} finds {a2} guilty or liable"),
}

# ActionGeo_Type: the precision of a location.
GEO_KINDS = {"1": "country", "2": "us-state", "3": "us-city", "4": "city", "5": "region"}

UNIDENTIFIED_ACTOR = "an unidentified actor"
UNIDENTIFIED_TARGET = "an unidentified party"


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, str]:
    """CAMEO event code -> description, from the table shipped in loaders/data/."""
    text = resources.files("allegraph.loaders").joinpath("data/cameo_eventcodes.csv")
    with text.open(encoding="utf-8") as fh:
        table = {row[0].strip(): row[1].strip() for row in csv.reader(fh) if len(row) >= 2}
    # "Accuse- not specified below" -> "Accuse, not specified": a readable event name.
    return {code: re.sub(r"-\s*not specified below$", "", d).strip() for code, d in table.items()}


def describe(code: str) -> str:
    """The CAMEO description of an event code, or the code itself if the table lacks it."""
    return cameo_codes().get(code) or f"CAMEO event {code}"


@contextmanager
def open_text(path: Path) -> Iterator[IO[str]]:
    """A text stream over a GDELT file, plain, gzipped or the one file of a zip."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise ValueError(f"{path}: a GDELT zip must hold one file, not {len(members)}")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
    elif suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
            yield fh
    else:
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            yield fh


_UNITS = count()  # unit ids: the records of one row or object share one


class RowError(ValueError):
    """A row that cannot be read as a GDELT event; the message names the column."""


@dataclass(frozen=True)
class Actor:
    code: str
    name: str
    country: str  # CAMEO country code, "" if none

    @property
    def label(self) -> str:
        """How the actor is written in texts: its name, with its country code if any."""
        return f"{self.name} ({self.country})" if self.country else self.name


def _actor(row: dict[str, str], prefix: str) -> Actor | None:
    code, name = row[f"{prefix}Code"], row[f"{prefix}Name"]
    if not code and not name:
        return None
    return Actor(code, name or code, row[f"{prefix}CountryCode"])


def _number(row: dict[str, str], column: str, kind: type) -> float | int | None:
    text = row[column]
    if text == "":
        return None
    try:
        return kind(text)
    except ValueError:
        raise RowError(f"{column}: {text!r} is not a number") from None


@lru_cache(maxsize=4096)  # a file's events fall on a few days: strptime is slow
def _date(text: str) -> str:
    try:
        return datetime.strptime(text, "%Y%m%d").date().isoformat()
    except ValueError:
        raise RowError(f"SQLDATE: {text!r} is not a date (YYYYMMDD)") from None


@lru_cache(maxsize=65536)  # many events of a file cite one article
def _source_id(url: str) -> str:
    return derive_id("Source", url)


@lru_cache(maxsize=65536)
def _actor_id(code: str, name: str) -> str:
    return f"gdelt:actor:{slug(code)}:{slug(name)}"


def source_record(url: str) -> dict:
    """The Source of an article URL (or of the text GDELT gives for non-web sources)."""
    record = {
        "label": "Source",
        "id": _source_id(url),
        "title": url,
        "kind": "news-article",
    }
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        record["url"] = url
        # The web site is the publisher: two articles of one site are not independent.
        record["publisher"] = parts.netloc.lower().removeprefix("www.")
    return record


class _Event:
    """The records of one GDELT row."""

    def __init__(self, row: dict[str, str], file: str, line: int, seen: set[str]):
        self.row, self.file, self.line, self.seen = row, file, line, seen
        self.records: list[Record] = []
        self.unit = next(_UNITS)  # what one row or object expands to loads whole
        self._raw: dict | None = row
        self.id = f"gdelt:{row['GLOBALEVENTID']}"
        self.date = _date(row["SQLDATE"])
        self.sources: list[str] = []
        self.fresh: set[str] = set()  # shared ids first met in this row

    def met(self, ident: str) -> bool:
        """A shared node already added for this file (a record is built only the first time)."""
        return ident in self.seen or ident in self.fresh

    def add(self, data: dict, shared: bool = False) -> None:
        """Add a record; a ``shared`` node is added once per file (actors, places, sources)."""
        if shared:
            if self.met(data["id"]):
                return
            self.fresh.add(data["id"])
        if self.sources and data.get("label") != "Source":
            data["sources"] = list(self.sources)
        # a shared node is written once per file for every row that names it: it loads
        # on its own, so that a rejected row never takes it from the rows after it
        unit = None if shared else self.unit
        raw = None
        if unit is not None:  # the row shows once, in a reject of its unit
            raw, self._raw = self._raw, None
        self.records.append(Record(data, self.file, self.line, raw=raw, unit=unit))

    def source(self) -> None:
        url = self.row["SOURCEURL"]
        if url:
            ident = _source_id(url)
            if not self.met(ident):
                self.add(source_record(url), shared=True)
            self.sources = [ident]

    def actor(self, actor: Actor | None, slot: str) -> str | None:
        if actor is None:
            return None
        if actor.country:
            ident = _actor_id(actor.code, actor.name)
            if self.met(ident):
                return ident
        record = {"label": "Organization", "name": actor.name, "kind": "gdelt-actor"}
        record["externalIds"] = [f"gdelt-actor:{actor.code}"] if actor.code else []
        if actor.country:
            record["id"] = ident
            record["country"] = f"cameo:{actor.country}"
            self.add(record, shared=True)
        else:  # a generic role: this event's own, never merged with other events' POLICE
            record["id"] = f"{self.id}:{slot}"
            self.add(record)
        return record["id"]

    def location(self) -> str | None:
        row = self.row
        kind, name = row["ActionGeo_Type"], row["ActionGeo_FullName"]
        if kind in ("", "0") or not name:
            return None
        feature = row["ActionGeo_FeatureID"] or slug(name)
        # Feature ids are unique only within a precision: "IN" is India as a country
        # and Indiana as a US state.
        precision = GEO_KINDS.get(kind, f"gdelt-geo-type-{kind}")
        ident = f"gdelt:geo:{precision}:{feature}"
        # the row's own values are checked whether or not the place was met before
        at = {
            prop: _number(row, column, float)
            for column, prop in (("ActionGeo_Lat", "latitude"), ("ActionGeo_Long", "longitude"))
        }
        if self.met(ident):
            return ident
        record = {
            "label": "Location",
            "id": ident,
            "name": name,
            "kind": precision,
            "externalIds": [f"gdelt-feature:{precision}:{feature}"],
        }
        if row["ActionGeo_CountryCode"]:
            record["country"] = f"fips:{row['ActionGeo_CountryCode']}"
        record.update((prop, value) for prop, value in at.items() if value is not None)
        self.add(record, shared=True)
        return ident

    def event(self, actor1: Actor | None, actor2: Actor | None) -> None:
        row, code = self.row, self.row["EventCode"]
        a1 = actor1.label if actor1 else UNIDENTIFIED_ACTOR
        a2 = actor2.label if actor2 else UNIDENTIFIED_TARGET
        record = {
            "label": "Event",
            "id": self.id,
            "name": f"{describe(code)}: {a1} -> {a2}",
            "kind": f"cameo:{code}",
            "date": self.date,
            "externalIds": [self.id],
        }
        for column, prop, kind in (
            ("GoldsteinScale", "goldstein", float),
            ("NumMentions", "numMentions", int),
            ("NumSources", "numSources", int),
        ):
            value = _number(row, column, kind)
            if value is not None:
                record[prop] = value
        self.add(record)

    def claim(self, actor1: Actor | None, actor2: Actor | None) -> str:
        code = self.row["EventCode"]
        kind, sentence = CLAIM_CODES[code]
        a1 = actor1.label if actor1 else UNIDENTIFIED_ACTOR
        a2 = actor2.label if actor2 else UNIDENTIFIED_TARGET
        text = sentence.format(a1=a1, a2=a2)
        text = f"{text[0].upper()}{text[1:]} (GDELT event {self.row['GLOBALEVENTID']}, "
        text += f"CAMEO {code}, machine-coded from a news report)"
        claim_id = f"{self.id}:claim"
        self.add({"label": "Claim", "id": claim_id, "text": text, "kind": kind, "date": self.date})
        return claim_id

    def link(self, type_: str, src: str | None, dst: str | None, **props) -> None:
        if src and dst:
            self.add({"type": type_, "from": src, "to": dst, **props})


def expand(row: dict[str, str], file: str, line: int, seen: set[str]) -> list[Record]:
    """The records of one GDELT row, shared nodes once per ``seen`` set."""
    build = _Event(row, file, line, seen)
    build.source()
    actor1, actor2 = _actor(row, "Actor1"), _actor(row, "Actor2")
    one, two = build.actor(actor1, "actor1"), build.actor(actor2, "actor2")
    place = build.location()
    build.event(actor1, actor2)
    build.link("OCCURRED_AT", build.id, place)
    if row["EventCode"] in CLAIM_CODES:
        claim = build.claim(actor1, actor2)
        build.link("ALLEGES", one, claim, date=build.date)
        build.link("ACCUSES", claim, two)
        build.link("ABOUT", claim, build.id)
    else:
        # Explicit ids: an actor coded on both sides keeps both roles.
        for src, role in ((one, "initiator"), (two, "recipient")):
            link_id = f"{src}|PARTICIPATED_IN|{build.id}|{role}"
            build.link("PARTICIPATED_IN", src, build.id, id=link_id, role=role)
    seen.update(build.fresh)  # only now: a row that fails half-way must not hide its nodes
    return build.records


def parse_line(text: str) -> dict[str, str]:
    """One line of a GDELT 2.0 events file as ``{column: value}``; RowError if it is not one."""
    cells = text.rstrip("\r\n").split("\t")
    if len(cells) != len(COLUMNS):
        raise RowError(f"expected {len(COLUMNS)} tab-separated columns, got {len(cells)}")
    row = dict(zip(COLUMNS, map(str.strip, cells), strict=True))
    if not row["GLOBALEVENTID"].isdigit():
        raise RowError(f"GLOBALEVENTID: {row['GLOBALEVENTID']!r} is not a number")
    if not row["EventCode"]:
        raise RowError("EventCode: empty")
    return row


def read(path: Path, context: LoadContext) -> Iterator[Record]:
    name, seen = str(path), set()
    with open_text(path) as fh:
        for number, text in enumerate(fh, start=1):
            if not text.strip():
                continue
            try:
                yield from expand(parse_line(text), name, number, seen)
            except RowError as exc:
                yield Record(None, name, number, error=str(exc), raw=text.rstrip("\r\n"))


ID_SHIFT = 10**10  # beyond real GLOBALEVENTIDs (about 1.2e9 in 2025)


def repeat_events(source: Path, target: Path, events: int, shift_urls: bool = True) -> int:
    """Write ``events`` rows to ``target``: ``source`` repeated, each copy's ids shifted.

    Copy *k* adds ``k * ID_SHIFT`` to GLOBALEVENTID (and, with ``shift_urls``,
    ``#copy-k`` to SOURCEURL, so sources grow with events as in a real feed), so
    every copy loads as new events while actors and places stay shared. For
    benchmarks: a 15-minute slice becomes a million events. Streams both files.
    Returns the number of rows written.
    """
    written, copy = 0, 0
    id_at, url_at = COLUMNS.index("GLOBALEVENTID"), COLUMNS.index("SOURCEURL")
    with open(target, "w", encoding="utf-8", newline="") as out:
        while written < events:
            rows_in_copy = 0
            with open_text(Path(source)) as fh:
                for text in fh:
                    cells = text.rstrip("\r\n").split("\t")
                    if len(cells) != len(COLUMNS) or not cells[id_at].isdigit():
                        continue
                    if copy:
                        cells[id_at] = str(int(cells[id_at]) + copy * ID_SHIFT)
                        if shift_urls and cells[url_at]:
                            cells[url_at] = f"{cells[url_at]}#copy-{copy}"
                    out.write("\t".join(cells) + "\n")
                    written += 1
                    rows_in_copy += 1
                    if written >= events:
                        break
            if not rows_in_copy:
                raise ValueError(f"{source}: no GDELT event rows to repeat")
            copy += 1
    return written


_NAME = re.compile(r"\.export\.csv(\.zip|\.gz)?$", re.IGNORECASE)


def detect(path: Path) -> bool:
    """GDELT's own file names, or a .csv/.tsv whose first line is a 61-column event row."""
    if not path.is_file():
        return False
    if _NAME.search(path.name):
        return True
    if path.suffix.lower() not in (".csv", ".tsv", ".txt"):
        return False
    with open(path, encoding="utf-8", errors="replace") as fh:
        first = fh.readline()
    try:
        parse_line(first)
        return True
    except RowError:
        return False


FORMATS = [
    Format(
        "gdelt",
        "GDELT 2.0 events export (61 tab-separated columns); CAMEO 112x/114-116 become claims",
        read,
        detect,
    )
]
