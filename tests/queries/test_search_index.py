"""The embedded store's search index (one full-text row per node, keys merged at the end
of a load run, or waiting in ``names_new`` until then) finds exactly the nodes each of
whose query words begins a word of one of their name keys, with their labels: whatever
was merged, still waits, was taken away again or changed label."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegraph.model import Entity
from allegraph.queries import run_query
from allegraph.stores import open_store
from allegraph.stores.base import Run

WORDS = ["ivan", "iva", "ivanov", "petrov", "pet", "anna", "ann", "mansour", "x1", "x"]
LABELS = ["Person", "Organization"]


def store_at(path):
    store = open_store(str(path))
    store.init()
    return store


def write(store, nodes: dict[str, tuple[str, list[str]]], run_id: str) -> None:
    """Write the nodes ``id -> (label, names)``: the first name as ``name``, the others
    as ``aliases``."""
    store.write(
        [
            Entity(label, ident, {"name": names[0], "aliases": names[1:]}, ["src-1"])
            for ident, (label, names) in nodes.items()
        ],
        [],
        run_id,
        "2026-12-01T00:00:00Z",
    )


def merge(store, run_id: str) -> None:
    """End a load run: what waits goes into the full-text index."""
    run = Run(run_id, "case", "0" * 64, "jsonl", "2026-12-01T00:00:00Z", status="running")
    store.start_run(run)
    run.status = "done"
    store.finish_run(run)


def expected(store, text: str) -> list[tuple[str, str]]:
    """``(id, label)`` of every node matching ``text``, from its keys in ``names``."""
    words = text.split()
    keys: dict[str, list[str]] = {}
    for node, key in store.db.execute("SELECT node_id, key FROM names"):
        keys.setdefault(node, []).append(key)
    labels = store.labels_of(keys)
    found = [
        (node, labels[node])
        for node, its in keys.items()
        if all(any(k.startswith(w) or f" {w}" in k for k in its) for w in words)
    ]
    return sorted(found, key=lambda hit: (hit[1], hit[0]))


def searched(store, text: str) -> list[tuple[str, str]]:
    result = run_query(store, "search", {"text": text, "limit": 1000})
    assert result.total == len(result.rows)  # counted apart from the rows read
    return sorted(((i, label) for i, label, _, exact in result.rows), key=lambda h: (h[1], h[0]))


def test_merged_and_waiting_keys_are_found_alike(tmp_path):
    store = store_at(tmp_path / "s.db")
    write(store, {"p1": ("Person", ["Ivan Petrov"]), "o1": ("Organization", ["Anna Fund"])}, "r1")
    merge(store, "r1")
    # a new alias waits for the end of its run: p1's row holds "ivan petrov" only
    write(store, {"p1": ("Person", ["Ivan Petrov", "Mansour"])}, "r2")
    assert store.db.execute("SELECT count(*) FROM names_new").fetchone()[0] == 1
    assert searched(store, "petrov mansour") == [("p1", "Person")]
    assert searched(store, "an") == [("o1", "Organization")]
    merge(store, "r2")
    assert store.db.execute("SELECT count(*) FROM names_new").fetchone()[0] == 0
    assert searched(store, "petrov mansour") == [("p1", "Person")]
    assert store.db.execute(
        "SELECT f.keys FROM names_fts f JOIN name_docs d ON d.doc = f.rowid WHERE d.node_id = 'p1'"
    ).fetchall() == [("ivan petrov | mansour",)]
    # a key taken away (as entity resolution does) leaves the node's row
    store.db.execute("DELETE FROM names WHERE node_id = 'p1' AND key = 'ivan petrov'")
    assert searched(store, "petrov") == []
    assert searched(store, "mansour") == [("p1", "Person")]
    store.db.execute("DELETE FROM names WHERE node_id = 'p1'")
    assert searched(store, "mansour") == []
    assert store.db.execute("SELECT count(*) FROM names_fts").fetchone()[0] == 1  # o1's
    store.close()


def test_a_node_written_again_with_another_label_is_found_with_it(tmp_path):
    store = store_at(tmp_path / "s.db")
    write(store, {"n1": ("Person", ["Ivan Petrov"])}, "r1")
    merge(store, "r1")
    write(store, {"n1": ("Organization", ["Ivan Petrov"])}, "r2")
    assert searched(store, "ivan") == [("n1", "Organization")]
    store.close()


names = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
    min_size=1,
    max_size=3,
)
batch = st.dictionaries(
    st.sampled_from([f"n{i}" for i in range(6)]),
    st.tuples(st.sampled_from(LABELS), names),
    min_size=1,
    max_size=4,
)
step = st.one_of(
    st.tuples(st.just("write"), batch),
    st.tuples(st.just("merge"), st.none()),
    st.tuples(st.just("forget"), st.sampled_from([f"n{i}" for i in range(6)])),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, min_size=1, max_size=8), queries=st.lists(names, max_size=3))
def test_search_finds_what_the_names_say_after_any_writes_merges_and_removals(
    tmp_path_factory, steps, queries
):
    store = store_at(tmp_path_factory.mktemp("search") / "s.db")
    for n, (what, arg) in enumerate(steps):
        if what == "write":  # a node written with another label changes label
            write(store, arg, f"r{n}")
        elif what == "merge":
            merge(store, f"m{n}")
        else:  # its keys taken away, as entity resolution does with a merged node
            store.db.execute("DELETE FROM names WHERE node_id = ?", (arg,))
    for text in [" ".join(q) for q in queries] + WORDS:
        assert searched(store, text) == expected(store, text)
    store.close()
