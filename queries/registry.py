"""The canned queries, read from the headers of the ``.cypher`` files beside this module.

Each ``NAME.cypher`` file starts with comment lines that describe it::

    // name: allegations-by
    // description: The claims an actor alleges, with date, derived status and sources.
    // param actor: string (required) — id, name or alias of the actor
    // param min: integer = 2 — independent sources or actors that make a claim corroborated
    // param depth: integer 1..4 = 2 — an integer may give its allowed range
    // param location: string (optional) — left out, it is null
    // derived actorKey: key(actor) — added by the runner: the matching key of `actor`
    // example: -p actor="Tatiana Moskalkova" — a run on the bundled Baku example
    // columns: actor, claim, text — the columns of each row, in order
    // nodes: actor, claim — columns that hold node ids (for drawing the result)
    // links: relationship — columns that hold relationship ids
    // policy: counted, ungraded — status policy values the runner passes as parameters
    // param min: integer = policy — left out, the status policy's value of the same name

The first line that is not a ``//`` comment ends the header; the whole file,
header included, is the Cypher that Neo4j runs (Neo4j Browser skips the
comments). Derived parameters are computed by the runner from the others
(see :mod:`allegraph.queries.params`); in Neo4j Browser set them by hand, or
print them with ``allegraph query show NAME -p ...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

PARAM_TYPES = ("string", "integer", "date")


class QueryError(ValueError):
    """A query that does not exist, or parameters that do not fit it (the user's to fix)."""


class QueryFileError(RuntimeError):
    """A ``.cypher`` file whose header is malformed (the developer's to fix)."""


class FromPolicy:
    """The default of a parameter declared ``= policy``: the status policy's value of
    the same name (schema/status.yaml), looked up when a query runs."""

    def __str__(self) -> str:
        return "policy"

    def value(self, name: str) -> Any:
        from allegraph.schema import registry

        return getattr(registry().status, name)


FROM_POLICY = FromPolicy()


@dataclass(frozen=True)
class Param:
    """A parameter the user gives; ``required`` ones have no default."""

    name: str
    type: str
    description: str = ""
    required: bool = False
    default: Any = None
    range: tuple[int, int] | None = None

    def signature(self) -> str:
        """``actor (string, required)``, ``limit (integer, default 100)``..."""
        kind = self.type + (f" {self.range[0]}..{self.range[1]}" if self.range else "")
        if self.required:
            return f"{self.name} ({kind}, required)"
        if self.default is None:
            return f"{self.name} ({kind}, optional)"
        if isinstance(self.default, FromPolicy):
            return f"{self.name} ({kind}, default from the status policy)"
        return f"{self.name} ({kind}, default {self.default})"


@dataclass(frozen=True)
class Derived:
    """A parameter the runner computes from another: ``actorKey: key(actor)``."""

    name: str
    function: str
    source: str
    description: str = ""


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    cypher: str
    params: tuple[Param, ...] = ()
    derived: tuple[Derived, ...] = ()
    columns: tuple[str, ...] = ()
    node_columns: tuple[str, ...] = ()
    link_columns: tuple[str, ...] = ()
    example: str = ""
    file: str = ""
    body: str = field(default="", repr=False)
    policy: tuple[str, ...] = ()

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def signature(self) -> str:
        """All parameters on one line, as error messages and ``query list`` show them."""
        return ", ".join(p.signature() for p in self.params) or "none"


_LINE = re.compile(r"^//\s*(\w+)(?:\s+([\w-]+))?\s*:\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<type>\w+)(?:\s+(?P<lo>-?\d+)\.\.(?P<hi>-?\d+))?\s*"
    r"(?:\((?P<flag>required|optional)\)|=\s*(?P<default>[^\s—]+))?\s*(?:—\s*(?P<doc>.*))?$"
)
_DERIVED = re.compile(r"^(?P<fn>\w+)\((?P<src>\w+)\)\s*(?:—\s*(?P<doc>.*))?$")


def _columns(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(",") if c.strip())


def _param(name: str, spec: str, where: str) -> Param:
    match = _PARAM.match(spec.strip())
    if not match or match["type"] not in PARAM_TYPES:
        raise QueryFileError(f"{where}: cannot read parameter {name!r}: {spec!r}")
    kind, flag, default = match["type"], match["flag"], match["default"]
    if flag is None and default is None:
        raise QueryFileError(f"{where}: parameter {name!r} needs (required), (optional) or = value")
    value: Any = None
    if default == "policy":
        value = FROM_POLICY
    elif default is not None:
        value = int(default) if kind == "integer" else default
    span = (int(match["lo"]), int(match["hi"])) if match["lo"] is not None else None
    return Param(name, kind, (match["doc"] or "").strip(), flag == "required", value, span)


def parse_query(text: str, file: str = "<text>") -> Query:
    """A :class:`Query` from the text of a ``.cypher`` file."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    derived: list[Derived] = []
    lines = text.splitlines()
    end = 0
    for number, line in enumerate(lines, 1):
        if not line.startswith("//"):
            break
        end = number
        match = _LINE.match(line)
        if not match:
            continue  # free comment text inside the header
        key, name, value = match[1], match[2], match[3].strip()
        where = f"{file}:{number}"
        if key == "param" and name:
            params.append(_param(name, value, where))
        elif key == "derived" and name:
            found = _DERIVED.match(value)
            if not found:
                raise QueryFileError(f"{where}: cannot read derived parameter {name!r}")
            derived.append(Derived(name, found["fn"], found["src"], (found["doc"] or "").strip()))
        elif name is None:
            fields[key] = value
    for required in ("name", "description", "columns"):
        if not fields.get(required):
            raise QueryFileError(f"{file}: header has no '// {required}:' line")
    columns = _columns(fields["columns"])
    for listed in (*_columns(fields.get("nodes", "")), *_columns(fields.get("links", ""))):
        if listed not in columns:
            raise QueryFileError(f"{file}: nodes/links name {listed!r}, which is not a column")
    names = [p.name for p in params]
    for item in derived:
        if item.source not in names:
            raise QueryFileError(f"{file}: {item.name} derives from unknown {item.source!r}")
    return Query(
        name=fields["name"],
        description=fields["description"],
        cypher=text,
        params=tuple(params),
        derived=tuple(derived),
        columns=columns,
        node_columns=_columns(fields.get("nodes", "")),
        link_columns=_columns(fields.get("links", "")),
        example=fields.get("example", ""),
        file=file,
        body="\n".join(lines[end:]).strip(),
        policy=_policy(fields.get("policy", ""), file),
    )


# StatusPolicy.params()
POLICY_PARAMS = ("counted", "ungraded", "statuses", "disputing", "evidenceCounted")


def _policy(text: str, file: str) -> tuple[str, ...]:
    names = _columns(text)
    unknown = [n for n in names if n not in POLICY_PARAMS]
    if unknown:
        raise QueryFileError(f"{file}: policy names {unknown}; known: {', '.join(POLICY_PARAMS)}")
    return names


def policy_params(query: Query) -> dict[str, Any]:
    """The values of the status policy (schema/status.yaml) the query's header asks
    for, as parameters: never pasted into its text."""
    if not query.policy:
        return {}
    from allegraph.schema import registry

    values = registry().status.params()
    return {name: values[name] for name in query.policy}


@lru_cache(maxsize=1)
def _load() -> dict[str, Query]:
    found: dict[str, Query] = {}
    folder = resources.files("allegraph.queries")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            query = parse_query(entry.read_text("utf-8"), entry.name)
            if f"{query.name}.cypher" != entry.name:
                raise QueryFileError(f"{entry.name}: header names it {query.name!r}")
            found[query.name] = query
    return found


def queries() -> dict[str, Query]:
    """Every canned query, by name, in name order."""
    return dict(_load())


def get_query(name: str) -> Query:
    """The query called ``name``, or a :class:`QueryError` listing the known names."""
    known = _load()
    if name not in known:
        raise QueryError(f"unknown query {name!r}; known queries: {', '.join(known)}")
    return known[name]
