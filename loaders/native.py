"""Native records: JSON Lines (``.jsonl``), JSON (``.json``, a list) and YAML (``.yaml``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import yaml

from allegraph.loaders import Format, LoadContext
from allegraph.model import Record


def read_jsonl(path: Path, context: LoadContext) -> Iterator[Record]:
    name = str(path)
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                text = line.decode("utf-8", "replace").rstrip("\n")
                yield Record(None, name, number, error=f"invalid JSON: {exc}", raw=text)
                continue
            yield Record(data, name, number)


def _json_lines(text: str) -> list[int]:
    """Line number where each top-level element of a JSON list starts, for reports."""
    lines: list[int] = []
    depth, line, in_str, escape, expecting = 0, 1, False, False, False
    for char in text:
        if char == "\n":
            line += 1
        if in_str:
            if escape:
                escape = False
            elif char == "\\":
                escape = True
            elif char == '"':
                in_str = False
            continue
        if expecting and not char.isspace():
            lines.append(line)
            expecting = False
        if char == '"':
            in_str = True
        elif char in "[{":
            depth += 1
            expecting = depth == 1 and char == "["
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 1:
            expecting = True
    return lines


def _read_list(path: Path, data: object, lines: list[int]) -> Iterator[Record]:
    name = str(path)
    if not isinstance(data, list):
        yield Record(None, name, 1, error="the file must hold a list of records", raw=data)
        return
    for index, item in enumerate(data):
        yield Record(item, name, lines[index] if index < len(lines) else index + 1)


def read_json(path: Path, context: LoadContext) -> Iterator[Record]:
    text = path.read_text("utf-8")
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        yield Record(None, str(path), 1, error=f"invalid JSON: {exc}", raw=text[:1000])
        return
    yield from _read_list(path, data, _json_lines(text))


def read_yaml(path: Path, context: LoadContext) -> Iterator[Record]:
    text = path.read_text("utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        yield Record(
            None, str(path), 1, error=f"invalid YAML: {exc}".splitlines()[0], raw=text[:1000]
        )
        return
    lines = [item.start_mark.line + 1 for item in getattr(node, "value", [])] if node else []
    yield from _read_list(path, data, lines)


def _suffix(*suffixes: str):
    return lambda path: path.is_file() and path.suffix.lower() in suffixes


FORMATS = [
    Format(
        "jsonl",
        "native records, one JSON object per line",
        read_jsonl,
        _suffix(".jsonl", ".ndjson"),
    ),
    Format("json", "native records, a JSON list of objects", read_json, _suffix(".json")),
    Format("yaml", "native records, a YAML list of mappings", read_yaml, _suffix(".yaml", ".yml")),
]
