"""Binding parameters: types, defaults, ranges, derived values, and one-line errors."""

from __future__ import annotations

import pytest

from allegraph.queries import QueryError, bind, browser_params, get_query, parse_assignments
from allegraph.queries.params import example_params


def test_defaults_and_derived_values_are_filled():
    bound = bind(get_query("allegations-by"), {"actor": "Татьяна Москалькова"})
    assert bound == {
        "actor": "Татьяна Москалькова",
        "min": 2,
        "limit": 100,
        "actorKey": "tatiana moskalkova",
        "actorPhrase": '"tatiana moskalkova"',
    }


def test_text_values_are_typed():
    bound = bind(get_query("actor-network"), {"actor": "icrc", "depth": "3", "limit": "7"})
    assert (bound["depth"], bound["limit"]) == (3, 7)


def test_optional_parameters_left_out_are_null_and_so_are_their_derived_ones():
    bound = bind(get_query("timeline"), {"from": "2024-05~", "to": "2024"})
    assert bound == {
        "actor": None,
        "location": None,
        "from": "2024-05~",
        "to": "2024",
        "limit": 200,
        "actorKey": None,
        "actorPhrase": None,
        "locationKey": None,
        "locationPhrase": None,
        "fromDate": "2024-05-01",
        "toDate": "2024-12-31",
    }


def test_search_words_and_full_text_query():
    bound = bind(get_query("search"), {"text": "  Sergéi   POLIY "})
    assert bound["key"] == "sergei poliy"
    assert bound["words"] == ["sergei", "poliy"]
    assert bound["phrase"] == '"sergei poliy"'


SIGNATURE = "actor (string, required), limit (integer, default 100)"


@pytest.mark.parametrize(
    ("name", "given", "message"),
    [
        (
            "allegations-against",
            {},
            f"allegations-against: missing parameter actor; parameters: {SIGNATURE}",
        ),
        (
            "allegations-against",
            {"actor": "x", "who": "y", "depht": 1},
            f"allegations-against: unknown parameter depht, who; parameters: {SIGNATURE}",
        ),
        (
            "allegations-against",
            {"actor": "x", "limit": "many"},
            f"allegations-against: limit must be an integer, not 'many'; parameters: {SIGNATURE}",
        ),
        (
            "allegations-against",
            {"actor": "x", "limit": -1},
            f"allegations-against: limit must be 0 or more, not -1; parameters: {SIGNATURE}",
        ),
        ("allegations-against", {"actor": "  "}, "allegations-against: actor is empty;"),
        ("actor-network", {"actor": "x", "depth": 5}, "depth must be between 1 and 4, not 5;"),
        ("connection-path", {"a": "x", "b": "y", "max_hops": 0}, "between 1 and 10, not 0;"),
        ("timeline", {"from": "May 2024"}, "from must be an EDTF date, not 'May 2024';"),
        ("search", {"text": "?!"}, "text: '?!' has no letters or digits to search for;"),
    ],
)
def test_wrong_parameters_are_one_line_errors_listing_the_parameters(name, given, message):
    with pytest.raises(QueryError) as caught:
        bind(get_query(name), given)
    text = str(caught.value)
    assert text.startswith(message) or message in text
    assert "\n" not in text
    assert text.endswith(f"parameters: {get_query(name).signature()}")


def test_parse_assignments_splits_on_the_first_equals_sign():
    assert parse_assignments(["actor=A=B", "limit=5", "text="]) == {
        "actor": "A=B",
        "limit": "5",
        "text": "",
    }
    with pytest.raises(QueryError, match="'actor' is not key=value"):
        parse_assignments(["actor"])


def test_browser_params_is_a_cypher_map():
    bound = bind(get_query("search"), {"text": 'say "hi"\\'})
    assert browser_params(bound) == (
        ':params {text: "say \\"hi\\"\\\\", limit: 50, key: "say hi", '
        'words: ["say", "hi"], phrase: "\\"say hi\\""}'
    )


def test_example_lines_bind():
    query = get_query("connection-path")
    assert example_params(query) == {"a": "ICRC", "b": "Armed Forces of Ukraine"}
    assert bind(query, example_params(query))["bKey"] == "armed forces of ukraine"


def test_a_parameter_declared_from_the_policy_takes_the_policy_value(monkeypatch):
    """`= policy`: the status policy (schema/status.yaml) drives the default, so `min`
    is written in one place; given, the parameter wins."""
    from types import SimpleNamespace

    import allegraph.schema as schema
    from allegraph.queries.registry import parse_query

    query = parse_query(
        "// name: q\n// description: d\n"
        "// param min: integer 1..1000 = policy — threshold\n// columns: x\nRETURN $min AS x\n"
    )
    assert bind(query, {})["min"] == schema.registry().status.min
    monkeypatch.setattr(schema, "registry", lambda: SimpleNamespace(status=SimpleNamespace(min=5)))
    assert bind(query, {})["min"] == 5
    assert bind(query, {"min": "3"})["min"] == 3
    assert query.params[0].signature() == "min (integer 1..1000, default from the status policy)"
