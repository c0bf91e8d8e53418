"""The STIX 2.1 loader: MITRE ATT&CK for ICS and the OASIS threat reports, checked by hand."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import orjson
import pytest

from allegraph.load import load
from allegraph.loaders import detect_format
from allegraph.loaders.stix import object_lines
from allegraph.status import claim_statuses
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "stix"
ICS = DATA / "ics-attack-18.1.json"
APT1 = DATA / "oasis_apt1.json"
POISONIVY = DATA / "oasis_poisonivy.json"

MITRE = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5"
UKRAINE_2015 = "campaign--46421788-b6e1-4256-b351-f8beffd1afba"
SANDWORM = "intrusion-set--381fcf73-60f6-4ab2-9991-6af3cbc35192"
ATTRIBUTION_2015 = "relationship--4d407dda-944a-4974-b1c2-0a04d2c9ee4c"
WIRED = "https://www.wired.com/story/russian-hackers-attack-ukraine/"
INDICTMENT = "https://www.justice.gov/opa/press-release/file/1328521/download"


def objects(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["objects"]


def rejects_of(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()] if path.exists() else []


@pytest.fixture(scope="module")
def ics(tmp_path_factory):
    from allegraph.stores import open_store

    folder = tmp_path_factory.mktemp("ics")
    store = open_store(str(folder / "ics.db"))
    store.init()
    report = load(store, [ICS], rejects_path=folder / "rejects.jsonl")
    yield store, report, rejects_of(folder / "rejects.jsonl")
    store.close()


def test_bundles_are_detected():
    assert [detect_format(p).name for p in (ICS, APT1, POISONIVY)] == ["stix"] * 3


def test_object_lines_point_at_each_object():
    lines = object_lines(ICS.read_bytes())
    assert len(lines) == len(objects(ICS)) == 1826
    text = ICS.read_text(encoding="utf-8").splitlines()
    index = next(i for i, o in enumerate(objects(ICS)) if o["id"] == ATTRIBUTION_2015)
    assert text[lines[index] - 1].strip() == "{"
    assert ATTRIBUTION_2015 in text[lines[index] + 2]  # "{", "type", "spec_version", "id"


def test_ics_every_object_is_accounted_for(ics):
    store, report, rejects = ics
    raw = objects(ICS)
    assert report.read == report.loaded + report.rejected
    reasons = Counter(r["reason"] for r in rejects)
    revoked = [o for o in raw if o.get("revoked")]
    deprecated = [o for o in raw if o.get("x_mitre_deprecated") and not o.get("revoked")]
    assert reasons["revoked"] == len(revoked) == 2
    assert reasons["deprecated (x_mitre_deprecated)"] == len(deprecated) == 37
    live = [o for o in raw if not o.get("revoked") and not o.get("x_mitre_deprecated")]
    unmapped = Counter(
        o["type"]
        for o in live
        if o["type"]
        not in {"identity", "campaign", "intrusion-set", "relationship", "x-mitre-collection"}
    )
    for kind, count in unmapped.items():
        assert reasons[f"STIX type {kind} has no mapping"] == count
    kinds = Counter(o["relationship_type"] for o in live if o["type"] == "relationship")
    for kind, count in kinds.items():
        if kind != "attributed-to":
            assert reasons[f"STIX relationship {kind} has no mapping"] == count
    # Nothing else is rejected: every reference resolves.
    explained = 2 + 37 + sum(unmapped.values()) + sum(kinds.values()) - kinds["attributed-to"]
    assert len(rejects) == report.rejected == explained
    counts = store.counts()
    assert counts["nodes"]["Claim"] == kinds["attributed-to"] == 5
    assert counts["nodes"]["Event"] == sum(1 for o in live if o["type"] == "campaign")
    assert counts["nodes"]["Organization"] == sum(
        1 for o in live if o["type"] in ("intrusion-set", "identity")
    )


def test_the_2015_ukraine_power_attack_attributed_to_sandworm(ics):
    store, _, _ = ics
    graph = store.to_networkx()
    claim = graph.nodes[ATTRIBUTION_2015]
    assert claim["label"] == "Claim"
    assert claim["text"] == (
        "Campaign '2015 Ukraine Electric Power Attack' is attributed to "
        "intrusion set 'Sandworm Team'"
    )
    assert claim["kind"] == "attribution"
    edges = {(u, d["type"], v) for u, v, d in graph.edges(data=True) if ATTRIBUTION_2015 in (u, v)}
    assert edges == {
        (MITRE, "ALLEGES", ATTRIBUTION_2015),
        (ATTRIBUTION_2015, "ACCUSES", SANDWORM),
        (ATTRIBUTION_2015, "ABOUT", UKRAINE_2015),
    }
    assert graph.nodes[MITRE]["name"] == "The MITRE Corporation"
    # The two documents the relationship cites are its sources, two publishers.
    assert sorted(graph.nodes[s]["url"] for s in claim["sources"]) == sorted([WIRED, INDICTMENT])
    assert claim_statuses(graph)[ATTRIBUTION_2015].status == "corroborated"
    campaign = graph.nodes[UKRAINE_2015]
    assert (campaign["label"], campaign["name"], campaign["date"]) == (
        "Event",
        "2015 Ukraine Electric Power Attack",
        "2015-12-01/2016-01-01",
    )
    assert campaign["externalIds"] == ["mitre-attack:C0028"]
    assert campaign["description"].startswith("As described by The MITRE Corporation: [2015")
    sandworm = graph.nodes[SANDWORM]
    assert (sandworm["label"], sandworm["name"], sandworm["kind"]) == (
        "Organization",
        "Sandworm Team",
        "intrusion-set",
    )
    assert {"ELECTRUM", "Voodoo Bear", "APT44"} <= set(sandworm["aliases"])
    assert sandworm["externalIds"] == ["mitre-attack:G0034"]
    run = store.runs()[0]
    assert (run.format, run.input) == ("stix", str(ICS))


def test_apt1_report_is_the_source_and_nobody_is_invented_as_author(embedded):
    report = load(embedded, [APT1])
    assert report.read == report.loaded + report.rejected
    graph = embedded.to_networkx()
    source = graph.nodes["report--e33ffe07-2f4c-48d8-b0af-ee2619d765cf"]
    assert (source["label"], source["title"], source["published"], source["kind"]) == (
        "Source",
        "APT1: Exposing One of China's Cyber Espionage Units",
        "2013-02-19",
        "report",
    )
    assert "publisher" not in source  # the report names no created_by_ref
    claims = [n for n, d in graph.nodes(data=True) if d["label"] == "Claim"]
    assert len(claims) == 7
    for claim in claims:
        assert graph.nodes[claim]["sources"] == ["report--e33ffe07-2f4c-48d8-b0af-ee2619d765cf"]
        assert [d["type"] for _, _, d in graph.in_edges(claim, data=True)] == []  # no ALLEGES
    # "Ugly Gorilla" attributed to the individual "Wang Dong": a Person is accused.
    rel = "relationship--a20b8626-a15e-41f0-bcb1-c05321e126f0"
    assert (
        graph.nodes[rel]["text"]
        == "Threat actor 'Ugly Gorilla' is attributed to identity 'Wang Dong'"
    )
    (accused,) = [v for _, v, d in graph.out_edges(rel, data=True) if d["type"] == "ACCUSES"]
    assert (graph.nodes[accused]["label"], graph.nodes[accused]["name"]) == ("Person", "Wang Dong")


def test_poisonivy_report_publisher_and_campaigns(embedded):
    report = load(embedded, [POISONIVY])
    assert report.read == report.loaded + report.rejected
    graph = embedded.to_networkx()
    source = graph.nodes["report--f2b63e80-b523-4747-a069-35c002c690db"]
    assert source["publisher"] == "FireEye, Inc."
    events = sorted(d["name"] for _, d in graph.nodes(data=True) if d["label"] == "Event")
    assert events == ["admin@338", "menuPass", "th3bug"]
    assert graph.nodes["campaign--752c225d-d6f6-4456-9130-d9580fd4007b"]["date"] == "2008-01-07/.."


@pytest.mark.parametrize("path", [ICS, APT1, POISONIVY], ids=["ics", "apt1", "poisonivy"])
def test_loading_twice_changes_no_count(store, path):
    first = load(store, [path])
    counts = store.counts()
    second = load(store, [path])
    assert store.counts() == counts
    assert (second.read, second.loaded, second.rejected) == (
        first.read,
        first.loaded,
        first.rejected,
    )


# A hand-made bundle for what the samples lack: opinions, locations, bad objects.
def _obj(type_: str, n: int, **fields) -> dict:
    return {
        "type": type_,
        "spec_version": "2.1",
        "id": f"{type_}--00000000-0000-4000-8000-{n:012d}",
        "created": "2024-01-01T00:00:00.000Z",
        "modified": "2024-01-01T00:00:00.000Z",
        **fields,
    }


AUTHOR = _obj("identity", 1, name="Example CERT", identity_class="organization")
CRITIC = _obj("identity", 2, name="Jane Analyst", identity_class="individual")
CAMPAIGN = _obj("campaign", 3, name="Operation Example", first_seen="2023-03-01T00:00:00Z")
ACTOR = _obj("threat-actor", 4, name="Example Group", threat_actor_types=["nation-state"])
CITY = _obj("location", 5, city="Kyiv", country="UA", latitude=50.45, longitude=30.52)
CLAIM = _obj(
    "relationship",
    6,
    relationship_type="attributed-to",
    source_ref=CAMPAIGN["id"],
    target_ref=ACTOR["id"],
    created_by_ref=AUTHOR["id"],
)
AGREE = _obj("opinion", 7, opinion="agree", object_refs=[CLAIM["id"]], created_by_ref=AUTHOR["id"])
DISAGREE = _obj(
    "opinion",
    8,
    opinion="strongly-disagree",
    explanation="The tooling is shared by several groups",
    object_refs=[CLAIM["id"]],
    created_by_ref=CRITIC["id"],
)
NEUTRAL = _obj("opinion", 9, opinion="neutral", object_refs=[CLAIM["id"]])
SEAT = _obj(
    "relationship",
    10,
    relationship_type="located-at",
    source_ref=AUTHOR["id"],
    target_ref=CITY["id"],
)
BAD_TIME = _obj("campaign", 11, name="Bad Times")
BAD_TIME["created"] = "2024-13-01T00:00:00Z"
OLD = _obj("campaign", 12, name="Old Operation", revoked=True)
ON_OLD = _obj(
    "relationship",
    13,
    relationship_type="attributed-to",
    source_ref=OLD["id"],
    target_ref=ACTOR["id"],
)
MALWARE = _obj("malware", 14, name="ExampleRAT", is_family=True)
HAND_MADE = [
    AUTHOR,
    CRITIC,
    CAMPAIGN,
    ACTOR,
    CITY,
    CLAIM,
    AGREE,
    DISAGREE,
    NEUTRAL,
    SEAT,
    BAD_TIME,
    OLD,
    ON_OLD,
    MALWARE,
]


@pytest.fixture
def hand_made(embedded, tmp_path):
    path = tmp_path / "case.json"
    bundle = {"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000000"}
    bundle["objects"] = HAND_MADE
    path.write_text(json.dumps(bundle, indent=2), encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    report = load(embedded, [path], rejects_path=rejects)
    return embedded, report, rejects_of(rejects), path


def test_hand_made_opinions_support_and_dispute(hand_made):
    store, report, _, _ = hand_made
    assert report.read == report.loaded + report.rejected
    graph = store.to_networkx()
    agree, disagree = AGREE["id"], DISAGREE["id"]
    assert graph.nodes[agree]["text"] == (
        "Example CERT agrees: Campaign 'Operation Example' is attributed to "
        "threat actor 'Example Group'"
    )
    assert graph.nodes[disagree]["text"] == (
        "Jane Analyst strongly disagrees: Campaign 'Operation Example' is attributed to "
        "threat actor 'Example Group'. The tooling is shared by several groups"
    )
    edges = {(u, d["type"], v) for u, v, d in graph.edges(data=True)}
    assert edges == {
        (AUTHOR["id"], "ALLEGES", CLAIM["id"]),
        (CLAIM["id"], "ACCUSES", ACTOR["id"]),
        (CLAIM["id"], "ABOUT", CAMPAIGN["id"]),
        (AUTHOR["id"], "ALLEGES", agree),
        (agree, "SUPPORTS", CLAIM["id"]),
        (CRITIC["id"], "ALLEGES", disagree),
        (CLAIM["id"], "DISPUTED_BY", disagree),
        (AUTHOR["id"], "LOCATED_IN", CITY["id"]),
    }
    assert claim_statuses(graph)[CLAIM["id"]].status == "disputed"
    assert graph.nodes[CRITIC["id"]]["label"] == "Person"
    city = graph.nodes[CITY["id"]]
    assert (city["name"], city["country"], city["latitude"]) == ("Kyiv, UA", "UA", 50.45)
    # No report and no cited URL: the bundle itself backs them.
    assert graph.nodes[CLAIM["id"]]["sources"] == ["bundle--00000000-0000-4000-8000-000000000000"]
    assert graph.nodes[CAMPAIGN["id"]]["date"] == "2023-03-01/.."


def test_hand_made_rejects_name_the_reason_and_the_line(hand_made):
    _, report, rejects, path = hand_made
    lines = path.read_text().splitlines()
    got = {}
    for r in rejects:
        assert lines[r["line"] - 1].strip() == "{"
        got[lines[r["line"]].split('"')[3] + " " + lines[r["line"] + 2].split('"')[3]] = r["reason"]
    assert got == {
        f"opinion {NEUTRAL['id']}": (
            "STIX opinion 'neutral' neither supports nor disputes; not mapped"
        ),
        f"campaign {BAD_TIME['id']}": (
            "STIX: Invalid value for Campaign 'created': must be a datetime object, date object, "
            "or timestamp string in a recognizable format."
        ),
        f"campaign {OLD['id']}": "revoked",
        f"relationship {ON_OLD['id']}": f"source_ref: {OLD['id']} is revoked",
        f"malware {MALWARE['id']}": "STIX type malware has no mapping",
    }
    assert report.rejected == 5
