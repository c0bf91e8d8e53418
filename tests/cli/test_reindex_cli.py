"""`allegraph reindex`, and the note that says when a store needs it."""

from __future__ import annotations

from click.testing import CliRunner

from allegraph.cli import main
from allegraph.stores import open_store
from allegraph.stores.embedded_status import kept
from tests.conftest import BAKU

NOTE = (
    "note: {url} holds claims whose status it does not keep (written by an older "
    "allegraph): run `allegraph reindex` once; until then status answers may be stale"
)


def test_an_old_store_is_named_until_reindex_fixes_it(tmp_path):
    db = str(tmp_path / "case.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--store", db, "load", str(BAKU / "records.jsonl")]).exit_code == 0
    store = open_store(db)
    before = kept(store.db, [n.id for n in store.nodes("Claim")])
    # as an allegraph that kept no claim status leaves a store
    store.db.execute("DELETE FROM claim_status")
    store.db.execute("DELETE FROM meta WHERE key = 'claim-status'")
    store.close()

    init = runner.invoke(main, ["--store", db, "init"])
    assert init.output == f"initialised {db}\n{NOTE.format(url=db)}\n"
    stats = runner.invoke(main, ["--store", db, "stats", "--format", "json"])
    assert stats.stderr == NOTE.format(url=db) + "\n"

    done = runner.invoke(main, ["--store", db, "reindex"])
    assert done.output == f"recomputed the status of 7 claims in {db}\n"
    again = runner.invoke(main, ["--store", db, "stats", "--format", "json"])
    assert again.stderr == ""
    store = open_store(db)
    assert kept(store.db, [n.id for n in store.nodes("Claim")]) == before
    assert len(before) == 7
    store.close()
