"""The synthetic case generator (allegraph.synth): seeded, sized, loadable and realistic."""

from collections import Counter

import orjson
import pytest

from allegraph import synth
from allegraph.dates import date_range
from allegraph.load import load
from allegraph.status import claim_statuses


def by_kind(records: list[dict]) -> Counter:
    return Counter(r.get("label") or r["type"] for r in records)


@pytest.fixture(scope="module")
def case() -> list[dict]:
    return list(synth.records(20000, seed=1))


def test_the_same_seed_gives_the_same_bytes(tmp_path):
    first, second, other = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    synth.write_jsonl(first, 3000, seed=5)
    synth.write_jsonl(second, 3000, seed=5)
    synth.write_jsonl(other, 3000, seed=6)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    csv_a, csv_b = tmp_path / "a.csv", tmp_path / "b.csv"
    synth.write_allegations_csv(csv_a, 3000, seed=5)
    synth.write_allegations_csv(csv_b, 3000, seed=5)
    assert csv_a.read_bytes() == csv_b.read_bytes()


@pytest.mark.parametrize("size", [synth.MIN_SIZE, 999, 5000, 12345])
def test_a_case_has_exactly_size_records_in_the_planned_mix(size):
    records = list(synth.records(size))
    assert len(records) == size
    assert by_kind(records) == Counter({k: v for k, v in synth.counts(size).items() if v})


def test_too_small_a_size_is_refused():
    with pytest.raises(ValueError, match="at least"):
        synth.counts(synth.MIN_SIZE - 1)


def test_ids_are_unique_so_every_record_is_one_node_or_relationship(case):
    nodes = [r["id"] for r in case if "label" in r]
    links = [(r["type"], r["from"], r["to"]) for r in case if "type" in r]
    assert len(set(nodes)) == len(nodes)
    assert len(set(links)) == len(links)


def test_every_reference_points_back_to_an_earlier_node(case):
    seen: dict[str, str] = {}
    for record in case:
        refs = list(record.get("sources", []))
        if "type" in record:
            refs += [record["from"], record["to"]]
        assert all(ref in seen for ref in refs), record
        for ref in record.get("sources", []):
            assert seen[ref] == "Source"
        if "label" in record:
            seen[record["id"]] = record["label"]


def test_the_case_loads_with_no_rejects(embedded, tmp_path):
    path = tmp_path / "case.jsonl"
    synth.write_jsonl(path, 4000, seed=2)
    report = load(embedded, [path], rejects_path=tmp_path / "rejects.jsonl")
    assert (report.read, report.loaded, report.rejected) == (4000, 4000, 0)
    counts = embedded.counts()
    stored = sum(counts["nodes"].values()) + sum(counts["relationships"].values())
    assert stored == 4000
    expected = synth.counts(4000)
    assert counts["nodes"]["Claim"] == expected["Claim"]
    assert counts["relationships"]["DISPUTED_BY"] == expected["DISPUTED_BY"]


def test_the_allegations_log_loads_with_no_rejects(embedded, tmp_path):
    path = tmp_path / "log.csv"
    rows = synth.write_allegations_csv(path, 2000, seed=2)
    assert rows == synth.counts(2000)["Claim"]
    report = load(embedded, [path], rejects_path=tmp_path / "rejects.jsonl")
    assert report.rejected == 0 and report.read > rows
    counts = embedded.counts()
    assert counts["nodes"]["Claim"] == rows
    assert counts["relationships"]["ALLEGES"] == rows
    assert counts["relationships"]["DISPUTED_BY"] > 0


def test_a_few_actors_make_most_allegations(case):
    per_actor = Counter(r["from"] for r in case if r.get("type") == "ALLEGES")
    actors = sum(1 for r in case if r.get("label") in ("Person", "Organization"))
    ranked = sorted(per_actor.values(), reverse=True) + [0] * (actors - len(per_actor))
    total = sum(ranked)
    assert sum(ranked[: actors // 20]) >= 0.5 * total  # the most active 5%: over half
    assert sum(ranked[: actors // 100]) >= 0.25 * total  # the most active 1%: a quarter
    assert ranked[actors // 2] <= 0.5 * total / actors  # the median actor: under half the mean


def test_claims_have_one_to_five_sources_from_shared_publishers(case):
    per_claim = Counter(len(r["sources"]) for r in case if r.get("label") == "Claim")
    assert set(per_claim) == {1, 2, 3, 4, 5}
    assert per_claim[1] > per_claim[2] > per_claim[5]
    publishers = Counter(r["publisher"] for r in case if r.get("label") == "Source")
    assert 1 < len(publishers) < sum(publishers.values()) / 5
    assert publishers.most_common(1)[0][1] > 5 * min(publishers.values())


def test_claims_get_every_derived_status(tmp_path, embedded):
    path = tmp_path / "case.jsonl"
    synth.write_jsonl(path, 3000, seed=4)
    load(embedded, [path])
    statuses = Counter(s.status for s in claim_statuses(embedded.to_networkx()).values())
    assert set(statuses) == {
        "single-source", "corroborated", "disputed", "contested", "denied", "retracted",
    }  # fmt: skip


def test_disputes_come_from_actors_and_counter_claims_with_cycles(case):
    labels = {r["id"]: r["label"] for r in case if "label" in r}
    disputes = [(r["from"], r["to"]) for r in case if r.get("type") == "DISPUTED_BY"]
    targets = Counter(labels[to] for _, to in disputes)
    assert targets["Claim"] > 0 and targets["Person"] + targets["Organization"] > 0
    pairs = set(disputes)
    assert any((b, a) in pairs for a, b in pairs)
    supports = {(r["from"], r["to"]) for r in case if r.get("type") == "SUPPORTS"}
    assert any((b, a) in supports for a, b in supports)
    assert {labels[a] for a, _ in supports} == {"Claim", "Source"}


def test_aliases_include_other_scripts(case):
    aliases = [a for r in case if "label" in r for a in r.get("aliases", [])]
    scripts = {
        "cyrillic": any("\u0400" <= ch <= "\u04ff" for a in aliases for ch in a),
        "arabic": any("\u0600" <= ch <= "\u06ff" for a in aliases for ch in a),
        "cjk": any("\u4e00" <= ch <= "\u9fff" for a in aliases for ch in a),
        "georgian": any("\u10a0" <= ch <= "\u10ff" for a in aliases for ch in a),
    }
    assert all(scripts.values()), scripts


def test_dates_are_uncertain_edtf(case):
    dates = [r["date"] for r in case if "date" in r]
    assert any(d.endswith("~") for d in dates)
    assert any(d.startswith("../") for d in dates)
    assert any("/" in d and not d.startswith("..") for d in dates)
    assert any(len(d) == 4 for d in dates)
    for text in set(dates):
        date_range(text)  # raises if it is not EDTF


def test_every_event_happens_somewhere(case):
    events = {r["id"] for r in case if r.get("label") == "Event"}
    placed = {r["from"] for r in case if r.get("type") == "OCCURRED_AT"}
    assert events <= placed


def test_records_are_plain_json(case):
    assert orjson.loads(orjson.dumps(case[:100])) == case[:100]
