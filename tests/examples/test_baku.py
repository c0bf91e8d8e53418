"""The Baku example, end to end: the acceptance checks of the foundation."""

import json
import re

from click.testing import CliRunner

from allegraph.cli import main
from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.names import derive_id
from allegraph.status import claim_statuses
from allegraph.stores import open_store


def test_demo_loads_the_case_with_no_rejects(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--out", str(tmp_path / "demo")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Baku example loaded into {tmp_path / 'demo' / 'baku.db'}\n")
    db = tmp_path / "demo" / "baku.db"
    stats = json.loads(
        runner.invoke(main, ["--store", str(db), "stats", "--format", "json"]).output
    )
    assert all(
        stats["nodes"][label] > 0
        for label in ("Person", "Organization", "Location", "Event", "Claim", "Source")
    )
    for type_ in ("ALLEGES", "WITNESSED", "DISPUTED_BY", "ACCUSES", "ABOUT", "OCCURRED_AT"):
        assert stats["relationships"][type_] > 0, type_
    store = open_store(str(db))
    assert [r.rejected for r in store.runs()] == [0, 0]
    store.close()


def test_demo_writes_the_view_the_brief_and_the_timeline(tmp_path):
    out = tmp_path / "demo"
    result = CliRunner().invoke(main, ["demo", "--out", str(out)], catch_exceptions=False)
    assert result.output.endswith(
        f"view: {out / 'baku.html'}\nbrief: {out / 'baku-brief.html'}\n"
        f"timeline: {out / 'baku-timeline.html'}\n"
    )
    brief = (out / "baku-brief.html").read_text("utf-8")
    assert "<h1>The Baku conference case (example)</h1>" in brief
    with open_store(str(out / "baku.db")) as store:
        claims = sorted(n.id for n in store.nodes("Claim"))
    assert sorted(re.findall(r'<h3>Claim <span class="id">([^<]*)</span>', brief)) == claims
    timeline = (out / "baku-timeline.html").read_text("utf-8")
    assert "<h1>The Baku conference case (example): timeline</h1>" in timeline


def test_demo_twice_and_loading_twice_change_no_count(tmp_path):
    runner = CliRunner()
    out = tmp_path / "demo"
    db = out / "baku.db"

    def stats():
        return runner.invoke(main, ["--store", str(db), "stats", "--format", "json"]).output

    runner.invoke(main, ["demo", "--out", str(out)])
    first = stats()
    runner.invoke(main, ["--store", str(db), "load", *map(str, baku_files())])
    assert stats() == first
    runner.invoke(main, ["demo", "--out", str(out)])
    assert stats() == first


def test_the_flat_log_resolves_to_the_records(embedded):
    records, log = baku_files()
    load(embedded, [records])
    counts = embedded.counts()
    report = load(embedded, [log])
    assert report.rejected == 0
    assert embedded.counts() == counts  # every name in the log matched an existing node


def test_the_flat_log_alone_builds_the_same_allegations(embedded):
    load(embedded, [baku_files()[1]])
    alleges = {(x.src, x.dst) for x in embedded.links("ALLEGES")}
    kursk = "Footage connected to the Armed Forces of Ukraine shows the execution of civilians"
    claim = derive_id("Claim", kursk + " in the Kursk region")
    assert ("organization:unnamed-presenters-at-the-baku-conference", claim) in alleges
    accused = {x.dst for x in embedded.links("ACCUSES")}
    # "Ukrainian forces" and "Armed Forces of Ukraine" are different names without the records
    assert accused == {"organization:armed-forces-of-ukraine", "organization:ukrainian-forces"}


def test_every_claim_is_alleged_and_sourced_never_a_bare_fact(embedded):
    load(embedded, baku_files())
    alleged = {x.dst for x in embedded.links("ALLEGES")}
    for claim in embedded.nodes("Claim"):
        assert claim.id in alleged, claim.id
        assert claim.sources, claim.id
        assert set(embedded.labels_of(claim.sources).values()) == {"Source"}
    for link in embedded.links():
        assert link.sources, link.id


def test_claim_statuses_of_the_case(embedded):
    load(embedded, baku_files())
    statuses = {k: v.status for k, v in claim_statuses(embedded.to_networkx()).items()}
    assert statuses == {
        "c-evidence-body": "single-source",
        "c-garage-unverified": "single-source",
        "c-garage-video": "disputed",
        "c-kursk": "single-source",
        "c-poliy": "single-source",
        "c-pow-torture": "single-source",
        "c-simulated-execution": "single-source",
    }


def test_every_claim_rests_on_the_article_alone_and_explain_says_so(embedded):
    """Issue 14: the seed article is the only source of every claim; the videos are
    known only through it (DERIVED_FROM art-1), so nothing they back could count twice."""
    from allegraph.explain import explain
    from allegraph.queries import run_query

    load(embedded, baku_files())
    rows = run_query(embedded, "claim-status", {}).rows
    assert {row[0]: (row[2], row[4]) for row in rows} == {
        "c-evidence-body": ("single-source", 1),
        "c-garage-unverified": ("single-source", 1),
        "c-garage-video": ("disputed", 1),  # one source, and a counter-claim
        "c-kursk": ("single-source", 1),
        "c-poliy": ("single-source", 1),
        "c-pow-torture": ("single-source", 1),
        "c-simulated-execution": ("single-source", 1),
    }
    for row in rows:
        [trail] = explain(embedded, row[0])
        assert [(s["source"], s["origin"], s["counted"]) for s in trail.sources] == [
            ("art-1", "art-1", True)
        ]
        out = CliRunner().invoke(main, ["--store", str(embedded.path), "explain", row[0]])
        assert f"why     {row[0]} is {row[2]}: art-1 is its only source;" in out.output
    said = run_query(embedded, "first-said", {"claim": "c-garage-video"}).rows
    assert [(r[1], r[5], r[6], r[7]) for r in said] == [("art-1", True, "art-1", ["art-1"])]


def test_the_videos_are_unresolved_evidence_for_their_claims(embedded):
    """Issue 17: the garage video and the Kursk footage are Evidence, unresolved,
    supporting their claims; the article CITES them; we hold no copy of either."""
    from allegraph.evidence import listing, verify

    load(embedded, baku_files())
    _, rows = listing(embedded)
    assert [(r[0], r[2], r[3], r[5], r[7]) for r in rows] == [
        ("footage-kursk", "video", "unresolved", ["c-kursk"], None),
        ("video-garage", "video", "unresolved", ["c-garage-video"], None),
    ]
    cites = {(x.src, x.dst) for x in embedded.links("CITES")}
    assert {("art-1", "footage-kursk"), ("art-1", "video-garage")} <= cites
    assert [f.state for f in verify(embedded, embedded.path.parent / "none")] == [
        "not-held",
        "not-held",
    ]
    assert list(embedded.links("DERIVED_FROM")) == []
