"""Later loads and the load-time warning follow the judgements."""

from __future__ import annotations

from allegraph.load import load
from allegraph.resolve import judge


def test_the_duplicate_warning_points_at_resolve_and_stops_once_judged(store, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "alleged_by,claim,source_url\nJane Roe,It happened,https://e.org/1\n", encoding="utf-8"
    )
    load(store, [log])  # Jane Roe is made from her name: person:jane-roe
    records = tmp_path / "records.jsonl"
    records.write_text('{"label": "Person", "id": "roe", "name": "Jane Roe"}\n')
    load(store, [records])
    warned = load(store, [log]).warnings
    assert warned == [
        f"possible duplicate: person:jane-roe (made from a name in {log}) and roe have the "
        "same name; write the id in the log to use the one meant, or judge them: "
        "`allegraph resolve candidates`"
    ]
    judge(store, "roe", "person:jane-roe", "different", "ana", note="two people")
    assert load(store, [log]).warnings == []
    assert store.labels_of(["roe", "person:jane-roe"]) == {
        "roe": "Person",
        "person:jane-roe": "Person",
    }


def test_a_merged_pair_takes_later_rows_whatever_name_they_use(store, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "alleged_by,claim,source_url\nJane Roe,It happened,https://e.org/1\n", encoding="utf-8"
    )
    records = tmp_path / "records.jsonl"
    records.write_text('{"label": "Person", "id": "roe", "name": "Jane A. Roe"}\n')
    load(store, [log, records])
    judge(store, "roe", "person:jane-roe", "same", "ana")
    more = tmp_path / "more.csv"
    more.write_text(
        "alleged_by,claim,source_url\nJane Roe,It happened again,https://e.org/2\n",
        encoding="utf-8",
    )
    assert load(store, [more, log]).rejected == 0
    assert store.get_node("person:jane-roe") is None
    assert store.counts()["nodes"]["Person"] == 1
    assert sorted(lk.dst for lk in store.links("ALLEGES") if lk.src == "roe") == [
        "claim:it-happened",
        "claim:it-happened-again",
    ]
