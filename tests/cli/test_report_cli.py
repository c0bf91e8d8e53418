"""`allegraph report`: the brief written, the format from -o, errors as one line."""

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.stores import open_store
from tests.graph.report.brief_text import html_text, markdown_text, unattributed


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def baku(tmp_path):
    db = tmp_path / "baku.db"
    with open_store(str(db)) as store:
        store.init()
        load(store, baku_files(), rejects_path=tmp_path / "rejects.jsonl")
    return db


def test_report_of_an_actor_as_markdown(baku, tmp_path):
    out = tmp_path / "afu.md"
    result = run("--store", baku, "report", "--actor", "Ukrainian forces", "-o", out)
    assert (result.exit_code, result.output) == (
        0,
        f"Wrote {out} (markdown): 4 claims, 3 actors, 1 sources.\n",
    )
    text = out.read_text("utf-8")
    assert text.startswith("# Case brief\n")
    assert "- Scope: the claims Armed Forces of Ukraine alleges, is accused by or disputes" in text
    with open_store(str(baku)) as store:  # the store is as it was, and the brief agrees
        claims = {n.id: n.props["text"] for n in store.nodes("Claim")}
        assert len(claims) == 7
        accused = sorted(lk.src for lk in store.links("ACCUSES") if lk.dst == "afu")
    assert [line.split("`")[1] for line in text.splitlines() if line.startswith("### Claim")] == (
        accused
    )
    assert unattributed(markdown_text(text), [claims[c] for c in accused]) == []


def test_report_format_follows_the_extension_and_the_option(baku, tmp_path):
    out = tmp_path / "brief.html"
    result = run("--store", baku, "report", "--all", "--title", "Baku", "-o", out)
    assert result.output == f"Wrote {out} (html): 7 claims, 4 actors, 1 sources.\n"
    assert html_text(out.read_text("utf-8"))[0].startswith("Baku A claim in this brief")
    other = tmp_path / "brief.txt"
    result = run("--store", baku, "report", "--claim", "c-kursk", "--format", "html", "-o", other)
    assert result.output == f"Wrote {other} (html): 1 claims, 2 actors, 1 sources.\n"
    assert other.read_text("utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: give one of --actor, --event, --claim or --all\n"),
        (["--event", "Nowhere"], "Error: no event matches 'Nowhere' (by id, name or alias)\n"),
    ],
)
def test_report_errors_are_one_line(baku, tmp_path, args, message):
    out = tmp_path / "x.md"
    result = run("--store", baku, "report", *args, "-o", out)
    assert (result.exit_code, result.output) == (1, message)
    assert not out.exists()
