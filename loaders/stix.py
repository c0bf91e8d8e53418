"""STIX 2.1 bundles (JSON), parsed with the ``stix2`` package (custom ``x-mitre-*`` types allowed).

Mapping (see docs/loaders.md):

* ``identity`` -> Person (``identity_class: individual``) or Organization;
  ``threat-actor`` -> Organization (Person when ``resource_level: individual``);
  ``intrusion-set`` -> Organization; ``campaign`` -> Event (``first_seen`` /
  ``last_seen`` as an EDTF interval); ``location`` -> Location;
  ``report`` -> Source; ``x-mitre-collection`` -> the Source of the bundle.
* ``relationship`` ``attributed-to`` -> a Claim of kind ``attribution``
  ("Campaign X is attributed to intrusion set Y") that the publishing identity
  (``created_by_ref`` of the relationship, else of the report that holds it)
  ALLEGES, that ACCUSES the target, and that is ABOUT the campaign when the
  source is one; ``located-at`` -> LOCATED_IN; ``derived-from`` between two
  reports -> DERIVED_FROM (the first report copies the second).
* ``opinion`` -> a Claim of kind ``opinion`` alleged by its author that
  SUPPORTS the attribution (agree, strongly-agree) or by which the attribution
  is DISPUTED_BY (disagree, strongly-disagree); ``neutral`` is rejected.
* Revoked objects are rejected with the reason ``revoked`` and objects with
  ``x_mitre_deprecated`` with ``deprecated``; every other type (malware,
  attack-pattern, marking-definition, other relationship types...) with
  ``STIX type X has no mapping``: counted, never dropped silently.

Sources: the reports that list an object in ``object_refs``, and its
``external_references`` that have a URL; an object with neither is backed by the
bundle itself. Node ids are the STIX ids, so loading a bundle twice changes
nothing. Each record points at the line where its object starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson
import stix2
import stix2.exceptions

from allegraph.loaders import Format, LoadContext
from allegraph.model import Record
from allegraph.names import derive_id, slug

# STIX object types the loader maps; every other type is a reject that says so.
MAPPED = frozenset(
    {
        "identity",
        "threat-actor",
        "intrusion-set",
        "campaign",
        "location",
        "report",
        "relationship",
        "opinion",
        "x-mitre-collection",
    }
)
RELATIONSHIPS = frozenset({"attributed-to", "located-at", "derived-from"})
SUPPORTING = {"agree": "agrees", "strongly-agree": "strongly agrees"}
DISPUTING = {"disagree": "disagrees", "strongly-disagree": "strongly disagrees"}
TYPE_WORDS = {
    "campaign": "Campaign",
    "intrusion-set": "Intrusion set",
    "threat-actor": "Threat actor",
    "identity": "Identity",
}

_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}\[\]]')


def object_lines(text: bytes) -> list[int]:
    """The line where each object of a bundle's ``objects`` list (or of a top-level list) starts."""
    lines: list[int] = []
    depth, top_is_list, last, line = 0, None, 0, 1
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token[:1] == b'"':
            continue
        if top_is_list is None:
            top_is_list = token == b"["
        if token in (b"{", b"["):
            if token == b"{" and depth == (1 if top_is_list else 2):
                line += text.count(b"\n", last, match.start())
                last = match.start()
                lines.append(line)
            depth += 1
        else:
            depth -= 1
    return lines


def _date(timestamp: str | None) -> str | None:
    return timestamp[:10] if isinstance(timestamp, str) and len(timestamp) >= 10 else None


def _interval(first: str | None, last: str | None) -> str | None:
    start, end = _date(first), _date(last)
    if start and end:
        return start if start == end else f"{start}/{end}"
    if start:
        return f"{start}/.."
    return f"../{end}" if end else None


_UNITS = count()  # unit ids: the records of one row or object share one


