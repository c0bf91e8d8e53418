"""The FollowTheMoney loader: the real samples checked by hand, every mapping on a small file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson
import pytest

from allegraph.load import load
from allegraph.loaders import detect_format
from allegraph.loaders.ftm import ftm_id
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "ftm"
DONATIONS = DATA / "donations.ijson"
SANCTIONS = DATA / "opensanctions_eu_fsf_sample.ftm.json"


def raw(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def rejects_of(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()] if path.exists() else []


def test_samples_are_detected():
    assert detect_format(DONATIONS).name == "ftm"
    assert detect_format(SANCTIONS).name == "ftm"


def test_donations_load_whole_and_counts_follow_the_file(embedded):
    report = load(embedded, [DONATIONS])
    assert report.read == report.loaded + report.rejected
    assert report.rejected == 0
    schemata = Counter(e["schema"] for e in raw(DONATIONS))
    counts = embedded.counts()
    assert counts["nodes"]["Person"] == schemata["Person"]
    assert counts["nodes"]["Organization"] == schemata["Organization"] + schemata["Company"]
    assert counts["nodes"]["Location"] == schemata["Address"]
    assert counts["nodes"]["Event"] == schemata["Payment"]
    payments = [e for e in raw(DONATIONS) if e["schema"] == "Payment"]
    sides = sum(
        len(p["properties"]["payer"]) + len(p["properties"]["beneficiary"]) for p in payments
    )
    assert counts["relationships"]["PARTICIPATED_IN"] == sides
    organizations = [e for e in raw(DONATIONS) if e["schema"] in ("Organization", "Company")]
    seats = sum(len(e["properties"].get("addressEntity", [])) for e in organizations)
    assert counts["relationships"]["LOCATED_IN"] == seats
    # No Claim: a payment is a reported transaction, not an allegation.
    assert counts["nodes"]["Claim"] == 0


def test_a_known_donor_and_payment_by_hand(embedded):
    # Line 3: Person f9c295f2..., "Frau Lina Dachner", country de, address 97149caa...
    # Line 4: Payment 2216b422..., 100000 EUR on 2011-12-29, payer Dachner, beneficiary
    # 6d03aec7... (line 1: Organization "MLPD").
    load(embedded, [DONATIONS])
    graph = embedded.to_networkx()
    source = "ftm-file:donations-ijson"
    person = graph.nodes["ftm:f9c295f21b233ac878fbac4d271bb6fd13d7952a"]
    assert (person["label"], person["name"], person["country"]) == (
        "Person",
        "Frau Lina Dachner",
        "de",
    )
    assert person["sources"] == [source]
    assert graph.nodes[source]["title"] == "FollowTheMoney file donations.ijson"
    payment_id = "ftm:2216b422a31242fe204654ce194864661f515921"
    payment = graph.nodes[payment_id]
    assert payment["name"] == "Payment of 100000 EUR from Frau Lina Dachner to MLPD"
    assert (payment["kind"], payment["date"]) == ("payment", "2011-12-29")
    sides = sorted((u, d["role"]) for u, _, d in graph.in_edges(payment_id, data=True))
    assert sides == [
        ("ftm:6d03aec76fdeec8f9697d8b19954ab6fc2568bc8", "beneficiary"),
        ("ftm:f9c295f21b233ac878fbac4d271bb6fd13d7952a", "payer"),
    ]
    mlpd = graph.nodes["ftm:6d03aec76fdeec8f9697d8b19954ab6fc2568bc8"]
    assert (mlpd["label"], mlpd["name"], mlpd["kind"]) == ("Organization", "MLPD", "organization")
    address = graph.nodes["ftm:97149caa3aef14e2be5ae6b3974c6882e7536d88"]
    assert (address["label"], address["name"], address["kind"], address["country"]) == (
        "Location",
        "Schillerstraße 19, 76135 Karlsruhe",
        "address",
        "de",
    )


def test_sanctions_sample_person_and_references_outside_the_file(embedded, tmp_path):
    rejects = tmp_path / "rejects.jsonl"
    report = load(embedded, [SANCTIONS], rejects_path=rejects)
    assert report.read == report.loaded + report.rejected
    # Two organizations point at addresses that are not in the file.
    missing = sorted(
        ref
        for e in raw(SANCTIONS)
        for ref in e["properties"].get("addressEntity", [])
        if ref not in {x["id"] for x in raw(SANCTIONS)}
    )
    assert len(missing) == 2
    # an entity loads whole or not at all: each of the two is rejected with its address
    # link (one reject entry for the entity and its link, with the entity as read)
    found = rejects_of(rejects)
    assert sorted(r["reason"] for r in found) == [
        f"LOCATED_IN: to: node 'ftm:{ref}' exists neither in this input nor in the store"
        for ref in missing
    ]
    assert all(r["records"] == 2 and r["record"]["schema"] for r in found)
    assert report.rejected == 4
    for r in found:
        assert embedded.get_node(ftm_id(r["record"]["id"])) is None
    # "Vitaly Yurievich KUZMENKO", born 1971-01-22, nationality ru, dataset eu_fsf.
    person = embedded.get_node("ftm:NK-2Ka3UvopqbpZmVDFjWd4LA")
    assert person.name == "Vitaly Yurievich KUZMENKO"
    assert person.props["birthDate"] == "1971-01-22"
    assert person.props["country"] == "ru"
    assert set(person.props["aliases"]) == {"Vitalij Kuzmenko", "Виталий Юрьевич КУЗЬМЕНКО"}
    assert "ftm:eu-fsf-eu-11179-96" in person.props["externalIds"]
    assert (
        "Position: General Director of JSC 163 Armor Repair Plant" in (person.props["description"])
    )
    assert person.sources == ["ftm-dataset:eu-fsf"]
    assert embedded.get_node("ftm-dataset:eu-fsf").props["title"] == (
        "FollowTheMoney dataset eu_fsf"
    )


@pytest.mark.parametrize("path", [DONATIONS, SANCTIONS], ids=["donations", "sanctions"])
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


def _entity(id_: str, schema: str, **props) -> dict:
    return {"id": id_, "schema": schema, "properties": props}


HAND_MADE = [
    _entity("p1", "Person", name=["Anna Example"], birthDate=["1980", "1981-02"]),
    _entity("p2", "Person", name=["Bad Date"], birthDate=["1980-13-01"]),
    _entity(
        "o1",
        "Company",
        name=["Example Holding"],
        sourceUrl=["https://www.registry.example/o1"],
        publisher=["Example Registry"],
    ),
    _entity(
        "o2",
        "PublicBody",
        name=["Ministry of Examples"],
        publisher=["Example Gazette"],
        publisherUrl=["https://gazette.example"],
    ),
    _entity("m1", "Membership", member=["p1"], organization=["o2"], startDate=["2019"]),
    _entity(
        "d1",
        "Directorship",
        director=["p1"],
        organization=["o1"],
        role=["chair"],
        startDate=["2020-01-15"],
        endDate=["2021"],
    ),
    _entity("e1", "Employment", employee=["p1"], employer=["o9"]),  # o9: not in the file
    _entity("w1", "Ownership", owner=["p1"], asset=["o1"], percentage=["51"]),
    _entity("w2", "Ownership", owner=["o2"], asset=["o1"]),
    _entity("f1", "Family", person=["p1"], relative=["p2"]),
    _entity("u1", "UnknownLink", subject=["p1"], object=["o1"]),
    _entity("v1", "Vessel", name=["MV Example"]),
    _entity("a1", "Address", full=["1 Example Street, Exampletown"], country=["gb"]),
    _entity(
        "ev1",
        "Event",
        name=["Example Summit"],
        date=["2022-05-01"],
        organizer=["o2"],
        involved=["p1"],
        addressEntity=["a1"],
    ),
    _entity("mm", "Membership", member=["p1"]),
]


@pytest.fixture
def hand_made(embedded, tmp_path):
    path = tmp_path / "case.ftm.json"
    lines = [orjson.dumps(e) for e in HAND_MADE]
    lines.insert(3, b'{"id": "broken", "schema": ')  # line 4: not JSON
    lines.insert(5, b'{"id": "noschema", "properties": {}}')  # line 6
    path.write_bytes(b"\n".join(lines) + b"\n")
    rejects = tmp_path / "rejects.jsonl"
    report = load(embedded, [path], rejects_path=rejects)
    return embedded, report, rejects_of(rejects)


def test_hand_made_mappings(hand_made):
    store, report, _ = hand_made
    assert report.read == report.loaded + report.rejected
    graph = store.to_networkx()
    assert graph.nodes["ftm:p1"]["birthDate"] == "[1980, 1981-02]"  # one of two dates
    assert graph.nodes["ftm:p1"]["birthEarliest"] == "1980-01-01"
    assert graph.nodes["ftm:o2"]["kind"] == "public-body"
    links = {
        (link.type, link.src, link.dst, link.id): {
            k: link.props[k] for k in ("role", "start", "end") if k in link.props
        }
        for link in store.links()
    }
    assert links == {
        ("AFFILIATED_WITH", "ftm:p1", "ftm:o2", "ftm:m1"): {"role": "member", "start": "2019"},
        ("AFFILIATED_WITH", "ftm:p1", "ftm:o1", "ftm:d1"): {
            "role": "chair",
            "start": "2020-01-15",
            "end": "2021",
        },
        # The person's ownership of the company: a second link between the two.
        ("AFFILIATED_WITH", "ftm:p1", "ftm:o1", "ftm:w1"): {"role": "owner (51%)"},
        ("PARTICIPATED_IN", "ftm:o2", "ftm:ev1", "ftm:o2|PARTICIPATED_IN|ftm:ev1|organiser"): {
            "role": "organiser"
        },
        ("PARTICIPATED_IN", "ftm:p1", "ftm:ev1", "ftm:p1|PARTICIPATED_IN|ftm:ev1|involved"): {
            "role": "involved"
        },
        ("OCCURRED_AT", "ftm:ev1", "ftm:a1", "ftm:ev1|OCCURRED_AT|ftm:a1"): {},
    }
    ministry = store.get_node("ftm:o2")
    (gazette,) = ministry.sources
    assert store.get_node(gazette).props == {
        "title": "Example Gazette",
        "publisher": "Example Gazette",
        "url": "https://gazette.example",
    }
    company = store.get_node("ftm:o1")
    assert company.sources == ["source:https-www-registry-example-o1"]
    source = store.get_node("source:https-www-registry-example-o1")
    assert (source.props["url"], source.props["publisher"]) == (
        "https://www.registry.example/o1",
        "Example Registry",
    )


def test_hand_made_rejects_name_the_reason(hand_made):
    _, report, rejects = hand_made
    reasons = sorted((r["line"], r["reason"]) for r in rejects)
    # Lines: entities shift by the two broken lines inserted at 4 and 6.
    assert [reason for _, reason in reasons] == [
        "birthDate: '1980-13-01' is not an EDTF date",
        "invalid JSON at column 27: unexpected end of data",
        "schema: missing in an FtM entity",
        "to: node 'ftm:o9' exists neither in this input nor in the store",
        "FtM Ownership by a PublicBody has no mapping (only by a Person)",
        "FtM schema Family has no mapping",
        "FtM schema UnknownLink has no mapping",
        "FtM schema Vessel has no mapping",
        "FtM Membership has no organization",
    ]
    assert [line for line, _ in reasons] == [2, 4, 6, 9, 11, 12, 13, 14, 17]
    assert report.rejected == len(rejects)
