"""Load ``model.yaml`` into a :class:`Registry` that every other part reads.

Nothing outside this package lists labels, relationship types or properties:
validation, the stores, the RDF mapping and the views ask the registry.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class StatusPolicy:
    """The policy of the claim status rule (``status.yaml``; allegraph.status applies it).

    ``counted``: the Source reliability grades that count toward corroboration;
    ``ungraded``: whether a Source without a grade counts; ``min``: independent
    sources or backing actors that make a claim corroborated; ``statuses``: the
    statuses with their conditions, in precedence order (for the docs).
    """

    counted: tuple[str, ...] = ("A", "B", "C", "F")
    ungraded: bool = True
    min: int = 2
    statuses: tuple[tuple[str, str], ...] = ()

    def counts(self, reliability: str | None) -> bool:
        """Whether a source of this reliability grade counts toward corroboration."""
        return self.ungraded if not reliability else reliability in self.counted

    def params(self) -> dict[str, Any]:
        """The policy as Cypher parameters (never pasted into query text)."""
        return {"counted": list(self.counted), "ungraded": self.ungraded}


def _status_policy(raw: dict[str, Any] | None, grades: tuple[str, ...] | None) -> StatusPolicy:
    if raw is None:
        return StatusPolicy()
    counted = tuple(raw.get("counted_reliability", StatusPolicy.counted))
    unknown = [g for g in counted if grades and g not in grades]
    if unknown:
        raise SchemaError(f"status.counted_reliability: {unknown} are not reliability grades")
    least = raw.get("min", 2)
    if not isinstance(least, int) or isinstance(least, bool) or least < 1:
        raise SchemaError(f"status.min: expected an integer >= 1, got {least!r}")
    statuses = tuple((s["name"], s.get("when", "")) for s in raw.get("statuses") or ())
    return StatusPolicy(counted, bool(raw.get("ungraded_counts", True)), least, statuses)


def _properties(raw: dict[str, Any] | None, where: str) -> dict[str, Property]:
    props = {}
    for name, spec in (raw or {}).items():
        kind = spec.get("type", "string")
        if kind not in PROPERTY_TYPES:
            raise SchemaError(f"{where}.{name}: unknown property type {kind!r}")
        if kind == "edtf" and not (spec.get("earliest") and spec.get("latest")):
            raise SchemaError(f"{where}.{name}: an edtf property must name earliest and latest")
        values = spec.get("values")
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
        self.status = _status_policy(status, grades)

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
