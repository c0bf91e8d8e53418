"""examples/baku.ipynb runs clean, top to bottom, on the interpreter running the tests.

The kernel is this interpreter (a kernel spec written for the test, nothing
downloaded), in a folder of its own, so the store the notebook writes is a new one.
"""

from __future__ import annotations

import json
import sys

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOK = ROOT / "examples" / "baku.ipynb"


def _text(cell) -> str:
    """The plain-text outputs of a cell: what it printed and the value it showed."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)


@pytest.mark.slow
def test_the_baku_notebook_runs_clean(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    kernel = tmp_path / "kernels" / "allegraph-test"
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "allegraph tests",
                "language": "python",
            }
        )
    )
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")], ensure_native_kernel=False)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # asked last: which interpreter ran the cells, and what the notebook's frames hold
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "import json, sys; print(json.dumps({'python': sys.executable, "
            "'against': against['claim'].tolist(), 'by': len(by), "
            "'statuses': int(statuses['status'].count()), "
            "'accused': accused[['actor', 'accusations']].values.tolist(), "
            "'nodes': graph.number_of_nodes()}))"
        )
    )
    work = tmp_path / "work"
    work.mkdir()
    client = NotebookClient(
        notebook,
        km=KernelManager(kernel_name="allegraph-test", kernel_spec_manager=specs),
        timeout=300,
        resources={"metadata": {"path": str(work)}},
    )
    client.execute()  # a cell that fails raises CellExecutionError with its traceback

    code = [c for c in notebook.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
    assert all(c.execution_count for c in code)
    assert (work / "baku.db").exists()
    held = json.loads(_text(code[-1]))
    assert held["python"] == sys.executable
    assert held["against"] == ["c-kursk", "c-poliy", "c-pow-torture", "c-simulated-execution"]
    assert held["by"] == 3 and held["statuses"] == 7
    assert held["accused"] == [["afu", 4]]
    assert held["nodes"] > 7
    # the load report: both inputs, nothing rejected
    report = _text(code[0])
    assert "records.jsonl" in report and "allegations.csv" in report
    assert [line.split()[-1] for line in report.splitlines()[1:]] == ["0", "0"]
    view = next(c for c in code if c.source.startswith("case.view(")).outputs[0]["data"]
    assert view["text/html"].startswith("<iframe")
