"""What keeps `allegraph` quick to start: commands that do not need the heavy libraries
(the Neo4j driver, rdflib, pyvis, networkx, pyshacl, stix2) do not import them.

Each check runs in a fresh interpreter: in this one, earlier tests have imported
everything. Start-up time itself is measured by bench/cli_start.py, never asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("neo4j", "rdflib", "pyvis", "networkx", "pyshacl", "stix2", "jinja2")

# Runs the CLI with each argument list in turn (as the `allegraph` script would), then
# prints, as the last line, the exit codes and which of the modules named are imported.
RUN_CLI = """
import json, sys
from allegraph.cli import main

runs, names = json.loads(sys.argv[1]), json.loads(sys.argv[2])
codes = []
for args in runs:
    try:
        main(args=args, prog_name="allegraph")
    except SystemExit as exc:
        codes.append(exc.code or 0)
print(json.dumps({"codes": codes, "imported": [m for m in names if m in sys.modules]}))
"""

IMPORT = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps([m for m in json.loads(sys.argv[2]) if m in sys.modules]))
"""


def _fresh(code: str, *args: object, cwd) -> str:
    env = {k: v for k, v in os.environ.items() if k != "ALLEGRAPH_STORE"}
    done = subprocess.run(
        [sys.executable, "-c", code, *(json.dumps(a) for a in args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def _cli(runs: list[list[str]], cwd) -> dict:
    return json.loads(_fresh(RUN_CLI, runs, HEAVY, cwd=cwd))


@pytest.mark.parametrize("args", [["--help"], ["query", "list"]], ids=" ".join)
def test_a_quick_command_imports_no_heavy_library(args, tmp_path):
    result = _cli([args], tmp_path)
    assert result["codes"] == [0]
    assert result["imported"] == []


def test_no_help_page_imports_a_heavy_library(tmp_path):
    import click

    from allegraph.cli import main

    def pages(group: click.Group, path: list[str]):
        for name, command in group.commands.items():
            yield [*path, name, "--help"]
            if isinstance(command, click.Group):
                yield from pages(command, [*path, name])

    runs = [["--help"], ["--version"], *pages(main, [])]
    assert ["query", "list", "--help"] in runs
    result = _cli(runs, tmp_path)
    assert result["codes"] == [0] * len(runs)
    assert result["imported"] == []


@pytest.mark.parametrize(
    "modules",
    [
        ["allegraph"],
        ["allegraph.cli", "allegraph.stores", "allegraph.views", "allegraph.interchange"],
    ],
    ids=" ".join,
)
def test_importing_allegraph_imports_no_heavy_library(modules, tmp_path):
    assert json.loads(_fresh(IMPORT, modules, HEAVY, cwd=tmp_path)) == []


def test_the_check_sees_a_heavy_import_when_there_is_one(tmp_path):
    # a command that draws a graph does load networkx and pyvis: the check is not blind
    result = _cli([["--store", str(tmp_path / "x.db"), "view", "-o", "v.html"]], tmp_path)
    assert result["codes"] == [0]
    assert {"networkx", "pyvis"} <= set(result["imported"])


def test_the_lazy_names_of_allegraph_views_are_the_real_ones():
    import allegraph.views as views
    from allegraph.views import build, limits, payload, selection

    for name in views.__all__:
        assert name in dir(views)
        value = getattr(views, name)
        home = next(m for m in (limits, build, selection) if hasattr(m, name))
        assert value is getattr(home, name)
    assert payload.DEFAULT_MAX_NODES == views.DEFAULT_MAX_NODES == 5000
    with pytest.raises(AttributeError):
        views.no_such_name  # noqa: B018
