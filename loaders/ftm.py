"""FollowTheMoney entities: JSON lines, one entity per line, every property value a list of strings.

``{"id": "...", "schema": "Person", "properties": {"name": ["..."], ...}}``

Mapping (see docs/loaders.md):

* ``Person`` -> Person; ``Organization``, ``Company``, ``LegalEntity``,
  ``PublicBody`` -> Organization (``kind`` says which); ``Address`` ->
  Location; ``Event`` -> Event (``organizer``/``involved`` as
  PARTICIPATED_IN, ``addressEntity`` as OCCURRED_AT).
* ``Membership``, ``Directorship``, ``Employment`` and a person's
  ``Ownership`` of an organization -> AFFILIATED_WITH with ``role``,
  ``start``, ``end``.
* ``Payment`` -> an Event of kind ``payment`` that the payer and the
  beneficiary PARTICIPATED_IN: a payment is a reported transaction, not an
  allegation.
* An organization's ``addressEntity`` -> LOCATED_IN its address.
* Any other schema is rejected with the reason ``FtM schema X has no mapping``,
  so the rejects file counts them by schema; nothing is dropped silently.

Ids are ``ftm:<entity id>``. A reference to an entity that is neither in the
file nor in the store is rejected by the load pipeline with that reason.
Sources: every ``sourceUrl`` of an entity, every dataset it lists
(``datasets``), or else the file itself, named by its file name.

The file is read twice, line by line: once to learn each entity's schema and
name (for the labels and names of references), once to map it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson

from allegraph.loaders import Format, LoadContext
from allegraph.loaders.native import json_error
from allegraph.model import Record
from allegraph.names import article, derive_id, slug

# FtM schema -> (our label, kind).
NODE_SCHEMATA: dict[str, tuple[str, str | None]] = {
    "Person": ("Person", None),
    "Organization": ("Organization", "organization"),
    "Company": ("Organization", "company"),
    "LegalEntity": ("Organization", "legal-entity"),
    "PublicBody": ("Organization", "public-body"),
    "Address": ("Location", "address"),
    "Event": ("Event", None),
}

# FtM interval schema -> (person property, organization property, default role).
AFFILIATIONS: dict[str, tuple[str, str, str]] = {
    "Membership": ("member", "organization", "member"),
    "Directorship": ("director", "organization", "director"),
    "Employment": ("employee", "employer", "employee"),
    "Ownership": ("owner", "asset", "owner"),
}

NAME_PROPERTIES = ("name", "alias", "weakAlias", "previousName")


def ftm_id(entity_id: str) -> str:
    return f"ftm:{entity_id}"


def _first(props: dict[str, list[str]], *names: str) -> str | None:
    for name in names:
        for value in props.get(name) or []:
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def _all(props: dict[str, list[str]], *names: str) -> list[str]:
    values = [v.strip() for n in names for v in props.get(n) or [] if isinstance(v, str)]
    return list(dict.fromkeys(v for v in values if v))


def _strings(value: object) -> list[str]:
    """The non-empty strings of a top-level list (``datasets``, ``referents``), else none."""
    return [v for v in value if isinstance(v, str) and v] if isinstance(value, list) else []


def ftm_date(values: list[str]) -> str | None:
    """FtM dates (ISO prefixes, maybe with a time) as EDTF; several become a one-of set."""
    dates = list(dict.fromkeys(v.strip()[:10] for v in values if v and v.strip()))
    if not dates:
        return None
    return dates[0] if len(dates) == 1 else "[" + ", ".join(sorted(dates)) + "]"


def _interval(props: dict[str, list[str]]) -> str | None:
    start, end = ftm_date(props.get("startDate") or []), ftm_date(props.get("endDate") or [])
    if start and end and start != end:
        return f"{start}/{end}"
    return ftm_date(props.get("date") or []) or start or end


def entity_name(entity: dict) -> str | None:
    """The name an entity is shown by: its ``caption``, else its first name-like property."""
    props = entity.get("properties") or {}
    caption = entity.get("caption")
    if isinstance(caption, str) and caption.strip():
        return caption.strip()
    name = _first(props, "name", "full")
    if name:
        return name
    parts = _all(props, "firstName", "lastName")
    return " ".join(parts) or None


_UNITS = count()  # unit ids: the records of one row or object share one


@dataclass(frozen=True)
class Known:
    """What the first pass learnt of an entity in the file."""

    schema: str
    name: str | None


class RowError(ValueError):
    pass


class _Entity:
    """The records of one FtM entity."""

    def __init__(self, entity: dict, index: dict[str, Known], file: str, line: int):
        self.entity, self.index, self.file, self.line = entity, index, file, line
        self.props: dict[str, list[str]] = entity.get("properties") or {}
        self.id = ftm_id(entity["id"])
        self.records: list[Record] = []
        self.unit = next(_UNITS)  # what one row or object expands to loads whole
        self._raw: Any = entity
        self.sources: list[str] = []

    def add(self, data: dict) -> None:
        if data.get("label") != "Source":
            data["sources"] = list(self.sources)
        raw, self._raw = self._raw, None  # the entity shows once, in a reject of its unit
        self.records.append(Record(data, self.file, self.line, raw=raw, unit=self.unit))

    def reject(self, reason: str) -> None:
        self.records.append(
            Record(None, self.file, self.line, error=reason, raw=self.entity, unit=self.unit)
        )

    def name_of(self, ref: str) -> str:
        known = self.index.get(ref)
        return (known.name if known and known.name else None) or f"FtM entity {ref}"

    # -- provenance ------------------------------------------------------------
    def source(self, seen: set[str]) -> None:
        publisher = _first(self.props, "publisher")
        records = []
        for url in _all(self.props, "sourceUrl"):
            record = {"label": "Source", "id": derive_id("Source", url), "title": url, "url": url}
            host = urlsplit(url).netloc.lower().removeprefix("www.")
            if publisher or host:
                record["publisher"] = publisher or host
            records.append(record)
        if publisher and not records:  # a publisher without a document URL
            home = _first(self.props, "publisherUrl")
            record = {"label": "Source", "id": derive_id("Source", home or publisher)}
            record.update(title=publisher, publisher=publisher, **({"url": home} if home else {}))
            records.append(record)
        for dataset in _strings(self.entity.get("datasets")):
            records.append(
                {
                    "label": "Source",
                    "id": f"ftm-dataset:{slug(dataset)}",
                    "title": f"FollowTheMoney dataset {dataset}",
                    "kind": "dataset",
                }
            )
        if not records:
            name = Path(self.file).name
            records.append(
                {
                    "label": "Source",
                    "id": f"ftm-file:{slug(name)}",
                    "title": f"FollowTheMoney file {name}",
                    "kind": "dataset",
                }
            )
        for record in records:
            if record["id"] not in seen:  # once per file, on its own: a rejected entity
                seen.add(record["id"])  # must not take it from the entities after it
                self.records.append(Record(record, self.file, self.line))
        self.sources = [r["id"] for r in records]

    # -- nodes -----------------------------------------------------------------
    def _common(self, label: str, kind: str | None) -> dict[str, Any]:
        record: dict[str, Any] = {"label": label, "id": self.id}
        if kind:
            record["kind"] = kind
        notes = _all(self.props, "notes", "summary", "description")
        if notes:
            record["description"] = "\n".join(notes)
        return record

    def _ids(self) -> list[str]:
        ids = [self.id, *(ftm_id(r) for r in _strings(self.entity.get("referents")))]
        ids += [f"wikidata:{q}" for q in _all(self.props, "wikidataId")]
        return ids

    def actor(self, label: str, kind: str | None) -> None:
        record = self._common(label, kind)
        names = _all(self.props, *NAME_PROPERTIES)
        record["name"] = entity_name(self.entity) or (names[0] if names else "")
        record["aliases"] = [n for n in names if n != record["name"]]
        country = _all(self.props, "nationality", "citizenship", "country", "jurisdiction")
        if country:
            record["country"] = ", ".join(country)
        record["externalIds"] = self._ids()
        if label == "Person":
            birth = ftm_date(self.props.get("birthDate") or [])
            if birth:
                record["birthDate"] = birth
            positions = _all(self.props, "position")
            if positions:
                lines = [f"Position: {p}" for p in positions]
                record["description"] = "\n".join(
                    [record["description"], *lines] if "description" in record else lines
                )
        self.add(record)
        if label == "Organization":
            for ref in _all(self.props, "addressEntity"):
                self.add({"type": "LOCATED_IN", "from": self.id, "to": ftm_id(ref)})

    def address(self) -> None:
        record = self._common("Location", "address")
        parts = _all(self.props, "street", "postalCode", "city", "region")
        record["name"] = _first(self.props, "full") or ", ".join(parts) or entity_name(self.entity)
        country = _all(self.props, "country")
        if country:
            record["country"] = ", ".join(country)
        for prop, ours in (("latitude", "latitude"), ("longitude", "longitude")):
            value = _first(self.props, prop)
            if value is not None:
                try:
                    record[ours] = float(value)
                except ValueError:
                    record[ours] = value  # validation rejects it, naming the property
        self.add(record)

    def event(self) -> None:
        record = self._common("Event", None)
        record["name"] = entity_name(self.entity) or "FtM event"
        record["externalIds"] = self._ids()
        when = _interval(self.props)
        if when:
            record["date"] = when
        self.add(record)
        self._participants([("organizer", "organiser"), ("involved", "involved")])
        for ref in _all(self.props, "addressEntity"):
            self.add({"type": "OCCURRED_AT", "from": self.id, "to": ftm_id(ref)})

    def _participants(self, slots: list[tuple[str, str]]) -> None:
        for prop, role in slots:
            for ref in _all(self.props, prop):
                link_id = f"{ftm_id(ref)}|PARTICIPATED_IN|{self.id}|{role}"
                self.add(
                    {
                        "type": "PARTICIPATED_IN",
                        "id": link_id,
                        "from": ftm_id(ref),
                        "to": self.id,
                        "role": role,
                    }
                )

    # -- intervals ---------------------------------------------------------------
    def payment(self) -> None:
        payers, beneficiaries = _all(self.props, "payer"), _all(self.props, "beneficiary")
        amount = _first(self.props, "amountEur")
        money = f"{amount} EUR" if amount else None
        if not money:
            value, currency = _first(self.props, "amount"), _first(self.props, "currency")
            money = " ".join(v for v in (value, currency) if v) or None
        who = ", ".join(self.name_of(r) for r in payers) or "an unnamed payer"
        whom = ", ".join(self.name_of(r) for r in beneficiaries) or "an unnamed beneficiary"
        record = self._common("Event", "payment")
        record["name"] = f"Payment{' of ' + money if money else ''} from {who} to {whom}"
        purpose = _all(self.props, "purpose", "programme")
        if purpose:
            record["description"] = "\n".join([*purpose, record.get("description", "")]).strip()
        record["externalIds"] = self._ids()
        when = _interval(self.props)
        if when:
            record["date"] = when
        self.add(record)
        self._participants([("payer", "payer"), ("beneficiary", "beneficiary")])

    def affiliation(self, schema: str) -> None:
        person_prop, org_prop, default_role = AFFILIATIONS[schema]
        people, orgs = _all(self.props, person_prop), _all(self.props, org_prop)
        if not people or not orgs:
            missing = person_prop if not people else org_prop
            self.reject(f"FtM {schema} has no {missing}")
            return
        for ref in people:
            known = self.index.get(ref)
            if schema == "Ownership" and known and known.schema != "Person":
                self.reject(
                    f"FtM Ownership by {article(known.schema)} has no mapping (only by a Person)"
                )
                return
        role = _first(self.props, "role", "ownershipType") or default_role
        percentage = _first(self.props, "percentage")
        if percentage:
            role = (
                f"{role} ({percentage}%)"
                if not percentage.endswith("%")
                else f"{role} ({percentage})"
            )
        start = ftm_date(self.props.get("startDate") or [])
        end = ftm_date(self.props.get("endDate") or [])
        several = len(people) * len(orgs) > 1
        for person in people:
            for org in orgs:
                link = {
                    "type": "AFFILIATED_WITH",
                    # The interval entity's id: two memberships of one person in one
                    # organization (different roles or years) stay two links.
                    "id": f"{self.id}|{person}|{org}" if several else self.id,
                    "from": ftm_id(person),
                    "to": ftm_id(org),
                    "role": role,
                }
                if start:
                    link["start"] = start
                if end:
                    link["end"] = end
                self.add(link)


def expand(
    entity: dict, index: dict[str, Known], file: str, line: int, seen: set[str]
) -> list[Record]:
    """The records of one FtM entity (sources once per ``seen`` set)."""
    schema = entity["schema"]
    build = _Entity(entity, index, file, line)
    mapped = schema in NODE_SCHEMATA or schema in AFFILIATIONS or schema == "Payment"
    if not mapped:
        build.reject(f"FtM schema {schema} has no mapping")
        return build.records
    build.source(seen)
    if schema == "Address":
        build.address()
    elif schema == "Event":
        build.event()
    elif schema in NODE_SCHEMATA:
        build.actor(*NODE_SCHEMATA[schema])
    elif schema == "Payment":
        build.payment()
    else:
        build.affiliation(schema)
    return build.records


def parse_line(text: bytes) -> dict:
    """One FtM entity from a line; RowError naming what is wrong."""
    try:
        entity = orjson.loads(text.strip())
    except orjson.JSONDecodeError as exc:
        raise RowError(json_error(exc)) from None
    if not isinstance(entity, dict):
        raise RowError("an FtM entity must be a JSON object")
    for key in ("id", "schema"):
        if not isinstance(entity.get(key), str) or not entity[key]:
            raise RowError(f"{key}: missing in an FtM entity")
    props = entity.get("properties", {})
    if not isinstance(props, dict) or not all(isinstance(v, list) for v in props.values()):
        raise RowError("properties: every FtM property value must be a list")
    return entity


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    with open(path, "rb") as fh:
        for number, text in enumerate(fh, start=1):
            if text.strip():
                yield number, text


def index_file(path: Path) -> dict[str, Known]:
    """Entity id -> schema and name, for every readable entity of the file."""
    index: dict[str, Known] = {}
    for _number, text in _lines(path):
        try:
            entity = parse_line(text)
        except RowError:
            continue
        index[entity["id"]] = Known(entity["schema"], entity_name(entity))
    return index


def read(path: Path, context: LoadContext) -> Iterator[Record]:
    name, index, seen = str(path), index_file(path), set()
    for number, text in _lines(path):
        try:
            entity = parse_line(text)
        except RowError as exc:
            yield Record(None, name, number, error=str(exc), raw=text.decode("utf-8", "replace"))
            continue
        yield from expand(entity, index, name, number, seen)


def detect(path: Path) -> bool:
    """``.ftm.json``/``.ijson`` files, or JSON lines whose first line is an FtM entity."""
    if not path.is_file():
        return False
    lowered = path.name.lower()
    if lowered.endswith((".ftm.json", ".ftm.jsonl", ".ijson")):
        return True
    if path.suffix.lower() not in (".json", ".jsonl", ".ndjson"):
        return False
    with open(path, "rb") as fh:
        first = fh.readline(1 << 20)
    try:
        entity = parse_line(first)
    except RowError:
        return False
    return "properties" in entity


FORMATS = [
    Format(
        "ftm",
        "FollowTheMoney entities, JSON lines (Person, Organization, Address, Event, Payment, ...)",
        read,
        detect,
    )
]
