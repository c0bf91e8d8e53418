"""No query path reads the whole embedded store (issue 12).

Two proofs, on the Baku case and on a generated graph:

* the canned queries, ``view --actor``, ``view --claim``, ``query run --view`` and
  ``export --actor`` run on a store whose whole-graph reads raise (``nodes()``,
  ``links()`` and ``to_networkx()`` without ids), and give the same answers as on
  the plain store;
* every SQL statement they send is planned by SQLite as index searches: no full
  scan of ``nodes``, ``links``, ``names`` or ``sourced`` (EXPLAIN QUERY PLAN).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from allegraph.demo import baku_files
from allegraph.interchange import export
from allegraph.load import load
from allegraph.queries import queries, run_query
from allegraph.queries.params import example_params
from allegraph.stores.embedded import EmbeddedStore
from allegraph.synth import write_jsonl
from allegraph.views import view_of_result, view_of_store
from tests.queries.test_parity_generated import GENERATED_CASES, GENERATED_SIZE, SEED

BAKU_MORE = [
    ("allegations-by", {"actor": "Moskalkova", "limit": 1}),
    ("actor-network", {"actor": "afu", "depth": 4}),
    ("connection-path", {"a": "az-pow-commission", "b": "poliy", "max_hops": 10}),
    ("timeline", {}),
    ("timeline", {"from": "2024", "to": "2024"}),
    ("timeline", {"actor": "moskalkova", "location": "Baku"}),
    ("search", {"text": "kursk region"}),
    ("allegations-by", {"actor": "Nobody"}),
    ("source-impact", {"source": "no-such-source"}),
]


class WholeStoreRead(AssertionError):
    pass


class NoWholeReads(EmbeddedStore):
    """An embedded store that refuses to be read whole."""

    def nodes(self, label=None):
        raise WholeStoreRead(f"nodes({label!r}) reads every node (of a label)")

    def links(self, type_=None):
        raise WholeStoreRead(f"links({type_!r}) reads every link (of a type)")

    def to_networkx(self, ids=None):
        if ids is None:
            raise WholeStoreRead("to_networkx() reads the whole store")
        return super().to_networkx(ids)


def _load(path: Path, inputs: list[Path]) -> None:
    with EmbeddedStore(path) as store:
        store.init()
        assert load(store, inputs).rejected == 0


@pytest.fixture(scope="module")
def baku_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reads") / "baku.db"
    _load(path, baku_files())
    return path


@pytest.fixture(scope="module")
def generated_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reads-generated")
    write_jsonl(folder / "case.jsonl", GENERATED_SIZE, SEED)
    _load(folder / "case.db", [folder / "case.jsonl"])
    return folder / "case.db"


@pytest.fixture
def guarded(request) -> Iterator[NoWholeReads]:
    store = NoWholeReads(request.getfixturevalue(request.param))
    yield store
    store.close()


def _cases(db: str) -> list[tuple[str, dict]]:
    examples = [(name, example_params(q)) for name, q in queries().items()]
    return examples + (BAKU_MORE if db == "baku_db" else GENERATED_CASES)


@pytest.mark.parametrize("guarded", ["baku_db", "generated_db"], indirect=True)
def test_every_canned_query_answers_without_reading_the_whole_store(guarded, request):
    db = request.node.callspec.params["guarded"]
    for name, params in _cases(db):
        result = run_query(guarded, name, params)
        assert result.columns == list(queries()[name].columns)


def test_the_guard_catches_a_whole_store_read(baku_db):
    with NoWholeReads(baku_db) as store, pytest.raises(WholeStoreRead):
        view_of_store(store)  # the whole graph, asked for: reads everything


@pytest.mark.parametrize("guarded", ["baku_db"], indirect=True)
def test_views_and_exports_of_a_selection_read_only_the_selection(guarded, tmp_path):
    ego = view_of_store(guarded, actor="Moskalkova", depth=2)
    around = view_of_store(guarded, claim="c-garage-unverified")
    assert ego.nodes > 5 and around.nodes > 3
    result = run_query(guarded, "connection-path", {"a": "icrc", "b": "afu"})
    assert view_of_result(guarded, result, tmp_path / "path.html").nodes == len(result.node_ids)
    written = export(guarded, "jsonl", tmp_path / "moskalkova.jsonl", actor="Moskalkova", depth=2)
    assert written.nodes > 5 and written.links > 5
    # the same as from the plain store
    with EmbeddedStore(guarded.path) as plain:
        again = export(plain, "jsonl", tmp_path / "plain.jsonl", actor="Moskalkova", depth=2)
        assert (tmp_path / "moskalkova.jsonl").read_bytes() == (
            tmp_path / "plain.jsonl"
        ).read_bytes()
        assert again.nodes == written.nodes
        assert view_of_store(plain, actor="Moskalkova", depth=2).html == ego.html


# A plan line that reads a whole table: "SCAN nodes", "SCAN l" (an alias), or a scan
# of a whole index of one of these tables.
FULL_SCAN = re.compile(r"^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?$")
# (Left out: ``dated``, whose index the timeline walks in date order up to the limit
# and counts the items of a period from, the size of the answer; ``names_new`` and
# ``sourced_new``, what waits for the end of a load run, empty between loads; and the
# ``sourced`` view, whose plan scans what its two halves found.)
TABLES = {"nodes", "links", "names", "sourced_merged"}


def _full_scans(store: EmbeddedStore, statement: str) -> list[str]:
    plan = [row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {statement}")]
    aliases = re.findall(r"\b(nodes|links|names|sourced_merged)\s+(?:AS\s+)?(\w+)", statement)
    tables = TABLES | {alias for _, alias in aliases}
    # a walk of an index in order that stops at a LIMIT reads only the page
    walk = re.search(r"\bORDER BY [^()]*\bLIMIT \d+$", statement)
    scans = []
    for line in plan:
        found = FULL_SCAN.match(line)
        if found and found[1] in tables and not (walk and found[2]):
            scans.append(f"{line}  <-  {statement[:200]}")
    return scans


@pytest.mark.parametrize("db", ["baku_db", "generated_db"])
def test_every_statement_is_planned_as_index_searches(db, request):
    store = EmbeddedStore(request.getfixturevalue(db))
    assert _full_scans(store, "SELECT n.id FROM nodes n WHERE n.props LIKE '%x%'")  # it sees one
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    for name, params in _cases(db):
        run_query(store, name, params)
    store.db.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(selects) > 50
    scans = [scan for s in dict.fromkeys(selects) for scan in _full_scans(store, s)]
    assert scans == []
    store.close()


@pytest.mark.parametrize("guarded", ["generated_db"], indirect=True)
def test_a_view_cut_while_reading_is_the_view_cut_after_reading(guarded):
    from allegraph.views import ego, view_selection

    actor = GENERATED_CASES[0][1]["actor"]
    early = view_of_store(guarded, actor=actor, depth=2, max_nodes=40)
    whole = ego(guarded, actor, depth=2)  # every node of the ego network, then cut
    late = view_selection(whole, max_nodes=40)
    assert whole.graph.number_of_nodes() > 40
    assert (early.nodes, early.edges, early.total_nodes, early.total_edges) == (
        late.nodes,
        late.edges,
        late.total_nodes,
        late.total_edges,
    )
    assert early.notices == late.notices
    assert early.html == late.html
