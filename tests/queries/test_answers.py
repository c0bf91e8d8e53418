"""Each canned query on a small hand-made case (fixtures/conflict.jsonl) whose answers
were worked out by hand; run on both stores (the `store` fixture).

The case: Southern Militia alleges c1 (the Northern Army shelled Port Town,
backed by Outlet A and, through SUPPORTS, Outlet B); the Northern Army
disputes it and counter-claims c2 (the Militia staged it; two Outlet A
sources, so one independent source). Ivanova and Smith allege c3 (detentions
in Green Village), disputed by the counter-claim c4 (two sources with no
publisher: two independent). Ivanova alleges c5, supported by Garcia's c6
(two backing actors). The Monitoring Mission alleges c7, disputed by Smith.
c2 and c4 support each other (a cycle). Two different people are called John
Smith. Green Village is in Port Town, which is in Freedonia.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from allegraph.load import load
from allegraph.queries import run_query

CASE = Path(__file__).parent / "fixtures" / "conflict.jsonl"

TEXT = {
    "c1": "The Northern Army shelled Port Town",
    "c2": "The Southern Militia staged the shelling",
    "c3": "Civilians were detained in Green Village",
    "c4": "The raid never took place",
    "c5": "A detainee was beaten in Green Village",
    "c6": "Medical records show injuries consistent with a beating",
    "c7": "Monitors observed no shelling that day",
}


@pytest.fixture
def case(store):
    report = load(store, [CASE])
    assert (report.loaded, report.rejected) == (61, 0)
    return store


def rows(store, name, **params):
    return run_query(store, name, params).rows


def test_allegations_by_names_the_actor_by_alias_in_another_script(case):
    assert rows(case, "allegations-by", actor="Олена Іванова") == [
        # c3 is disputed only by the counter-claim of the one it accuses: a denial
        ["p-ivanova", "c3", TEXT["c3"], "2024-05~", "denied", ["s-x"]],
        ["p-ivanova", "c5", TEXT["c5"], "2024-05-20", "corroborated", ["s-y"]],
    ]


def test_allegations_by_prefers_the_allegation_date_and_orders_by_it(case):
    assert rows(case, "allegations-by", actor="Northern Army") == [
        ["o-north", "c2", TEXT["c2"], "2024-03-04", "single-source", ["s-a", "s-a2"]],
        ["o-north", "c4", TEXT["c4"], "2024-06", "corroborated", ["s-x", "s-y"]],
    ]
    # the ALLEGES date (2024-03-05) wins over the claim's (2024-03-02)
    assert rows(case, "allegations-by", actor="southern militia") == [
        ["o-south", "c1", TEXT["c1"], "2024-03-05", "denied", ["s-a", "s-b"]],
    ]


def test_allegations_by_ignores_case_and_accents(case):
    assert rows(case, "allegations-by", actor="JOSE GARCIA") == [
        ["p-garcia", "c6", TEXT["c6"], None, "single-source", ["s-y"]],
    ]


def test_allegations_by_min_changes_the_status(case):
    got = rows(case, "allegations-by", actor="o-north", min=3)
    assert [(r[1], r[4]) for r in got] == [("c2", "single-source"), ("c4", "single-source")]


def test_allegations_against_lists_allegers_and_disputers(case):
    result = run_query(case, "allegations-against", {"actor": "North Army"})
    assert result.rows == [
        ["o-north", "c1", TEXT["c1"], ["o-south"], ["c2", "o-north"]],
        ["o-north", "c3", TEXT["c3"], ["p-ivanova", "p-smith"], ["c4"]],
    ]
    assert result.node_ids == ["c1", "c2", "c3", "c4", "o-north", "o-south", "p-ivanova", "p-smith"]


def test_allegations_against_an_actor_nobody_accuses(case):
    assert rows(case, "allegations-against", actor="Monitoring Mission") == []


def test_disputed_claims_split_actors_from_counter_claims(case):
    assert rows(case, "disputed-claims") == [
        ["c1", TEXT["c1"], "denied", ["o-south"], ["o-north"], ["c2"], ["o-north"]],
        ["c3", TEXT["c3"], "denied", ["p-ivanova", "p-smith"], [], ["c4"], ["o-north"]],
        ["c7", TEXT["c7"], "disputed", ["o-monitor"], ["p-smith"], [], []],
    ]


def test_claim_status_with_the_counts_behind_it(case):
    # c1 and c3 are disputed only by the Northern Army they accuse (itself, or its
    # counter-claims): denials; c7 by p-smith, whom it does not accuse: a rebuttal
    assert rows(case, "claim-status") == [
        ["c1", TEXT["c1"], "denied", 2, 2, 1, 2, 2, 0, None],
        ["c2", TEXT["c2"], "single-source", 2, 1, 1, 0, 0, 0, None],
        ["c3", TEXT["c3"], "denied", 1, 1, 2, 1, 1, 0, None],
        ["c4", TEXT["c4"], "corroborated", 2, 2, 1, 0, 0, 0, None],
        ["c5", TEXT["c5"], "corroborated", 1, 1, 2, 0, 0, 0, None],
        ["c6", TEXT["c6"], "single-source", 1, 1, 1, 0, 0, 0, None],
        ["c7", TEXT["c7"], "disputed", 1, 1, 1, 1, 0, 0, None],
    ]


def test_claim_status_with_a_higher_threshold(case):
    got = {r[0]: r[2] for r in rows(case, "claim-status", min=3)}
    assert got == {
        "c1": "denied",
        "c2": "single-source",
        "c3": "denied",
        "c4": "single-source",
        "c5": "single-source",
        "c6": "single-source",
        "c7": "disputed",
    }


def test_single_source_claims(case):
    assert rows(case, "single-source-claims") == [
        ["c2", TEXT["c2"], "single-source", 1, ["s-a", "s-a2"], ["o-north"]],
        ["c6", TEXT["c6"], "single-source", 1, ["s-y"], ["p-garcia"]],
        ["c7", TEXT["c7"], "disputed", 1, ["s-b"], ["o-monitor"]],
    ]


def test_corroborated_claims_most_independent_sources_first(case):
    assert rows(case, "corroborated-claims") == [
        ["c1", TEXT["c1"], "denied", 2, ["s-a", "s-b"], ["o-south"]],
        ["c4", TEXT["c4"], "corroborated", 2, ["s-x", "s-y"], ["o-north"]],
        ["c3", TEXT["c3"], "denied", 1, ["s-x"], ["p-ivanova", "p-smith"]],
        ["c5", TEXT["c5"], "corroborated", 1, ["s-y"], ["p-garcia", "p-ivanova"]],
    ]
    assert rows(case, "corroborated-claims", min=3) == []


def test_event_witnesses_with_roles_and_claims_about_it(case):
    assert rows(case, "event-witnesses", event="Shelling of Port Town") == [
        ["e-shelling", "ABOUT", "c1", TEXT["c1"], None],
        ["e-shelling", "ABOUT", "c2", TEXT["c2"], None],
        ["e-shelling", "ABOUT", "c7", TEXT["c7"], None],
        ["e-shelling", "WITNESSED", "o-monitor", "Monitoring Mission", "observer"],
    ]
    assert rows(case, "event-witnesses", event="e-raid") == [
        ["e-raid", "ABOUT", "c3", TEXT["c3"], None],
        ["e-raid", "PARTICIPATED_IN", "o-north", "Northern Army", "alleged perpetrator"],
        ["e-raid", "WITNESSED", "p-smith", "John Smith", "resident"],
    ]


def test_mutual_accusations_once_per_pair(case):
    assert rows(case, "mutual-accusations") == [["o-north", "o-south", ["c2"], ["c1"]]]


def test_connection_path_lists_every_shortest_path_through_any_relationship(case):
    result = run_query(case, "connection-path", {"a": "Elena Ivanova", "b": "o-south"})
    assert [(r[0], r[1], r[2]) for r in result.rows] == [("p-ivanova", "o-south", 4)] * 5
    assert result.column("path") == [
        "p-ivanova -[ALLEGES]-> c3 -[ACCUSES]-> o-north -[ALLEGES]-> c2 -[ACCUSES]-> o-south",
        "p-ivanova -[ALLEGES]-> c3 -[ACCUSES]-> o-north <-[ACCUSES]- c1 <-[ALLEGES]- o-south",
        "p-ivanova -[ALLEGES]-> c3 -[ACCUSES]-> o-north <-[DISPUTED_BY]- c1 <-[ALLEGES]- o-south",
        "p-ivanova -[ALLEGES]-> c3 -[DISPUTED_BY]-> c4 -[SUPPORTS]-> c2 -[ACCUSES]-> o-south",
        "p-ivanova -[ALLEGES]-> c3 -[DISPUTED_BY]-> c4 <-[SUPPORTS]- c2 -[ACCUSES]-> o-south",
    ]
    assert result.rows[2][4:] == [
        ["p-ivanova", "c3", "o-north", "c1", "o-south"],
        [
            "p-ivanova|ALLEGES|c3",
            "c3|ACCUSES|o-north",
            "c1|DISPUTED_BY|o-north",
            "o-south|ALLEGES|c1",
        ],
    ]
    assert "c4|SUPPORTS|c2" in result.link_ids and "c2|SUPPORTS|c4" in result.link_ids


def test_connection_path_respects_max_hops(case):
    assert rows(case, "connection-path", a="p-ivanova", b="o-south", max_hops=3) == []
    assert rows(case, "connection-path", a="p-ivanova", b="p-ivanova") == []


def test_actor_network_by_distance(case):
    one = [
        ["p-garcia", "p-garcia", "Person", "José García", 0],
        ["p-garcia", "c6", "Claim", TEXT["c6"], 1],
        ["p-garcia", "e-talks", "Event", "Peace talks", 1],
        ["p-garcia", "o-monitor", "Organization", "Monitoring Mission", 1],
    ]
    assert rows(case, "actor-network", actor="José García", depth=1) == one
    assert rows(case, "actor-network", actor="p-garcia") == one + [
        ["p-garcia", "c5", "Claim", TEXT["c5"], 2],
        ["p-garcia", "c7", "Claim", TEXT["c7"], 2],
        ["p-garcia", "e-shelling", "Event", "Shelling of Port Town", 2],
    ]


def _ids(found):
    return [row[4] for row in found]


def test_timeline_places_uncertain_dates_by_earliest_then_latest(case):
    got = rows(case, "timeline")
    assert _ids(got) == [
        "e-talks",  # 2023: from 2023-01-01
        "e-siege",  # ../2024-02: open start, placed by its latest day
        "e-shelling",
        "c1",
        "c7",
        "c3",  # 2024-05~ and e-raid span the same days: Claim before Event
        "e-raid",
        "c5",
        "c4",
        "c2",  # undated last
        "c6",
        "e-ambush",
    ]
    assert got[1][:4] == [None, "2024-02-29", "../2024-02", "Event"]
    assert got[5][:4] == ["2024-05-01", "2024-05-31", "2024-05~", "Claim"]


def test_timeline_period_keeps_what_overlaps_it(case):
    got = rows(case, "timeline", **{"from": "2024-03", "to": "2024-05-15"})
    assert _ids(got) == ["e-shelling", "c1", "c7", "c3", "e-raid"]


def test_timeline_place_includes_places_inside_it(case):
    got = rows(case, "timeline", location="Freedonia")
    assert _ids(got) == ["e-siege", "e-shelling", "c1", "c7", "c3", "e-raid", "c2"]


def test_timeline_of_an_actor(case):
    assert _ids(rows(case, "timeline", actor="Northern Army")) == ["c1", "c3", "e-raid", "c4", "c2"]


def test_source_impact_says_what_would_be_left_without_a_source(case):
    result = run_query(case, "source-impact", {"source": "Witness statement X"})
    assert result.rows == [
        ["s-x", "c3", None, "Claim", TEXT["c3"], ["sources"], True],
        ["s-x", "c4", None, "Claim", TEXT["c4"], ["sources"], False],
        ["s-x", None, "c3|DISPUTED_BY|c4", "DISPUTED_BY", None, ["sources"], True],
        ["s-x", None, "c7|DISPUTED_BY|p-smith", "DISPUTED_BY", None, ["sources"], True],
        ["s-x", None, "p-ivanova|ALLEGES|c3", "ALLEGES", None, ["sources"], True],
        ["s-x", None, "p-smith|ALLEGES|c3", "ALLEGES", None, ["sources"], True],
    ]
    assert result.node_ids == ["c3", "c4", "s-x"]


def test_source_impact_counts_supporting_sources_and_cites(case):
    # c1 lists only s-a, but s-b SUPPORTS it: it keeps a source without s-a
    assert rows(case, "source-impact", source="s-a") == [
        ["s-a", "c1", None, "Claim", TEXT["c1"], ["CITES", "sources"], False],
        ["s-a", "c2", None, "Claim", TEXT["c2"], ["sources"], False],
        ["s-a", "o-south", None, "Organization", "Southern Militia", ["sources"], True],
        ["s-a", None, "c1|DISPUTED_BY|o-north", "DISPUTED_BY", None, ["sources"], False],
        ["s-a", None, "o-south|ALLEGES|c1", "ALLEGES", None, ["sources"], True],
    ]


def test_search_exact_names_first_then_by_label(case):
    assert rows(case, "search", text="john smith") == [
        ["p-smith", "Person", "John Smith", True],
        ["p-smith-2", "Person", "John Smith", True],
    ]
    assert rows(case, "search", text="Port Town") == [
        ["l-city", "Location", "Port Town", True],
        ["c1", "Claim", TEXT["c1"], False],
        ["e-shelling", "Event", "Shelling of Port Town", False],
        ["e-siege", "Event", "Siege of Port Town", False],
    ]


def test_search_ignores_case_accents_and_script_and_matches_word_starts(case):
    assert rows(case, "search", text="garcia jos") == [["p-garcia", "Person", "José García", False]]
    assert rows(case, "search", text="ІВАНОВА") == [["p-ivanova", "Person", "Olena Ivanova", False]]
    assert rows(case, "search", text="elena") == [["p-ivanova", "Person", "Olena Ivanova", False]]
    assert rows(case, "search", text="own") == []  # "Town" does not begin with "own"
