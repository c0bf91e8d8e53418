import json
import re

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.stores import open_store
from allegraph.views.payload import NARROW_HINT

DATA = re.compile(r'<script type="application/json" id="allegraph-data">(.*?)</script>', re.S)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def page_data(path) -> dict:
    return json.loads(DATA.search(path.read_text(encoding="utf-8")).group(1))


@pytest.fixture
def baku(tmp_path):
    db = tmp_path / "baku.db"
    with open_store(str(db)) as store:
        store.init()
        load(store, baku_files())
    return db


def test_view_of_the_whole_graph(baku, tmp_path):
    out = tmp_path / "all.html"
    result = run("--store", baku, "view", "-o", out)
    assert (result.exit_code, result.output) == (0, f"Wrote {out}: 28 nodes, 35 relationships.\n")
    data = page_data(out)
    with open_store(str(baku)) as store:
        assert sorted(n["id"] for n in data["nodes"]) == sorted(n.id for n in store.nodes())
        assert sorted(e["id"] for e in data["edges"]) == sorted(link.id for link in store.links())
    assert data["title"] == "Whole graph"


def test_view_of_an_actor_by_alias(baku, tmp_path):
    out = tmp_path / "m.html"
    result = run(
        "--store", baku, "view", "--actor", "Tatiana Moskalkova", "--depth", "1", "-o", out
    )
    assert (result.exit_code, result.output) == (0, f"Wrote {out}: 6 nodes, 6 relationships.\n")
    data = page_data(out)
    assert data["title"] == "Tatyana Moskalkova: ego network, depth 1"
    assert {n["id"] for n in data["nodes"]} == {
        "moskalkova", "ru-ombudsman", "baku-conference",
        "c-pow-torture", "c-evidence-body", "c-simulated-execution",
    }  # fmt: skip


def test_view_of_a_claim(baku, tmp_path):
    out = tmp_path / "c.html"
    result = run("--store", baku, "view", "--claim", "c-garage-unverified", "-o", out)
    assert (result.exit_code, result.output) == (0, f"Wrote {out}: 5 nodes, 3 relationships.\n")
    statuses = {n["id"]: n.get("status") for n in page_data(out)["nodes"]}
    assert statuses["c-garage-video"] == "disputed"
    assert statuses["c-garage-unverified"] == "single-source"


def test_view_of_some_labels(baku, tmp_path):
    out = tmp_path / "l.html"
    result = run("--store", baku, "view", "--label", "Person", "--label", "Claim", "-o", out)
    assert (result.exit_code, result.output) == (0, f"Wrote {out}: 9 nodes, 5 relationships.\n")
    assert {n["nodeLabel"] for n in page_data(out)["nodes"]} == {"Person", "Claim"}


def test_a_cut_view_says_what_it_left_out(baku, tmp_path):
    out = tmp_path / "cut.html"
    result = run(
        "--store", baku, "view", "-o", out, "--max-nodes", 10, "--physics-threshold", 5
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.output == (
        f"Wrote {out}: 10 nodes, 11 relationships of 28 nodes, 35 relationships.\n"
        "Note: Showing 10 of 28 nodes: those with the most relationships. "
        "Left out: 18 nodes and 24 relationships.\n"
        "Note: 10 nodes is above the 5-node threshold for live layout: physics is off, "
        "nodes sit on a fixed spiral (most connected in the middle) and relationship names "
        "are hidden.\n"
        f"Note: {NARROW_HINT}\n"
    )
    assert page_data(out)["notices"] == [
        line.removeprefix("Note: ") for line in result.output.splitlines()[1:]
    ]


def test_max_nodes_zero_keeps_everything(baku, tmp_path):
    out = tmp_path / "all.html"
    result = run("--store", baku, "view", "-o", out, "--max-nodes", 0)
    assert result.output == f"Wrote {out}: 28 nodes, 35 relationships.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--actor", "nobody"], "Error: no node is called 'nobody' (by id, name or alias)\n"),
        (["--actor", "icrc", "--claim", "c-kursk"], "Error: give --actor or --claim, not both\n"),
        (["--claim", "icrc"], "Error: 'icrc' is not a Claim: its label is Organization\n"),
        (
            ["--label", "Persn"],
            "Error: unknown label Persn; labels are: "
            "Claim, Event, Evidence, Location, Organization, Person, Source\n",
        ),
    ],
)
def test_mistakes_are_one_line(baku, tmp_path, args, message):
    out = tmp_path / "x.html"
    result = run("--store", baku, "view", "-o", out, *args)
    assert (result.exit_code, result.output) == (1, message)
    assert not out.exists()


def test_depth_must_not_be_negative(baku):
    result = run("--store", baku, "view", "--actor", "icrc", "--depth", "-1")
    assert result.exit_code == 2
    assert "Invalid value for '--depth'" in result.output


def test_help_has_an_example():
    result = run("view", "--help")
    assert result.exit_code == 0
    assert (
        'allegraph view --actor "Tatiana Moskalkova" --depth 1 -o moskalkova.html' in result.output
    )


def test_an_empty_store_gives_an_empty_view_that_says_so(tmp_path):
    db, out = tmp_path / "empty.db", tmp_path / "empty.html"
    run("--store", db, "init")
    result = run("--store", db, "view", "-o", out)
    assert result.output == (
        f"Wrote {out}: 0 nodes, 0 relationships.\n"
        "Note: Nothing to show: the store is empty or the selection matched no node.\n"
    )
    data = page_data(out)
    assert (data["nodes"], data["edges"]) == ([], [])


@pytest.mark.parametrize("option", ["--actor", "--claim"])
def test_an_empty_name_is_a_usage_error_not_the_whole_graph(baku, tmp_path, option):
    out = tmp_path / "x.html"
    result = run("--store", baku, "view", "-o", out, option, " ")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == f"Error: {option} is empty: give a name or an id"
    assert not out.exists()
