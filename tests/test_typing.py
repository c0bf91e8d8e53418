"""The public Python API is typed, and mypy --strict agrees with its hints.

mypy cannot follow setuptools' editable-install finder, so the check runs on the
package as the wheel lays it out (``allegraph`` from graph/, its sub-packages
from the top-level folders), made of links to the files in the repository.
The modules it imports are read for their types but not judged (silent).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

# the modules an analyst imports: allegraph (open, Case), the API, what it hands back
CHECKED = ("allegraph", "allegraph.api", "allegraph.analysis", "allegraph.queries.result")
SUBPACKAGES = ("schema", "loaders", "queries", "examples")


def _layout(where):
    package = where / "allegraph"
    package.mkdir(parents=True)
    for item in (ROOT / "graph").iterdir():
        if item.name != "__pycache__":
            (package / item.name).symlink_to(item)
    for name in SUBPACKAGES:
        (package / name).symlink_to(ROOT / name)
    return where


@pytest.mark.slow
def test_mypy_strict_passes_on_the_public_api(tmp_path):
    where = _layout(tmp_path / "src")
    modules = [arg for name in CHECKED for arg in ("-m", name)]
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent"]
        + ["--cache-dir", str(tmp_path / "cache"), *modules],
        cwd=where,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"Success: no issues found in {len(CHECKED)} source files")


def test_the_package_says_it_is_typed():
    assert (ROOT / "graph" / "py.typed").is_file()


@pytest.mark.slow
def test_mypy_sees_a_wrong_call(tmp_path):
    # the check is not blind: a call against the hints fails it
    where = _layout(tmp_path / "src")
    (where / "wrong.py").write_text(
        "import allegraph\n\ncase = allegraph.open('x.db')\ncase.query(3)\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent"]
        + ["--cache-dir", str(tmp_path / "cache"), "wrong.py"],
        cwd=where,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert 'wrong.py:4: error: Argument 1 to "query" of "Case"' in done.stdout
