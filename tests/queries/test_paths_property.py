"""connection-path on the embedded store gives every shortest path of any graph, each
relationship a step, as networkx finds them on the same graph made undirected: the
bidirectional search (a hub's first step included) and the read of the links along
the paths (by their two ends, or by one end only) agree with it for any graph, and
so do the first rows a limit leaves (two relationships of one type and direction
between the same nodes ordered by their ids) and the total."""

from itertools import product
from unittest import mock

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegraph.model import Entity, Link
from allegraph.queries import run_query
from allegraph.stores import embedded_read, open_store

ACTORS = [f"p{i}" for i in range(4)]
OTHERS = [f"c{i}" for i in range(6)]
TYPES = ["ALLEGES", "ACCUSES", "DISPUTED_BY", "SUPPORTS"]

# (type, from, to, id); some come twice, the second time with an id of its own: two
# relationships of one type and direction between the same two nodes (rows of one path
# text, ordered by their ids; "a-..." sorts before the default id, "z-..." after it)
links = st.lists(
    st.tuples(
        st.sampled_from(TYPES), st.sampled_from(ACTORS + OTHERS), st.sampled_from(ACTORS + OTHERS)
    ),
    max_size=30,
    unique=True,
).flatmap(
    lambda base: (
        st.lists(st.tuples(st.sampled_from(base), st.sampled_from(["a", "z"])), max_size=8).map(
            lambda copies: (
                [(t, s, d, f"{s}|{t}|{d}") for t, s, d in base]
                + list(dict.fromkeys((t, s, d, f"{tag}-{s}-{t}-{d}") for (t, s, d), tag in copies))
            )
        )
        if base
        else st.just([])
    )
)


def expected_rows(graph: list[tuple[str, str, str, str]], a: str, b: str, max_hops: int) -> list:
    """The rows from networkx's every shortest path on the undirected graph, each pair of
    neighbours on a path crossed by each relationship between them."""
    g = nx.Graph()
    g.add_nodes_from(ACTORS + OTHERS)
    g.add_edges_from((src, dst) for _, src, dst, _ in graph if src != dst)
    try:
        paths = list(nx.all_shortest_paths(g, a, b))
    except nx.NetworkXNoPath:
        return []
    rows = []
    for nodes in paths:
        if len(nodes) - 1 > max_hops:
            continue
        hops = [
            [(f" -[{t}]-> ", i) for t, s, d, i in graph if (s, d) == (u, v)]
            + [(f" <-[{t}]- ", i) for t, s, d, i in graph if (s, d) == (v, u)]
            for u, v in zip(nodes, nodes[1:], strict=False)
        ]
        for choice in product(*hops):
            text = nodes[0] + "".join(
                arrow + n for (arrow, _), n in zip(choice, nodes[1:], strict=True)
            )
            rows.append([a, b, len(nodes) - 1, text, nodes, [key for _, key in choice]])
    return sorted(rows, key=lambda row: (row[3], row[5]))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    graph=links,
    ends=st.tuples(st.sampled_from(ACTORS), st.sampled_from(ACTORS)),
    max_hops=st.integers(1, 5),
    limit=st.one_of(st.integers(1, 3), st.integers(1, 40)),
    by_both_ends=st.booleans(),
)
def test_connection_path_is_every_shortest_path(
    tmp_path_factory, graph, ends, max_hops, limit, by_both_ends
):
    store = open_store(str(tmp_path_factory.mktemp("paths") / "g.db"))
    store.init()
    nodes = [Entity("Person", a, {"name": a.upper()}, ["s"]) for a in ACTORS]
    nodes += [Entity("Claim", c, {"text": c}, ["s"]) for c in OTHERS]
    written = [Link(t, s, d, {}, ["s"], i) for t, s, d, i in graph]
    store.write(nodes, written, "r1", "2026-12-01T00:00:00Z")
    a, b = ends
    # by_both_ends off: the links along the paths are read by one end only, as when the
    # other ends wanted are too many to name in the statement
    chunk = embedded_read.CHUNK if by_both_ends else -1
    with mock.patch.object(embedded_read, "CHUNK", chunk):
        result = run_query(
            store, "connection-path", {"a": a, "b": b, "max_hops": max_hops, "limit": limit}
        )
    store.close()
    every = [] if a == b else expected_rows(graph, a, b, max_hops)
    assert result.rows == every[:limit]
    assert (result.total, result.cut) == (len(every), len(every) > limit)
