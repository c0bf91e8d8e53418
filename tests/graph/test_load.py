import json

import orjson

from allegraph.load import load, sha256_of

GOOD_AND_BAD = [
    {"type": "ALLEGES", "from": "ana", "to": "c1", "sources": ["s1"]},  # 1: before its nodes
    {"label": "Person", "id": "ana", "name": "Ana", "sources": ["s1"]},  # 2
    {"label": "Source", "id": "s1", "title": "Report"},  # 3
    {"label": "Planet", "name": "Mars"},  # 4: bad label
    {"label": "Claim", "id": "c1", "text": "It happened", "sources": ["s1"]},  # 5
    {"label": "Claim", "id": "c2", "text": "No source"},  # 6: missing sources
    {"type": "ALLEGES", "from": "ghost", "to": "c1", "sources": ["s1"]},  # 7: unknown id
    {"label": "Location", "id": "baku", "name": "Baku"},  # 8
    {"type": "ALLEGES", "from": "baku", "to": "c1", "sources": ["s1"]},  # 9: wrong endpoint
    {"label": "Event", "id": "e1", "name": "E", "date": "2024-99"},  # 10: bad date
    {"label": "Person", "id": "bo", "name": "Bo", "sources": ["nowhere"]},  # 11: unknown source
    {"label": "Organization", "id": "ana", "name": "Ana Ltd"},  # 12: id taken by a Person
]
EXPECTED_REJECTS = {
    4: "label: unknown label 'Planet' "
    "(known: Person, Organization, Location, Event, Claim, Source, Evidence)",
    6: "sources: a Claim needs at least one source id",
    7: "from: node 'ghost' exists neither in this input nor in the store",
    9: "from: ALLEGES must start at Person/Organization, but 'baku' is a Location",
    10: "date: '2024-99' is not an EDTF date",
    11: "sources: Source 'nowhere' exists neither in this input nor in the store",
    12: "id: 'ana' already exists as a Person, not an Organization",
}


def write_jsonl(path, records, extra=""):
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + extra)
    return path


def read_rejects(path):
    return [orjson.loads(line) for line in path.read_text().splitlines()]


def test_good_records_load_bad_ones_are_kept_with_line_and_reason(embedded, tmp_path):
    path = write_jsonl(tmp_path / "mixed.jsonl", GOOD_AND_BAD, "{not json\n")
    rejects = tmp_path / "rejects.jsonl"
    report = load(embedded, [path], rejects_path=rejects, batch_size=2)
    assert (report.read, report.loaded, report.rejected) == (13, 5, 8)
    assert report.read == report.loaded + report.rejected
    found = read_rejects(rejects)
    by_line = {r["line"]: r["reason"] for r in found}
    assert {k: v for k, v in by_line.items() if k != 13} == EXPECTED_REJECTS
    assert by_line[13].startswith("invalid JSON")
    for r in found:
        assert r["file"] == str(path)
        assert r["run"] == report.runs[0].id
        if r["line"] != 13:
            assert r["record"] == GOOD_AND_BAD[r["line"] - 1]
    assert {n.id for n in embedded.nodes()} == {"ana", "s1", "c1", "baku"}
    assert [(x.src, x.dst) for x in embedded.links()] == [("ana", "c1")]


def test_run_is_recorded_with_sha256_and_counts(embedded, tmp_path):
    path = write_jsonl(tmp_path / "mixed.jsonl", GOOD_AND_BAD)
    report = load(embedded, [path], rejects_path=tmp_path / "r.jsonl")
    (run,) = embedded.runs()
    assert run.as_dict() == report.runs[0].as_dict()
    assert (run.input, run.format, run.status) == (str(path), "jsonl", "done")
    assert (run.read, run.loaded, run.rejected) == (12, 5, 7)
    assert run.sha256 == sha256_of(path) and len(run.sha256) == 64
    assert run.started <= run.ended
    node = embedded.get_node("ana")
    assert node.load_run == run.id and node.first_seen is not None


def test_references_into_the_store_resolve(embedded, tmp_path):
    write_jsonl(tmp_path / "a.jsonl", GOOD_AND_BAD[1:3])
    load(embedded, [tmp_path / "a.jsonl"])
    link = {"type": "ALLEGES", "from": "ana", "to": "c9", "sources": ["s1"]}
    claim = {"label": "Claim", "id": "c9", "text": "Later", "sources": ["s1"]}
    write_jsonl(tmp_path / "b.jsonl", [link, claim])
    report = load(embedded, [tmp_path / "b.jsonl"], batch_size=1)
    assert (report.loaded, report.rejected) == (2, 0)


def test_dry_run_writes_nothing(embedded, tmp_path):
    path = write_jsonl(tmp_path / "mixed.jsonl", GOOD_AND_BAD)
    report = load(embedded, [path], rejects_path=tmp_path / "r.jsonl", dry_run=True)
    assert (report.read, report.loaded, report.rejected) == (12, 5, 7)
    assert sum(embedded.counts()["nodes"].values()) == 0
    assert embedded.runs() == []


def test_no_rejects_no_rejects_file(embedded, tmp_path):
    path = write_jsonl(tmp_path / "ok.jsonl", GOOD_AND_BAD[1:3])
    load(embedded, [path], rejects_path=tmp_path / "r.jsonl")
    assert not (tmp_path / "r.jsonl").exists()


def test_same_id_twice_in_one_batch_merges(embedded, tmp_path):
    recs = [
        {"label": "Source", "id": "s1", "title": "Report"},
        {"label": "Person", "id": "ana", "name": "Ana", "aliases": ["A"], "sources": ["s1"]},
        {"label": "Person", "id": "ana", "name": "Ana", "aliases": ["Anna"], "country": "RU"},
    ]
    report = load(embedded, [write_jsonl(tmp_path / "d.jsonl", recs)])
    assert report.loaded == 3
    ana = embedded.get_node("ana")
    assert ana.props == {"name": "Ana", "aliases": ["A", "Anna"], "country": "RU"}
    assert ana.sources == ["s1"]


def test_records_waiting_for_a_late_node_are_not_looked_up_again(embedded, tmp_path):
    # 300 claims cite a source that comes last: each id is asked of the store once,
    # not once per batch, and the claims load when the source turns up.
    recs = [
        {"label": "Claim", "id": f"c{i}", "text": f"T {i}", "sources": ["late"]} for i in range(300)
    ]
    recs.append({"label": "Source", "id": "late", "title": "Late"})
    asked: list[str] = []
    lookup = embedded.labels_of

    def counting(ids):
        ids = list(ids)
        asked.extend(ids)
        return lookup(ids)

    embedded.labels_of = counting
    report = load(embedded, [write_jsonl(tmp_path / "late.jsonl", recs)], batch_size=10)
    assert (report.loaded, report.rejected) == (301, 0)
    assert sorted(asked) == sorted({"late", *(f"c{i}" for i in range(300))})
