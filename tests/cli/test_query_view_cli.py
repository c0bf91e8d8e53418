import json
import re

from click.testing import CliRunner

from allegraph.cli import main
from allegraph.demo import baku_files
from allegraph.load import load
from allegraph.stores import open_store


def test_query_run_writes_a_view_of_its_result(tmp_path):
    db = tmp_path / "baku.db"
    store = open_store(str(db))
    load(store, baku_files())
    store.close()
    out = tmp_path / "path.html"
    result = CliRunner().invoke(
        main,
        ["--store", str(db), "query", "run", "connection-path", "-p", "a=icrc", "-p", "b=afu",
         "--format", "json", "--view", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    assert rows, "ICRC and the AFU are connected in the Baku case"
    assert result.stderr.startswith(f"Wrote {out}: ")
    html = out.read_text()
    # every node on the returned paths is drawn in the view
    on_paths = {node for row in rows for node in row["nodes"]}
    for node in on_paths:
        assert json.dumps(node)[1:-1] in html
    drawn = re.search(r": (\d+) nodes, (\d+) relationships", result.stderr).groups()
    links = {link for row in rows for link in row["relationships"]}
    assert (int(drawn[0]), int(drawn[1])) == (len(on_paths), len(links))
