"""Case briefs: the findings of a case as a document for readers who will not open a graph.

>>> from allegraph.report import write_report
>>> write_report(store, "brief.html", fmt="html", actor="Moskalkova")

:mod:`gather` reads what goes in (scope, provenance, actors, claims with their status
trail, sources, evidence and disputes, open questions); :mod:`render` lays it out
with the Jinja2 templates in ``templates/``; :mod:`pdf` prints the HTML with headless
Chromium. Every claim is attributed (:mod:`wording`). docs/report.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from allegraph.report.gather import Brief, ReportError, gather
from allegraph.stores import GraphStore

FORMATS = ("markdown", "html", "pdf")
# the format of a file named by its extension (-o brief.pdf)
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
              ".pdf": "pdf"}  # fmt: skip


def report_text(
    store: GraphStore, fmt: str = "markdown", templates: str | Path | None = None, **scope: Any
) -> str:
    """The brief as Markdown or HTML text; ``scope`` as for :func:`gather`."""
    from allegraph.report.render import render

    return render(gather(store, **scope), fmt, templates)


def write_report(
    store: GraphStore,
    path: str | Path,
    fmt: str = "markdown",
    templates: str | Path | None = None,
    **scope: Any,
) -> Brief:
    """Write the brief to ``path`` as ``markdown``, ``html`` or ``pdf``; the brief.

    ``scope``: ``actor=``, ``event=``, ``claim=`` or ``everything=True``, and ``title=``.
    """
    from allegraph.report.render import render

    if fmt not in FORMATS:
        raise ReportError(f"unknown brief format {fmt!r}: choose markdown, html or pdf")
    brief = gather(store, **scope)
    path = Path(path)
    if fmt == "pdf":
        from allegraph.report.pdf import html_to_pdf

        html_to_pdf(render(brief, "html", templates), path)
        return brief
    if path.parent != Path():
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(brief, fmt, templates), encoding="utf-8")
    return brief


__all__ = ["EXTENSIONS", "FORMATS", "Brief", "ReportError", "gather", "report_text", "write_report"]
