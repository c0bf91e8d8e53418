"""allegraph export and allegraph shacl, end to end through the CLI."""

from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.demo import baku_files
from allegraph.stores import open_store


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "case.db"
    assert run("--store", path, "load", *baku_files()).exit_code == 0
    return path


def kb(path):
    return f"{path.stat().st_size / 1000:,.1f} kB"


def test_export_ttl_then_load_it_into_a_new_store(db, tmp_path):
    out = tmp_path / "case.ttl"
    result = run("--store", db, "export", "--format", "ttl", "-o", out)
    assert result.exit_code == 0
    assert result.output == (
        f"exported 28 nodes, 35 relationships and 2 load runs to {out} (ttl, {kb(out)})\n"
    )
    fresh = tmp_path / "fresh.db"
    assert run("--store", fresh, "load", out).exit_code == 0
    before, after = open_store(str(db)), open_store(str(fresh))
    assert [n.to_record() for n in after.nodes()] == [
        {k: sorted(v) if isinstance(v, list) else v for k, v in n.to_record().items()}
        for n in before.nodes()
    ]
    assert [lk.to_record() for lk in after.links()] == [lk.to_record() for lk in before.links()]
    before.close()
    after.close()


def test_export_a_neighbourhood_for_gephi(db, tmp_path):
    out = tmp_path / "moskalkova.gexf"
    result = run(
        "--store",
        db,
        "export",
        "--format",
        "gexf",
        "-o",
        out,
        "--actor",
        "Moskalkova",
        "--depth",
        1,
    )
    assert result.exit_code == 0
    assert result.output.startswith("exported 7 nodes, 7 relationships and 2 load runs to ")
    graph = nx.read_gexf(out)
    assert "moskalkova" in graph and graph.number_of_nodes() == 7


def test_export_with_a_base_iri(db, tmp_path):
    out = tmp_path / "case.nt"
    base = "https://example.org/case/"
    assert run("--store", db, "export", "--format", "nt", "-o", out, "--base", base).exit_code == 0
    assert f"<{base}moskalkova> " in out.read_text()


def test_export_mistakes_are_one_line(db, tmp_path):
    result = run(
        "--store", db, "export", "--format", "ttl", "-o", tmp_path / "x.ttl", "--actor", "Nobody"
    )
    assert (result.exit_code, result.output) == (
        1,
        "Error: no node named 'Nobody' (by id, name or alias)\n",
    )
    missing = tmp_path / "no-such-folder" / "x.ttl"
    result = run("--store", db, "export", "--format", "ttl", "-o", missing)
    assert (result.exit_code, result.output) == (
        1,
        f"Error: folder {missing.parent} does not exist\n",
    )
    result = run("--store", db, "export", "--format", "xml", "-o", tmp_path / "x.xml")
    assert result.exit_code == 2 and "'xml' is not one of" in result.output


def test_shacl_on_an_export_and_on_a_broken_file(db, tmp_path):
    good = tmp_path / "case.ttl"
    run("--store", db, "export", "--format", "ttl", "-o", good)
    result = run("shacl", good)
    assert (result.exit_code, result.output) == (0, f"{good} conforms to the allegraph shapes\n")
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        good.read_text()
        + "\n<https://allegraph.org/id/baku> <https://allegraph.org/ns#alleges> "
        + "<https://allegraph.org/id/c-kursk> .\n"
    )
    result = run("shacl", broken)
    assert result.exit_code == 3
    assert result.output.startswith(f"{broken} does not conform to the allegraph shapes:\n")
    assert "Conforms: False" in result.output
    assert "Message: ALLEGES must start at a Person or Organization (ag:alleges)" in result.output
    result = run("shacl", tmp_path / "missing.ttl")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {tmp_path / 'missing.ttl'}: no such file\n",
    )


def test_validate_shacl_checks_each_file(db, tmp_path):
    good, other = tmp_path / "case.ttl", tmp_path / "case.jsonld"
    run("--store", db, "export", "--format", "ttl", "-o", good)
    run("--store", db, "export", "--format", "jsonld", "-o", other)
    result = run("validate", "--shacl", good, other)
    assert (result.exit_code, result.output) == (
        0,
        f"{good} conforms to the allegraph shapes\n{other} conforms to the allegraph shapes\n",
    )
    broken = tmp_path / "broken.nt"
    broken.write_text(
        "<https://allegraph.org/id/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://allegraph.org/ns#Claim> .\n"
    )
    result = run("validate", "--shacl", good, broken)
    assert result.exit_code == 3
    assert "a Claim needs at least one source (dcterms:source)" in result.output
    assert "a Claim needs a text (schema:text)" in result.output
    assert "a Claim needs exactly one id (dcterms:identifier)" in result.output


def test_help_has_examples():
    for command, example in (
        ("export", "allegraph export --format ttl -o case.ttl"),
        ("shacl", "allegraph shacl case.ttl"),
    ):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert example in result.output
