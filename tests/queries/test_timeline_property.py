"""timeline of an actor on the embedded store gives, for any graph and period, the
events and claims linked to the actor in the timeline's order (placed by their
earliest day, else their latest; undated last, by label and id), cut by the limit,
and how many there are: whether the page comes from sorting the actor's items or
from walking the dated_order index (a busy actor), and whether the walk finds the
page or gives up and the items are sorted after all."""

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegraph.model import Entity, Link
from allegraph.queries import run_query, sql
from allegraph.stores import open_store
from tests.conftest import require_neo4j

ACTORS = ["p0", "p1"]
# events "a..." and claims "k...": by id events come first, by label claims do
ITEMS = [f"a{i}" for i in range(8)] + [f"k{i}" for i in range(8)]
DAYS = ["2023-12-31", "2024-01-01", "2024-01-01", "2024-02-15", "2024-06-30", None]

# (earliest, latest) of an item: a known day, a span, an open start or end, or undated
spans = st.tuples(st.sampled_from(DAYS), st.sampled_from(DAYS)).map(
    lambda pair: tuple(sorted(pair, key=lambda d: (d is None, d))) if all(pair) else pair
)
# which actor links to which item, and how (events: PARTICIPATED_IN from the actor;
# claims: ALLEGES from it or ACCUSES towards it, or both)
links = st.lists(
    st.tuples(st.sampled_from(ACTORS), st.sampled_from(ITEMS), st.booleans()), max_size=40
)


def _placed(item: tuple[str, str, str | None, str | None]) -> tuple:
    ident, label, earliest, latest = item
    first = earliest if earliest is not None else latest
    last = latest if latest is not None else earliest
    return (first is None, first or "", last or "", label, ident)


def expected(items, linked, from_date, to_date) -> list[str]:
    chosen = [item for item in items if item[0] in linked]
    if from_date is not None or to_date is not None:
        chosen = [
            (ident, label, earliest, latest)
            for ident, label, earliest, latest in chosen
            if (earliest is not None or latest is not None)
            and (to_date is None or earliest is None or earliest <= to_date)
            and (from_date is None or latest is None or latest >= from_date)
        ]
    return [item[0] for item in sorted(chosen, key=_placed)]


def _dated(ident: str, label: str, earliest: str | None, latest: str | None) -> Entity:
    props = {"name" if label == "Event" else "text": ident}
    props.update((k, v) for k, v in (("earliest", earliest), ("latest", latest)) if v)
    return Entity(label, ident, props, ["s"])


def _links(graph: list[tuple[str, str, bool]]) -> list[Link]:
    """Events: PARTICIPATED_IN from the actor; claims: ALLEGES from it, or ACCUSES it."""
    made = []
    for actor, item, other_way in graph:
        if item.startswith("a"):
            made.append(Link("PARTICIPATED_IN", actor, item, {}, ["s"]))
        elif other_way:
            made.append(Link("ACCUSES", item, actor, {}, ["s"]))
        else:
            made.append(Link("ALLEGES", actor, item, {}, ["s"]))
    return made


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    dates=st.lists(spans, min_size=len(ITEMS), max_size=len(ITEMS)),
    graph=links,
    period=st.tuples(st.sampled_from(DAYS), st.sampled_from(DAYS)),
    limit=st.one_of(st.integers(1, 4), st.integers(1, 12)),
    walk_rows=st.integers(1, 2 * len(ITEMS)),
    busy=st.booleans(),
)
def test_an_actors_timeline_is_its_items_in_order(
    tmp_path_factory, dates, graph, period, limit, walk_rows, busy
):
    store = open_store(str(tmp_path_factory.mktemp("timeline") / "g.db"))
    store.init()
    items = [
        (ident, "Event" if ident.startswith("a") else "Claim", earliest, latest)
        for ident, (earliest, latest) in zip(ITEMS, dates, strict=True)
    ]
    nodes = [Entity("Person", a, {"name": a.upper()}, ["s"]) for a in ACTORS]
    nodes += [_dated(*item) for item in items]
    store.write(nodes, _links(graph), "r1", "2026-12-01T00:00:00Z")
    from_date, to_date = period
    params = {"actor": "p0", "from": from_date, "to": to_date, "limit": limit}
    # busy: every actor counts as busy, and the walk reads at most walk_rows entries
    walk_from = 0 if busy else 10**9
    with (
        mock.patch.object(sql, "WALK_FROM", walk_from),
        mock.patch.object(sql, "WALK_ROWS", walk_rows),
    ):
        result = run_query(store, "timeline", params)
    store.close()
    linked = {item for actor, item, _ in graph if actor == "p0"}
    every = expected(items, linked, from_date, to_date)
    assert [row[4] for row in result.rows] == every[:limit]
    assert (result.total, result.cut) == (len(every), len(every) > limit)


@pytest.fixture(scope="module")
def neo4j_graph():
    store = open_store(require_neo4j())
    store.clear()
    store.init()
    yield store
    store.close()


@pytest.mark.neo4j
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    dates=st.lists(spans, min_size=len(ITEMS), max_size=len(ITEMS)),
    later=st.lists(spans, min_size=len(ITEMS), max_size=len(ITEMS)),
    graph=links,
    actor=st.sampled_from(["p0", None]),
    period=st.tuples(st.sampled_from(DAYS), st.sampled_from(DAYS)),
    limit=st.one_of(st.integers(1, 4), st.integers(1, 12)),
)
def test_on_neo4j_the_timeline_is_the_items_in_order_after_their_dates_change(
    neo4j_graph, dates, later, graph, actor, period, limit
):
    """On Neo4j the page is chosen by each item's kept ``_order``: it follows a later
    record that moves an item's dates (a date the later record leaves out is kept)."""
    store = neo4j_graph
    store.clear()
    labels = {ident: "Event" if ident.startswith("a") else "Claim" for ident in ITEMS}
    nodes = [Entity("Person", a, {"name": a.upper()}, ["s"]) for a in ACTORS]
    nodes += [_dated(i, labels[i], *span) for i, span in zip(ITEMS, dates, strict=True)]
    store.write(nodes, _links(graph), "r1", "2026-12-01T00:00:00Z")
    moved = [_dated(i, labels[i], *span) for i, span in zip(ITEMS, later, strict=True)]
    store.write(moved, [], "r2", "2026-12-01T00:00:01Z")
    items = []
    for ident, (earliest, latest), (new_earliest, new_latest) in zip(
        ITEMS, dates, later, strict=True
    ):  # new values win, absent ones keep the old (merge_props)
        items.append(
            (
                ident,
                labels[ident],
                new_earliest if new_earliest is not None else earliest,
                new_latest if new_latest is not None else latest,
            )
        )
    from_date, to_date = period
    params = {"actor": actor, "from": from_date, "to": to_date, "limit": limit}
    result = run_query(store, "timeline", params)
    linked = {item for who, item, _ in graph if who == "p0"} if actor else set(ITEMS)
    every = expected(items, linked, from_date, to_date)
    assert [row[4] for row in result.rows] == every[:limit]
    assert result.cut == (len(every) > limit)
