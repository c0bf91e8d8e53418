"""Evidence on both stores: add hashes and copies, verify notices a changed byte,
set keeps every step, list gives the state and the claims backed."""

from __future__ import annotations

import hashlib
import json

import pytest

from allegraph.evidence import EvidenceError, add, history, listing, set_status, verify
from allegraph.evidence.hashing import BLOCK, hash_file, media_type
from tests.graph.evidence.cases import CLIP, CLIP_SHA, clip, loaded


def test_a_file_is_hashed_block_by_block(tmp_path):
    path = tmp_path / "big.bin"
    content = bytes(range(256)) * (BLOCK // 256 * 2 + 3)  # two blocks and a bit
    path.write_bytes(content)
    found = hash_file(path)
    assert (found.sha256, found.size) == (hashlib.sha256(content).hexdigest(), len(content))


def test_media_type_comes_from_the_name_alone():
    assert media_type("clip.mp4") == "video/mp4"
    assert media_type("page.html") == "text/html"
    assert media_type("notes.unknown-kind") is None


def test_add_copies_the_file_and_records_what_it_is(store, tmp_path):
    loaded(store, tmp_path)
    folder = tmp_path / "evidence"
    added = add(store, str(clip(tmp_path)), "c1", folder, kind="video", status="unresolved")
    assert added.id == f"evidence:{CLIP_SHA}" and added.supports == "c1"
    node = store.get_node(added.id)
    assert node.label == "Evidence"
    props = {k: v for k, v in node.props.items() if k != "retrieved"}
    assert props == {
        "title": "clip.mp4",
        "kind": "video",
        "verification": "unresolved",
        "path": f"{CLIP_SHA[:12]}-clip.mp4",
        "sha256": CLIP_SHA,
        "size": len(CLIP),
        "mediaType": "video/mp4",
    }
    assert node.props["retrieved"].endswith("Z")
    assert (folder / props["path"]).read_bytes() == CLIP
    assert [(x.src, x.dst) for x in store.links("SUPPORTS")] == [(added.id, "c1")]
    run = [r for r in store.runs() if r.format == "evidence"]
    assert [(r.read, r.loaded, r.rejected, r.sha256) for r in run] == [(2, 2, 0, CLIP_SHA)]


def test_the_same_file_added_twice_is_one_node_and_one_copy(store, tmp_path):
    loaded(store, tmp_path)
    folder = tmp_path / "evidence"
    first = add(store, str(clip(tmp_path)), "c1", folder)
    again = add(store, str(clip(tmp_path, "renamed.mp4")), "It happened", folder)
    assert first.id == again.id
    assert [n.id for n in store.nodes("Evidence")] == [first.id]
    assert len(list(store.links("SUPPORTS"))) == 1
    assert [p.name for p in folder.iterdir()] == [f"{CLIP_SHA[:12]}-clip.mp4"]
    props = store.get_node(first.id).props
    assert (props["title"], props["path"]) == ("clip.mp4", f"{CLIP_SHA[:12]}-clip.mp4")


def test_a_file_inside_the_folder_is_referenced_where_it_is(store, tmp_path):
    loaded(store, tmp_path)
    folder = tmp_path / "evidence"
    inside = folder / "kept" / "photo.jpg"
    inside.parent.mkdir(parents=True)
    inside.write_bytes(b"jpeg bytes")
    added = add(store, str(inside), "c1", folder)
    assert added.props["path"] == "kept/photo.jpg"
    assert sorted(p.name for p in folder.rglob("*")) == ["kept", "photo.jpg"]


def test_verify_passes_then_names_the_file_with_one_byte_changed(store, tmp_path):
    loaded(store, tmp_path)
    folder = tmp_path / "evidence"
    added = add(store, str(clip(tmp_path)), "c1", folder)
    [finding] = verify(store, folder)
    assert (finding.state, finding.failed) == ("ok", False)
    copy = folder / added.props["path"]
    tampered = bytearray(copy.read_bytes())
    tampered[3] ^= 0x01
    copy.write_bytes(bytes(tampered))
    [finding] = verify(store, folder)
    assert finding.failed and finding.state == "changed"
    changed = hashlib.sha256(bytes(tampered)).hexdigest()
    assert finding.line() == (
        f"changed: {CLIP_SHA[:12]}-clip.mp4 (evidence {added.id}): "
        f"sha256 {changed}, recorded {CLIP_SHA}"
    )
    copy.unlink()
    [finding] = verify(store, folder)
    assert finding.line() == f"missing: {CLIP_SHA[:12]}-clip.mp4 (evidence {added.id})"


def test_a_url_is_recorded_without_a_copy(store, tmp_path):
    loaded(store, tmp_path)
    sha = "ab" * 32
    added = add(store, "https://example.org/v.mp4", "c1", None, sha256=sha, kind="video")
    assert added.id == f"evidence:{sha}"
    assert store.get_node(added.id).props == {
        "title": "https://example.org/v.mp4",
        "url": "https://example.org/v.mp4",
        "sha256": sha,
        "kind": "video",
        "verification": "unverified",
    }
    [finding] = verify(store, tmp_path / "evidence")
    assert (finding.state, finding.failed) == ("not-held", False)


def test_set_keeps_every_step(store, tmp_path):
    loaded(store, tmp_path)
    added = add(store, str(clip(tmp_path)), "c1", tmp_path / "evidence", status="unresolved")
    first, _ = set_status(store, added.id, "disputed", "B. Checker", "reverse image search")
    second, _ = set_status(
        store, added.id, "authenticated", "A. Analyst", "geolocation", note="matches; twice"
    )
    props = store.get_node(added.id).props
    assert props["verification"] == "authenticated"
    assert (props["verifiedBy"], props["method"]) == ("A. Analyst", "geolocation")
    assert props["verifiedOn"] == second["on"]
    steps = history(props)
    assert [(s["by"], s["from"], s["to"], s["method"]) for s in steps] == [
        ("B. Checker", "unresolved", "disputed", "reverse image search"),
        ("A. Analyst", "disputed", "authenticated", "geolocation"),
    ]
    assert steps[1]["note"] == "matches; twice" and "note" not in steps[0]
    assert [s["on"] for s in steps] == [first["on"], second["on"]]


def test_set_and_add_say_what_is_wrong(store, tmp_path):
    loaded(store, tmp_path)
    with pytest.raises(EvidenceError, match="no evidence 'nothing'"):
        set_status(store, "nothing", "authenticated", "x", "y")
    with pytest.raises(EvidenceError, match="'c1' is a Claim, not Evidence"):
        set_status(store, "c1", "authenticated", "x", "y")
    with pytest.raises(EvidenceError, match="--supports: no claim matches 'c9'"):
        add(store, str(clip(tmp_path)), "c9", tmp_path / "evidence")
    with pytest.raises(EvidenceError, match="no such file"):
        add(store, str(tmp_path / "absent.mp4"), "c1", tmp_path / "evidence")
    with pytest.raises(EvidenceError, match="sha256: 'XY' does not match"):
        add(store, "https://example.org/v.mp4", "c1", None, sha256="XY")
    assert list(store.nodes("Evidence")) == []
    assert [r.format for r in store.runs()] == ["jsonl"]  # nothing written, no run


def test_listing_gives_state_and_claims_backed(store, tmp_path):
    loaded(store, tmp_path)
    added = add(store, str(clip(tmp_path)), "c1", tmp_path / "evidence", kind="video")
    add(store, "https://example.org/page", "c1", None, title="Archived page", status="unresolved")
    set_status(store, added.id, "fabricated", "A. Analyst", "metadata")
    columns, rows = listing(store)
    assert columns == (
        "id",
        "title",
        "kind",
        "verification",
        "verified_by",
        "supports",
        "sha256",
        "where",
    )
    assert rows == [
        [
            added.id,
            "clip.mp4",
            "video",
            "fabricated",
            "A. Analyst",
            ["c1"],
            CLIP_SHA,
            f"{CLIP_SHA[:12]}-clip.mp4",
        ],
        [
            "evidence:https-example-org-page",
            "Archived page",
            None,
            "unresolved",
            None,
            ["c1"],
            None,
            "https://example.org/page",
        ],
    ]


def test_a_step_written_by_hand_is_checked_and_kept_in_one_form(store, tmp_path):
    """verificationHistory items are JSON objects with known keys; the same step with
    other spacing or key order is the same item."""
    from allegraph.validate import ValidationError, Validator

    check = Validator(store.registry).check
    step = {"to": "unresolved", "on": "2024-11-14T10:00:00Z", "by": "Desk"}
    one = check({"label": "Evidence", "title": "x", "verificationHistory": [json.dumps(step)]})
    two = check(
        {
            "label": "Evidence",
            "title": "x",
            "verificationHistory": [json.dumps(step, indent=1, sort_keys=True)],
        }
    )
    assert (
        one.props["verificationHistory"]
        == two.props["verificationHistory"]
        == ['{"on": "2024-11-14T10:00:00Z", "by": "Desk", "to": "unresolved"}']
    )
    for bad, reason in [
        ("not json", "is not a JSON object"),
        ('{"on": "2024"}', "has no 'to'"),
        ('{"on": "2024", "to": "x", "who": "y"}', "unknown key 'who'"),
        ('{"on": "2024", "to": 3}', "to must be a string"),
    ]:
        with pytest.raises(ValidationError, match=reason):
            check({"label": "Evidence", "title": "x", "verificationHistory": [bad]})