class Bundle:
    """A parsed bundle: its objects by id, which reports hold them, and its own Source."""

    def __init__(self, path: Path, data: Any):
        self.path = path
        if isinstance(data, dict) and data.get("type") == "bundle":
            self.objects = data.get("objects") or []
            self.id = data.get("id") or f"stix-file:{slug(path.name)}"
        else:
            self.objects = data if isinstance(data, list) else [data]
            self.id = f"stix-file:{slug(path.name)}"
        self.by_id = {o["id"]: o for o in self.objects if isinstance(o, dict) and "id" in o}
        self.reports: dict[str, list[dict]] = {}
        for obj in self.by_id.values():
            if obj.get("type") == "report":
                for ref in obj.get("object_refs") or []:
                    self.reports.setdefault(ref, []).append(obj)
        self.collection = next(
            (o for o in self.by_id.values() if o.get("type") == "x-mitre-collection"), None
        )

    def name(self, ref: str | None) -> str:
        obj = self.by_id.get(ref or "")
        return (obj or {}).get("name") or ref or ""

    def skipped(self, ref: str | None) -> str | None:
        """Why an object of the bundle is not loaded (revoked, deprecated), if it is not."""
        obj = self.by_id.get(ref or "") or {}
        if obj.get("revoked"):
            return "revoked"
        if obj.get("x_mitre_deprecated"):
            return "deprecated (x_mitre_deprecated)"
        return None

    def source_record(self) -> dict:
        if self.collection:
            title = " ".join(
                v
                for v in (self.collection.get("name"), self.collection.get("x_mitre_version"))
                if v
            )
            creator = self.collection.get("created_by_ref")
        else:
            title, creator = f"STIX bundle {self.path.name}", None
        record = {"label": "Source", "id": self.id, "title": title, "kind": "dataset"}
        if creator and self.name(creator) != creator:
            record["publisher"] = self.name(creator)
        if self.collection and self.collection.get("modified"):
            record["published"] = _date(self.collection["modified"])
        return record

    def claim_text(self, rel: dict) -> str:
        src, dst = self.by_id.get(rel["source_ref"], {}), self.by_id.get(rel["target_ref"], {})
        what = TYPE_WORDS.get(src.get("type"), src.get("type", "Object"))
        whom = TYPE_WORDS.get(dst.get("type"), dst.get("type", "object")).lower()
        return (
            f"{what} '{self.name(rel['source_ref'])}' is attributed to "
            f"{whom} '{self.name(rel['target_ref'])}'"
        )

    def publisher_of(self, obj: dict) -> str | None:
        """The identity that states an object: its creator, else the creator of its report."""
        if obj.get("created_by_ref"):
            return obj["created_by_ref"]
        for report in self.reports.get(obj["id"], []):
            if report.get("created_by_ref"):
                return report["created_by_ref"]
        return None


