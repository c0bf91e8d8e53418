"""A query result as a view: its nodes, and its relationships or those between its nodes."""

import pytest

from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.queries import Result, run_query
from allegraph.views import view_of_result


@pytest.fixture
def baku(embedded):
    load(embedded, baku_files())
    return embedded


def shown(view):
    return sorted(view.node_ids), sorted(view.edge_ids)


def test_a_path_result_shows_the_path(baku, tmp_path):
    result = run_query(baku, "connection-path", {"a": "Tatiana Moskalkova", "b": "ICRC"})
    view = view_of_result(baku, result, tmp_path / "path.html")
    assert (tmp_path / "path.html").read_text(encoding="utf-8") == view.html
    assert view.title == "Query: connection-path"
    assert shown(view) == (
        ["baku-conference", "icrc", "moskalkova"],
        ["icrc|WITNESSED|baku-conference", "moskalkova|PARTICIPATED_IN|baku-conference"],
    )


def test_named_links_are_the_only_links_drawn(baku):
    nodes = ["moskalkova", "c-pow-torture", "c-evidence-body"]
    only = Result("q", [], [], node_ids=nodes, link_ids=["moskalkova|ALLEGES|c-pow-torture"])
    assert shown(view_of_result(baku, only)) == (
        sorted(nodes),
        ["moskalkova|ALLEGES|c-pow-torture"],
    )
    every = Result("q", [], [], node_ids=nodes)
    assert shown(view_of_result(baku, every))[1] == [
        "c-evidence-body|SUPPORTS|c-pow-torture",
        "moskalkova|ALLEGES|c-evidence-body",
        "moskalkova|ALLEGES|c-pow-torture",
    ]


def test_plain_ids_are_a_result_too(baku):
    view = view_of_result(baku, ["icrc", "baku-conference"])
    assert view.title == "Query result"
    assert shown(view) == (["baku-conference", "icrc"], ["icrc|WITNESSED|baku-conference"])
    with pytest.raises(ValueError, match="needs the result's node ids"):
        view_of_result(baku, "icrc")
