"""Binding parameters to a query: types checked, defaults filled, derived ones computed.

Values may come as text (``-p limit=20`` on the command line) or as Python
values (the library). Every parameter the query declares ends up in the bound
dict (``None`` when optional and left out), so the Cypher can test
``$location IS NULL``.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from allegraph.dates import DateError, date_range
from allegraph.names import normalize, word_key
from allegraph.queries.registry import FromPolicy, Param, Query, QueryError, policy_params


def _earliest(text: str) -> str | None:
    return date_range(text)[0]


def _latest(text: str) -> str | None:
    return date_range(text)[1]


def _words(text: str) -> list[str]:
    words = word_key(text).split()  # a name of symbols only has a key, but no words
    if not words:
        raise ValueError(f"{text!r} has no letters or digits to search for")
    return words


def _lucene(text: str) -> str:
    """A full-text query over whole-key terms: every word begins a word of some key.

    Keys are lower-case ASCII words, so a word needs no escaping; the escaped
    space makes ``*\\ w*`` match ``w`` at the start of a later word.
    """
    return " ".join(f"+({w}* OR *\\ {w}*)" for w in _words(text))


def lucene_phrase(key: str) -> str:
    """A name key as one exact term of a keyword-analysed full-text index (a quoted,
    escaped Lucene phrase): how the Neo4j store and the queries look names up."""
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _phrase(text: str) -> str:
    return lucene_phrase(normalize(text))


# Functions a ``// derived`` header line may name; each gets the source value (never None).
DERIVATIONS: dict[str, Callable[[Any], Any]] = {
    "key": normalize,
    "phrase": _phrase,
    "words": _words,
    "lucene": _lucene,
    "earliest": _earliest,
    "latest": _latest,
}


def _problem(query: Query, message: str) -> QueryError:
    return QueryError(f"{query.name}: {message}; parameters: {query.signature()}")


def _coerce(query: Query, param: Param, value: Any) -> Any:
    if param.type == "integer":
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise _problem(query, f"{param.name} must be an integer, not {value!r}") from None
        if isinstance(value, bool) or (isinstance(value, float) and value != number):
            raise _problem(query, f"{param.name} must be an integer, not {value!r}")
        low, high = param.range or (None, None)
        if param.name == "limit" and number < 0:
            raise _problem(query, f"limit must be 0 or more, not {number}")
        if low is not None and not low <= number <= high:
            raise _problem(query, f"{param.name} must be between {low} and {high}, not {number}")
        return number
    text = str(value).strip()
    if not text:
        raise _problem(query, f"{param.name} is empty")
    if param.type == "date":
        try:
            date_range(text)
        except DateError:
            raise _problem(query, f"{param.name} must be an EDTF date, not {text!r}") from None
    return text


def cypher_params(query: Query, given: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter ``query``'s Cypher takes: ``given`` bound (:func:`bind`) and the
    status policy's values the query asks for (:func:`policy_params`)."""
    return {**bind(query, given), **policy_params(query)}


def bind(query: Query, given: Mapping[str, Any]) -> dict[str, Any]:
    """The full parameter dict for ``query``; a :class:`QueryError` names what is wrong."""
    declared = {p.name for p in query.params}
    unknown = sorted(set(given) - declared)
    if unknown:
        raise _problem(query, f"unknown parameter {', '.join(unknown)}")
    bound: dict[str, Any] = {}
    for param in query.params:
        value = given.get(param.name)
        if value is None:
            if param.required:
                raise _problem(query, f"missing parameter {param.name}")
            value = param.default
            if isinstance(value, FromPolicy):
                value = value.value(param.name)
        bound[param.name] = None if value is None else _coerce(query, param, value)
    for item in query.derived:
        source = bound[item.source]
        try:
            value = None if source is None else DERIVATIONS[item.function](source)
        except ValueError as exc:
            raise _problem(query, f"{item.source}: {exc}") from None
        bound[item.name] = value
    return bound


def example_params(query: Query) -> dict[str, str]:
    """The parameters of the query's ``// example:`` line (``-p key=value ...``)."""
    words = shlex.split(query.example)
    return parse_assignments(w for flag, w in zip(words, words[1:], strict=False) if flag == "-p")


def parse_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """``["actor=Armed Forces of Ukraine", "limit=5"]`` -> a dict; the first ``=`` splits."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"parameter {pair!r} is not key=value")
        out[name.strip()] = value
    return out


def _cypher_literal(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_cypher_literal(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_cypher_literal(v)}" for k, v in value.items()) + "}"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def browser_params(bound: Mapping[str, Any]) -> str:
    """The Neo4j Browser command that sets bound parameters: ``:params {actor: "x", ...}``."""
    items = ", ".join(f"{name}: {_cypher_literal(value)}" for name, value in bound.items())
    return f":params {{{items}}}"
