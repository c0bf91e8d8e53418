"""push, pull and cypher through the CLI, against a real Neo4j server."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.stores import open_store


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def snapshot(store):
    nodes = [(n.label, n.to_record(), n.sources) for n in store.nodes()]
    links = [(link.id, link.to_record(), link.sources) for link in store.links()]
    return nodes, links


def table(*rows):
    """The text of a plain table (the render format: two spaces, a rule of dashes)."""
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    line = lambda r: "  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join([line(rows[0]), "  ".join("-" * w for w in widths), *map(line, rows[1:])])


@pytest.mark.neo4j
def test_push_twice_then_pull_back(neo4j_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    uri = neo4j_store.url
    assert run("--store", "case.db", "load", *baku_files()).exit_code == 0
    with open_store("case.db") as case:
        counts, records = case.counts(), snapshot(case)
    total = sum(counts["nodes"].values()) + sum(counts["relationships"].values())
    header = ("from", "to", "read", "loaded", "rejected", "runs_copied")

    first = run("--store", "case.db", "push", "--to", uri)
    assert first.exit_code == 0
    assert first.output == table(header, ("case.db", uri, total, total, 0, 2)) + "\n"
    stats = run("--store", "case.db", "stats", "--format", "json").output
    assert run("--store", uri, "stats", "--format", "json").output == stats

    second = run("--store", "case.db", "push", "--to", uri, "--json")
    report = json.loads(second.output)
    assert (report["loaded"], report["rejected"], report["runs_copied"]) == (total, 0, 0)
    assert run("--store", uri, "stats", "--format", "json").output == stats

    back = run("--store", "back.db", "pull", "--from", uri, "--batch-size", "9")
    assert back.exit_code == 0
    assert back.output == table(header, (uri, "back.db", total, total, 0, 4)) + "\n"
    with open_store("back.db") as pulled:
        assert pulled.counts() == counts
        assert snapshot(pulled) == records
        assert [r.format for r in pulled.runs()].count("store") == 3


@pytest.fixture
def baku_neo4j(neo4j_store):
    assert load(neo4j_store, baku_files()).rejected == 0
    return neo4j_store


AFFILIATION = (
    "MATCH (p:Person {id: $id})-[r:AFFILIATED_WITH]->(o:Organization) "
    "RETURN o.id AS org, r.role AS role"
)


@pytest.mark.neo4j
def test_cypher_prints_table_json_and_csv(baku_neo4j):
    uri = baku_neo4j.url
    result = run("--store", uri, "cypher", AFFILIATION, "-p", "id=moskalkova")
    assert result.exit_code == 0
    want = ("ru-ombudsman", "Commissioner for Human Rights")
    assert result.output == table(("org", "role"), want) + "\n"
    result = run("--store", uri, "cypher", AFFILIATION, "-p", "id=moskalkova", "--format", "json")
    assert json.loads(result.output) == [{"org": want[0], "role": want[1]}]
    result = run("--store", uri, "cypher", AFFILIATION, "-p", "id=moskalkova", "--format", "csv")
    assert result.output == f"org,role\n{want[0]},{want[1]}\n"
    typed = run(
        "--store", uri, "cypher", "RETURN $n + 1 AS n, $s AS s", "-p", "n=41", "-p", "s=a b"
    )
    assert typed.output == table(("n", "s"), (42, "a b")) + "\n"


@pytest.mark.neo4j
def test_cypher_returns_nodes_without_internal_keys(baku_neo4j):
    query = "MATCH (p:Person {id: 'moskalkova'}) RETURN p"
    (row,) = json.loads(run("--store", baku_neo4j.url, "cypher", query, "--format", "json").output)
    assert row["p"]["_labels"] == ["Entity", "Person"]
    assert row["p"]["name"] == "Tatyana Moskalkova" and "_keys" not in row["p"]


@pytest.mark.neo4j
def test_cypher_writes_only_with_the_flag(baku_neo4j):
    uri = baku_neo4j.url
    counts = baku_neo4j.counts()
    query = "MATCH (p:Person {id: $id}) SET p.country = $c CREATE (:Person {id: 'new'})"
    refused = run("--store", uri, "cypher", query, "-p", "id=moskalkova", "-p", "c=XX")
    assert refused.exit_code == 1
    assert refused.output == (
        "Error: the query writes to the graph and cypher runs read-only: "
        "add --write to allow writes\n"
    )
    assert baku_neo4j.counts() == counts
    assert baku_neo4j.get_node("moskalkova").props["country"] == "RU"
    done = run("--store", uri, "cypher", query, "-p", "id=moskalkova", "-p", "c=XX", "--write")
    assert done.exit_code == 0
    assert done.output == "labels_added: 1, nodes_created: 1, properties_set: 2\n"
    assert baku_neo4j.get_node("moskalkova").props["country"] == "XX"
    assert baku_neo4j.counts()["nodes"]["Person"] == counts["nodes"]["Person"] + 1


def test_cypher_needs_a_neo4j_store(tmp_path):
    db = tmp_path / "case.db"
    result = run("--store", db, "cypher", "RETURN 1")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cypher needs a Neo4j store, and '{db}' is the embedded store: "
        "use --store bolt://host:7687 (or neo4j://...)\n"
    )
    bad = run("--store", db, "cypher", "RETURN $x", "-p", "x")
    assert (bad.exit_code, bad.output) == (1, "Error: parameter 'x': expected name=value\n")


@pytest.mark.neo4j
def test_a_wrong_password_is_one_line_without_the_password(neo4j_store):
    uri = neo4j_store.url
    env = {"NEO4J_PASSWORD": "Wrong-Secret-123", "NEO4J_AUTH": None, "NEO4J_USER": "neo4j"}
    for args in (("stats",), ("cypher", "RETURN 1"), ("push", "--to", "x.db")):
        result = run("--store", uri, *args, env=env)
        assert result.exit_code == 1
        assert result.output == (
            f"Error: Neo4j at {uri} refused the login of user 'neo4j': "
            "check NEO4J_USER and NEO4J_PASSWORD (or NEO4J_AUTH=user/password)\n"
        )
        assert "Wrong-Secret-123" not in result.output
        open_store(uri).close()  # a good login resets the server's failed-login counter


def test_a_server_that_is_down_is_one_line(tmp_path):
    env = {"NEO4J_PASSWORD": "Some-Secret-123"}
    result = run("--store", tmp_path / "a.db", "push", "--to", "bolt://127.0.0.1:1", env=env)
    assert result.exit_code == 1
    assert result.output == (
        "Error: cannot reach Neo4j at bolt://127.0.0.1:1: check that the server is running "
        "and that the host and port in the store URL are right\n"
    )