class _Object:
    """The records of one STIX object."""

    def __init__(self, bundle: Bundle, obj: dict, file: str, line: int, seen: set[str]):
        self.bundle, self.obj, self.file, self.line, self.seen = bundle, obj, file, line, seen
        self.records: list[Record] = []
        self.unit = next(_UNITS)  # what one row or object expands to loads whole
        self._raw: Any = obj
        self.sources: list[str] = []
        self.fresh: set[str] = set()  # Sources first written by this object

    def add(self, data: dict) -> None:
        if data.get("label") != "Source" and self.sources:
            data["sources"] = list(self.sources)
        raw, self._raw = self._raw, None  # the object shows once, in a reject of its unit
        self.records.append(Record(data, self.file, self.line, raw=raw, unit=self.unit))

    def reject(self, reason: str) -> None:
        """The object is one reject; Sources it would have written are left to later objects."""
        self.records = [Record(None, self.file, self.line, error=reason, raw=self.obj)]
        self.fresh.clear()

    def add_source(self, record: dict) -> None:
        if record["id"] not in self.seen and record["id"] not in self.fresh:  # once per file
            self.fresh.add(record["id"])  # on its own: a rejected object must not take it
            self.records.append(Record(record, self.file, self.line))

    def provenance(self) -> None:
        """The Sources of this object: its reports, its cited URLs, or else the bundle."""
        obj = self.obj
        ids = [r["id"] for r in self.bundle.reports.get(obj["id"], [])]
        for ref in obj.get("external_references") or []:
            url = ref.get("url")
            if not url:
                continue
            label = " ".join(v for v in (ref.get("source_name"), ref.get("external_id")) if v)
            if obj.get("name"):
                label = f"{label}: {obj['name']}"
            record = {
                "label": "Source",
                "id": derive_id("Source", url),
                "title": ref.get("description") or label or url,
                "url": url,
            }
            host = urlsplit(url).netloc.lower().removeprefix("www.")
            if host:
                record["publisher"] = host
            self.add_source(record)
            ids.append(record["id"])
        if not ids:
            self.add_source(self.bundle.source_record())
            ids.append(self.bundle.id)
        self.sources = list(dict.fromkeys(ids))

    def external_ids(self) -> list[str]:
        return [
            f"{ref['source_name']}:{ref['external_id']}"
            for ref in self.obj.get("external_references") or []
            if ref.get("source_name") and ref.get("external_id")
        ]

    def _node(self, label: str, kind: str | None) -> dict:
        obj = self.obj
        record: dict[str, Any] = {"label": label, "id": obj["id"], "name": obj.get("name", "")}
        if kind:
            record["kind"] = kind
        aliases = [a for a in obj.get("aliases") or [] if a != obj.get("name")]
        aliases += [a for a in obj.get("x_mitre_aliases") or [] if a != obj.get("name")]
        if aliases:
            record["aliases"] = list(dict.fromkeys(aliases))
        if obj.get("description"):
            # The text is the publisher's, attributions included: say whose it is.
            author = self.bundle.name(obj.get("created_by_ref")) or "the STIX bundle"
            record["description"] = f"As described by {author}: {obj['description']}"
        if self.external_ids():
            record["externalIds"] = self.external_ids()
        return record

    # -- object types ------------------------------------------------------------
    def identity(self) -> None:
        obj = self.obj
        cls = obj.get("identity_class") or "organization"
        label = "Person" if cls == "individual" else "Organization"
        self.add(self._node(label, None if label == "Person" else cls))

    def threat_actor(self) -> None:
        label = "Person" if self.obj.get("resource_level") == "individual" else "Organization"
        self.add(self._node(label, None if label == "Person" else "threat-actor"))

    def intrusion_set(self) -> None:
        self.add(self._node("Organization", "intrusion-set"))

    def campaign(self) -> None:
        record = self._node("Event", "campaign")
        when = _interval(self.obj.get("first_seen"), self.obj.get("last_seen"))
        if when:
            record["date"] = when
        self.add(record)

    def location(self) -> None:
        obj = self.obj
        parts = [obj.get(k) for k in ("city", "administrative_area", "country") if obj.get(k)]
        record = self._node("Location", "region" if obj.get("region") else None)
        record["name"] = obj.get("name") or ", ".join(parts) or obj.get("region") or ""
        if not record["name"] and "latitude" in obj:
            record["name"] = f"{obj['latitude']}, {obj['longitude']}"
        if obj.get("country"):
            record["country"] = obj["country"]
        for key in ("latitude", "longitude"):
            if key in obj:
                record[key] = float(obj[key])
        self.add(record)

    def report(self) -> None:
        obj = self.obj
        record = {
            "label": "Source",
            "id": obj["id"],
            "title": obj.get("name", ""),
            "kind": "report",
        }
        urls = [r["url"] for r in obj.get("external_references") or [] if r.get("url")]
        if urls:
            record["url"] = urls[0]
        if obj.get("created_by_ref"):
            record["publisher"] = self.bundle.name(obj["created_by_ref"])
        if _date(obj.get("published")):
            record["published"] = _date(obj["published"])
        if obj.get("description"):
            record["description"] = obj["description"]
        self.records.append(Record(record, self.file, self.line, unit=self.unit))

    def collection(self) -> None:
        """The collection describes the bundle: it is the bundle's Source."""
        self.fresh.add(self.bundle.id)
        self.records.append(Record(self.bundle.source_record(), self.file, self.line))

    def relationship(self) -> None:
        obj = self.obj
        kind = obj.get("relationship_type")
        if kind not in RELATIONSHIPS:
            self.reject(f"STIX relationship {kind} has no mapping")
            return
        for end in ("source_ref", "target_ref"):
            why = self.bundle.skipped(obj.get(end))
            if why:
                self.reject(f"{end}: {obj.get(end)} is {why}")
                return
        if kind == "located-at":
            self.add({"type": "LOCATED_IN", "from": obj["source_ref"], "to": obj["target_ref"]})
            return
        if kind == "derived-from":  # one report copies another: DERIVED_FROM of their Sources
            ends = (obj["source_ref"], obj["target_ref"])
            if not all(end.startswith("report--") for end in ends):
                self.reject("STIX relationship derived-from has a mapping between reports only")
                return
            self.add({"type": "DERIVED_FROM", "from": ends[0], "to": ends[1]})
            return
        claim = {
            "label": "Claim",
            "id": obj["id"],
            "text": self.bundle.claim_text(obj),
            "kind": "attribution",
        }
        if obj.get("description"):
            claim["description"] = obj["description"]
        self.add(claim)
        publisher = self.bundle.publisher_of(obj)
        if publisher:
            self.add({"type": "ALLEGES", "from": publisher, "to": obj["id"]})
        self.add({"type": "ACCUSES", "from": obj["id"], "to": obj["target_ref"]})
        if obj["source_ref"].startswith("campaign--"):
            self.add({"type": "ABOUT", "from": obj["id"], "to": obj["source_ref"]})

    def opinion(self) -> None:
        obj, bundle = self.obj, self.bundle
        stance = obj.get("opinion")
        if stance not in SUPPORTING and stance not in DISPUTING:
            self.reject(f"STIX opinion {stance!r} neither supports nor disputes; not mapped")
            return
        targets = [
            ref
            for ref in obj.get("object_refs") or []
            if (bundle.by_id.get(ref) or {}).get("relationship_type") == "attributed-to"
        ]
        if not targets:
            self.reject("STIX opinion about no attributed-to relationship has no mapping")
            return
        author = bundle.publisher_of(obj)
        verb = SUPPORTING.get(stance) or DISPUTING[stance]
        about = "; ".join(bundle.claim_text(bundle.by_id[t]) for t in targets)
        text = f"{bundle.name(author) if author else 'The author'} {verb}: {about}"
        if obj.get("explanation"):
            text += f". {obj['explanation']}"
        self.add({"label": "Claim", "id": obj["id"], "text": text, "kind": "opinion"})
        if author:
            self.add({"type": "ALLEGES", "from": author, "to": obj["id"]})
        for target in targets:
            if stance in SUPPORTING:
                self.add({"type": "SUPPORTS", "from": obj["id"], "to": target})
            else:
                self.add({"type": "DISPUTED_BY", "from": target, "to": obj["id"]})


