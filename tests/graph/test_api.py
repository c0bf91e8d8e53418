"""The Python API (allegraph.open, Case, Result in the ecosystem), on both stores.

The Baku example is the fixture: every answer below is one an analyst can check
by reading examples/baku/.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import allegraph
from allegraph.api import Case, LoadError, RejectedRecordsWarning
from allegraph.cli import main
from allegraph.demo import baku_files
from allegraph.queries import QueryError, Result, run_query

AFU = "Armed Forces of Ukraine"
AFU_CLAIMS = ["c-kursk", "c-poliy", "c-pow-torture", "c-simulated-execution"]
# moskalkova and what is one relationship away from her, in either direction
MOSKALKOVA_1 = {
    "moskalkova",
    "baku-conference",
    "c-evidence-body",
    "c-pow-torture",
    "c-simulated-execution",
    "ru-ombudsman",
}


@pytest.fixture
def case(store):
    """The Baku example loaded through the API into an empty store of each kind."""
    opened = allegraph.open(store.url)
    report = opened.load(*baku_files(), rejects=None)
    assert (report.read, report.loaded, report.rejected) == (76, 76, 0)
    yield opened
    opened.close()


def test_open_names_the_store_and_closes_it(tmp_path):
    path = tmp_path / "case.db"
    with allegraph.open(path) as case:
        assert isinstance(case, Case) and case.url == str(path)
        assert repr(case) == f"<allegraph.Case {str(path)!r}>"
        case.load(*baku_files())
    assert path.exists()
    with pytest.raises(Exception, match="closed"):
        case.stats()
    with allegraph.open(str(path)) as again:  # what was loaded is there on reopening
        assert again.stats()["nodes"]["Claim"] == 7


def test_open_warns_when_the_store_keeps_no_status_and_reindex_fixes_it(tmp_path):
    path = tmp_path / "old.db"
    with allegraph.open(path) as case:
        case.load(*baku_files())
        # as an allegraph that kept no status left it
        case.store.db.execute("DELETE FROM claim_status")
        case.store.db.execute("DELETE FROM meta WHERE key = 'claim-status'")
    with pytest.warns(UserWarning) as warned:
        case = allegraph.open(path)
    assert [str(w.message) for w in warned] == [
        f"{path} holds claims whose status it does not keep (written by an older allegraph): "
        "run case.reindex() once; until then status answers may be stale"
    ]
    assert case.reindex() == 7
    case.close()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        allegraph.open(path).close()


def test_allegraph_open_is_the_api_and_loads_nothing_heavy_until_used(tmp_path):
    code = (
        "import json, sys, allegraph\n"
        "before = [m for m in ('allegraph.api', 'networkx', 'pandas', 'neo4j', 'pyvis') "
        "if m in sys.modules]\n"
        "import allegraph.api\n"
        "same = allegraph.open is allegraph.api.open and allegraph.Case is allegraph.api.Case\n"
        "after = [m for m in ('networkx', 'pandas', 'neo4j', 'pyvis') if m in sys.modules]\n"
        "print(json.dumps([before, same, after]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == [[], True, []]
    assert "open" in dir(allegraph)
    with pytest.raises(AttributeError):
        allegraph.no_such_name  # noqa: B018


def test_load_query_and_the_result_as_rows(case):
    result = case.query("allegations-against", actor=AFU)
    assert isinstance(result, Result)
    assert len(result) == 4
    assert [row["claim"] for row in result] == AFU_CLAIMS
    assert result.to_records() == list(result) == result.records()
    assert result.to_records()[2] == {
        "accused": "afu",
        "claim": "c-pow-torture",
        "text": "Russian soldiers held in Ukrainian captivity were tortured",
        "alleged_by": ["moskalkova"],
        "disputed_by": [],
    }
    # the same rows as the library's run_query, which the CLI prints
    assert result.rows == run_query(case.store, "allegations-against", {"actor": AFU}).rows


def test_to_pandas_keeps_columns_rows_and_the_cut(case):
    embedded, more = (
        type(case.store).__name__ == "EmbeddedStore",
        "pass a higher limit= to see more",
    )
    frame = case.query("allegations-against", actor=AFU, limit=3).to_pandas()
    assert list(frame.columns) == ["accused", "claim", "text", "alleged_by", "disputed_by"]
    assert frame["claim"].tolist() == AFU_CLAIMS[:3]
    assert frame["alleged_by"].tolist() == [
        ["unnamed-presenters"],
        ["unnamed-presenters"],
        ["moskalkova"],
    ]
    assert frame.attrs == {
        "query": "allegations-against",
        "limit": 3,
        "cut": True,
        # the embedded store counts the rows the limit leaves out; Neo4j does not
        "total": 4 if embedded else None,
        "notes": [f"showing {'3 of 4' if embedded else 'the first 3'} rows; {more}"],
    }
    empty = case.query("allegations-against", actor="Nobody at all").to_pandas()
    assert list(empty.columns) == list(frame.columns) and len(empty) == 0
    assert empty.attrs["notes"] == ["no actor matches 'Nobody at all'"]


def test_to_pandas_without_pandas_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    result = Result("q", ["a"], [[1]])
    with pytest.raises(ImportError, match=r"pip install 'allegraph\[pandas\]'"):
        result.to_pandas()


def test_html_table_escapes_the_data_and_says_the_rows_are_cut(case):
    html = case.query("allegations-against", actor=AFU, limit=1)._repr_html_()
    assert "<th>accused</th><th>claim</th>" in html
    assert "<td>c-kursk</td>" in html and "c-poliy" not in html
    assert "<p><b>allegations-against</b>: 1 row</p>" in html
    assert "pass a higher limit= to see more</p>" in html
    hostile = Result("q", ["<b>col</b>"], [["<script>alert(1)</script>"], [["a&b", None]]])
    page = hostile._repr_html_()
    assert "<script>" not in page and "<b>col</b>" not in page
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in page
    assert "<td>a&amp;b; </td>" in page


class _Cells(HTMLParser):
    """The tags of a page and the text of each th/td cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.cells: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in ("th", "td"):
            self._open = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self._open = False

    def handle_data(self, data):
        if self._open:
            self.cells[-1] += data


