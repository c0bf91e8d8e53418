"""GraphML and GEXF (for Gephi): they open in networkx with the same counts and attributes."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from allegraph.interchange import export
from tests.graph.interchange.export_cases import baku_fixture, tricky_fixture  # noqa: F401 - fixtures


def test_graphml_opens_in_networkx_with_the_same_counts(baku, tmp_path):
    out = tmp_path / "baku.graphml"
    result = export(baku, "graphml", out)
    graph = nx.read_graphml(out, force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (28, 35)
    assert (result.nodes, result.links) == (28, 35)
    counts = baku.counts()
    by_type = Counter(t for _, t in graph.nodes(data="type"))
    assert by_type == Counter({k: v for k, v in counts["nodes"].items() if v})
    by_rel = Counter(t for _, _, t in graph.edges(data="type"))
    assert by_rel == Counter({k: v for k, v in counts["relationships"].items() if v})


def test_graphml_flattens_lists_and_keeps_numbers_and_ids(baku, tmp_path):
    out = tmp_path / "baku.graphml"
    export(baku, "graphml", out)
    graph = nx.read_graphml(out, force_multigraph=True)
    person = graph.nodes["moskalkova"]
    assert person["label"] == "Tatyana Moskalkova"
    assert person["type"] == "Person"
    assert person["aliases"] == "Tatiana Moskalkova; Татьяна Москалькова; Moskalkova"
    assert person["sources"] == "art-1"
    assert graph.nodes["baku"]["latitude"] == 40.4093
    assert graph.nodes["c-pow-torture"]["credibility"] == 6
    assert graph.nodes["c-pow-torture"]["status"] == "single-source"
    assert graph.nodes["c-garage-video"]["status"] == "disputed"
    keys = {k for _, _, k in graph.edges(keys=True)}
    assert "moskalkova|ALLEGES|c-simulated-execution" in keys
    edge = graph.edges[
        "moskalkova", "c-simulated-execution", "moskalkova|ALLEGES|c-simulated-execution"
    ]
    assert edge["quote"].startswith("The soldiers who have returned from captivity")


def test_gexf_opens_in_networkx_with_gephi_attributes(tricky, tmp_path):
    out = tmp_path / "tricky.gexf"
    export(tricky, "gexf", out)
    graph = nx.read_gexf(out)
    assert graph.number_of_nodes() == len(list(tricky.nodes()))
    assert graph.number_of_edges() == len(list(tricky.links()))
    assert graph.nodes["Анна|K"]["label"] == "Анна К."
    assert graph.nodes["Анна|K"]["type"] == "Person"
    # names GEXF keeps for itself carry a prefix: type, start and end of AFFILIATED_WITH
    affiliation = graph.edges["Анна|K", "org:1", "Анна|K|AFFILIATED_WITH|org:1"]
    assert affiliation["ag_type"] == "AFFILIATED_WITH"
    assert affiliation["label"] == "AFFILIATED_WITH"
    assert (affiliation["ag_start"], affiliation["ag_end"]) == ("2019", "2023-06")
    assert "start" not in affiliation and "end" not in affiliation
