"""What a case brief holds, read from the store: the Baku case with known answers,
on both stores."""

import pytest

from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.report import ReportError, gather

BAKU_CLAIMS = [
    "c-evidence-body",
    "c-garage-unverified",
    "c-garage-video",
    "c-kursk",
    "c-poliy",
    "c-pow-torture",
    "c-simulated-execution",
]
AFU_CLAIMS = ["c-kursk", "c-poliy", "c-pow-torture", "c-simulated-execution"]


@pytest.fixture
def baku(store, tmp_path):
    load(store, baku_files(), rejects_path=tmp_path / "rejects.jsonl")
    return store


def test_the_baku_brief_lists_every_claim_with_status_sources_and_trail(baku):
    brief = gather(baku, everything=True, title="Baku")
    assert brief.claim_ids == BAKU_CLAIMS
    assert brief.scope == "every claim in the store"
    by_id = {c["id"]: c for c in brief.claims}
    assert {c: by_id[c]["status"] for c in BAKU_CLAIMS} == {
        **dict.fromkeys(BAKU_CLAIMS, "single-source"),
        "c-garage-video": "disputed",
    }
    for claim in brief.claims:
        assert [s["source"] for s in claim["sources"]] == ["art-1"]
        assert claim["rule"].startswith("independent sources 1, backing actors 1")
    video = by_id["c-garage-video"]
    assert video["sentence"] == (
        "Unnamed presenters at the Baku conference alleges that a video shows an unidentified "
        "individual striking a Russian soldier lying on a garage floor with a baton for about "
        "a minute."
    )
    assert [(e["evidence"], e["verification"]) for e in video["evidence"]] == [
        ("video-garage", "unresolved")
    ]
    [dispute] = video["disputes"]
    assert (dispute["by"], dispute["stance"], dispute["name"]) == (
        "c-garage-unverified",
        "rebuttal",
        None,
    )
    assert dispute["sentence"] == (
        "Outlet that published art-1 alleges that the garage video's independent "
        "authentication was not resolved at the conference."
    )
    torture = by_id["c-pow-torture"]
    assert [a["id"] for a in torture["alleged"]] == ["moskalkova"]
    assert [a["name"] for a in torture["accused"]] == ["Armed Forces of Ukraine"]
    assert [(e["id"], e["places"]) for e in torture["events"]] == [("pow-treatment", "Ukraine")]
    assert [s["id"] for s in torture["supported_by"]] == ["c-evidence-body"]
    [said] = by_id["c-simulated-execution"]["alleged"]
    assert (said["name"], said["date"]) == ("Tatyana Moskalkova", None)
    assert said["quote"].startswith("The soldiers who have returned from captivity told me")


def test_the_baku_brief_names_actors_open_questions_sources_and_runs(baku):
    brief = gather(baku, everything=True)
    assert [(a["id"], a["role"]) for a in brief.actors] == [
        ("afu", "accused in 4 claims"),
        ("art-1-outlet", "alleges 1 claim"),
        ("moskalkova", "alleges 3 claims"),
        ("unnamed-presenters", "alleges 3 claims"),
    ]
    afu = brief.actors[0]
    assert afu["aliases"][:2] == ["Ukrainian forces", "Ukrainian Armed Forces"]
    assert sorted(u["claim"] for u in brief.unanswered) == AFU_CLAIMS
    assert {u["accused"] for u in brief.unanswered} == {"Armed Forces of Ukraine"}
    assert [s["claim"] for s in brief.single_source] == BAKU_CLAIMS
    [source] = brief.sources
    assert (source["id"], source["kind"], source["claims"]) == (
        "art-1",
        "news-article",
        BAKU_CLAIMS,
    )
    # in the order `allegraph runs` lists them (by start; these two start in one second)
    assert sorted((r["format"], r["loaded"], r["rejected"]) for r in brief.runs) == [
        ("allegations-csv", 13, 0),
        ("jsonl", 63, 0),
    ]
    assert all(len(r["sha256"]) == 64 for r in brief.runs)


@pytest.mark.parametrize(
    ("scope", "claims"),
    [
        ({"actor": "Ukrainian forces"}, AFU_CLAIMS),
        ({"actor": "Москалькова"}, ["c-evidence-body", "c-pow-torture", "c-simulated-execution"]),
        # the outlet alleges the counter-claim: the claim it disputes is in its brief
        ({"actor": "art-1-outlet"}, ["c-garage-unverified", "c-garage-video"]),
        ({"event": "pow-treatment"}, ["c-pow-torture", "c-simulated-execution"]),
        ({"claim": "c-kursk"}, ["c-kursk"]),
        (
            {"claim": "Russian soldiers held in Ukrainian captivity were tortured"},
            ["c-pow-torture"],
        ),
    ],
)
def test_a_brief_covers_its_scope(baku, scope, claims):
    assert gather(baku, **scope).claim_ids == claims


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        ({}, "give one of --actor, --event, --claim or --all"),
        ({"actor": "afu", "everything": True}, "give one of --actor, --event, --claim or --all"),
        ({"actor": "Nobody"}, "no actor matches 'Nobody' (by id, name or alias)"),
        ({"event": "afu"}, "no event matches 'afu' (by id, name or alias)"),
        ({"claim": "c-none"}, "no claim matches 'c-none' (by id or text)"),
    ],
)
def test_a_brief_without_a_usable_scope_says_why(baku, scope, message):
    with pytest.raises(ReportError) as caught:
        gather(baku, **scope)
    assert str(caught.value) == message
