"""Choosing what to export: a whole store, or an actor's neighbourhood with its sources."""

from __future__ import annotations

import pytest

from allegraph.interchange.selection import SelectionError, neighbourhood, snapshot
from tests.graph.interchange.export_cases import baku_fixture  # noqa: F401 - fixtures


def test_neighbourhood_by_alias_with_depth_zero_keeps_the_cited_source(baku):
    assert neighbourhood(baku, "Татьяна Москалькова", 0) == {"moskalkova", "art-1"}


def test_neighbourhood_grows_with_depth(baku):
    one = neighbourhood(baku, "moskalkova", 1)
    two = neighbourhood(baku, "moskalkova", 2)
    assert one < two
    # two hops: what her claims accuse and concern, and who else was at the conference
    assert {"afu", "pow-treatment", "icrc", "az-pow-commission", "baku"} <= two
    assert "kursk-region" not in two


def test_unknown_actor_and_negative_depth_are_errors(baku):
    with pytest.raises(SelectionError, match="no node named 'Nobody'"):
        neighbourhood(baku, "Nobody", 1)
    with pytest.raises(SelectionError, match="depth must be 0 or more"):
        neighbourhood(baku, "moskalkova", -1)


def test_snapshot_of_a_subgraph_keeps_links_inside_it_and_sources_first(baku):
    snap = snapshot(baku, {"moskalkova", "c-pow-torture", "art-1"})
    assert [n.id for n in snap.nodes] == ["art-1", "moskalkova", "c-pow-torture"]
    assert [lk.id for lk in snap.links] == ["moskalkova|ALLEGES|c-pow-torture"]
    assert {r.id for r in snap.runs} == {n.load_run for n in snap.nodes}


def test_snapshot_of_the_whole_store_has_every_run(baku):
    snap = snapshot(baku)
    assert len(snap.nodes) == 28 and len(snap.links) == 35
    assert len(snap.runs) == 2
