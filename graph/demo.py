"""The bundled example case (the Baku conference) and the demo that loads it."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from allegraph.load import LoadReport, load
from allegraph.stores import GraphStore
from allegraph.views import view_selection, whole

# The files of the Baku case, loaded in this order: the native records, then the
# flat allegations log, whose names resolve to the nodes the records created.
BAKU_FILES = ("records.jsonl", "allegations.csv")
BAKU_TITLE = "The Baku conference case (example)"


def example_dir(name: str = "baku") -> Path:
    """The folder of a bundled example case."""
    return Path(str(resources.files("allegraph.examples").joinpath(name)))


def baku_files() -> list[Path]:
    return [example_dir("baku") / name for name in BAKU_FILES]


def remove_embedded(path: Path) -> None:
    """Delete an embedded store file and its WAL companions, for a fresh start."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@dataclass
class DemoResult:
    report: LoadReport
    outputs: dict[str, Path] = field(default_factory=dict)


def run_demo(store: GraphStore, out: Path) -> DemoResult:
    """Load the Baku case into ``store``; rejects (there should be none) go to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    store.init()
    report = load(store, baku_files(), rejects_path=out / "baku.rejects.jsonl")
    result = DemoResult(report)
    # The interactive view of the case (graph/views): one offline HTML file.
    view = view_selection(whole(store, BAKU_TITLE))
    result.outputs["view"] = view.save(out / "baku.html")
    # the brief for readers who will not open a graph, and the timeline
    from allegraph.report import write_report
    from allegraph.views.timeline import timeline_of_store

    result.outputs["brief"] = out / "baku-brief.html"
    write_report(store, result.outputs["brief"], "html", everything=True, title=BAKU_TITLE)
    timeline = timeline_of_store(store, title="The Baku conference case (example): timeline")
    result.outputs["timeline"] = timeline.save(out / "baku-timeline.html")
    return result
