"""The Python API for analysts: ``allegraph.open(url)`` gives a :class:`Case`.

>>> import allegraph
>>> with allegraph.open("case.db") as case:
...     case.load("records.jsonl", "allegations.csv")
...     frame = case.query("allegations-against", actor="Armed Forces of Ukraine").to_pandas()
...     graph = case.subgraph(actor="Moskalkova", depth=2)

Everything the ``allegraph`` command does with a store, a :class:`Case` does
with the same library calls, so both answer alike: queries take the parameters
``query run -p`` takes and reject bad ones with the same messages
(docs/python.md). Heavy libraries (networkx, pyvis, pandas, the Neo4j driver)
load only in the methods that need them.
"""

from __future__ import annotations

import keyword
import os
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from allegraph.load import LoadReport
from allegraph.queries import QueryError, Result, run_query
from allegraph.stores import GraphStore, Run, default_url, open_store

if TYPE_CHECKING:
    import networkx as nx

    from allegraph.explain import Explanation
    from allegraph.views import View

REINDEX_WARNING = (
    "{url} holds claims whose status it does not keep (written by an older allegraph): "
    "run case.reindex() once; until then status answers may be stale"
)


class LoadError(ValueError):
    """Inputs that could not be used at all (no such file, unknown format, broken off).

    Raised by :meth:`Case.load` after the other inputs have loaded; ``report`` is
    the load report, with every input's run.
    """

    def __init__(self, report: LoadReport) -> None:
        super().__init__("; ".join(report.errors))
        self.report = report


class RejectedRecordsWarning(UserWarning):
    """Some records were rejected by a load; the rejects file has each with its reason."""


def default_rejects(store: GraphStore) -> Path:
    """Where rejected records go unless told: beside an embedded store's file
    (``case.db`` -> ``case.rejects.jsonl``), else ``allegraph.rejects.jsonl``."""
    path = getattr(store, "path", None)
    if isinstance(path, Path):
        return path.with_name(path.stem + ".rejects.jsonl")
    return Path("allegraph.rejects.jsonl")


