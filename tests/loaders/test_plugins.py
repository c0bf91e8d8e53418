"""Loader plug-ins: a user's own loader, installed as a package with an entry point.

The example package in tests/plugins/allegraph_example_loader is installed
with pip into a folder that is put on ``sys.path``, so the format is found the
way a user's would be: through ``importlib.metadata`` entry points.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegraph.cli import main
from allegraph.loaders import Format, LoaderError, _from_object, formats, get_format
from allegraph.stores import open_store
from tests.conftest import ROOT

PLUGIN = ROOT / "tests" / "plugins" / "allegraph_example_loader"
STATEMENTS = (
    "# date\tspeaker\tstatement\tsource\n"
    "2024-11-14\tTatyana Moskalkova\tRussian POWs were tortured in captivity"
    "\thttps://news.example/a1\n"
    "2024-11-15\tDmytro Lubinets\tThe video shown in Baku is not authentic"
    "\thttps://news.example/b2\n"
    "2024-11-16\tonly two\tcolumns\n"
)


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """The example plug-in, pip-installed into a folder on sys.path."""
    source, site = tmp_path / "plugin-src", tmp_path / "site"
    shutil.copytree(PLUGIN, source)  # the build writes egg-info beside the sources
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--target",
            str(site),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    assert list(site.glob("allegraph_example_loader-0.1.0.dist-info/entry_points.txt"))
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    formats.cache_clear()
    yield site
    formats.cache_clear()
    sys.modules.pop("allegraph_example_loader", None)


def test_a_users_loader_loads_through_the_cli(installed, tmp_path):
    data = tmp_path / "baku.statements.tsv"
    data.write_text(STATEMENTS, encoding="utf-8")
    db = tmp_path / "case.db"
    listing = CliRunner().invoke(main, ["load", "--list-formats"])
    assert listing.exit_code == 0
    assert (
        "statements-tsv   Statements log: tab-separated date, speaker, statement, source URL "
        "(one per line)."
    ) in listing.output.splitlines()
    result = CliRunner().invoke(
        main,
        ["--store", str(db), "load", "--format", "statements-tsv", str(data)],
    )
    assert result.exit_code == 3, result.output  # the two-column line is rejected
    assert result.output.splitlines()[:4] == [
        "input" + " " * (len(str(data)) - 3) + "format          read  loaded  rejected",
        "-" * len(str(data)) + "  --------------  ----  ------  --------",
        f"{data}  statements-tsv  9     8       1",
        "total" + " " * (len(str(data)) - 3) + "                9     8       1",
    ]
    with open_store(str(db)) as store:
        people = sorted(n.name for n in store.nodes("Person"))
        assert people == ["Dmytro Lubinets", "Tatyana Moskalkova"]
        alleges = {(link.src, link.dst, link.props["date"]) for link in store.links("ALLEGES")}
        assert alleges == {
            (
                "person:tatyana-moskalkova",
                "claim:russian-pows-were-tortured-in-captivity",
                "2024-11-14",
            ),
            (
                "person:dmytro-lubinets",
                "claim:the-video-shown-in-baku-is-not-authentic",
                "2024-11-15",
            ),
        }
        (run,) = store.runs()
        assert (run.format, run.read, run.loaded, run.rejected) == ("statements-tsv", 9, 8, 1)
    # Detected by its file name too, once installed.
    again = CliRunner().invoke(main, ["--store", str(db), "load", str(data), "--max-rejects", "1"])
    assert again.exit_code == 0, again.output
    assert f"{data}  statements-tsv  9     8       1" in again.output


def test_without_the_package_the_format_is_unknown():
    formats.cache_clear()
    with pytest.raises(LoaderError, match="unknown format 'statements-tsv'"):
        get_format("statements-tsv")


def _read(path: Path, context) -> list:
    return []


def test_plugin_objects_a_format_a_list_or_a_module_like_object():
    fmt = Format("x", "one", _read)
    assert _from_object("mine", fmt) == [Format("mine", "one", _read)]

    class Several:
        FORMATS = [Format("a", "A", _read), Format("b", "B", _read)]

    assert [f.name for f in _from_object("ignored", Several)] == ["a", "b"]

    class Plain:
        """Plain reader: the first docstring line describes it."""

        read = staticmethod(_read)

    (plain,) = _from_object("plain", Plain)
    assert (plain.name, plain.description, plain.detect) == (
        "plain",
        "Plain reader: the first docstring line describes it.",
        None,
    )
    with pytest.raises(LoaderError, match="has no FORMATS, FORMAT or read"):
        _from_object("nothing", object())


def test_a_broken_plugin_is_named_and_does_not_stop_other_formats(tmp_path, monkeypatch):
    site = tmp_path / "site"
    info = site / "broken_loader-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-loader\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[allegraph.loaders]\nbroken = broken_loader_missing_module\njson = json\n"
    )
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    formats.cache_clear()
    try:
        assert formats()["json"].description == "native records, a JSON list of objects"
        with pytest.raises(LoaderError) as excinfo:
            get_format("broken")
        assert str(excinfo.value) == (
            "loader plug-in 'broken' cannot be used: ModuleNotFoundError: "
            "No module named 'broken_loader_missing_module'"
        )
        db = str(tmp_path / "case.db")
        result = CliRunner().invoke(
            main, ["--store", db, "load", "--format", "broken", str(tmp_path)]
        )
        assert result.exit_code == 1
        assert result.output == (
            "Error: loader plug-in 'broken' cannot be used: ModuleNotFoundError: "
            "No module named 'broken_loader_missing_module'\n"
        )
    finally:
        formats.cache_clear()
