"""The allegations log's optional evidence columns: evidence_url, evidence_sha256,
evidence_status. A row with them loads whole (its Evidence and the SUPPORTS of its
claim) or is rejected whole, with the cause."""

from __future__ import annotations

import csv
import json

from allegraph.evidence import history, set_status
from allegraph.load import load

HEADER = ["alleged_by", "claim", "source_url", "evidence_url", "evidence_sha256", "evidence_status"]
SHA = "0123456789abcdef" * 4
SHELLED = [
    "Ana",
    "The bridge was shelled",
    "https://ex.org/a",
    "https://ex.org/v.mp4",
    "",
    "unresolved",
]


def write(path, *rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_a_row_with_evidence_makes_it_and_its_support(embedded, tmp_path):
    log = write(
        tmp_path / "log.csv",
        SHELLED,
        ["Bo", "The school was hit", "https://ex.org/b", "", SHA.upper(), ""],
    )
    report = load(embedded, [log])
    assert (report.read, report.rejected) == (report.loaded, 0)
    video = embedded.get_node("evidence:https-ex-org-v-mp4")
    assert video.props == {
        "title": "https://ex.org/v.mp4",
        "url": "https://ex.org/v.mp4",
        "verification": "unresolved",
    }
    assert video.sources == ["source:https-ex-org-a"]
    hashed = embedded.get_node(f"evidence:{SHA}")  # hex is kept lower-case
    assert hashed.props == {"title": SHA, "sha256": SHA}
    supports = {(x.src, x.dst, tuple(x.sources)) for x in embedded.links("SUPPORTS")}
    assert supports == {
        ("evidence:https-ex-org-v-mp4", "claim:the-bridge-was-shelled", ("source:https-ex-org-a",)),
        (f"evidence:{SHA}", "claim:the-school-was-hit", ("source:https-ex-org-b",)),
    }


def test_a_log_never_overwrites_a_verification_state(embedded, tmp_path):
    """Only `evidence set` changes the state, keeping the step: a later row (or a reload
    of the log) that names the same evidence with another state adds its support only."""
    log = write(
        tmp_path / "log.csv",
        SHELLED,
        ["Bo", "The bridge fell", "https://ex.org/b", "https://ex.org/v.mp4", "", "authenticated"],
    )
    load(embedded, [log])
    video = "evidence:https-ex-org-v-mp4"
    assert embedded.get_node(video).props["verification"] == "unresolved"
    assert sorted(x.dst for x in embedded.links("SUPPORTS")) == [
        "claim:the-bridge-fell",
        "claim:the-bridge-was-shelled",
    ]
    set_status(embedded, video, "authenticated", "A. Analyst", "geolocation")
    again = load(embedded, [log])  # read again: the store changed since
    assert again.runs[0].status == "unchanged"
    props = embedded.get_node(video).props
    assert props["verification"] == "authenticated" and len(history(props)) == 1


def test_a_cell_may_name_evidence_by_its_id(embedded, tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps(
            {
                "label": "Evidence",
                "id": "video-1",
                "title": "Video",
                "verification": "authenticated",
            }
        )
        + "\n"
    )
    log = write(tmp_path / "log.csv", ["Ana", "It happened", "https://ex.org/a", "video-1", "", ""])
    report = load(embedded, [log, records])  # the log loads after the records, whatever the order
    assert report.rejected == 0
    assert [(x.src, x.dst) for x in embedded.links("SUPPORTS")] == [
        ("video-1", "claim:it-happened")
    ]
    assert embedded.get_node("video-1").props["verification"] == "authenticated"


def test_bad_evidence_rejects_the_row_whole_with_the_cause(embedded, tmp_path):
    log = write(
        tmp_path / "log.csv",
        ["Ana", "One", "https://ex.org/a", "https://ex.org/v.mp4", "", "maybe"],
        ["Bo", "Two", "https://ex.org/b", "", "", "unresolved"],
        ["Cy", "Three", "https://ex.org/c", "", "abc", ""],
        ["Di", "Four", "https://ex.org/d", "https://ex.org/w.mp4", "", "authenticated"],
    )
    rejects = tmp_path / "rejects.jsonl"
    report = load(embedded, [log], rejects_path=rejects)
    found = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [(r["line"], r["reason"]) for r in found] == [
        (
            2,
            "Evidence: verification: 'maybe' is not one of unverified, unresolved, "
            "authenticated, disputed, fabricated",
        ),
        (3, "evidence_status: the row names no evidence (evidence_url or evidence_sha256)"),
        (4, "Evidence: sha256: 'abc' does not match ^[0-9a-f]{64}$"),
    ]
    assert report.read == report.loaded + report.rejected
    assert {c.props["text"] for c in embedded.nodes("Claim")} == {"Four"}  # whole rows only
    assert [n.id for n in embedded.nodes("Evidence")] == ["evidence:https-ex-org-w-mp4"]
