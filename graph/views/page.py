"""One self-contained HTML page: template, inlined vis-network and our script, the data.

The page loads nothing from anywhere: vis-network (vendored, see
``assets/VENDORED.md``), our script and style are inlined, and a
Content-Security-Policy allows only those two scripts (by hash) and no
network at all, so that even a mistake elsewhere cannot make the page
fetch or run anything else.
"""

from __future__ import annotations

import base64
import hashlib
import html
from functools import lru_cache
from importlib import resources
from string import Template
from typing import Any

import orjson

from allegraph import __version__

# Characters that must not appear raw inside a <script> element or a JS string.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
# The last line of the vendored file points at a source map that is not shipped.
_SOURCE_MAP = "//# sourceMappingURL="


def _asset(name: str) -> str:
    return resources.files("allegraph.views").joinpath("assets", name).read_text(encoding="utf-8")


def _vendored(name: str) -> str:
    """A vendored file as inlined: without its source-map comment."""
    lines = _asset(name).rstrip("\n").split("\n")
    return "\n".join(line for line in lines if not line.startswith(_SOURCE_MAP))


@lru_cache(maxsize=1)
def vis_script() -> str:
    """vis-network as inlined."""
    return _vendored("vis-network.min.js")


@lru_cache(maxsize=1)
def timeline_script() -> str:
    """vis-timeline as inlined."""
    return _vendored("vis-timeline-graph2d.min.js")


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` are escaped so the data can never close the element
    or open a comment; U+2028/2029 so the text is also a valid JS literal.
    """
    text = orjson.dumps(value).decode()  # compact UTF-8, as json.dumps(ensure_ascii=False)
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def content_security_policy(scripts: list[str]) -> str:
    """No network, no plugins, no frames; only the given inline scripts may run."""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_sha256(s) for s in scripts),
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src 'none'",
            "connect-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
            "require-trusted-types-for 'script'",
        ]
    )


# What the graph view and the timeline put in the one page template (page.html)
_GRAPH_PARTS = {
    "aside_top": (
        '<h2><label for="search">Find a node by name or alias</label></h2>\n'
        '<input id="search" type="search" autocomplete="off" spellcheck="false">\n'
        '<ul id="search-results"></ul>\n'
    ),
    "aside_end": "",
    "main": '<div id="network"></div><div id="tooltip" hidden></div>',
}
_TIMELINE_PARTS = {
    "aside_top": "",
    "aside_end": '<div id="undated"></div>\n',
    "main": '<div id="timeline"></div>',
}


def render_page(title: str, data: dict[str, Any]) -> str:
    """The HTML page for the view ``data`` (see :mod:`allegraph.views.payload`)."""
    return _render("view.js", vis_script(), title, data, _GRAPH_PARTS)


def render_timeline_page(title: str, data: dict[str, Any]) -> str:
    """The HTML page for the timeline ``data`` (see :mod:`allegraph.views.timeline`)."""
    return _render("timeline.js", timeline_script(), title, data, _TIMELINE_PARTS)


def _render(
    script: str, library: str, title: str, data: dict[str, Any], parts: dict[str, str]
) -> str:
    """A page: the template with the library, the shared details script and the page's
    own script inlined (and allowed by hash), the style, the data and the page's own
    elements (``parts``)."""
    details, app = _asset("details.js"), _asset(script)
    return Template(_asset("page.html")).substitute(
        **parts,
        csp=html.escape(content_security_policy([library, details, app])),
        version=html.escape(__version__),
        title=html.escape(title),
        css=_asset("view.css"),
        data=script_json(data),
        vis=library,
        details=details,
        app=app,
    )