def query_params(name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments as query parameters: a Python keyword takes a trailing
    underscore (``from_=`` is the parameter ``from``). The values are then checked by
    the same function as ``query run -p`` (:func:`allegraph.queries.bind`)."""
    given: dict[str, Any] = {}
    for key, value in params.items():
        stem = key[:-1]
        param = stem if key.endswith("_") and keyword.iskeyword(stem) else key
        if param in given:
            raise QueryError(f"{name}: give {param}_= or {param}=, not both")
        given[param] = value
    return given


class Case:
    """A store opened for analysis: load, query, explain, view, take subgraphs.

    Made by :func:`open`; a context manager that closes the store on exit.
    ``store`` is the underlying :class:`~allegraph.stores.GraphStore`.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    @property
    def url(self) -> str:
        """The store's URL or file path, as given to :func:`open`."""
        return str(self.store.url)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Case:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<allegraph.Case {self.url!r}>"

    # -- writing ----------------------------------------------------------------
    def load(
        self,
        *paths: str | os.PathLike[str],
        format: str | None = None,
        rejects: str | os.PathLike[str] | None = None,
        encoding: str = "utf-8",
        batch_size: int | None = None,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> LoadReport:
        """Load files or folders, as ``allegraph load`` does; the load report.

        ``format`` names the input format (default: by extension or headers);
        rejected records go to ``rejects`` (default beside the store) with their
        line and reason, and a :class:`RejectedRecordsWarning` says how many.
        ``dry_run`` checks the inputs and writes nothing (``allegraph validate``).
        Inputs that cannot be used at all raise :class:`LoadError` after the others
        have loaded.
        """
        from allegraph.load import load

        if not paths:
            raise ValueError("load: give one or more files or folders")
        if not dry_run:
            self.store.init()
        report = load(
            self.store,
            [Path(p) for p in paths],
            fmt=format,
            rejects_path=Path(rejects) if rejects else default_rejects(self.store),
            batch_size=batch_size,
            dry_run=dry_run,
            progress=progress,
            encoding=encoding,
        )
        if report.rejected:
            warnings.warn(
                f"{report.rejected} rejected records with their reasons: {report.rejects_path}",
                RejectedRecordsWarning,
                stacklevel=2,
            )
        if report.errors:
            raise LoadError(report)
        return report

    def reindex(self) -> int:
        """Recompute every claim's status and the store's read tables (``allegraph
        reindex``); the number of claims."""
        return self.store.reindex()

    # -- reading ----------------------------------------------------------------
    def query(self, name: str, /, **params: Any) -> Result:
        """Run the canned query ``name``: ``case.query("allegations-by", actor="...",
        limit=20)``. Parameters are checked as ``query run -p`` checks them, with the
        same messages (:class:`~allegraph.queries.QueryError`); ``from_=`` stands
        for ``from``. ``allegraph query list`` and docs/queries.md list the queries."""
        return run_query(self.store, name, query_params(name, params))

    def search(self, text: str, limit: int | None = None) -> Result:
        """Nodes whose name, alias, title or claim text has these words (the ``search``
        query): case, accents and script do not matter."""
        return self.query("search", text=text, limit=limit)

    def explain(self, claim: str, min: int | None = None) -> list[Explanation]:
        """Why a claim (its id or its text) has its status: one
        :class:`~allegraph.explain.Explanation` per matching claim, none if no claim
        matches. ``min`` overrides the policy's minimum for corroboration."""
        from allegraph.explain import explain

        return explain(self.store, claim, min)

    def stats(self) -> dict[str, dict[str, int]]:
        """Nodes per label and relationships per type: ``{"nodes": {...},
        "relationships": {...}}``."""
        return self.store.counts()

    def runs(self) -> list[Run]:
        """Every load run, with its input, sha256, counts and status."""
        return self.store.runs()

    # -- graphs -----------------------------------------------------------------
    def view(
        self,
        result: Result | Iterable[str] | None = None,
        /,
        *,
        actor: str | None = None,
        depth: int = 2,
        claim: str | None = None,
        labels: Sequence[str] = (),
        title: str | None = None,
        timeline: bool = False,
        location: str | None = None,
        from_: str | None = None,
        to: str | None = None,
        group_by: str = "actor",
        **options: Any,
    ) -> View:
        """An interactive view, shown inline in Jupyter (``.save(path)`` writes the page).

        Of a query ``result`` (or node ids), or, as ``allegraph view`` draws it, of
        the whole store, the ego network of ``actor`` to ``depth``, or ``claim`` with
        what is around it, cut to ``labels`` if given. ``options`` as for
        :func:`allegraph.views.render_view` (``max_nodes``, ``size_by``, ...).

        With ``timeline=True``, the events and claims on a time axis (``view
        --timeline``): of ``actor``, at ``location``, overlapping ``from_``..``to``
        (EDTF dates), grouped by ``actor`` or ``place``.
        """
        from allegraph.views import view_of_result, view_of_store

        if timeline:
            from allegraph.views.timeline import timeline_of_store

            if result is not None or claim is not None or labels or options:
                raise ValueError("view: a timeline takes actor=, location=, from_=, to=")
            return timeline_of_store(
                self.store,
                actor=actor,
                location=location,
                from_=from_,
                to=to,
                group_by=group_by,
                title=title,
            )
        if location is not None or from_ is not None or to is not None:
            raise ValueError("view: location=, from_= and to= need timeline=True")
        if result is not None:
            if actor is not None or claim is not None or labels:
                raise ValueError("view: give a result, or actor=, claim=, labels=, not both")
            return view_of_result(self.store, result, title=title, **options)
        return view_of_store(
            self.store,
            actor=actor,
            depth=depth,
            claim=claim,
            labels=labels,
            title=title,
            **options,
        )

    def report(
        self,
        path: str | os.PathLike[str] | None = None,
        /,
        *,
        format: str | None = None,
        actor: str | None = None,
        event: str | None = None,
        claim: str | None = None,
        everything: bool = False,
        title: str = "Case brief",
        templates: str | os.PathLike[str] | None = None,
    ) -> str:
        """A case brief (``allegraph report``, docs/report.md) of the claims of ``actor``,
        about ``event``, ``claim`` alone, or ``everything``: each claim attributed to who
        alleges it, with its status trail, sources, evidence and disputes.

        Written to ``path`` when given (``format`` from its extension: ``.md``,
        ``.html``, ``.pdf``), else returned as text (``format``: ``markdown`` or
        ``html``). Returns the text, or for a PDF the path written.
        """
        from allegraph.report import EXTENSIONS, report_text, write_report

        scope: dict[str, Any] = {"actor": actor, "event": event, "claim": claim}
        scope.update(everything=everything, title=title)
        folder = Path(templates) if templates is not None else None
        if path is None:
            return report_text(self.store, format or "markdown", folder, **scope)
        target = Path(path)
        fmt = format or EXTENSIONS.get(target.suffix.lower(), "markdown")
        write_report(self.store, target, fmt, folder, **scope)
        return str(target) if fmt == "pdf" else target.read_text(encoding="utf-8")

    def subgraph(
        self,
        ids: Result | Iterable[str] | None = None,
        /,
        *,
        actor: str | None = None,
        depth: int | None = None,
    ) -> nx.MultiDiGraph[str]:
        """A part of the store as a networkx MultiDiGraph, for analysis.

        The nodes ``ids`` (or those a query result names) and the relationships
        among them, or the ego network of ``actor`` (an id, name or alias); with
        ``depth`` (default 0 for ``ids``, 1 for ``actor``), also every node that
        many relationships away. Nodes carry ``label``, their properties and
        ``sources``, claims also their derived ``status``; edges, keyed by
        relationship id, carry ``type``, their properties and ``sources``. An id
        that names no node is an error.
        """
        from allegraph.analysis import around, network
        from allegraph.views import resolve_one

        if (ids is None) == (actor is None):
            raise ValueError("subgraph: give node ids (or a query result), or actor=")
        if ids is None:
            start = [resolve_one(self.store, str(actor))]
        else:
            if isinstance(ids, str):
                raise ValueError("subgraph: give a list of node ids, not one string")
            start = [str(i) for i in (ids.node_ids if isinstance(ids, Result) else ids)]
            missing = sorted(set(start) - set(self.store.get_nodes(start)))
            if missing:
                shown = ", ".join(repr(m) for m in missing[:5])
                more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
                raise ValueError(f"subgraph: no node has the id {shown}{more}")
        reach = (1 if actor is not None else 0) if depth is None else depth
        return network(self.store, around(self.store, start, reach))


def open(url: str | os.PathLike[str] | None = None) -> Case:
    """Open the store at ``url`` for analysis: a SQLite file path (made if it does not
    exist, like ``allegraph --store``), or a ``neo4j://`` / ``bolt://`` URL with the
    credentials from ``NEO4J_USER`` / ``NEO4J_PASSWORD``. Default: ``ALLEGRAPH_STORE``
    or ``allegraph.db``. Use it as a context manager, or call ``close()``."""
    store = open_store(os.fspath(url) if url is not None else default_url())
    if store.status_outdated():
        warnings.warn(REINDEX_WARNING.format(url=store.url), stacklevel=2)
    return Case(store)
