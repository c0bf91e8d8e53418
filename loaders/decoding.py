"""Text inputs decoded line by line, so that one bad byte rejects one row, not the file.

Loaders read bytes and decode each physical line with the load's encoding
(``allegraph load --encoding NAME``, default UTF-8; a UTF-8 byte order mark is
skipped). A line that does not decode is still passed on (its bad bytes shown as
``\\xe9``) so that the CSV reader keeps its place, and the reason is noted
against its line number; the loader rejects the row holding it and goes on.

The reason names the line, the byte and its column, and the fix::

    line 301: bytes that are not valid UTF-8 (0xe9 at column 89); if the file is
    Latin-1, load it with --encoding latin-1, or convert it with iconv -f latin1 -t utf-8
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from allegraph.loaders import LoaderError

BOM = codecs.BOM_UTF8
_LINE_END = re.compile(r"\r\n|\r|\n")
_UTF8 = {"utf-8", "utf-8-sig"}


def lookup(encoding: str) -> codecs.CodecInfo:
    """The text codec named ``encoding``; LoaderError for a name Python does not know
    or for a codec that does not turn bytes into text (``hex``, ``rot13``)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise LoaderError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise LoaderError(f"{encoding!r} is not a text encoding")
    return info


def is_utf8(encoding: str) -> bool:
    return lookup(encoding).name in _UTF8


def _line_safe(info: codecs.CodecInfo) -> bool:
    """Can the bytes be cut into lines at ``\\n`` and ``\\r`` before decoding?

    Yes for UTF-8 and every encoding that keeps ASCII as it is (Latin-1, cp1252,
    Shift-JIS...: no multi-byte character holds those bytes); no for UTF-16/32.
    """
    encoder = info.incrementalencoder()
    encoder.encode("a")  # a byte order mark, for codecs that write one, comes first
    sample = '\n\r,"{}:a'
    return encoder.encode(sample) == sample.encode("ascii")


def _name(encoding: str) -> str:
    return "UTF-8" if is_utf8(encoding) else encoding


def undecodable(number: int, column: int, byte: int, encoding: str) -> str:
    """The reason for a line that does not decode, with the fix an analyst can apply."""
    where = f"0x{byte:02x} at column {column}"
    text = f"line {number}: bytes that are not valid {_name(encoding)} ({where})"
    if is_utf8(encoding):
        return (
            f"{text}; if the file is Latin-1, load it with --encoding latin-1, "
            "or convert it with iconv -f latin1 -t utf-8"
        )
    return f"{text}; name the file's encoding with --encoding, or convert it to UTF-8 with iconv"


def _line_reason(number: int, data: bytes, exc: UnicodeDecodeError, encoding: str) -> str:
    column = len(data[: exc.start].decode(encoding, "replace")) + 1
    return undecodable(number, column, data[exc.start], encoding)


_BLOCK = 1 << 20  # bytes decoded at once: one decode call and one C line split per block


def text_lines(fh: BinaryIO, encoding: str, bad: dict[int, str]) -> Iterator[str]:
    """The physical lines of ``fh``, decoded, line ends kept, cut as ``open(newline="")``
    cuts them (``\n``, ``\r\n`` or a lone ``\r``: the csv module needs that).

    A line that does not decode is yielded with its bad bytes escaped
    (``\xe9``), and ``bad[line number]`` says why; the caller rejects what it
    makes of that line. Line numbers count from 1, in the order yielded.
    """
    info = lookup(encoding)
    if not _line_safe(info):
        yield from _whole_file_lines(fh.read(), info.name, encoding, bad)
        return
    codec = "utf-8" if info.name in _UTF8 else info.name
    number, pieces, first = 0, [], True
    while True:
        block = fh.read(_BLOCK)
        cut = block.rfind(b"\n") + 1  # whole lines only; a line cut by the block waits
        if block and not cut:
            pieces.append(block)  # joined once its line ends: no quadratic copying
            continue
        pieces.append(block[:cut] if block else b"")
        data = b"".join(pieces)
        pieces = [block[cut:]] if block else []
        if first and info.name in _UTF8 and data.startswith(BOM):
            data = data[len(BOM) :]
        first = False
        try:
            lines = io.StringIO(data.decode(codec), newline="").readlines()
        except UnicodeDecodeError:
            lines = _by_line(data, codec, encoding, number, bad)
        number += len(lines)
        yield from lines
        if not block:
            return


def _by_line(data: bytes, codec: str, encoding: str, number: int, bad: dict[int, str]) -> list[str]:
    """The lines of a block that does not decode as a whole, each decoded on its own."""
    lines = []
    for raw in data.splitlines(keepends=True):  # bytes: only \n, \r\n and \r end a line
        number += 1
        try:
            lines.append(raw.decode(codec))
        except UnicodeDecodeError as exc:
            bad[number] = _line_reason(number, raw, exc, encoding)
            lines.append(raw.decode(codec, "backslashreplace"))
    return lines


def _whole_file_lines(data: bytes, codec: str, encoding: str, bad: dict[int, str]) -> Iterator[str]:
    """Lines of a file in an encoding that cannot be cut into lines as bytes (UTF-16):
    decoded whole; after a bad byte the text cannot be followed, so the line holding
    it is the last one yielded (the reason says the rest is not read)."""
    try:
        text, stop = data.decode(codec), None
    except UnicodeDecodeError as exc:
        text, stop = data[: exc.start].decode(codec), exc
    lines = _LINE_END.split(text)
    ends = _LINE_END.findall(text) + [""]
    if stop is None:
        if lines[-1] == "":
            lines.pop()
        yield from (line + end for line, end in zip(lines, ends, strict=False))
        return
    yield from (line + end for line, end in zip(lines[:-1], ends, strict=False))
    number = len(lines)
    reason = undecodable(number, len(lines[-1]) + 1, data[stop.start], encoding)
    bad[number] = f"{reason} (the rest of the file is not read)"
    yield lines[-1] + "\\x" + f"{data[stop.start]:02x}"


class Undecodable(LoaderError):
    """A whole-file input (JSON, YAML) with bytes its encoding cannot decode."""

    def __init__(self, line: int, reason: str, text: str):
        super().__init__(reason)
        self.line, self.reason, self.text = line, reason, text


def read_text(path: Path, encoding: str) -> str:
    """The text of a whole file; :class:`Undecodable` names the line and column of the
    first bad byte (a UTF-8 byte order mark is skipped)."""
    info = lookup(encoding)
    data = path.read_bytes()
    codec = info.name
    if codec in _UTF8:
        codec = "utf-8"
        if data.startswith(BOM):
            data = data[len(BOM) :]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        before = _LINE_END.split(data[: exc.start].decode(codec, "replace"))
        line, column = len(before), len(before[-1]) + 1
        reason = undecodable(line, column, data[exc.start], encoding)
        shown = before[-1][-1000:] + f"\\x{data[exc.start]:02x}"  # the line up to the bad byte
        raise Undecodable(line, reason, shown) from None