# text as a cell of an HTML table carries it: no NUL or carriage return (the parser
# turns them into other characters) and no surrogates (not encodable)
cell_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=20
)


@settings(max_examples=200, deadline=None)
@given(
    columns=st.lists(cell_text, min_size=1, max_size=3),
    data=st.data(),
)
def test_html_table_shows_any_text_as_text(columns, data):
    rows = data.draw(
        st.lists(st.lists(cell_text, min_size=len(columns), max_size=len(columns)), max_size=4)
    )
    parsed = _Cells()
    parsed.feed(Result("query", columns, rows)._repr_html_())
    parsed.close()
    assert parsed.tags <= {"div", "p", "b", "table", "thead", "tbody", "tr", "th", "td"}
    assert parsed.cells == [*columns, *(v for row in rows for v in row)]


BAD_PARAMS = [
    ("allegations-against", {"actor": AFU, "foo": "1"}),
    ("allegations-against", {}),
    ("allegations-against", {"actor": AFU, "limit": "many"}),
    ("allegations-against", {"actor": AFU, "limit": "-1"}),
    ("allegations-against", {"actor": "  "}),
    ("timeline", {"from": "2024-13-45"}),
    ("actor-network", {"actor": "moskalkova", "depth": "99"}),
    ("no-such-query", {"x": "1"}),
]


