"""`allegraph view --timeline`: the page written, what it says, and misuse as one line."""

import json
import re

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.stores import open_store
from tests.graph.views.hostile_case import load_records
from tests.graph.views.timeline_case import PLACED, TIMELINE_RECORDS

DATA = re.compile(r'<script type="application/json" id="allegraph-data">(.*?)</script>', re.S)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def dated(tmp_path):
    db = tmp_path / "dated.db"
    with open_store(str(db)) as store:
        store.init()
        load_records(store, TIMELINE_RECORDS, tmp_path)
    return db


def test_view_timeline_writes_the_page_and_says_what_it_shows(dated, tmp_path):
    out = tmp_path / "t.html"
    result = run("--store", dated, "view", "--timeline", "-o", out)
    assert (result.exit_code, result.output) == (
        0,
        f"Wrote {out}: 7 dated events and claims on the axis, 2 undated.\n"
        "Note: 2 of 9 events and claims have no date: they are listed under the legend, "
        "not on the axis.\n",
    )
    data = json.loads(DATA.search(out.read_text("utf-8")).group(1))
    assert [i["id"] for i in data["items"]] == list(PLACED)
    with open_store(str(dated)) as store:  # what the page holds is what the store holds
        dated_ids = {n.id for n in store.nodes() if {"earliest", "latest"} & set(n.props)}
    assert dated_ids == set(PLACED)


def test_view_timeline_by_place_of_a_period(dated, tmp_path):
    out = tmp_path / "t.html"
    args = ["--timeline", "--from", "2024-03", "--to", "2024-04", "--group-by", "place"]
    result = run("--store", dated, "view", *args, "--title", "Spring", "-o", out)
    assert result.output == f"Wrote {out}: 5 dated events and claims on the axis, 0 undated.\n"
    data = json.loads(DATA.search(out.read_text("utf-8")).group(1))
    assert (data["title"], data["groups"]) == ("Spring", ["North Town", "South Town"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeline", "--actor", "Nobody"], "Error: no actor matches 'Nobody'\n"),
        (["--location", "North Town"], "Error: --location, --from and --to need --timeline\n"),
        (["--timeline", "--claim", "c-raid"],
         "Error: --timeline takes --actor, --location, --from and --to\n"),
    ],
)  # fmt: skip
def test_view_timeline_misuse_is_one_line(dated, tmp_path, args, message):
    out = tmp_path / "t.html"
    result = run("--store", dated, "view", *args, "-o", out)
    assert result.exit_code in (1, 2)
    assert result.output.splitlines()[-1] == message.rstrip("\n")
    assert not out.exists()
