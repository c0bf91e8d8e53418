"""`allegraph load` on the real feeds: the report, the reasons of rejects, and the store after."""

from __future__ import annotations

from click.testing import CliRunner

from allegraph.cli import main
from allegraph.stores import open_store
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"
GDELT = DATA / "gdelt" / "20191024143000.export.CSV"
ICS = DATA / "stix" / "ics-attack-18.1.json"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_list_formats_shows_the_feeds():
    result = run("load", "--list-formats")
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.output.splitlines()[2:]}
    assert rows["gdelt"].split(None, 1)[1] == (
        "GDELT 2.0 events export (61 tab-separated columns); CAMEO 112x/114-116 become claims"
    )
    assert {"gdelt", "ftm", "stix"} <= set(rows)


def test_load_gdelt_by_detection(tmp_path):
    db = tmp_path / "case.db"
    result = run("--store", db, "load", GDELT)
    assert result.exit_code == 0, result.output
    width = len(str(GDELT))
    assert result.output.splitlines() == [
        "input".ljust(width) + "  format  read   loaded  rejected",
        "-" * width + "  ------  -----  ------  --------",
        str(GDELT) + "  gdelt   10284  10284   0",
        "total".ljust(width) + "          10284  10284   0",
    ]
    with open_store(str(db)) as store:
        assert store.get_node("gdelt:881991161:claim").props["kind"] == "accusation"
        assert store.counts()["nodes"]["Event"] == 2111


def test_load_stix_reports_what_has_no_mapping(tmp_path):
    db = tmp_path / "case.db"
    rejects = tmp_path / "ics.rejects.jsonl"
    result = run("--store", db, "load", ICS, "--rejects", rejects)
    assert result.exit_code == 3  # rejects beyond --max-rejects 0
    width = len(str(ICS))
    assert result.output.splitlines() == [
        "input".ljust(width) + "  format  read  loaded  rejected",
        "-" * width + "  ------  ----  ------  --------",
        str(ICS) + "  stix    1983  185     1798",
        "total".ljust(width) + "          1983  185     1798",
        f"1798 rejected records with their reasons: {rejects}",
        "most common reasons:",
        "     685  STIX relationship targets has no mapping",
        "     331  STIX relationship mitigates has no mapping",
        "     267  STIX relationship uses has no mapping",
        "      83  STIX type attack-pattern has no mapping",
        "      83  STIX type x-mitre-detection-strategy has no mapping",
        "          ... and 12 other reasons",
    ]
    with open_store(str(db)) as store:
        claim = store.get_node("relationship--4d407dda-944a-4974-b1c2-0a04d2c9ee4c")
        assert claim.props["kind"] == "attribution"
        (run_,) = store.runs()
        assert (run_.read, run_.loaded, run_.rejected) == (1983, 185, 1798)
    assert run("--store", db, "load", ICS, "--max-rejects", "1798").exit_code == 0