@pytest.mark.parametrize(("name", "params"), BAD_PARAMS, ids=lambda v: str(v))
def test_keyword_parameters_fail_with_the_messages_of_query_run_p(tmp_path, name, params):
    db = str(tmp_path / "case.db")
    args = ["--store", db, "query", "run", name]
    for key, value in params.items():
        args += ["-p", f"{key}={value}"]
    printed = CliRunner().invoke(main, args)
    assert printed.exit_code == 1
    with allegraph.open(db) as case, pytest.raises(QueryError) as raised:
        keywords = {("from_" if k == "from" else k): v for k, v in params.items()}
        case.query(name, **keywords)
    assert printed.output == f"Error: {raised.value}\n"


def test_a_python_keyword_takes_a_trailing_underscore(case):
    period = {"from": "2024-11", "to": "2024-11"}
    chosen = case.query("timeline", from_="2024-11", to="2024-11")
    assert chosen.rows == run_query(case.store, "timeline", period).rows
    assert chosen.rows == case.query("timeline", **period).rows
    assert chosen.rows != case.query("timeline").rows  # the period does choose
    with pytest.raises(QueryError, match=r"^timeline: give from_= or from=, not both$"):
        case.query("timeline", from_="2024", **{"from": "2023"})


def test_search_stats_runs(case):
    found = case.search("Москалькова")
    assert found.query == "search" and found.rows[0][:2] == ["moskalkova", "Person"]
    assert case.search("moskalkova", limit=1).rows == found.rows[:1]
    counts = case.stats()
    assert counts == case.store.counts()
    assert counts["nodes"]["Claim"] == 7 and counts["relationships"]["ACCUSES"] == 4
    runs = case.runs()
    assert sorted(r.input.rsplit("/", 1)[-1] for r in runs) == ["allegations.csv", "records.jsonl"]
    assert sorted((r.read, r.loaded, r.rejected) for r in runs) == [(13, 13, 0), (63, 63, 0)]


def test_explain_gives_the_trail_the_cli_prints(case):
    (found,) = case.explain("c-garage-video")
    assert found.claim == "c-garage-video"
    # the status the rule gives the claim in a subgraph (decided apart from the query)
    assert found.status == case.subgraph(["c-garage-video"]).nodes["c-garage-video"]["status"]
    assert case.explain("no claim says this") == []


def test_subgraph_of_an_actor_carries_labels_properties_sources_and_status(case):
    graph = case.subgraph(actor="Tatiana Moskalkova")  # an alias; depth 1 by default
    assert set(graph.nodes) == MOSKALKOVA_1
    assert graph.nodes["moskalkova"]["label"] == "Person"
    assert graph.nodes["moskalkova"]["name"] == "Tatyana Moskalkova"
    assert graph.nodes["moskalkova"]["sources"] == ["art-1"]
    assert graph.nodes["c-pow-torture"]["status"] == "single-source"
    assert "status" not in graph.nodes["moskalkova"]
    key = "moskalkova|ALLEGES|c-pow-torture"
    assert graph.edges["moskalkova", "c-pow-torture", key]["type"] == "ALLEGES"
    # the relationships among the chosen nodes, and no other
    assert all(u in MOSKALKOVA_1 and v in MOSKALKOVA_1 for u, v in graph.edges())
    assert case.subgraph(actor="moskalkova", depth=0).number_of_nodes() == 1
    assert set(case.subgraph(actor="moskalkova", depth=2).nodes) > MOSKALKOVA_1


def test_subgraph_of_ids_or_a_result(case):
    result = case.query("allegations-against", actor=AFU)
    graph = case.subgraph(result)
    assert set(graph.nodes) == {"afu", "moskalkova", "unnamed-presenters", *AFU_CLAIMS}
    assert graph.number_of_edges() == 8  # each claim: who alleges it, whom it accuses
    assert set(case.subgraph(["moskalkova"], depth=1).nodes) == MOSKALKOVA_1
    assert set(case.subgraph(["moskalkova", "afu"]).edges) == set()


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "subgraph: give node ids (or a query result), or actor="),
        ((["afu"],), {"actor": "afu"}, "subgraph: give node ids (or a query result), or actor="),
        ((["afu", "nope", "x<y"],), {}, "subgraph: no node has the id 'nope', 'x<y'"),
        (("afu",), {}, "subgraph: give a list of node ids, not one string"),
        ((), {"actor": "Nobody"}, "no node is called 'Nobody' (by id, name or alias)"),
        ((), {"actor": "afu", "depth": -1}, "depth must be 0 or more, not -1"),
    ],
)
def test_subgraph_mistakes_are_one_line(case, args, kwargs, message):
    with pytest.raises(ValueError) as raised:
        case.subgraph(*args, **kwargs)
    assert str(raised.value) == message


