"""The wheel works on its own: built, installed into a fresh venv, `allegraph demo` runs."""

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_install_runs_the_demo(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("allegraph-*.whl")
    with zipfile.ZipFile(wheel) as packed:
        names = set(packed.namelist())
    # typed (PEP 561), the API in it; the example notebook stays in the repository
    assert {"allegraph/py.typed", "allegraph/api.py", "allegraph/analysis.py"} <= names
    env_dir = tmp_path / "venv"
    # allegraph itself only from the wheel; its dependencies from the environment that
    # runs the tests (the machine's site-packages, or the virtualenv the tests run in:
    # system_site_packages alone would see the base interpreter's, not an active venv's)
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True)
    # after the install, so that pip does not take an allegraph found there for this one
    site = subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # every package folder of this interpreter: a venv's, the user's (pip --user), Debian's
    # dist-packages
    here = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    here += [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    ours = dict.fromkeys(here)
    (Path(site) / "allegraph-test-deps.pth").write_text("".join(f"{p}\n" for p in ours))
    where = subprocess.run(
        [py, "-c", "import allegraph, allegraph.schema; print(allegraph.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout
    assert str(env_dir) in where, where
    work = tmp_path / "work"
    work.mkdir()
    demo = subprocess.run(
        [env_dir / "bin" / "allegraph", "demo"], capture_output=True, text=True, cwd=work
    )
    assert demo.returncode == 0, demo.stderr
    assert "Baku example loaded into demo/baku.db" in demo.stdout
    assert "records.jsonl" in demo.stdout and str(env_dir) in demo.stdout
    stats = subprocess.run(
        [env_dir / "bin" / "allegraph", "--store", "demo/baku.db", "stats", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=work,
    )
    assert '"Claim": 7' in stats.stdout
