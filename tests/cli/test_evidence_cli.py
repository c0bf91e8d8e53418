"""`allegraph evidence`: exact output, exit codes, then the store reopened through the library."""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.evidence import history
from allegraph.stores import open_store
from tests.graph.evidence.cases import CLIP, CLIP_SHA, clip, loaded

NOW = "2026-11-30T12:00:00.000Z"
EVIDENCE = f"evidence:{CLIP_SHA}"
COPY = f"{CLIP_SHA[:12]}-clip.mp4"


@pytest.fixture
def case(tmp_path, monkeypatch):
    """A store with one claim (c1), and the clock stopped at NOW."""
    monkeypatch.setattr("allegraph.evidence.records.stamp", lambda: NOW)
    monkeypatch.delenv("ALLEGRAPH_EVIDENCE_DIR", raising=False)
    db = tmp_path / "case.db"
    store = open_store(str(db))
    store.init()
    loaded(store, tmp_path)
    store.close()
    return db


def run(db, *args):
    return CliRunner().invoke(main, ["--store", str(db), "evidence", *args])


def test_add_prints_what_it_recorded(case, tmp_path):
    result = run(case, "add", str(clip(tmp_path)), "--supports", "c1", "--kind", "video")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"added {EVIDENCE} (unverified), supporting c1\n"
        f"copy    {case}.evidence/{COPY} ({len(CLIP)} bytes, video/mp4)\n"
        f"sha256  {CLIP_SHA}\n"
    )
    store = open_store(str(case))
    node = store.get_node(EVIDENCE)
    assert node.props["retrieved"] == NOW and node.props["path"] == COPY
    assert (tmp_path / "case.db.evidence" / COPY).read_bytes() == CLIP
    store.close()


def test_verify_passes_then_fails_naming_the_changed_file(case, tmp_path):
    run(case, "add", str(clip(tmp_path)), "--supports", "c1")
    folder = tmp_path / "case.db.evidence"
    ok = run(case, "verify")
    assert (ok.exit_code, ok.output) == (0, f"1 of 1 copies match their sha256 in {folder}\n")
    copy = folder / COPY
    copy.write_bytes(CLIP[:-1] + b"?")  # one byte changed
    bad = run(case, "verify")
    changed = hashlib.sha256(CLIP[:-1] + b"?").hexdigest()
    assert bad.exit_code == 1
    assert bad.output == (
        f"changed: {COPY} (evidence {EVIDENCE}): sha256 {changed}, recorded {CLIP_SHA}\n"
        f"0 of 1 copies match their sha256 in {folder}\n"
    )
    copy.unlink()
    (folder / "stray.txt").write_text("x")
    gone = run(case, "verify")
    assert gone.exit_code == 1
    assert gone.output == (
        f"missing: {COPY} (evidence {EVIDENCE})\n"
        f"note: stray.txt is in {folder} but no evidence names it\n"
        f"0 of 1 copies match their sha256 in {folder}\n"
    )


def test_set_records_a_step_and_list_shows_it(case, tmp_path):
    run(case, "add", str(clip(tmp_path)), "--supports", "c1", "--status", "unresolved")
    result = run(
        case,
        *("set", EVIDENCE, "--status", "authenticated", "--by", "A. Analyst"),
        *("--method", "frame-by-frame geolocation", "--note", "matches the street"),
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{EVIDENCE}: unresolved -> authenticated by A. Analyst on {NOW} "
        "(frame-by-frame geolocation)\n"
    )
    table = run(case, "list")
    assert table.output.splitlines() == [
        "id".ljust(len(EVIDENCE))
        + "  title     kind  verification   verified_by  supports  sha256        where",
        "-" * len(EVIDENCE) + "  --------  ----  -------------  -----------  --------  "
        "------------  " + "-" * len(COPY),
        f"{EVIDENCE}  clip.mp4        authenticated  A. Analyst   c1        "
        f"{CLIP_SHA[:12]}  {COPY}",
    ]
    [item] = json.loads(run(case, "list", "--format", "json").output)
    assert item["verification"] == "authenticated" and item["supports"] == ["c1"]
    assert item["history"] == [
        {
            "on": NOW,
            "by": "A. Analyst",
            "from": "unresolved",
            "to": "authenticated",
            "method": "frame-by-frame geolocation",
            "note": "matches the street",
        }
    ]
    store = open_store(str(case))
    assert history(store.get_node(EVIDENCE).props) == item["history"]
    assert sorted(r.input for r in store.runs() if r.format == "evidence") == [
        str(clip(tmp_path)),
        f"evidence set {EVIDENCE}",
    ]
    store.close()


def test_mistakes_are_one_line_and_change_nothing(case, tmp_path):
    missing = run(case, "set", "nope", "--status", "authenticated", "--by", "x", "--method", "y")
    assert (missing.exit_code, missing.output) == (
        1,
        "Error: no evidence 'nope' (`allegraph evidence list` shows the ids)\n",
    )
    bad = run(case, "add", str(clip(tmp_path)), "--supports", "c1", "--status", "true")
    assert bad.exit_code == 2
    assert (
        "Invalid value for '--status': 'true' is not one of unverified, unresolved, "
        "authenticated, disputed, fabricated" in bad.output
    )
    nothing = run(case, "add", str(clip(tmp_path)), "--supports", "c9")
    assert nothing.output == "Error: --supports: no claim matches 'c9' (give its id or its text)\n"
    store = open_store(str(case))
    assert list(store.nodes("Evidence")) == []
    store.close()


def test_a_neo4j_store_needs_its_folder_named(monkeypatch):
    from allegraph.evidence import EvidenceError, evidence_folder

    class Remote:
        url = "bolt://example.org:7687"

    monkeypatch.delenv("ALLEGRAPH_EVIDENCE_DIR", raising=False)
    with pytest.raises(EvidenceError, match="keeps no files: give its evidence folder"):
        evidence_folder(Remote())
    monkeypatch.setenv("ALLEGRAPH_EVIDENCE_DIR", "/srv/evidence")
    assert str(evidence_folder(Remote())) == "/srv/evidence"
