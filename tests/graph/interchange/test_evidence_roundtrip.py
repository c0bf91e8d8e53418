"""Evidence and every verification step survive each interchange format: export ->
load into a fresh store -> the same Evidence nodes, sha256 and history (issue 17).

RDF holds a list as a set and gives it back sorted; a step's JSON text begins with
its time (``{"on": ...``), so sorted is oldest first, the order the steps were made.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegraph.evidence import add, history, set_status
from allegraph.interchange import export
from allegraph.load import load
from allegraph.rdf.terms import expand
from allegraph.stores import open_store
from tests.graph.evidence.cases import CLIP_SHA, clip, loaded
from tests.graph.interchange.export_cases import contents, typed

FORMATS = {
    "ttl": "g.ttl",
    "jsonld": "g.jsonld",
    "nt": "g.nt",
    "jsonl": "g.jsonl",
    "neo4j-csv": "csv",
}
ORDERED = ("jsonl", "neo4j-csv")  # lists keep their order; RDF gives them back sorted


def fresh_copy(source, fmt: str, folder: Path):
    folder.mkdir()
    out = folder / FORMATS[fmt]
    export(source, fmt, out)
    copy = open_store(str(folder / f"copy-{fmt}.db"))
    copy.init()
    report = load(copy, [out], rejects_path=folder / "rejects.jsonl")
    assert report.rejected == 0, (folder / "rejects.jsonl").read_text()
    return copy


def test_every_format_keeps_sha256_and_every_step(embedded, tmp_path):
    loaded(embedded, tmp_path)
    added = add(embedded, str(clip(tmp_path)), "c1", tmp_path / "ev", kind="video")
    set_status(embedded, added.id, "disputed", "B. Checker", "reverse search", note="a; b | c")
    set_status(embedded, added.id, "authenticated", "A. Analyst", "geolocation")
    add(embedded, "https://example.org/page", "c1", None, status="unresolved")
    before = contents(embedded)
    for fmt in FORMATS:
        copy = fresh_copy(embedded, fmt, tmp_path / fmt)
        after = contents(copy)
        assert typed(after, fmt not in ORDERED) == typed(before, fmt not in ORDERED), fmt
        props = copy.get_node(added.id).props
        assert props["sha256"] == CLIP_SHA
        assert [(s["from"], s["to"]) for s in history(props)] == [
            ("unverified", "disputed"),
            ("disputed", "authenticated"),
        ]
        copy.close()


def test_rdf_says_it_in_schema_org_and_prov(embedded, tmp_path):
    from rdflib import RDF, Graph, Literal

    loaded(embedded, tmp_path)
    added = add(embedded, str(clip(tmp_path)), "c1", tmp_path / "ev")
    out = tmp_path / "g.ttl"
    export(embedded, "ttl", out)
    graph = Graph().parse(out)
    [node] = graph.subjects(RDF.type, expand("schema:MediaObject"))
    assert graph.value(node, expand("schema:sha256")) == Literal(CLIP_SHA)
    assert graph.value(node, expand("schema:encodingFormat")) == Literal("video/mp4")
    assert graph.value(node, expand("schema:contentSize")).toPython() == added.props["size"]
    assert graph.value(node, expand("prov:wasGeneratedBy")) is not None  # its load run


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    min_size=1,
    max_size=12,
).filter(lambda t: t.strip() == t and t)
_state = st.sampled_from(["unverified", "unresolved", "authenticated", "disputed", "fabricated"])
_step = st.fixed_dictionaries(
    {"by": _text, "from": _state, "to": _state, "method": _text},
    optional={"note": st.text(min_size=1, max_size=20).filter(lambda t: t.strip())},
)


@st.composite
def evidence_records(draw):
    """Evidence records with what is hardest to carry: text with delimiters and other
    scripts, several steps (times in order), hashes, sizes, a url or a path."""
    count = draw(st.integers(1, 3))
    records = []
    for i in range(count):
        steps = draw(st.lists(_step, max_size=3))
        for n, s in enumerate(steps):
            s["on"] = f"2026-11-{10 + n:02d}T0{i}:00:00Z"
        record = {
            "label": "Evidence",
            "id": f"ev-{i}",
            "title": draw(_text),
            "sha256": draw(st.text("0123456789abcdef", min_size=64, max_size=64)),
            "size": draw(st.integers(0, 2**53)),
            "verification": draw(_state),
            "verificationHistory": [json.dumps(s, ensure_ascii=False) for s in steps],
        }
        record.update(
            draw(st.sampled_from([{"url": f"https://example.org/{i}"}, {"path": f"{i}/f.bin"}]))
        )
        records.append(record)
    return records


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(evidence_records())
def test_any_evidence_round_trips(records):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "in.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
        source = open_store(str(folder / "source.db"))
        source.init()
        assert load(source, [path]).rejected == 0
        before = contents(source)
        for fmt in ("jsonl", "neo4j-csv", "ttl"):
            copy = fresh_copy(source, fmt, folder / fmt.replace("-", "_"))
            assert typed(contents(copy), fmt not in ORDERED) == typed(before, fmt not in ORDERED)
            for record in records:
                steps = history(copy.get_node(record["id"]).props)
                assert [s["on"] for s in steps] == sorted(s["on"] for s in steps)
                assert len(steps) == len(record["verificationHistory"])
            copy.close()
        source.close()
