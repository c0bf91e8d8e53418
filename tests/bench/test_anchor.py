"""The benchmark's anchor (LOAD CSV of the same records) builds the same graph as allegraph.

If it did not, the Neo4j load ratio in docs/benchmarks.md would compare unlike work.
"""

import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from allegraph import synth
from allegraph.load import load

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from harness import anchor  # noqa: E402


def snapshot(store):
    nodes = [(n.id, n.label, n.props, n.sources) for n in store.nodes()]
    links = [(x.id, x.type, x.src, x.dst, x.props, x.sources) for x in store.links()]
    return nodes, links


def keys(store):
    return store.run("MATCH (n:Entity) RETURN n.id, n._keys ORDER BY n.id").rows


@pytest.mark.neo4j
def test_load_csv_of_the_records_gives_the_graph_allegraph_loads(neo4j_store, tmp_path):
    case = tmp_path / "case.jsonl"
    synth.write_jsonl(case, 600, seed=4)
    assert load(neo4j_store, [case]).rejected == 0
    expected, expected_keys = snapshot(neo4j_store), keys(neo4j_store)
    loaded = neo4j_store.counts()
    neo4j_store.clear()
    neo4j_store.init()
    files = anchor.write_csv(case, tmp_path / "csv")
    assert sorted(files) == sorted(  # a file for every label and type loaded
        [f"node:{label}" for label, n in loaded["nodes"].items() if n]
        + [f"rel:{type_}" for type_, n in loaded["relationships"].items() if n]
    )
    result = anchor.load_csv(neo4j_store.driver, files, neo4j_store.database)
    assert result["seconds"] > 0
    assert snapshot(neo4j_store) == expected
    assert keys(neo4j_store) == expected_keys


class FakeServer:
    """A session of a Neo4j server whose LOAD CSV resolves ``file:///`` URLs in its import
    folder (``confined``, as neo4j.conf sets it) or anywhere (the setting unset, as in
    scripts/neo4j/neo4j-local), and which cannot read ``unreadable`` (another user's folder)."""

    def __init__(self, import_dir: Path, confined: bool, unreadable: Path | None = None):
        self.import_dir, self.confined, self.unreadable = import_dir, confined, unreadable
        self.read: list[str] = []

    def run(self, query, url=None, **params):
        if "listConfig" in query:
            return Result([[str(self.import_dir)]])
        path = Path(unquote(urlparse(url).path))
        if self.confined:
            path = self.import_dir / path.relative_to("/")
        if not path.is_file() or (self.unreadable and path.is_relative_to(self.unreadable)):
            raise RuntimeError(f"Couldn't load the external resource at: {url}")
        self.read.append(url)
        return Result([])


class Result:
    def __init__(self, rows):
        self.rows = rows

    def values(self):
        return self.rows

    def consume(self):
        return None


def csv_files(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    files = {"node:Person": folder / "node-Person.csv", "rel:ACCUSES": folder / "rel-ACCUSES.csv"}
    for path in files.values():
        path.write_text("id\nx\n")
    return files


@pytest.mark.parametrize("confined", [True, False])
def test_files_the_server_cannot_read_are_copied_and_asked_for_where_it_reads(tmp_path, confined):
    files = csv_files(tmp_path / "case")
    server = FakeServer(tmp_path / "import", confined, unreadable=tmp_path / "case")
    (tmp_path / "import").mkdir()
    urls, copies = anchor._urls(server, files)
    assert copies == tmp_path / "import" / "allegraph-bench"
    for key, path in files.items():
        assert (copies / path.name).read_text() == path.read_text()
        if confined:  # relative to the import folder
            assert urls[key] == f"file:///allegraph-bench/{path.name}"
        else:  # the copy's own path (the URL the fallback used to ask for is not readable)
            assert urls[key] == (copies / path.name).as_uri()
        server.run("LOAD CSV FROM $url AS row RETURN count(*)", url=urls[key])


def test_files_the_server_can_read_are_read_where_they_are_relative_paths_too(
    tmp_path, monkeypatch
):
    files = csv_files(tmp_path / "case")
    monkeypatch.chdir(tmp_path)
    relative = {key: path.relative_to(tmp_path) for key, path in files.items()}
    urls, copies = anchor._urls(FakeServer(tmp_path / "import", confined=False), relative)
    assert copies is None
    assert urls == {key: path.as_uri() for key, path in files.items()}


def test_a_server_that_reads_neither_url_says_where_it_looked(tmp_path):
    files = csv_files(tmp_path / "case")
    server = FakeServer(tmp_path / "import", confined=False, unreadable=tmp_path)
    with pytest.raises(RuntimeError, match="reads neither file:///allegraph-bench/node-"):
        anchor._urls(server, files)
    assert not (tmp_path / "import" / "allegraph-bench").exists()  # the copies are removed


@pytest.mark.neo4j
def test_load_csv_from_copies_in_the_servers_import_folder(neo4j_store, tmp_path):
    """The fallback against a real server (scripts/neo4j/neo4j-local: no import folder set):
    the same graph as from the files where they are, and the copies removed after."""
    case = tmp_path / "case.jsonl"
    synth.write_jsonl(case, 300, seed=2)
    files = anchor.write_csv(case, tmp_path / "csv")
    result = anchor.load_csv(neo4j_store.driver, files, neo4j_store.database)
    assert "read_from" not in result
    expected = snapshot(neo4j_store)
    neo4j_store.clear()
    neo4j_store.init()
    result = anchor.load_csv(neo4j_store.driver, files, neo4j_store.database, in_import_folder=True)
    assert result["read_from"] == "copies in the server's import folder"
    assert snapshot(neo4j_store) == expected
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        assert not (anchor._import_dir(session) / "allegraph-bench").exists()
