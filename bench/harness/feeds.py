"""A real feed at scale: the GDELT events slice in tests/data, repeated to N events."""

from __future__ import annotations

from pathlib import Path

from harness.machine import ROOT

SLICE = ROOT / "tests" / "data" / "gdelt" / "20191024143000.export.CSV"


def gdelt_file(events: int, folder: Path) -> Path:
    """The slice repeated to ``events`` rows with shifted ids (bench/gdelt_repeat.py)."""
    from allegraph.loaders.gdelt import repeat_events

    target = folder / f"gdelt-{events}.export.CSV"
    if not target.exists():
        repeat_events(SLICE, target, events)
    return target