HANDLERS = {
    "identity": _Object.identity,
    "threat-actor": _Object.threat_actor,
    "intrusion-set": _Object.intrusion_set,
    "campaign": _Object.campaign,
    "location": _Object.location,
    "report": _Object.report,
    "relationship": _Object.relationship,
    "opinion": _Object.opinion,
    "x-mitre-collection": _Object.collection,
}
assert set(HANDLERS) == MAPPED


def expand(bundle: Bundle, obj: Any, file: str, line: int, seen: set[str]) -> list[Record]:
    """The records of one object of ``bundle`` (Sources once per ``seen`` set)."""
    if not isinstance(obj, dict) or not isinstance(obj.get("type"), str) or "id" not in obj:
        return [Record(None, file, line, error="not a STIX object (type and id)", raw=obj)]
    build = _Object(bundle, obj, file, line, seen)
    why = bundle.skipped(obj["id"])
    if why:
        build.reject(why)
        return build.records
    kind = obj["type"]
    if kind not in MAPPED:
        build.reject(f"STIX type {kind} has no mapping")
        return build.records
    if kind != "relationship" or obj.get("relationship_type") in RELATIONSHIPS:
        try:
            stix2.parse(obj, allow_custom=True)
        except (stix2.exceptions.STIXError, ValueError) as exc:
            build.reject(f"STIX: {str(exc).splitlines()[0]}")
            return build.records
    if kind not in ("report", "x-mitre-collection"):  # these are Sources themselves
        build.provenance()
    HANDLERS[kind](build)
    seen.update(build.fresh)
    return build.records


def read(path: Path, context: LoadContext) -> Iterator[Record]:
    name = str(path)
    text = path.read_bytes()  # a bundle is one JSON document
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        yield Record(None, name, 1, error=f"invalid JSON: {exc}", raw=text[:1000].decode())
        return
    bundle, seen = Bundle(path, data), set()
    lines = object_lines(text)
    for index, obj in enumerate(bundle.objects):
        line = lines[index] if index < len(lines) else 1
        yield from expand(bundle, obj, name, line, seen)


_BUNDLE = re.compile(rb'"type"\s*:\s*"bundle"')
_STIX_ID = re.compile(rb'"id"\s*:\s*"[a-z0-9-]+--[0-9a-fA-F-]{36}"')


def detect(path: Path) -> bool:
    """A ``.json`` file that starts like a STIX bundle."""
    if not (path.is_file() and path.suffix.lower() == ".json"):
        return False
    with open(path, "rb") as fh:
        head = fh.read(1 << 14)
    return head.lstrip()[:1] == b"{" and bool(_BUNDLE.search(head) and _STIX_ID.search(head))


FORMATS = [
    Format(
        "stix",
        "STIX 2.1 bundle (JSON): actors, campaigns, reports; attributed-to as claims",
        read,
        detect,
    )
]