def test_result_to_networkx_has_what_the_rows_name(case):
    result = case.query("allegations-against", actor=AFU)
    graph = result.to_networkx()
    assert set(graph.nodes) == set(result.node_ids)
    assert {graph.nodes[c]["status"] for c in AFU_CLAIMS} == {"single-source"}
    # a path names its relationships: only those are drawn
    path = case.query("connection-path", a="moskalkova", b="afu")
    drawn = path.to_networkx()
    assert sorted(k for _, _, k in drawn.edges(keys=True)) == path.link_ids
    assert sorted(drawn.nodes) == path.node_ids
    with pytest.raises(ValueError, match="knows no store"):
        Result("q", ["id"], [["afu"]], node_ids=["afu"]).to_networkx()
    given_store = Result("q", ["id"], [["afu"]], node_ids=["afu"]).to_networkx(case.store)
    assert dict(given_store.nodes(data="label")) == {"afu": "Organization"}


def test_views_of_a_result_and_of_an_actor(case):
    result = case.query("allegations-against", actor=AFU)
    shown = case.view(result)
    assert sorted(shown.node_ids) == result.node_ids
    assert shown.title == "Query: allegations-against"
    assert case.view(result, title="AFU").title == "AFU"
    ego = case.view(actor="Moskalkova", depth=1)
    assert set(ego.node_ids) == MOSKALKOVA_1
    assert ego._repr_html_().startswith("<iframe")
    assert set(case.view(["afu", "c-kursk"]).node_ids) == {"afu", "c-kursk"}
    with pytest.raises(ValueError, match="not both"):
        case.view(result, actor="afu")


def test_load_warns_of_rejects_and_raises_for_unusable_inputs_after_the_rest(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "Person", "id": "p1", "name": "P"}\n{"label": "Nope", "id": "x"}\n')
    with allegraph.open(tmp_path / "case.db") as case:
        with pytest.warns(RejectedRecordsWarning) as warned:
            report = case.load(bad)
        assert (report.read, report.loaded, report.rejected) == (2, 1, 1)
        rejects = tmp_path / "case.rejects.jsonl"
        assert str(warned[0].message) == f"1 rejected records with their reasons: {rejects}"
        assert json.loads(rejects.read_text())["line"] == 2
        with pytest.raises(LoadError) as raised:
            case.load(tmp_path / "missing.jsonl", baku_files()[0])
        assert "missing.jsonl" in str(raised.value)
        assert raised.value.report.loaded == 63  # the usable input loaded
        with pytest.raises(ValueError, match="give one or more files"):
            case.load()


def test_dry_run_writes_nothing(tmp_path):
    with allegraph.open(tmp_path / "case.db") as case:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            report = case.load(*baku_files(), dry_run=True)
        assert (report.read, report.rejected, report.dry_run) == (76, 0, True)
        assert case.stats()["nodes"]["Claim"] == 0


@pytest.mark.slow
def test_the_acceptance_one_liner_prints_4_after_allegraph_demo(tmp_path):
    demo = subprocess.run(
        [sys.executable, "-m", "allegraph.cli", "demo"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 0, demo.stderr
    line = (
        "import allegraph; c = allegraph.open('demo/baku.db'); "
        "df = c.query('allegations-against', actor='Armed Forces of Ukraine').to_pandas(); "
        "print(len(df))"
    )
    done = subprocess.run(
        [sys.executable, "-c", line], cwd=tmp_path, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "4\n", "")
