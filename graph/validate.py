"""Check native records against the schema registry.

:meth:`Validator.check` turns a record dict into an :class:`Entity` or
:class:`Link`, or raises :class:`ValidationError` with a reason that names the
field. Checks that need the rest of the graph (does a referenced id exist, does
it have an allowed label) are made by the load pipeline with
:meth:`Validator.check_endpoints`, because the answer depends on the batch
and the store.
"""

from __future__ import annotations

import json
import re
from typing import Any

from allegraph.dates import DateError, date_range
from allegraph.model import Entity, Link
from allegraph.names import article, derive_id
from allegraph.schema import Property, Registry

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
ENTITY_KEYS = {"label", "id", "sources"}
LINK_KEYS = {"type", "from", "to", "id", "sources"}


class ValidationError(ValueError):
    """A record breaks the model; the message names the field."""


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


_STRING_TYPES = frozenset({"string", "text", "url", "edtf"})


class _Plan:
    """What one label or relationship type accepts, laid out for :meth:`_Plan.props`.

    The fast path of validation: it answers valid records exactly as the general
    code does, and gives up (None) at the first doubt, so that the general code
    runs again and raises with its message. It never accepts what the general
    code rejects (tests/graph/test_validate_fast.py runs both on the same records).
    """

    __slots__ = ("allowed", "skip", "required", "edtf", "id_from", "sources_required")

    def __init__(self, spec: dict[str, Property], derived: dict[str, Property], skip: set[str]):
        # properties with a pattern or JSON items are left to the general code
        self.allowed = {k: p for k, p in spec.items() if not (p.pattern or p.json_keys)}
        self.skip = frozenset(skip | set(derived))
        self.required = tuple(p.name for p in spec.values() if p.required)
        self.edtf = tuple((p.name, p.earliest, p.latest) for p in spec.values() if p.type == "edtf")
        self.id_from: tuple[str, ...] = ()
        self.sources_required = False

    def props(self, data: dict[str, Any]) -> dict[str, Any] | None:
        props: dict[str, Any] = {}
        allowed, skip = self.allowed, self.skip
        for key, value in data.items():
            if key in skip:
                continue
            prop = allowed.get(key)
            if prop is None:
                return None
            if value is None or value == "" or value == []:
                continue
            kind, cls = prop.type, type(value)
            if kind in _STRING_TYPES:
                if cls is not str or (prop.values and value not in prop.values):
                    return None
                if kind == "edtf":
                    try:
                        date_range(value)
                    except DateError:
                        return None
                elif kind == "url" and not _URL.match(value):
                    return None
            elif kind == "list":
                if cls is not list:
                    return None
                for item in value:
                    if type(item) is not str:
                        return None
                value = list(dict.fromkeys(v for v in value if v))
            elif kind == "integer":
                if cls is not int:
                    return None
                if (prop.min is not None and value < prop.min) or (
                    prop.max is not None and value > prop.max
                ):
                    return None
            elif kind == "number":
                if cls is not int and cls is not float:
                    return None
            elif kind != "boolean" or cls is not bool:
                return None
            props[key] = value
        for name in self.required:
            if name not in props:
                return None
        for name, earliest, latest in self.edtf:
            if name in props:
                low, high = date_range(props[name])
                if low:
                    props[earliest] = low
                if high:
                    props[latest] = high
        return props

    def sources(self, data: dict[str, Any]) -> list[str] | None:
        value = data.get("sources")
        if value is None or value == "" or value == []:
            return None if self.sources_required else []
        if type(value) is not list:
            return None
        for item in value:
            if type(item) is not str or not item:
                return None
        return list(dict.fromkeys(value))


