"""The side panel of a claim shows the status trail that ``allegraph explain`` gives (issue 14)."""

from __future__ import annotations

from pathlib import Path

from allegraph.load import load
from allegraph.schema import registry
from allegraph.views import selection
from allegraph.views.payload import build_payload

DATA = Path(__file__).parents[2] / "data" / "provenance"
TRAIL = [
    ["source ngo", "counted"],
    ["source reprint-b", "copy of wire"],
    ["source reprint-c", "copy of wire"],
    ["source reprint-d", "copy of wire"],
    ["source wire", "counted"],
]


def info_of(chosen, node_id):
    data = build_payload(
        chosen.graph,
        title="t",
        registry=registry(),
        statuses=chosen.statuses,
        trails=chosen.trails,
        sources=chosen.sources,
    ).data
    return next(n for n in data["nodes"] if n["id"] == node_id)["info"]


def test_a_claim_view_lists_each_backing_source_and_why(store):
    load(store, [DATA / "wire.jsonl", DATA / "ngo.jsonl"])
    for chosen in (selection.claim(store, "x"), selection.whole(store)):
        info = info_of(chosen, "x")
        assert info["kind"] == "Claim · corroborated"
        assert info["fields"][1][0] == "status"
        assert info["fields"][2:7] == TRAIL
