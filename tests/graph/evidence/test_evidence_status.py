"""Evidence in the status rule (issue 17), on both stores: a claim resting only on
unverified evidence carries a caveat in claim-status and explain; authenticated, the
evidence counts like an independent source; fabricated, it is named as such."""

from __future__ import annotations

import json

from allegraph.evidence import add, set_status
from allegraph.explain import as_json, explain
from allegraph.queries import run_query
from tests.graph.evidence.cases import loaded

URL = "https://example.org/clip"
EVIDENCE = "evidence:https-example-org-clip"


def status_row(store, claim="c1"):
    result = run_query(store, "claim-status", {})
    rows = {row[0]: dict(zip(result.columns, row, strict=True)) for row in result.rows}
    return rows[claim]


def test_a_claim_on_unresolved_evidence_has_a_caveat_until_it_is_authenticated(store, tmp_path):
    loaded(store, tmp_path)
    assert status_row(store)["caveat"] is None  # no evidence, no caveat
    add(store, URL, "c1", None, status="unresolved")
    row = status_row(store)
    assert (row["status"], row["independent_sources"], row["caveat"]) == (
        "single-source",
        1,
        "evidence not verified",
    )
    [trail] = json.loads(as_json(explain(store, "c1")))
    assert trail["caveat"] == "evidence not verified"
    assert trail["evidence"] == [
        {"evidence": EVIDENCE, "title": URL, "counted": False, "why": "unresolved, not counted"}
    ]
    assert trail["counts"]["independent_sources"] == 1

    set_status(store, EVIDENCE, "authenticated", "A. Analyst", "geolocation")
    row = status_row(store)  # the kept status followed the new state
    assert (row["status"], row["independent_sources"], row["caveat"]) == ("corroborated", 2, None)
    [trail] = explain(store, "c1")
    assert trail.caveat is None and trail.status == "corroborated"
    assert trail.evidence[0]["why"] == "authenticated, counted as an independent source"


def test_fabricated_evidence_is_named_even_beside_authenticated(store, tmp_path):
    loaded(store, tmp_path)
    add(store, URL, "c1", None, status="authenticated")
    assert status_row(store)["caveat"] is None
    add(store, "https://example.org/other", "c1", None, status="fabricated")
    row = status_row(store)
    assert (row["status"], row["caveat"]) == ("corroborated", "evidence fabricated")
    [trail] = explain(store, "c1")
    assert trail.caveat == "evidence fabricated"
    assert [(e["evidence"], e["counted"]) for e in trail.evidence] == [
        (EVIDENCE, True),
        ("evidence:https-example-org-other", False),
    ]


def test_a_view_shows_evidence_state_and_each_step_in_words(embedded, tmp_path):
    from allegraph.views import selection
    from tests.graph.views.test_trail import info_of

    loaded(embedded, tmp_path)
    add(embedded, URL, "c1", None, status="unresolved")
    made, _ = set_status(embedded, EVIDENCE, "fabricated", "A. Analyst", "metadata", note="a; b")
    chosen = selection.whole(embedded)
    info = {n: info_of(chosen, n) for n in (EVIDENCE, "c1")}
    assert info[EVIDENCE]["kind"] == "Evidence · fabricated"
    assert [f for f in info[EVIDENCE]["fields"] if f[0].startswith("verificationHistory")] == [
        [
            "verificationHistory 1",
            f"on {made['on']}, by A. Analyst, from unresolved, to fabricated, method metadata, "
            "note a; b",
        ]
    ]
    assert info["c1"]["kind"] == "Claim · single-source · evidence fabricated"
    assert ["caveat", "evidence fabricated"] in info["c1"]["fields"]
