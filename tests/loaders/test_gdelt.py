"""The GDELT 2.0 events loader, checked by hand against rows of the real 15-minute sample."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import orjson
import pytest

from allegraph.load import load
from allegraph.loaders import LoadContext, detect_format
from allegraph.loaders.gdelt import read, repeat_events, source_record
from tests.conftest import ROOT

SAMPLE = ROOT / "tests" / "data" / "gdelt" / "20191024143000.export.CSV"
BELSAT = (
    "https://belsat.eu/en/news/"
    "10-years-of-belarus-participating-in-eastern-partnership-what-is-to-come/"
)
# The accusation codes, written out here rather than taken from the loader.
ACCUSE = {"112", "1121", "1122", "1123", "1124", "1125", "114", "115", "116"}


def raw_rows() -> list[list[str]]:
    with open(SAMPLE, encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip()]


def raw_line(event_id: str) -> str:
    with open(SAMPLE, encoding="utf-8") as fh:
        return next(line for line in fh if line.startswith(event_id + "\t"))


@pytest.fixture
def loaded(embedded):
    report = load(embedded, [SAMPLE])
    return embedded, report


def test_sample_is_detected_and_every_record_is_accounted_for(loaded):
    store, report = loaded
    assert detect_format(SAMPLE).name == "gdelt"
    assert report.runs[0].format == "gdelt"
    assert report.read == report.loaded + report.rejected
    assert report.rejected == 0


def test_counts_follow_the_raw_rows(loaded):
    store, _ = loaded
    rows = raw_rows()
    counts = store.counts()
    accusations = [r for r in rows if r[26] in ACCUSE]
    assert counts["nodes"]["Event"] == len(rows) == 2111
    assert counts["nodes"]["Claim"] == len(accusations)
    # ALLEGES only where Actor1 is not blank, ACCUSES only where Actor2 is not.
    assert counts["relationships"]["ALLEGES"] == sum(1 for r in accusations if r[5] or r[6])
    assert counts["relationships"]["ACCUSES"] == sum(1 for r in accusations if r[15] or r[16])
    assert counts["relationships"]["ABOUT"] == len(accusations)
    others = [r for r in rows if r[26] not in ACCUSE]
    participants = sum(bool(r[5] or r[6]) + bool(r[15] or r[16]) for r in others)
    assert counts["relationships"]["PARTICIPATED_IN"] == participants
    located = sum(1 for r in rows if r[51] not in ("", "0") and r[52])
    assert counts["relationships"]["OCCURRED_AT"] == located


def test_a_known_accusation_by_hand(loaded):
    # Row 330: 881991161 20191024 ... BLR BELARUS BLR ... LTU LITHUANIA LTU ... 112 ...
    # Goldstein -2.0, 1 mention, 1 source, action at Minsk (FIPS BO, 53.9 27.5667,
    # feature -1946324), SOURCEURL belsat.eu.
    assert raw_line("881991161").split("\t")[26] == "112"
    store, _ = loaded
    graph = store.to_networkx()
    source = source_record(BELSAT)["id"]
    claim = graph.nodes["gdelt:881991161:claim"]
    assert claim["label"] == "Claim"
    assert claim["text"] == (
        "BELARUS (BLR) accuses LITHUANIA (LTU) "
        "(GDELT event 881991161, CAMEO 112, machine-coded from a news report)"
    )
    assert (claim["kind"], claim["date"], claim["sources"]) == (
        "accusation",
        "2019-10-24",
        [source],
    )
    edges = {(u, d["type"], v) for u, v, d in graph.edges(data=True) if "881991161" in u + v}
    assert edges == {
        ("gdelt:actor:blr:belarus", "ALLEGES", "gdelt:881991161:claim"),
        ("gdelt:881991161:claim", "ACCUSES", "gdelt:actor:ltu:lithuania"),
        ("gdelt:881991161:claim", "ABOUT", "gdelt:881991161"),
        ("gdelt:881991161", "OCCURRED_AT", "gdelt:geo:city:-1946324"),
    }
    event = graph.nodes["gdelt:881991161"]
    assert event["name"] == "Accuse: BELARUS (BLR) -> LITHUANIA (LTU)"
    assert (event["kind"], event["date"]) == ("cameo:112", "2019-10-24")
    assert (event["goldstein"], event["numMentions"], event["numSources"]) == (-2.0, 1, 1)
    minsk = graph.nodes["gdelt:geo:city:-1946324"]
    assert minsk["name"] == "Minsk, Belarus (general), Belarus"
    assert (minsk["country"], minsk["latitude"], minsk["longitude"]) == ("fips:BO", 53.9, 27.5667)
    belarus = graph.nodes["gdelt:actor:blr:belarus"]
    assert (belarus["label"], belarus["name"], belarus["country"]) == (
        "Organization",
        "BELARUS",
        "cameo:BLR",
    )
    assert graph.nodes[source]["url"] == BELSAT
    assert graph.nodes[source]["publisher"] == "belsat.eu"


def test_a_generic_actor_and_a_blank_one_are_not_invented(loaded):
    # Row 489: 881991320, Actor1 COP/POLICE with no country, Actor2 blank, CAMEO 112,
    # action in Indiana (FIPS US, feature IN).
    cells = raw_line("881991320").split("\t")
    assert (cells[5], cells[6], cells[7], cells[15], cells[16]) == ("COP", "POLICE", "", "", "")
    store, _ = loaded
    graph = store.to_networkx()
    police = graph.nodes["gdelt:881991320:actor1"]  # this event's own police
    assert (police["name"], police.get("country")) == ("POLICE", None)
    claim = "gdelt:881991320:claim"
    assert graph.nodes[claim]["text"].startswith("POLICE accuses an unidentified party (")
    types = sorted(d["type"] for _, _, d in graph.out_edges(claim, data=True))
    assert types == ["ABOUT"]  # no ACCUSES: nobody is named
    indiana = graph.nodes["gdelt:geo:us-state:IN"]
    assert (indiana["name"], indiana["country"]) == ("Indiana, United States", "fips:US")
    # Feature "IN" is also India, as a country: another place.
    assert graph.nodes["gdelt:geo:country:IN"]["country"] == "fips:IN"
    # Another event's POLICE is another node.
    assert "gdelt:881991321:actor1" in graph and graph.nodes["gdelt:881991321:actor1"]["name"] == (
        "POLICE"
    )


def test_a_child_code_and_plain_events(loaded):
    store, _ = loaded
    graph = store.to_networkx()
    # Row 1679: 881992510, TURMIL/TURKEY accuses TUR/ANKARA, CAMEO 1123.
    assert graph.nodes["gdelt:881992510:claim"]["text"].startswith(
        "TURKEY (TUR) accuses ANKARA (TUR) of aggression ("
    )
    # Row 1: 881990832, blank Actor1, AUS/VICTORIA, CAMEO 139 "Give ultimatum": an Event.
    assert "gdelt:881990832:claim" not in graph
    event = graph.nodes["gdelt:881990832"]
    assert event["name"] == "Give ultimatum: an unidentified actor -> VICTORIA (AUS)"
    roles = [(u, d["role"]) for u, _, d in graph.in_edges("gdelt:881990832", data=True)]
    assert roles == [("gdelt:actor:aus:victoria", "recipient")]


def test_loading_twice_changes_no_count(store):
    first = load(store, [SAMPLE])
    counts = store.counts()
    second = load(store, [SAMPLE])
    assert store.counts() == counts
    assert (second.read, second.loaded, second.rejected) == (
        first.read,
        first.loaded,
        first.rejected,
    )
    assert second.read == second.loaded + second.rejected


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line.rstrip("\n") + "\n" for line in lines), encoding="utf-8")
    return path


def test_bad_rows_are_rejected_with_their_reason(embedded, tmp_path):
    good = raw_line("881991161")
    cells = good.rstrip("\n").split("\t")
    bad_date = "\t".join(["900000001", "20191345", *cells[2:]])
    bad_number = "\t".join(["900000002", *cells[1:30], "strong", *cells[31:]])
    short = "\t".join(cells[:60])
    path = _write(tmp_path / "mixed.export.CSV", [good, bad_date, bad_number, short])
    rejects = tmp_path / "rejects.jsonl"
    report = load(embedded, [path], rejects_path=rejects)
    reasons = [
        (r["line"], r["reason"]) for r in map(orjson.loads, rejects.read_bytes().splitlines())
    ]
    assert reasons == [
        (2, "SQLDATE: '20191345' is not a date (YYYYMMDD)"),
        (3, "GoldsteinScale: 'strong' is not a number"),
        (4, "expected 61 tab-separated columns, got 60"),
    ]
    assert report.rejected == 3 and report.read == report.loaded + report.rejected
    assert embedded.get_node("gdelt:881991161:claim") is not None
    assert embedded.get_node("gdelt:900000001") is None


def test_a_row_rejected_half_way_does_not_hide_shared_nodes(embedded, tmp_path):
    # The bad row names BELARUS and the belsat.eu source first; the good row after it
    # must still write them.
    good = raw_line("881991161")
    cells = good.rstrip("\n").split("\t")
    bad = "\t".join(["900000003", *cells[1:56], "north", *cells[57:]])
    path = _write(tmp_path / "order.export.CSV", [bad, good])
    report = load(embedded, [path])
    assert report.rejected == 1
    assert embedded.get_node("gdelt:actor:blr:belarus") is not None
    assert embedded.get_node("gdelt:881991161:claim") is not None


def test_a_bad_place_value_is_rejected_whether_or_not_the_place_was_met_before(embedded, tmp_path):
    # the reader builds a place's record once per file; a later row's own values are
    # still checked, so the outcome does not depend on the order of the rows
    good = raw_line("881991161")
    cells = good.rstrip("\n").split("\t")
    bad = "\t".join(["900000004", *cells[1:56], "north", *cells[57:]])
    rejects = tmp_path / "rejects.jsonl"
    path = _write(tmp_path / "after.export.CSV", [good, bad])
    report = load(embedded, [path], rejects_path=rejects)
    reasons = [orjson.loads(line)["reason"] for line in rejects.read_bytes().splitlines()]
    assert reasons == ["ActionGeo_Lat: 'north' is not a number"]
    assert report.rejected == 1 and report.loaded == report.read - 1
    assert embedded.get_node("gdelt:900000004") is None
    assert embedded.get_node("gdelt:881991161") is not None


def test_gzip_and_zip_read_like_the_plain_file(tmp_path):
    lines = [raw_line(i) for i in ("881991161", "881991320", "881992510")]
    plain = _write(tmp_path / "slice.export.CSV", lines)
    gz = tmp_path / "slice.export.CSV.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    zipped = tmp_path / "slice.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(plain, "slice.export.CSV")

    def data(path: Path) -> list:
        return [(r.line, r.data) for r in read(path, LoadContext())]

    assert data(gz) == data(plain) == data(zipped)
    assert len(data(plain)) > 3
    assert detect_format(gz).name == detect_format(zipped).name == "gdelt"


def test_repeat_events_shifts_ids_and_loads_as_new_events(embedded, tmp_path):
    lines = [raw_line(i) for i in ("881991161", "881991320", "881992510")]
    slice_ = _write(tmp_path / "slice.export.CSV", lines)
    big = tmp_path / "big.export.CSV"
    assert repeat_events(slice_, big, 7) == 7
    ids = [line.split("\t")[0] for line in big.read_text().splitlines()]
    assert ids == [
        "881991161",
        "881991320",
        "881992510",
        "10881991161",
        "10881991320",
        "10881992510",
        "20881991161",
    ]
    assert big.read_text().splitlines()[3].endswith("#copy-1")
    load(embedded, [big])
    assert embedded.counts()["nodes"]["Event"] == 7
    assert embedded.counts()["nodes"]["Claim"] == 7
