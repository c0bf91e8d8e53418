"""The cases of issue 11, each reproduced and checked exactly (points 1-4 and 8 here;
the input-reading points 5-7 are in tests/loaders/test_allegations_input.py and
tests/cli/test_load_input_errors_cli.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.interchange.jsonl import write_jsonl
from allegraph.load import load
from allegraph.stores import open_store
from tests.conftest import BAKU

HEADER = ["alleged_by", "claim", "accused", "event", "location", "date", "source_url",
          "source_title", "disputed_by"]  # fmt: skip


def write_log(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def graph_of(store, tmp_path: Path) -> list[dict]:
    """The exported records without the load-run bookkeeping."""
    out = tmp_path / "export.jsonl"
    write_jsonl(store, out)
    records = []
    for line in out.read_text().splitlines():
        record = json.loads(line)
        for key in ("firstSeen", "lastSeen", "loadRun"):
            record.pop(key, None)
        records.append(record)
    return records


def fresh(tmp_path: Path, name: str):
    store = open_store(str(tmp_path / f"{name}.db"))
    store.init()
    return store


# An actor named on many rows, each row with its own source.
MANY_ROWS = [
    ["Press Office", f"Claim number {i}", "Army of Ruritania", "Shelling", "Kursk", "2024",
     f"https://example.org/{i}", f"Report {i}", ""]
    for i in range(40)
]  # fmt: skip


def test_point_1_the_graph_and_the_counts_do_not_depend_on_the_batch_size(tmp_path):
    log = write_log(tmp_path / "log.csv", MANY_ROWS)
    graphs, reads = [], []
    for size in (1, 7, 1000, 200_000):
        store = fresh(tmp_path, f"b{size}")
        report = load(store, [log], batch_size=size)
        graphs.append(graph_of(store, tmp_path))
        reads.append((report.read, report.loaded, report.rejected))
        office = store.get_node("organization:press-office")
        # the actor carries the source of every one of the 40 rows that name it
        assert len(office.sources) == 40
        store.close()
    assert all(g == graphs[0] for g in graphs)
    # each row is 10 records whatever the batch size: its source, claim, the speaker,
    # accused, event and place it names (made from their names, with the row's
    # source), and ALLEGES, ACCUSES, ABOUT and OCCURRED_AT
    assert reads[0] == (400, 400, 0)
    assert reads == [reads[0]] * 4
    check = fresh(tmp_path, "dry")
    dry = load(check, [log], dry_run=True)
    assert (dry.read, dry.loaded, dry.rejected) == reads[0]
    again = fresh(tmp_path, "again")
    load(again, [log])
    reload = load(again, [log])
    assert (reload.read, reload.loaded, reload.rejected) == reads[0]


def test_point_2_the_log_before_the_records_twice_changes_nothing_the_second_time(store, tmp_path):
    inputs = [BAKU / "allegations.csv", BAKU / "records.jsonl"]
    load(store, inputs)
    first = graph_of(store, tmp_path)
    counts = store.counts()
    load(store, inputs)
    assert store.counts() == counts
    assert graph_of(store, tmp_path) == first


def test_point_2_the_order_of_the_inputs_on_the_command_line_does_not_matter(tmp_path):
    one, two = fresh(tmp_path, "one"), fresh(tmp_path, "two")
    report = load(one, [BAKU / "allegations.csv", BAKU / "records.jsonl"])
    load(two, [BAKU / "records.jsonl", BAKU / "allegations.csv"])
    assert graph_of(one, tmp_path) == graph_of(two, tmp_path)
    # the log's names found the nodes the records gave: no node was made from a name
    ids = {n.id for n in one.nodes()}
    assert not any(i.startswith(("person:", "organization:", "event:")) for i in ids)
    # the log loaded last, and every row of it names what the records already hold
    runs = [(r.format, r.status) for r in report.runs]
    assert runs == [("jsonl", "done"), ("allegations-csv", "unchanged")]


def test_point_3_a_row_with_a_bad_date_is_rejected_whole_with_the_real_cause(tmp_path):
    log = write_log(
        tmp_path / "log.csv",
        [
            ["Jane Roe", "Prisoners were beaten", "Army of Ruritania", "Beating", "Camp 4",
             "2021-7-16", "https://example.org/r", "Report", "Ministry of Defence"],
            ["John Doe", "A convoy was shelled", "", "", "", "2021-07-16",
             "https://example.org/s", "Other report", ""],
        ],
    )  # fmt: skip
    store = fresh(tmp_path, "case")
    rejects = tmp_path / "rejects.jsonl"
    report = load(store, [log], rejects_path=rejects)
    [entry] = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert entry["line"] == 2
    assert entry["reason"] == "Claim: date: '2021-7-16' is not an EDTF date"
    assert entry["record"]["claim"] == "Prisoners were beaten"
    assert entry["records"] == 12
    # nothing of that row loaded: no source, speaker, accused, event, place or disputer
    ids = {n.id for n in store.nodes()}
    assert ids == {
        "source:https-example-org-s",
        "claim:a-convoy-was-shelled",
        "person:john-doe",
    }
    assert report.rejected == 12 and report.loaded == 4 and report.read == 16


def test_point_4_names_of_symbols_only_stay_distinct(tmp_path):
    rows = [
        [speaker, text, "", "", "", "", "https://example.org/x", "X", ""]
        for speaker, text in (("💣", "🔥🔥🔥"), ("???", "💀💀"), ("…", "✅"))
    ]
    store = fresh(tmp_path, "case")
    report = load(store, [write_log(tmp_path / "log.csv", rows)])
    assert report.rejected == 0
    claims = sorted(n.props["text"] for n in store.nodes("Claim"))
    people = sorted(n.props["name"] for n in store.nodes("Person"))
    assert claims == ["✅", "💀💀", "🔥🔥🔥"]
    assert people == ["???", "…", "💣"]
    ids = [n.id for n in store.nodes() if n.label in ("Claim", "Person")]
    assert len(set(ids)) == 6 and all(not i.endswith(":") for i in ids)
    assert store.resolve("💣") == [n.id for n in store.nodes("Person") if n.name == "💣"]


def test_a_name_that_matches_several_nodes_rejects_the_row_naming_them(tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text(
        '{"label": "Organization", "id": "mod-ru", "name": "Russian MoD", '
        '"aliases": ["The Ministry"]}\n'
        '{"label": "Organization", "id": "mod-ua", "name": "Ukrainian MoD", '
        '"aliases": ["The Ministry"]}\n'
    )
    log = write_log(
        tmp_path / "log.csv",
        [["The Ministry", "Shelling happened", "", "", "", "", "https://e.org/1", "R", ""]],
    )
    store = fresh(tmp_path, "case")
    rejects = tmp_path / "rejects.jsonl"
    load(store, [log, records], rejects_path=rejects)
    [entry] = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert entry["reason"] == (
        "alleged_by: 'The Ministry' matches several nodes: mod-ru (Organization), "
        "mod-ua (Organization); write the id of the one meant"
    )


def test_a_bare_name_and_a_record_with_the_same_name_are_reported(tmp_path):
    store = fresh(tmp_path, "case")
    log = write_log(
        tmp_path / "log.csv",
        [["Jane Roe", "It happened", "", "", "", "", "https://e.org/1", "R", ""]],
    )
    load(store, [log])  # Jane Roe is made from her name
    records = tmp_path / "records.jsonl"
    records.write_text('{"label": "Person", "id": "roe", "name": "Jane Roe"}\n')
    load(store, [records])
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "case.db"), "load", str(log)])
    assert result.exit_code == 0, result.output
    assert (
        f"warning: possible duplicate: person:jane-roe (made from a name in {log}) and roe "
        "have the same name; write the id in the log to use the one meant"
    ) in result.output


@pytest.mark.parametrize("size", [1, 3])
def test_point_8_a_failed_store_write_leaves_counts_that_add_up(tmp_path, size):
    class Broken(Exception):
        pass

    store = fresh(tmp_path, "case")
    real_write, calls = store.write, []

    def write(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise Broken("disk full")
        return real_write(*args, **kwargs)

    store.write = write
    # the store refusing a batch stops the command (the next input would meet the
    # same store), with the error as it came
    with pytest.raises(Broken, match="disk full"):
        load(store, [write_log(tmp_path / "log.csv", MANY_ROWS[:4])], batch_size=size)
    [saved] = store.runs()
    assert saved.status == "failed"
    assert saved.error.endswith("the store did not take a batch: disk full")
    # what the first batch committed, and nothing of the refused one
    assert saved.loaded == len({n.id for n in store.nodes()}) + len(list(store.links()))
    assert saved.read == saved.loaded + saved.rejected


def test_an_interruption_while_a_batch_is_written_counts_what_was_committed(tmp_path, monkeypatch):
    """The embedded store writes a batch from a thread while the next is checked
    (GraphStore.pipelined): Ctrl-C then waits for that batch and counts it."""
    import time

    from allegraph.validate import Validator

    store = fresh(tmp_path, "case")
    assert store.pipelined
    real_write = store.write

    def slow_write(*args, **kwargs):
        time.sleep(0.2)  # the batch is still in flight when the next record is checked
        return real_write(*args, **kwargs)

    store.write = slow_write
    real_check, checked = Validator.check, []

    def check(self, data):
        checked.append(1)
        if len(checked) == 4:
            raise KeyboardInterrupt
        return real_check(self, data)

    monkeypatch.setattr(Validator, "check", check)
    path = tmp_path / "case.jsonl"
    records = [{"label": "Person", "id": f"p{i}", "name": f"P {i}"} for i in range(6)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    with pytest.raises(KeyboardInterrupt):
        load(store, [path], batch_size=3)
    [saved] = store.runs()
    assert saved.status == "interrupted"
    assert [n.id for n in store.nodes()] == ["p0", "p1", "p2"]  # the first batch, whole
    assert (saved.read, saved.loaded, saved.rejected) == (3, 3, 0)
