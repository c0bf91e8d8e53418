"""Loads are a pure function of their inputs (issue 11).

Random allegation logs and native record sets (names repeated across rows,
aliases, other scripts, late references, bad rows mixed in) are loaded with a
random batch size, split into several files in a random way, given in a random
order, and interrupted at a random batch followed by a rerun of the same command.
The exported graph (``export --format jsonl`` without the load-run fields) is the
same every time, and loading the same files again changes nothing.

The same property runs on Neo4j with fewer examples.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegraph.interchange.jsonl import write_jsonl
from allegraph.load import load
from allegraph.stores import open_store
from tests.conftest import require_neo4j

BOOKKEEPING = ("firstSeen", "lastSeen", "loadRun")

# Actors given by native records, with aliases (one in another script), and bare
# names that only the log knows. Two records share the alias "The Ministry": a log
# naming it must be rejected, whatever the order.
GIVEN_ACTORS = [
    {"label": "Person", "id": "moskalkova", "name": "Tatyana Moskalkova",
     "aliases": ["Tatiana Moskalkova", "Татьяна Москалькова"]},
    {"label": "Organization", "id": "afu", "name": "Armed Forces of Ukraine",
     "aliases": ["AFU"]},
    {"label": "Organization", "id": "mod-ru", "name": "Russian Ministry of Defence",
     "aliases": ["The Ministry"]},
    {"label": "Organization", "id": "mod-ua", "name": "Ukrainian Ministry of Defence",
     "aliases": ["The Ministry"]},
    {"label": "Organization", "id": "icrc", "name": "ICRC",
     "aliases": ["International Committee of the Red Cross"]},
]  # fmt: skip
LOG_NAMES = [
    "Tatiana Moskalkova", "TATYANA MOSKALKOVA", "Москалькова Татьяна", "Татьяна Москалькова",
    "AFU", "Armed Forces of Ukraine", "The Ministry", "ICRC", "moskalkova",
    "Unnamed presenters", "Jane Roe", "Press Office", "💣", "???", "Ana Díaz",
]  # fmt: skip
SOURCES = [
    {"label": "Source", "id": "art-1", "title": "Baku conference report",
     "url": "https://example.org/baku"},
    {"label": "Source", "id": "art-2", "title": "Second report", "publisher": "Wire"},
]  # fmt: skip
GIVEN_CLAIMS = [
    {"label": "Claim", "id": "c-torture", "text": "Prisoners were tortured",
     "sources": ["art-1"]},
    {"label": "Claim", "id": "c-video", "text": "The video shows a beating",
     "sources": ["art-2"]},
]  # fmt: skip
# a claim text always comes with the same date (as one allegation would), so that no
# two rows give one claim two values; the bad date and the empty text are rejects
CLAIMS = [
    ("Prisoners were tortured", "2024"),
    ("The video shows a beating", "2024-11"),
    ("Civilians were executed", "2024-11~"),
    ("🔥🔥🔥", ""),
    ("✅", ""),
    ("A convoy was shelled", "2021-7-16"),
    ("", ""),
]
EVENTS = ["", "Baku conference", "Shelling of the convoy", "Kursk executions"]
PLACES = ["", "Baku", "Kursk Oblast"]
ROW_SOURCES = [
    ("", ""),
    ("https://example.org/baku", "Baku conference report"),
    ("https://example.org/other", "Other report"),
    ("", "Second report"),
]
LINKS = [  # native links, some before the nodes they name; one names a node never given
    {"type": "ALLEGES", "from": "moskalkova", "to": "c-torture", "sources": ["art-1"]},
    {"type": "ACCUSES", "from": "c-torture", "to": "afu", "sources": ["art-1"]},
    {"type": "DISPUTED_BY", "from": "c-torture", "to": "mod-ua", "sources": ["art-2"]},
    {"type": "SUPPORTS", "from": "c-video", "to": "c-torture", "sources": ["art-2"]},
    {"type": "ALLEGES", "from": "ghost", "to": "c-video", "sources": ["art-2"]},
    {"type": "ALLEGES", "from": "icrc", "to": "c-video", "date": "2024-13"},
]
HEADER = ["alleged_by", "claim", "accused", "event", "location", "date", "source_url",
          "source_title", "disputed_by"]  # fmt: skip


def _names(draw_list: list[str]) -> str:
    return "; ".join(draw_list)


names = st.lists(st.sampled_from(LOG_NAMES), min_size=0, max_size=2, unique=True)
some_names = st.lists(st.sampled_from(LOG_NAMES), min_size=1, max_size=2, unique=True)


@st.composite
def log_rows(draw) -> list[list[str]]:
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        text, date = draw(st.sampled_from(CLAIMS))
        url, title = draw(st.sampled_from(ROW_SOURCES))
        alleged = draw(some_names) if text else draw(names)
        rows.append(
            [
                _names(alleged),
                text,
                _names(draw(names)),
                draw(st.sampled_from(EVENTS)),
                draw(st.sampled_from(PLACES)),
                date,
                url,
                title,
                _names(draw(names)),
            ]
        )
    return rows


@st.composite
def cases(draw) -> dict:
    native = [*SOURCES, *GIVEN_ACTORS, *GIVEN_CLAIMS, *LINKS]
    native = draw(st.permutations(native))
    native_files = draw(st.integers(1, 3))
    log_files = draw(st.integers(1, 2))
    return {
        "native": native,
        "rows": draw(log_rows()),
        "split": draw(st.randoms(use_true_random=False)),
        "native_files": native_files,
        "log_files": log_files,
        "batch": draw(st.sampled_from([1, 2, 3, 7, 50, 5000])),
        "interrupt": draw(st.one_of(st.none(), st.integers(1, 6))),
        "order_seed": draw(st.integers(0, 1000)),
    }


def write_inputs(case: dict, folder: Path) -> list[Path]:
    """The case's records, split into files as the case says (every split is valid)."""
    rng: random.Random = case["split"]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    native = [[] for _ in range(case["native_files"])]
    for record in case["native"]:
        native[rng.randrange(len(native))].append(record)
    for i, records in enumerate(native):
        path = folder / f"records-{i}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        paths.append(path)
    logs = [[] for _ in range(case["log_files"])]
    for row in case["rows"]:
        logs[rng.randrange(len(logs))].append(row)
    for i, rows in enumerate(logs):
        path = folder / f"log-{i}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            writer.writerows(rows)
        paths.append(path)
    random.Random(case["order_seed"]).shuffle(paths)
    return paths


