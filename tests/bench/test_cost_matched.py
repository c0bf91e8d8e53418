"""bench/cost_matched.py: parameter sets of two store sizes paired by the totals of their
answers, and what it reports of a real pair of stores."""

import importlib.util
from pathlib import Path

from allegraph import synth
from allegraph.load import load
from allegraph.stores import open_store

BENCH = Path(__file__).resolve().parents[2] / "bench"
spec = importlib.util.spec_from_file_location("cost_matched", BENCH / "cost_matched.py")
cost_matched = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cost_matched)


def test_each_small_answer_is_paired_with_the_nearest_large_one_within_a_quarter():
    small = [(10, 0.001, {"actor": "a"}), (100, 0.002, {"actor": "b"}), (7, 0.001, {})]
    large = [(12, 0.0015, {"actor": "x"}), (90, 0.003, {"actor": "y"}), (1000, 0.01, {})]
    got = cost_matched.pairs(small, large)
    # 10 -> 12 (1.2x, within 1.25), 100 -> 90; 7's nearest is 12: 1.71x apart, unpaired
    assert got == [(small[0], large[0]), (small[1], large[1])]
    text = cost_matched.table(10, 1000, {"q": (small, large), "none": (small[2:], large[2:])})
    assert text.splitlines()[2:] == [
        "| q | 2 | 1.50x | 1.50x | 100: 2.00 → 90: 3.00 |",
        "| none | 0 | – | – | no totals within 25% of each other |",
    ]


def test_the_pools_name_nodes_of_the_store_and_answers_report_their_totals(tmp_path):
    size = 2000
    case = tmp_path / "case.jsonl"
    synth.write_jsonl(case, size)
    db = str(tmp_path / "s.db")
    store = open_store(db)
    store.init()
    load(store, [str(case)])
    store.close()
    for name in cost_matched.QUERIES:
        measured = cost_matched.measure(db, name, size)
        assert measured, name  # some parameter set of each pool finds something
        for total, seconds, _ in measured:
            assert total > 0 and seconds > 0
    # the same store on both sides: every answer finds its own total
    by = cost_matched.measure(db, "allegations-by", size)
    assert all(a[0] == b[0] for a, b in cost_matched.pairs(by, by))