class Validator:
    def __init__(self, registry: Registry):
        self.registry = registry
        self._system = set(registry.system_properties) - {"sources"}
        self._entity_plans: dict[str, _Plan] = {}
        for name, spec in registry.labels.items():
            plan = _Plan(spec.properties, spec.derived, ENTITY_KEYS | self._system)
            plan.id_from, plan.sources_required = spec.id_from, spec.sources_required
            self._entity_plans[name] = plan
        self._link_plans: dict[str, _Plan] = {}
        for name, spec in registry.relationships.items():
            plan = _Plan(spec.properties, spec.derived, LINK_KEYS | self._system)
            plan.sources_required = spec.sources_required
            self._link_plans[name] = plan

    def check(self, data: Any) -> Entity | Link:
        if type(data) is dict:  # the fast path, for records that are valid
            if "label" in data:
                if "type" not in data:
                    found = self._fast_entity(data)
                    if found is not None:
                        return found
            elif "type" in data:
                found = self._fast_link(data)
                if found is not None:
                    return found
        if not isinstance(data, dict):
            raise ValidationError(f"a record must be an object, not {type(data).__name__}")
        if "label" in data:
            if "type" in data:
                raise ValidationError("a record has either 'label' (entity) or 'type' (link)")
            return self.check_entity(data)
        if "type" in data:
            return self.check_link(data)
        raise ValidationError("record has neither 'label' (entity) nor 'type' (link)")

    def _fast_entity(self, data: dict[str, Any]) -> Entity | None:
        label = data["label"]
        plan = self._entity_plans.get(label) if type(label) is str else None
        if plan is None:
            return None
        props = plan.props(data)
        if props is None:
            return None
        sources = plan.sources(data)
        if sources is None:
            return None
        ident = data.get("id")
        if type(ident) is str and ident and ident == ident.strip():
            return Entity(label, ident, props, sources)
        if ident is None or ident == "" or ident == []:
            for key in plan.id_from:
                if key in props:
                    return Entity(label, derive_id(label, str(props[key])), props, sources)
        return None

    def _fast_link(self, data: dict[str, Any]) -> Link | None:
        kind = data["type"]
        plan = self._link_plans.get(kind) if type(kind) is str else None
        if plan is None:
            return None
        src, dst = data.get("from"), data.get("to")
        if type(src) is not str or type(dst) is not str or not src or not dst:
            return None
        props = plan.props(data)
        if props is None:
            return None
        sources = plan.sources(data)
        if sources is None:
            return None
        ident = data.get("id") or ""
        if type(ident) is not str:
            return None
        return Link(kind, src, dst, props, sources, ident)

    def check_entity(self, data: dict[str, Any]) -> Entity:
        label = data.get("label")
        spec = self.registry.labels.get(label) if isinstance(label, str) else None
        if spec is None:
            known = ", ".join(self.registry.labels)
            raise ValidationError(f"label: unknown label {label!r} (known: {known})")
        props = self._props(data, ENTITY_KEYS, spec.properties, spec.derived, label)
        sources = self._sources(data, spec.sources_required, label)
        ident = data.get("id")
        if _empty(ident):
            for key in spec.id_from:
                if key in props:
                    ident = derive_id(label, str(props[key]))
                    break
        elif not isinstance(ident, str) or ident != ident.strip():
            raise ValidationError(f"id: must be a string without surrounding spaces, got {ident!r}")
        return Entity(label=label, id=ident, props=props, sources=sources)

    def check_link(self, data: dict[str, Any]) -> Link:
        kind = data.get("type")
        spec = self.registry.relationships.get(kind) if isinstance(kind, str) else None
        if spec is None:
            known = ", ".join(self.registry.relationships)
            raise ValidationError(f"type: unknown relationship type {kind!r} (known: {known})")
        ends = []
        for key in ("from", "to"):
            value = data.get(key)
            if _empty(value):
                raise ValidationError(f"{key}: missing required field of {article(kind)} link")
            if not isinstance(value, str):
                raise ValidationError(f"{key}: must be a node id string, got {value!r}")
            ends.append(value)
        props = self._props(data, LINK_KEYS, spec.properties, spec.derived, kind)
        sources = self._sources(data, spec.sources_required, kind)
        ident = data.get("id") or ""
        if not isinstance(ident, str):
            raise ValidationError(f"id: must be a string, got {ident!r}")
        return Link(type=kind, src=ends[0], dst=ends[1], props=props, sources=sources, id=ident)

    def check_endpoints(self, link: Link, src_label: str, dst_label: str) -> None:
        spec = self.registry.relationships[link.type]
        if src_label not in spec.sources:
            allowed = "/".join(spec.sources)
            raise ValidationError(
                f"from: {link.type} must start at {allowed}, "
                f"but {link.src!r} is {article(src_label)}"
            )
        if dst_label not in spec.targets:
            allowed = "/".join(spec.targets)
            raise ValidationError(
                f"to: {link.type} must end at {allowed}, but {link.dst!r} is {article(dst_label)}"
            )

    def _sources(self, data: dict[str, Any], required: bool, owner: str) -> list[str]:
        value = data.get("sources")
        if _empty(value):
            if required:
                raise ValidationError(f"sources: {article(owner)} needs at least one source id")
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ValidationError(f"sources: must be a list of Source ids, got {value!r}")
        return list(dict.fromkeys(value))

    def _props(
        self,
        data: dict[str, Any],
        reserved: set[str],
        spec: dict[str, Property],
        derived: dict[str, Property],
        owner: str,
    ) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for key, value in data.items():
            if key in reserved or key in derived or key in self._system:
                continue  # derived and bookkeeping values are recomputed, never trusted
            prop = spec.get(key)
            if prop is None:
                raise ValidationError(f"{key}: unknown property of {owner}")
            if _empty(value):
                continue
            props[key] = check_value(prop, value)
        for prop in spec.values():
            if prop.required and prop.name not in props:
                raise ValidationError(f"{prop.name}: missing required property of {owner}")
            if prop.type == "edtf" and prop.name in props:
                earliest, latest = date_range(props[prop.name])
                if earliest:
                    props[prop.earliest] = earliest
                if latest:
                    props[prop.latest] = latest
        return props


