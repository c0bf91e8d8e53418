"""Export -> load into a fresh store -> the same nodes, links, properties and sources.

Lists (aliases, sources) keep their order in jsonl and neo4j-csv; RDF holds
multi-valued properties as sets, so for RDF they are compared as sets (the
decision is in docs/rdf.md). Values keep their type everywhere.
"""

from __future__ import annotations

import pytest

from allegraph.interchange import export
from allegraph.load import load
from allegraph.stores import open_store
from tests.graph.interchange.export_cases import baku_fixture, contents, tricky_fixture, typed  # noqa: F401 - fixtures

FORMATS = {
    # format: (output name, lists keep their order)
    "ttl": ("graph.ttl", False),
    "jsonld": ("graph.jsonld", False),
    "nt": ("graph.nt", False),
    "jsonl": ("graph.jsonl", True),
    "neo4j-csv": ("neo4j-import", True),
}


def round_trip(source, fmt, tmp_path):
    """Export ``source`` in ``fmt`` and load the result into a fresh embedded store."""
    out = tmp_path / FORMATS[fmt][0]
    export(source, fmt, out)
    fresh = open_store(str(tmp_path / f"fresh-{fmt}.db"))
    fresh.init()
    report = load(fresh, [out], rejects_path=tmp_path / "rejects.jsonl")
    return fresh, report


@pytest.mark.parametrize("fmt", FORMATS)
def test_baku_round_trip_is_identical(baku, fmt, tmp_path):
    fresh, report = round_trip(baku, fmt, tmp_path)
    assert report.runs[0].format == fmt  # chosen by extension or headers
    assert (report.read, report.loaded, report.rejected) == (63, 63, 0)
    ordered = FORMATS[fmt][1]
    before, after = contents(baku), contents(fresh)
    assert len(before) == 63
    assert typed(after, lists_as_sets=not ordered) == typed(before, lists_as_sets=not ordered)
    fresh.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_tricky_round_trip_is_identical(tricky, fmt, tmp_path):
    fresh, report = round_trip(tricky, fmt, tmp_path)
    assert (report.read, report.rejected) == (19, 0)
    ordered = FORMATS[fmt][1]
    before, after = contents(tricky), contents(fresh)
    assert typed(after, lists_as_sets=not ordered) == typed(before, lists_as_sets=not ordered)
    # the values that are easiest to lose, checked against the input itself
    place = fresh.get_node("place").props
    assert place["latitude"] == 0.30000000000000004 and place["longitude"] == -71.0
    assert isinstance(place["longitude"], float)
    claim = fresh.get_node("c1")
    assert (
        claim.props["credibility"] == 3 and claim.props["text"] == "Something happened;\nsaid twice"
    )
    assert sorted(claim.sources) == ["src 1", "src/2 #b"]
    person = fresh.get_node("Анна|K")
    assert sorted(person.props["aliases"]) == sorted(["Anna K.", "A; K", "Ann|a"])
    alleges = {lk.id: lk for lk in fresh.links("ALLEGES")}
    assert alleges["second-statement"].props["date"] == "2024-12"
    assert alleges["Анна|K|ALLEGES|c1"].props["quote"] == 'It "happened"; really'
    fresh.close()


@pytest.mark.parametrize("fmt", ["jsonl", "neo4j-csv"])
def test_ordered_formats_keep_list_order(tricky, fmt, tmp_path):
    fresh, _ = round_trip(tricky, fmt, tmp_path)
    # sources are a set of ids, kept sorted; aliases keep the order they were given in
    assert fresh.get_node("org:1").sources == ["src 1", "src/2 #b"]
    assert fresh.get_node("Анна|K").props["aliases"] == ["Anna K.", "A; K", "Ann|a"]
    fresh.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_loading_an_export_twice_changes_nothing(baku, fmt, tmp_path):
    fresh, _ = round_trip(baku, fmt, tmp_path)
    first = contents(fresh)
    again = load(fresh, [tmp_path / FORMATS[fmt][0]])
    assert again.rejected == 0
    assert contents(fresh) == first
    fresh.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_neighbourhood_export_loads_on_its_own(baku, fmt, tmp_path):
    out = tmp_path / FORMATS[fmt][0]
    result = export(baku, fmt, out, actor="Tatiana Moskalkova", depth=1)
    fresh = open_store(str(tmp_path / "part.db"))
    fresh.init()
    report = load(fresh, [out])
    assert report.rejected == 0
    ids = {n.id for n in fresh.nodes()}
    # Moskalkova, her office, the conference she spoke at, her three claims, and art-1
    assert ids == {
        "moskalkova",
        "ru-ombudsman",
        "baku-conference",
        "c-pow-torture",
        "c-evidence-body",
        "c-simulated-execution",
        "art-1",
    }
    assert (result.nodes, result.links) == (7, len(list(fresh.links())))
    whole = contents(baku)
    for key, record in contents(fresh).items():
        assert typed({key: record}, True) == typed({key: whole[key]}, True)
    fresh.close()
