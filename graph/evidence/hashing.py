"""What a copy of a piece of evidence is: its sha256, size and media type.

Files are read in 1 MiB blocks, so a video of several gigabytes is hashed in
constant memory.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

BLOCK = 1 << 20  # bytes read at a time


@dataclass(frozen=True)
class Digest:
    """The sha256 (lower-case hex) and size in bytes of some content."""

    sha256: str
    size: int


def blocks(fh: BinaryIO) -> Iterator[bytes]:
    """The content of an open file, block by block."""
    return iter(lambda: fh.read(BLOCK), b"")


def digest_of(chunks: Iterable[bytes]) -> Digest:
    """The sha256 and size of content given block by block."""
    digest, size = hashlib.sha256(), 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return Digest(digest.hexdigest(), size)


def hash_file(path: Path) -> Digest:
    """The sha256 and size of a file, read as a stream."""
    with open(path, "rb") as fh:
        return digest_of(blocks(fh))


def media_type(name: str) -> str | None:
    """The media (MIME) type its name suggests (``video/mp4``), or None when unknown.

    Guessed from the extension only, as the standard library does: the content
    is never trusted to say what it is."""
    return mimetypes.guess_type(name, strict=False)[0]
