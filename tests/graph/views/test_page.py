"""The page as text: self-contained, every data string escaped, only our scripts may run."""

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from importlib import resources

import pytest

from allegraph.views import build_view, view_selection, whole
from allegraph.views.page import script_json, vis_script
from tests.graph.views.hostile_case import HOSTILE

ASSETS = resources.files("allegraph.views").joinpath("assets")
DATA_BLOCK = re.compile(r'<script type="application/json" id="allegraph-data">(.*?)</script>', re.S)
# Attributes through which an element makes the browser fetch something.
LOADING_ATTRIBUTES = {
    "src",
    "href",
    "srcset",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append([dict(attrs), ""])

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def page_data(page: str) -> dict:
    return json.loads(DATA_BLOCK.search(page).group(1))


@pytest.fixture
def hostile_page(hostile) -> str:
    return view_selection(whole(hostile, HOSTILE["breakout"])).html


@pytest.mark.parametrize("text", [*HOSTILE.values(), "\u2028</SCRIPT >", "a & b < c > d"])
def test_script_json_round_trips_and_cannot_close_the_element(text):
    out = script_json({"name": text, "list": [text]})
    assert json.loads(out) == {"name": text, "list": [text]}
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in out


def test_hostile_strings_stay_data(hostile_page):
    elements = parse(hostile_page)
    # Exactly four script elements: the data, vis-network, the details panel and ours;
    # no <img> at all.
    assert [attrs for attrs, _ in elements.scripts] == [
        {"type": "application/json", "id": "allegraph-data"},
        {},
        {},
        {},
    ]
    assert [tag for tag, _ in elements.tags if tag in ("img", "iframe", "object", "embed")] == []
    assert hostile_page.lower().count("</script") == 4
    data = page_data(hostile_page)
    # The strings reach the page unchanged, as JSON text.
    labels = {n["id"]: n["info"]["heading"] for n in data["nodes"]}
    assert labels["p-hostile"] == HOSTILE["script"]
    assert labels["o-hostile"] == HOSTILE["breakout"]
    assert labels["e-hostile"] == HOSTILE["close"]
    assert labels['"><script>alert(8)</script>'] == HOSTILE["comment"]
    assert labels["c-plain"] == HOSTILE["separators"]
    assert data["title"] == HOSTILE["breakout"]


def test_the_title_is_escaped_in_html(hostile_page):
    assert f"<title>{html.escape(HOSTILE['breakout'])}</title>" in hostile_page
    assert f"<h1>{html.escape(HOSTILE['breakout'])}</h1>" in hostile_page


def test_nothing_on_the_page_loads_from_the_network(hostile_page):
    elements = parse(hostile_page)
    for tag, attrs in elements.tags:
        for name, value in attrs.items():
            if name in LOADING_ATTRIBUTES:
                assert value.startswith("data:"), (tag, name, value)
    style = re.search(r"<style>(.*?)</style>", hostile_page, re.S).group(1)
    assert "@import" not in style and "url(" not in style
    assert "sourceMappingURL" not in hostile_page


def test_the_only_http_strings_are_text(hostile_page):
    # Outside the vendored library (licence comments) and the data (source urls
    # shown as text), the one http string is the SVG namespace name.
    rest = hostile_page.replace(vis_script(), "")
    rest = DATA_BLOCK.sub("", rest)
    assert re.findall(r"https?://\S*", rest) == ['http://www.w3.org/2000/svg",']
    urls = [
        field[1]
        for node in page_data(hostile_page)["nodes"]
        for src in node["info"]["sources"]
        for field in src["fields"]
        if field[0] == "url"
    ]
    assert "https://evil.example/track.js?<script>alert(6)</script>" in urls
    assert "javascript:alert(7)" in urls


def test_only_the_inline_scripts_may_run(hostile_page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', hostile_page)
    policy = html.unescape(csp.group(1))
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    code = [text for attrs, text in parse(hostile_page).scripts if not attrs]
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() + "'"
        for c in code
    ]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert script_src.split()[1:] == hashes


def test_the_vendored_library_is_the_published_file():
    vendored = ASSETS.joinpath("vis-network.min.js").read_bytes()
    notes = ASSETS.joinpath("VENDORED.md").read_text()
    assert hashlib.sha256(vendored).hexdigest() in notes
    assert ASSETS.joinpath("vis-network.LICENSE-MIT").read_text().startswith("The MIT License")
    assert vis_script() == vendored.decode().rstrip("\n").rsplit("\n", 1)[0]


def test_jupyter_display_is_a_sandboxed_iframe_of_the_page(hostile):
    view = view_selection(whole(hostile))
    shown = view._repr_html_()
    assert shown.startswith('<iframe title="Whole graph" sandbox="allow-scripts" ')
    assert "<script" not in shown
    srcdoc = re.search(r'srcdoc="([^"]*)"', shown).group(1)
    assert html.unescape(srcdoc) == view.html


def test_build_view_takes_a_plain_networkx_graph(hostile):
    graph = hostile.to_networkx()
    page = build_view(graph, title="plain")
    data = page_data(page)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(graph.nodes)
    assert sorted(e["id"] for e in data["edges"]) == sorted(k for _, _, k in graph.edges(keys=True))