class Crash(BaseException):
    """The process dies (kill -9): nothing after it runs."""


class CrashingStore:
    """A store whose n-th write never happens: the process dies before it commits."""

    def __init__(self, store, crash_at: int):
        self._store, self._left = store, crash_at

    def write(self, *args, **kwargs):
        self._left -= 1
        if self._left == 0:
            raise Crash
        return self._store.write(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._store, name)


def exported(store, path: Path) -> list[dict]:
    write_jsonl(store, path)
    records = []
    for line in path.read_text().splitlines():
        record = json.loads(line)
        for key in BOOKKEEPING:
            record.pop(key, None)
        records.append(record)
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True))


def run_case(store, case: dict, folder: Path, rejects: Path) -> list[dict]:
    paths = write_inputs(case, folder)
    if case["interrupt"] is not None:
        try:
            crashing = CrashingStore(store, case["interrupt"])
            load(crashing, paths, batch_size=case["batch"], rejects_path=rejects)
        except Crash:
            pass
        # the process died: its runs never finished; the next command sees them so
        for run in store.runs():
            assert run.status in ("running", "waiting", "done", "unchanged", "interrupted")
    report = load(store, paths, batch_size=case["batch"], rejects_path=rejects)
    for run in report.runs:
        assert run.read == run.loaded + run.rejected, run
    return exported(store, folder / "export.jsonl")


def reference(store, case: dict, folder: Path) -> list[dict]:
    """The same records in one native file and one log, loaded at once, in order."""
    plain = dict(case, native_files=1, log_files=1, batch=5000, interrupt=None, order_seed=0)
    plain["split"] = random.Random(0)
    return run_case(store, plain, folder, folder / "rejects.jsonl")


def check(make_store, case: dict, tmp: Path) -> None:
    """The case loaded as it says equals the reference load, and a reload in another
    order changes nothing (one store at a time: Neo4j has one database)."""
    first = make_store(tmp / "a")
    expected = reference(first, case, tmp / "a")
    first.close()
    second = make_store(tmp / "b")
    got = run_case(second, case, tmp / "b", tmp / "b" / "rejects.jsonl")
    assert got == expected
    # loading the same files again, in any order, changes nothing
    again = write_inputs(dict(case, order_seed=case["order_seed"] + 1), tmp / "b")
    load(second, again, batch_size=case["batch"], rejects_path=tmp / "b" / "rejects.jsonl")
    assert exported(second, tmp / "b" / "export2.jsonl") == expected
    second.close()


def _embedded(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(str(folder / "case.db"))
    store.init()
    return store


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases())
def test_the_graph_depends_only_on_the_inputs_embedded(case, tmp_path_factory):
    check(_embedded, case, tmp_path_factory.mktemp("det"))


@pytest.mark.neo4j
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases())
def test_the_graph_depends_only_on_the_inputs_neo4j(case, tmp_path_factory):
    uri = require_neo4j()

    def fresh(folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        store = open_store(uri)
        store.clear()
        store.init()
        return store

    check(fresh, case, tmp_path_factory.mktemp("det"))
