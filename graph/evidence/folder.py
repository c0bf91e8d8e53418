"""Where a store keeps its evidence files, and how a file gets there.

An embedded store ``case.db`` keeps them in ``case.db.evidence/`` beside it;
a Neo4j store holds no files, so its folder is given (``--evidence-dir`` or
``ALLEGRAPH_EVIDENCE_DIR``), which may also move an embedded store's folder.
Evidence nodes name their copy by its ``path`` relative to the folder, so the
folder can move with the store (docs/evidence.md).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from allegraph.evidence.hashing import Digest, blocks, digest_of
from allegraph.stores.base import GraphStore

ENV = "ALLEGRAPH_EVIDENCE_DIR"
SUFFIX = ".evidence"


class EvidenceError(ValueError):
    """The user's to fix: no folder for the store, no such file, no such claim..."""


def evidence_folder(store: GraphStore, given: str | Path | None = None) -> Path:
    """The store's evidence folder: ``given`` (or ``$ALLEGRAPH_EVIDENCE_DIR``), else
    ``<database file>.evidence`` for an embedded store. Not created here."""
    chosen = given or os.environ.get(ENV)
    if chosen:
        return Path(chosen)
    path = getattr(store, "path", None)
    if path is None:
        raise EvidenceError(
            f"{store.url} keeps no files: give its evidence folder with --evidence-dir or {ENV}"
        )
    return Path(str(path) + SUFFIX)


def inside(folder: Path, path: Path) -> str | None:
    """``path`` relative to ``folder`` (with ``/``), or None when it lies outside."""
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return None


_UNSAFE = re.compile(r"[^\w.+-]+")


def copy_in(folder: Path, path: Path) -> tuple[str, Digest]:
    """Copy a file into the folder, hashing it as it is read (one pass, so the hash is
    that of the bytes kept); its relative path there and its digest.

    A file already inside the folder is referenced where it is. The copy is named
    ``<first 12 hex digits of its sha256>-<file name>``: the same file added twice is
    one copy, and two files of one name stay apart."""
    if not path.is_file():
        raise EvidenceError(f"{path}: no such file")
    here = inside(folder, path)
    folder.mkdir(parents=True, exist_ok=True)
    if here is not None:
        with open(path, "rb") as fh:
            return here, digest_of(blocks(fh))
    with open(path, "rb") as src, tempfile.NamedTemporaryFile(dir=folder, delete=False) as out:
        try:
            digest = digest_of(_written(blocks(src), out))
        except BaseException:
            out.close()
            os.unlink(out.name)
            raise
    name = f"{digest.sha256[:12]}-{_UNSAFE.sub('_', path.name).strip('._') or 'file'}"
    os.replace(out.name, folder / name)
    return name, digest


def _written(chunks: Iterator[bytes], out: BinaryIO) -> Iterator[bytes]:
    for chunk in chunks:
        out.write(chunk)
        yield chunk