def check_value(prop: Property, value: Any) -> Any:
    """The value if it fits the property's type, else a ValidationError naming it."""
    kind = prop.type

    def wrong(expected: str) -> ValidationError:
        return ValidationError(f"{prop.name}: expected {expected}, got {value!r}")

    if kind in ("string", "text", "url", "edtf"):
        if not isinstance(value, str):
            raise wrong("a string")
        if prop.pattern and not re.fullmatch(prop.pattern, value):
            raise ValidationError(f"{prop.name}: {value!r} does not match {prop.pattern}")
        if prop.values and value not in prop.values:
            raise ValidationError(f"{prop.name}: {value!r} is not one of {', '.join(prop.values)}")
        if kind == "url" and not _URL.match(value):
            raise wrong("a URL")
        if kind == "edtf":
            try:
                date_range(value)
            except DateError as exc:
                raise ValidationError(f"{prop.name}: {exc}") from None
        return value
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong("an integer")
        if (prop.min is not None and value < prop.min) or (
            prop.max is not None and value > prop.max
        ):
            raise ValidationError(f"{prop.name}: {value} is outside {prop.min}..{prop.max}")
        return value
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise wrong("a number")
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise wrong("true or false")
        return value
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise wrong("a list of strings")
        items = [v for v in value if v]
        if prop.pattern:
            for item in items:
                if not re.fullmatch(prop.pattern, item):
                    raise ValidationError(f"{prop.name}: {item!r} does not match {prop.pattern}")
        if prop.json_keys:
            items = [json_item(prop, item) for item in items]
        return list(dict.fromkeys(items))
    raise AssertionError(kind)


def json_item(prop: Property, item: str | dict[str, Any]) -> str:
    """One item of a list of JSON objects (``Property.json_keys``) as its canonical text:
    keys in the schema's order, no others, every value a string. The same step written
    with other spacing or key order is the same item, so loading it twice keeps one."""
    import json

    try:
        found = json.loads(item) if isinstance(item, str) else item
    except ValueError:
        raise ValidationError(f"{prop.name}: {item!r} is not a JSON object") from None
    if not isinstance(found, dict):
        raise ValidationError(f"{prop.name}: {item!r} is not a JSON object")
    keys = prop.json_keys or ()
    unknown = [k for k in found if k not in keys]
    if unknown:
        raise ValidationError(
            f"{prop.name}: unknown key {unknown[0]!r} in {item!r} (known: {', '.join(keys)})"
        )
    missing = [k for k in prop.json_required if _empty(found.get(k))]
    if missing:
        raise ValidationError(f"{prop.name}: {item!r} has no {missing[0]!r}")
    for key, value in found.items():
        if value is not None and not isinstance(value, str):
            raise ValidationError(f"{prop.name}: {key} must be a string in {item!r}")
    ordered = {k: found[k] for k in keys if not _empty(found.get(k))}
    return json.dumps(ordered, ensure_ascii=False)


def parse_text(prop: Property, text: str) -> Any:
    """Turn a cell of text (CSV) into a value of the property's type, for :func:`check_value`.

    Lists are separated by ``;``. A cell that cannot be converted is returned
    unchanged so that validation reports it with the property's name.
    """
    text = text.strip()
    if text == "":
        return None
    try:
        if prop.type == "integer":
            return int(text)
        if prop.type == "number":
            return float(text)
    except ValueError:
        return text
    if prop.type == "boolean":
        lowered = text.lower()
        if lowered in ("true", "yes", "1"):
            return True
        if lowered in ("false", "no", "0"):
            return False
        return text
    if prop.type == "list" and prop.json_keys and text.startswith("["):
        try:  # a cell of JSON items holds a JSON array of them (a step's note may hold ';')
            found = json.loads(text)
        except ValueError:
            return text
        if isinstance(found, list):
            return [v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in found]
        return text
    if prop.type == "list":
        return [part.strip() for part in text.split(";") if part.strip()]
    return text
