"""The .cypher files: their headers, what their Cypher may use, and the docs made from them."""

from __future__ import annotations

import re

import pytest

from allegraph.queries import QueryError, get_query, queries
from allegraph.queries.docs import main as docs_main
from allegraph.queries.docs import render_docs
from allegraph.queries.embedded import IMPLEMENTATIONS
from allegraph.queries.registry import QueryFileError, parse_query
from allegraph.queries.runner import run_query  # noqa: F401  (registers the implementations)
from allegraph.schema import registry
from tests.conftest import ROOT

REQUIRED = {
    "allegations-by",
    "allegations-against",
    "disputed-claims",
    "claim-status",
    "single-source-claims",
    "corroborated-claims",
    "event-witnesses",
    "mutual-accusations",
    "connection-path",
    "actor-network",
    "timeline",
    "source-impact",
    "search",
}
ALL = list(queries().values())


def _code(cypher: str) -> str:
    """The Cypher without comments and string literals."""
    lines = [line.split("//", 1)[0] for line in cypher.splitlines()]
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", "\n".join(lines))


def _top_level(items: str) -> list[str]:
    """Comma-separated items, not splitting inside brackets."""
    out, depth, start = [], 0, 0
    for i, char in enumerate(items):
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            out.append(items[start:i].strip())
            start = i + 1
    return [*out, items[start:].strip()]


def test_every_required_query_has_a_file_and_an_embedded_implementation():
    assert REQUIRED <= set(queries())
    assert set(IMPLEMENTATIONS) == set(queries())
    for query in ALL:
        assert (ROOT / "queries" / f"{query.name}.cypher").read_text("utf-8") == query.cypher


@pytest.mark.parametrize("query", ALL, ids=lambda q: q.name)
def test_cypher_uses_only_schema_labels_and_types(query):
    schema = registry()
    names = set(schema.labels) | set(schema.relationships)
    used = set(re.findall(r"[:|]([A-Z][A-Za-z_]*)", _code(query.cypher)))
    assert used or "MATCH" not in _code(query.cypher), "no label found: the check proves nothing"
    assert used <= names, f"not in the schema: {sorted(used - names)}"


@pytest.mark.parametrize("query", ALL, ids=lambda q: q.name)
def test_every_value_is_a_declared_parameter(query):
    code = _code(query.cypher)
    used = set(re.findall(r"\$(\w+)", code))
    declared = {p.name for p in query.params} | {d.name for d in query.derived}
    declared |= set(query.policy)  # the status policy, passed by the runner
    assert used <= declared, f"undeclared: {sorted(used - declared)}"
    # a parameter the Cypher never reads must feed a derived one it does read
    feeding = {d.source for d in query.derived if d.name in used}
    assert declared - used <= feeding | {d.name for d in query.derived if d.source in used}
    assert not re.search(r"\b\d{2,}\b", code.replace("*..10", "").replace("*0..10", "")), (
        "a number written into the Cypher should be a parameter"
    )


@pytest.mark.parametrize("query", ALL, ids=lambda q: q.name)
def test_every_query_orders_its_rows_and_has_a_limit_parameter(query):
    code = _code(query.cypher)
    assert re.search(r"\bORDER BY\b[^\n]*\n\s*LIMIT \$limit\s*$", code)
    limit = query.param("limit")
    assert limit is not None and limit.type == "integer" and limit.default > 0


@pytest.mark.parametrize("query", ALL, ids=lambda q: q.name)
def test_header_columns_are_the_returned_ones(query):
    # the top-level RETURN (at the start of a line) names each column with AS, or is a variable
    final = re.split(r"^RETURN (?:DISTINCT )?", _code(query.cypher), flags=re.M)[-1]
    final = final.split("\nORDER BY")[0]
    returned = [re.sub(r"(?s).*\bAS\s+(\w+)$", r"\1", item) for item in _top_level(final)]
    assert returned == list(query.columns)
    assert set(query.node_columns) <= set(query.columns)
    assert query.description and query.description.endswith(".")


def test_parse_header_fields():
    query = parse_query(
        "// name: demo\n"
        "// description: A demo.\n"
        "// param who: string (required) — someone\n"
        "// param depth: integer 1..3 = 2 — how far\n"
        "// param when: date (optional) — a day\n"
        "// derived whoKey: key(who) — folded\n"
        "// columns: a, b\n"
        "// nodes: a\n"
        "// Free text.\n"
        "MATCH (n) RETURN n.id AS a, 1 AS b ORDER BY a LIMIT 1\n",
        "demo.cypher",
    )
    assert (query.name, query.columns, query.node_columns) == ("demo", ("a", "b"), ("a",))
    who, depth, when = query.params
    assert (who.required, who.description) == (True, "someone")
    assert (depth.default, depth.range) == (2, (1, 3))
    assert (when.required, when.default, when.type) == (False, None, "date")
    assert query.derived[0].function == "key" and query.derived[0].source == "who"
    assert query.body.startswith("MATCH")
    assert query.signature() == (
        "who (string, required), depth (integer 1..3, default 2), when (date, optional)"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("// description: x\n// columns: a\nRETURN 1", "'// name:'"),
        ("// name: x\n// description: x\n// columns: a\n// param p: float = 1\nRETURN 1", "'p'"),
        ("// name: x\n// description: x\n// columns: a\n// param p: string\nRETURN 1", "needs"),
        ("// name: x\n// description: x\n// columns: a\n// derived k: key(q)\nRETURN 1", "'q'"),
        ("// name: x\n// description: x\n// columns: a\n// nodes: b\nRETURN 1", "'b'"),
    ],
)
def test_malformed_headers_are_refused(text, problem):
    with pytest.raises(QueryFileError, match=problem):
        parse_query(text, "x.cypher")


def test_unknown_query_lists_the_known_ones():
    with pytest.raises(QueryError, match=r"unknown query 'nope'; known queries: actor-network, "):
        get_query("nope")


def test_docs_page_is_up_to_date():
    page = ROOT / "docs" / "queries.md"
    assert page.read_text("utf-8") == render_docs(), "run: python -m allegraph.queries.docs"
    for query in ALL:
        assert f"## {query.name}\n\n{query.description}\n" in render_docs()


def test_docs_check_mode(tmp_path, capsys):
    stale = tmp_path / "queries.md"
    stale.write_text("old\n", "utf-8")
    assert docs_main([str(stale), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert docs_main([str(stale)]) == 0
    assert docs_main([str(stale), "--check"]) == 0
    assert stale.read_text("utf-8") == render_docs()
