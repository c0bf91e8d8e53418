"""Load ``model.yaml`` into a :class:`Registry` that every other part reads.

Nothing outside this package lists labels, relationship types or properties:
validation, the stores, the RDF mapping and the views ask the registry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

PROPERTY_TYPES = {"string", "text", "integer", "number", "boolean", "url", "edtf", "list"}


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    description: str = ""
    required: bool = False
    values: tuple[str, ...] | None = None
    min: int | None = None
    max: int | None = None
    earliest: str | None = None
    latest: str | None = None
    # `rdf`: the term of an established vocabulary for it (a CURIE: schema:sha256);
    # `pattern`: a regular expression every value (every item of a list) must match;
    # `json_keys`/`json_required`: each list item is a JSON object with these keys
    # (a verification step, docs/model.md), kept as text so every store and format holds it
    rdf: str | None = None
    pattern: str | None = None
    json_keys: tuple[str, ...] | None = None
    json_required: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelSpec:
    name: str
    description: str
    name_property: str
    properties: dict[str, Property]
    id_from: tuple[str, ...]
    sources_required: bool = False
    view: dict[str, Any] = field(default_factory=dict)
    rdf: str | None = None

    @cached_property  # asked for every node and edge a view describes
    def derived(self) -> dict[str, Property]:
        """Derived property name -> the EDTF property it comes from."""
        return _derived(self.properties)


@dataclass(frozen=True)
class LinkSpec:
    name: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: dict[str, Property]
    sources_required: bool = False
    view: dict[str, Any] = field(default_factory=dict)

    @cached_property  # asked for every node and edge a view describes
    def derived(self) -> dict[str, Property]:
        return _derived(self.properties)


def _derived(props: dict[str, Property]) -> dict[str, Property]:
    out = {}
    for p in props.values():
        if p.type == "edtf":
            out[p.earliest] = p
            out[p.latest] = p
    return out


class SchemaError(ValueError):
    """The model file itself is wrong."""


# What a status's `when` may name (allegraph.status sets them for a claim): its
# disputes by stance, and whether it is corroborated at the threshold asked.
STATUS_CONDITIONS = ("retraction", "denial", "rebuttal", "corroborated")
DISPUTE_CONDITIONS = ("retraction", "denial", "rebuttal")


@dataclass(frozen=True)
class StatusRule:
    """One claim status of the policy: it applies when every condition in ``when``
    holds (none: always); ``description`` says so in words (docs/model.md)."""

    name: str
    when: tuple[str, ...] = ()
    description: str = ""


DEFAULT_STATUSES = (
    StatusRule("retracted", ("retraction",)),
    StatusRule("contested", ("rebuttal", "corroborated")),
    StatusRule("disputed", ("rebuttal",)),
    StatusRule("denied", ("denial",)),
    StatusRule("corroborated", ("corroborated",)),
    StatusRule("single-source", ()),
)


@dataclass(frozen=True)
class StatusPolicy:
    """The policy of the claim status rule (``status.yaml``; allegraph.status applies it).

    ``counted``: the Source reliability grades that count toward corroboration;
    ``ungraded``: whether a Source without a grade counts; ``min``: independent
    sources or backing actors that make a claim corroborated; ``statuses``: the
    statuses in precedence order, the first whose conditions hold wins.
    """

    counted: tuple[str, ...] = ("A", "B", "C", "F")
    ungraded: bool = True
    min: int = 2
    statuses: tuple[StatusRule, ...] = DEFAULT_STATUSES
    evidence: tuple[str, ...] = ("authenticated",)  # Evidence states that count as a source

    def counts(self, reliability: str | None) -> bool:
        """Whether a source of this reliability grade counts toward corroboration."""
        return self.ungraded if not reliability else reliability in self.counted

    @property
    def names(self) -> tuple[str, ...]:
        """The statuses, in precedence order."""
        return tuple(s.name for s in self.statuses)

    def status(self, holds: Iterable[str]) -> str:
        """The first status whose conditions all hold (``holds``: those that do)."""
        held = set(holds)
        for rule in self.statuses:
            if held.issuperset(rule.when):
                return rule.name
        raise AssertionError("a status policy ends with a status that always applies")

    def params(self) -> dict[str, Any]:
        """The policy as Cypher parameters (never pasted into query text)."""
        return {
            "counted": list(self.counted),
            "ungraded": self.ungraded,
            "evidenceCounted": list(self.evidence),
            "statuses": [{"name": s.name, "when": list(s.when)} for s in self.statuses],
            "disputing": [s.name for s in self.statuses if set(s.when) & set(DISPUTE_CONDITIONS)],
        }


def _status_rules(raw: list[dict[str, Any]] | None) -> tuple[StatusRule, ...]:
    if not raw:
        return DEFAULT_STATUSES
    rules = []
    for i, spec in enumerate(raw):
        when = spec.get("when") or []
        if isinstance(when, str) or not all(isinstance(w, str) for w in when):
            raise SchemaError(f"status.statuses[{i}].when: expected a list of conditions")
        unknown = [w for w in when if w not in STATUS_CONDITIONS]
        if unknown:
            raise SchemaError(
                f"status.statuses[{i}].when: {unknown} are not conditions; "
                f"known: {', '.join(STATUS_CONDITIONS)}"
            )
        rules.append(StatusRule(str(spec["name"]), tuple(when), spec.get("description", "")))
    if rules[-1].when:
        raise SchemaError("status.statuses: the last status must apply always (no `when`)")
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise SchemaError(f"status.statuses: a status is named twice in {names}")
    return tuple(rules)


def _status_policy(
    raw: dict[str, Any] | None,
    grades: tuple[str, ...] | None,
    states: tuple[str, ...] | None = None,
) -> StatusPolicy:
    if raw is None:
        return StatusPolicy()
    counted = tuple(raw.get("counted_reliability", StatusPolicy.counted))
    unknown = [g for g in counted if grades and g not in grades]
    if unknown:
        raise SchemaError(f"status.counted_reliability: {unknown} are not reliability grades")
    least = raw.get("min", 2)
    if not isinstance(least, int) or isinstance(least, bool) or least < 1:
        raise SchemaError(f"status.min: expected an integer >= 1, got {least!r}")
    statuses = _status_rules(raw.get("statuses"))
    evidence = tuple(raw.get("counted_evidence", StatusPolicy.evidence))
    unknown = [s for s in evidence if states and s not in states]
    if unknown:
        raise SchemaError(f"status.counted_evidence: {unknown} are not verification states")
    ungraded = bool(raw.get("ungraded_counts", True))
    return StatusPolicy(counted, ungraded, least, statuses, evidence)


def _properties(raw: dict[str, Any] | None, where: str) -> dict[str, Property]:
    props = {}
    for name, spec in (raw or {}).items():
        kind = spec.get("type", "string")
        if kind not in PROPERTY_TYPES:
            raise SchemaError(f"{where}.{name}: unknown property type {kind!r}")
        if kind == "edtf" and not (spec.get("earliest") and spec.get("latest")):
            raise SchemaError(f"{where}.{name}: an edtf property must name earliest and latest")
        values = spec.get("values")
        items = spec.get("items") or {}
        if items and (kind != "list" or not items.get("json")):
            raise SchemaError(f"{where}.{name}: `items` takes `json` keys, on a list property")
        props[name] = Property(
            name=name,
            type=kind,
            description=spec.get("description", ""),
            required=bool(spec.get("required", False)),
            values=tuple(values) if values else None,
            min=spec.get("min"),
            max=spec.get("max"),
            earliest=spec.get("earliest"),
            latest=spec.get("latest"),
            rdf=spec.get("rdf"),
            pattern=spec.get("pattern"),
            json_keys=tuple(items["json"]) if items else None,
            json_required=tuple(items.get("required") or ()),
        )
    return props


class Registry:
    """The data model: labels, relationship types and their properties."""

    def __init__(self, data: dict[str, Any], status: dict[str, Any] | None = None):
        self.version = data.get("version", 1)
        self.node_properties = _properties(data.get("node_properties"), "node_properties")
        self.link_properties = _properties(data.get("link_properties"), "link_properties")
        self.system_properties = _properties(data.get("system_properties"), "system_properties")
        self.labels: dict[str, LabelSpec] = {}
        for name, spec in data["labels"].items():
            props = {**self.node_properties, **_properties(spec.get("properties"), name)}
            name_prop = spec.get("name", "name")
            if name_prop not in props:
                raise SchemaError(f"{name}: name property {name_prop!r} is not declared")
            self.labels[name] = LabelSpec(
                name=name,
                description=spec.get("description", ""),
                name_property=name_prop,
                properties=props,
                id_from=tuple(spec.get("id_from", [name_prop])),
                sources_required=bool(spec.get("sources_required", False)),
                view=spec.get("view", {}),
                rdf=spec.get("rdf"),
            )
        self.relationships: dict[str, LinkSpec] = {}
        for name, spec in data["relationships"].items():
            for end in [*spec["from"], *spec["to"]]:
                if end not in self.labels:
                    raise SchemaError(f"{name}: endpoint {end!r} is not a label")
            self.relationships[name] = LinkSpec(
                name=name,
                description=spec.get("description", ""),
                sources=tuple(spec["from"]),
                targets=tuple(spec["to"]),
                properties={**self.link_properties, **_properties(spec.get("properties"), name)},
                sources_required=bool(spec.get("sources_required", False)),
                view=spec.get("view", {}),
            )
        source = self.labels.get("Source")
        grades = source.properties["reliability"].values if source else None
        evidence = self.labels.get("Evidence")
        states = evidence.properties["verification"].values if evidence else None
        self.status = _status_policy(status, grades, states)

    @classmethod
    def from_file(cls, path: str | Path) -> Registry:
        with open(path, encoding="utf-8") as fh:
            return cls(_parse_yaml(fh.read()))

    def label(self, name: str) -> LabelSpec:
        return self.labels[name]

    def relationship(self, name: str) -> LinkSpec:
        return self.relationships[name]

    @property
    def actor_labels(self) -> tuple[str, ...]:
        """Labels that can allege a claim: the actors."""
        return self.relationships["ALLEGES"].sources


def _parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` with libyaml's parser when PyYAML has it (the same data, read
    8x faster: every command that opens a store reads the model)."""
    import yaml  # imported when a model is read, not at start-up (`allegraph --help`)

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry of the model shipped with allegraph."""
    folder = resources.files("allegraph.schema")
    text = folder.joinpath("model.yaml").read_text("utf-8")
    status = folder.joinpath("status.yaml").read_text("utf-8")
    return Registry(_parse_yaml(text), _parse_yaml(status))
