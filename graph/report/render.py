"""A :class:`~allegraph.report.gather.Brief` laid out by the Jinja2 templates.

The templates are files (``templates/brief.md.j2``, ``templates/brief.html.j2``) so
that a newsroom can restyle the brief: ``templates=DIR`` (``--templates DIR``) puts
a folder of its own first, and any template it lacks comes from ours. HTML is
autoescaped; Markdown values go through ``md``, which escapes what Markdown would
read as markup (a ``<script>`` in the data stays text in either).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allegraph.report.gather import Brief, ReportError

if TYPE_CHECKING:
    import jinja2

TEMPLATES = {"markdown": "brief.md.j2", "html": "brief.html.j2"}
# Markdown reads these as markup (CommonMark lets any ASCII punctuation be escaped
# with a backslash): escaped, they are shown as written.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(value: Any) -> str:
    """Text for a Markdown line: markup characters escaped, lines joined."""
    if value is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def code(value: Any) -> str:
    """Text for a Markdown code span (a backtick cannot be escaped inside one)."""
    return "" if value is None else str(value).replace("`", "'")


def _blank(value: Any) -> Any:
    return "" if value is None else value


def environment(templates: str | Path | None = None) -> jinja2.Environment:
    """Our templates, behind ``templates`` (a folder) when given."""
    import jinja2  # only when a brief is written

    ours = Path(str(resources.files("allegraph.report").joinpath("templates")))
    folders = [str(templates), str(ours)] if templates else [str(ours)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=_blank,
    )
    env.filters["md"] = md
    env.filters["code"] = code
    return env


def render(brief: Brief, fmt: str = "markdown", templates: str | Path | None = None) -> str:
    """The brief as ``markdown`` or ``html`` text."""
    from allegraph.schema import registry

    if fmt not in TEMPLATES:
        raise ValueError(f"unknown brief format {fmt!r}: choose markdown, html or pdf")
    import jinja2

    colours = dict((registry().labels["Claim"].view or {}).get("status") or {})
    name = TEMPLATES[fmt]
    try:
        template = environment(templates).get_template(name)
        return template.render(brief=brief, colours=colours)
    except jinja2.TemplateSyntaxError as exc:  # a newsroom's own template: say where
        raise ReportError(f"{exc.filename or exc.name}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise ReportError(f"template {name}: {exc}") from None
