"""Reloading: unchanged data changes nothing, and is not read again when the store can tell."""

import json

import yaml

from allegraph.load import load
from allegraph.model import Entity
from allegraph.schema import Registry
from allegraph.stores.embedded import EmbeddedStore

CASE = [
    {"label": "Source", "id": "s1", "title": "Report", "publisher": "Wire"},
    {"label": "Person", "id": "ana", "name": "Ana", "aliases": ["Анна"], "sources": ["s1"]},
    {"label": "Claim", "id": "c1", "text": "It happened", "date": "2024-03~", "sources": ["s1"]},
    {"type": "ALLEGES", "from": "ana", "to": "c1", "sources": ["s1"]},
]
OTHER = [{"label": "Person", "id": "ana", "name": "Ana Maria", "sources": ["s1"]}]


def write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def snapshot(store):
    """Everything but lastSeen and loadRun."""
    nodes = [(n.id, n.label, n.props, n.sources, n.first_seen) for n in store.nodes()]
    links = [(x.id, x.props, x.sources, x.first_seen) for x in store.links()]
    return nodes, links


def written_by(store):
    return {n.id: (n.last_seen, n.load_run) for n in store.nodes()}


def test_reloading_the_same_file_is_skipped_and_changes_nothing(embedded, tmp_path):
    path = write(tmp_path / "case.jsonl", CASE)
    first = load(embedded, [path]).runs[0]
    before, stamps = snapshot(embedded), written_by(embedded)
    again = load(embedded, [path]).runs[0]
    assert (again.read, again.loaded, again.rejected, again.status) == (4, 4, 0, "unchanged")
    assert first.status == "done"
    assert snapshot(embedded) == before
    assert written_by(embedded) == stamps  # not read again: nothing was written
    assert {r.id: r.status for r in embedded.runs()} == {first.id: "done", again.id: "unchanged"}


def test_a_file_changed_by_one_byte_is_loaded(embedded, tmp_path):
    path = write(tmp_path / "case.jsonl", CASE)
    load(embedded, [path])
    write(path, [*CASE[:-1], {**CASE[-1], "quote": "x"}])
    run = load(embedded, [path]).runs[0]
    assert run.status == "done"
    assert next(embedded.links()).props == {"quote": "x"}


def test_after_another_load_changed_the_store_a_reload_restores_the_values(embedded, tmp_path):
    case, other = write(tmp_path / "case.jsonl", CASE), write(tmp_path / "other.jsonl", OTHER)
    load(embedded, [case, other])
    assert embedded.get_node("ana").props["name"] == "Ana Maria"
    run = load(embedded, [case]).runs[0]
    assert run.status == "done"  # read again, and it changed the name back
    assert embedded.get_node("ana").props["name"] == "Ana"


def test_several_files_reloaded_are_read_once_more_then_skipped(embedded, tmp_path):
    files = [write(tmp_path / "a.jsonl", CASE[:2]), write(tmp_path / "b.jsonl", CASE[2:])]
    load(embedded, files)
    before = snapshot(embedded)
    second = load(embedded, files)
    # a.jsonl comes after b.jsonl's run, which changed the store: read again, changes nothing
    assert [r.status for r in second.runs] == ["unchanged", "unchanged"]
    stamps = written_by(embedded)
    assert stamps["ana"][1] == second.runs[0].id  # it was written (lastSeen moved)
    third = load(embedded, files)
    assert [r.status for r in third.runs] == ["unchanged", "unchanged"]
    assert written_by(embedded) == stamps  # skipped: not written
    assert snapshot(embedded) == before


def test_a_file_with_rejects_is_read_again_and_its_rejects_written_again(embedded, tmp_path):
    path = write(tmp_path / "case.jsonl", [*CASE, {"label": "Planet", "name": "Mars"}])
    rejects = tmp_path / "rejects.jsonl"
    load(embedded, [path], rejects_path=rejects)
    rejects.unlink()
    run = load(embedded, [path], rejects_path=rejects).runs[0]
    assert (run.read, run.loaded, run.rejected) == (5, 4, 1)
    assert len(rejects.read_text().splitlines()) == 1


def test_a_changed_schema_reads_the_file_again(tmp_path):
    from importlib import resources

    path = write(tmp_path / "case.jsonl", CASE)
    db = tmp_path / "case.db"
    with EmbeddedStore(db) as store:
        store.init()
        load(store, [path])
    text = resources.files("allegraph.schema").joinpath("model.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    data["labels"]["Person"]["properties"]["name"]["description"] = "changed"
    with EmbeddedStore(db, Registry(data)) as store:
        assert store.unchanged_since(store.runs()[0].sha256, "jsonl") is None
        assert load(store, [path]).runs[0].status == "unchanged"  # read, nothing changed
    with EmbeddedStore(db) as store:  # the run before was made under the changed schema
        assert load(store, [path]).runs[0].status == "unchanged"
        assert store.runs()[-1].read == 4


def test_clear_forgets_the_runs_so_the_file_is_loaded_again(embedded, tmp_path):
    path = write(tmp_path / "case.jsonl", CASE)
    load(embedded, [path])
    embedded.clear()
    run = load(embedded, [path]).runs[0]
    assert run.status == "done"
    assert len(list(embedded.nodes())) == 3


def test_a_dry_run_never_skips(embedded, tmp_path):
    path = write(tmp_path / "case.jsonl", CASE)
    load(embedded, [path])
    report = load(embedded, [path], dry_run=True)
    assert (report.read, report.loaded, report.runs[0].status) == (4, 4, "done")


def test_write_counts_the_rows_it_changed(embedded):
    source = Entity("Source", "s1", {"title": "Report"}, [])
    ana = Entity("Person", "ana", {"name": "Ana"}, ["s1"])
    assert embedded.write([source, ana], [], "r1", "2026-01-01T00:00:00Z") == 2
    assert embedded.write([source, ana], [], "r2", "2026-02-01T00:00:00Z") == 0
    node = embedded.get_node("ana")
    assert (node.first_seen, node.last_seen, node.load_run) == (
        "2026-01-01T00:00:00Z",
        "2026-02-01T00:00:00Z",
        "r2",
    )
    renamed = Entity("Person", "ana", {"name": "Ana B."}, ["s1"])
    assert embedded.write([renamed], [], "r3", "2026-03-01T00:00:00Z") == 1
    assert embedded.get_node("ana").props == {"name": "Ana B."}
