"""The fast path of validation answers exactly like the general code, on good and bad records.

``Validator.check`` tries a fast path first; ``check_entity``/``check_link`` are
the general code. Every record below goes through both: the same Entity or
Link, or the same error message.
"""

from pathlib import Path

import orjson
import pytest

from allegraph import synth
from allegraph.schema import registry
from allegraph.validate import ValidationError, Validator

BAKU = Path(__file__).resolve().parents[2] / "examples" / "baku"

VALIDATOR = Validator(registry())
WRONG = [
    None,
    "",
    [],
    0,
    -1,
    7,
    2.5,
    True,
    "x",
    "2024-13",
    "http://x",
    "not a url",
    ["a", ""],
    ["a", 1],
    {"a": 1},
    "A",
    "Z",
    "  padded  ",
]


def general(record):
    """What the general code answers: ('ok', item) or ('error', message)."""
    try:
        if not isinstance(record, dict):
            return "error", VALIDATOR.check(record)
        if "label" in record and "type" not in record:
            return "ok", VALIDATOR.check_entity(record)
        if "type" in record and "label" not in record:
            return "ok", VALIDATOR.check_link(record)
        return "ok", VALIDATOR.check(record)
    except ValidationError as exc:
        return "error", str(exc)


def answer(record):
    try:
        return "ok", VALIDATOR.check(record)
    except ValidationError as exc:
        return "error", str(exc)


def base_records() -> list[dict]:
    lines = (BAKU / "records.jsonl").read_bytes().splitlines()
    return [orjson.loads(line) for line in lines] + list(synth.records(400, seed=3))


def variants(record: dict):
    """The record with each of its fields, and a few it does not have, set to odd values."""
    spec = registry().labels.get(record.get("label")) or registry().relationships.get(
        record.get("type")
    )
    keys = list(record) + list(spec.properties) + ["earliest", "lastSeen", "nope", "id"]
    for key in dict.fromkeys(keys):
        for value in WRONG:
            yield {**record, key: value}
    yield {k: v for k, v in record.items() if k != "sources"}
    yield {k: v for k, v in record.items() if k != "id"}


def cases():
    records = base_records()
    out = list(records)
    for record in records[:: max(1, len(records) // 60)]:
        out.extend(variants(record))
    out += [[], "text", {}, {"label": "Person", "type": "ALLEGES"}, {"label": 3, "name": "x"}]
    return out


def test_fast_and_general_paths_agree_on_every_record():
    seen = {"ok": 0, "error": 0}
    for record in cases():
        got, want = answer(record), general(record)
        assert got == want, record
        seen[got[0]] += 1
    assert seen["ok"] > 500 and seen["error"] > 500  # both kinds were really tried


@pytest.mark.parametrize("record", base_records()[:5])
def test_valid_records_take_the_fast_path(record):
    fast = VALIDATOR._fast_entity(record) if "label" in record else VALIDATOR._fast_link(record)
    assert fast is not None and fast == general(record)[1]
