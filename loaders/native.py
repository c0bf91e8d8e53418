"""Native records: JSON Lines (``.jsonl``), JSON (``.json``, a list) and YAML (``.yaml``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import yaml

from allegraph.loaders import Format, LoadContext
from allegraph.loaders.decoding import BOM, Undecodable, is_utf8, read_text, text_lines, undecodable
from allegraph.model import Record


def json_error(exc: orjson.JSONDecodeError, line: int | None = None) -> str:
    """orjson's message placed right: it counts lines from the start of what it parsed,
    which for JSON Lines is the one line (the record's own line number says which)."""
    where = f"column {exc.colno}" if line is None else f"line {line}, column {exc.colno}"
    return f"invalid JSON at {where}: {exc.msg}"


def read_jsonl(path: Path, context: LoadContext) -> Iterator[Record]:
    name = str(path)
    if not is_utf8(context.encoding):
        yield from _jsonl_text(path, context.encoding)
        return
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            if number == 1 and line.startswith(BOM):
                line = line[len(BOM) :]
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)  # UTF-8 bytes straight to orjson: the fast path
            except orjson.JSONDecodeError as exc:
                try:
                    text = line.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError as bad:
                    column = len(line[: bad.start].decode("utf-8", "replace")) + 1
                    reason = undecodable(number, column, line[bad.start], context.encoding)
                    text = line.decode("utf-8", "backslashreplace").rstrip("\r\n")
                    yield Record(None, name, number, error=reason, raw=text)
                    continue
                yield Record(None, name, number, error=json_error(exc), raw=text)
                continue
            yield Record(data, name, number)


def _jsonl_text(path: Path, encoding: str) -> Iterator[Record]:
    """JSON Lines in another encoding than UTF-8: each line decoded first."""
    name = str(path)
    bad: dict[int, str] = {}
    with open(path, "rb") as fh:
        for number, line in enumerate(text_lines(fh, encoding, bad), start=1):
            if number in bad:
                yield Record(None, name, number, error=bad[number], raw=line.rstrip("\r\n"))
                continue
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield Record(None, name, number, error=json_error(exc), raw=line.rstrip("\r\n"))
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


def _text(path: Path, context: LoadContext) -> str | Record:
    """The whole file's text, or the record that rejects it for a byte that does not
    decode (naming its line); a JSON or YAML file cannot be parsed around one."""
    try:
        return read_text(path, context.encoding)
    except Undecodable as exc:
        return Record(None, str(path), exc.line, error=exc.reason, raw=exc.text)


def read_json(path: Path, context: LoadContext) -> Iterator[Record]:
    text = _text(path, context)
    if isinstance(text, Record):
        yield text
        return
    if not text.strip():  # an empty file loads nothing (docs/decisions.md, "Empty inputs")
        return
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        error = json_error(exc, exc.lineno)
        yield Record(None, str(path), exc.lineno, error=error, raw=text[:1000])
        return
    yield from _read_list(path, data, _json_lines(text))


def read_yaml(path: Path, context: LoadContext) -> Iterator[Record]:
    text = _text(path, context)
    if isinstance(text, Record):
        yield text
        return
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        error = f"invalid YAML: {exc}".splitlines()[0]
        yield Record(None, str(path), line, error=error, raw=text[:1000])
        return
    if data is None:  # empty, or only comments: nothing to load, as for an empty .jsonl
        return
    # the line of each record of a list (a mapping at the top is rejected by _read_list)
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    lines = [item.start_mark.line + 1 for item in items]
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
