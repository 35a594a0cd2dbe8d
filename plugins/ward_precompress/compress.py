"""Precompressed .gz and .br siblings of text files, for nginx gzip_static/brotli_static.

Deterministic: gzip without a timestamp or file name, so two builds of the same
site give the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
from pathlib import Path

import brotli

from ward_core.reuse import link_or_copy

SUFFIXES = {".html", ".css", ".js", ".xml", ".json", ".txt", ".svg", ".ico"}
MIN_BYTES = 512


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0
    ) as f:
        f.write(data)
    return buffer.getvalue()


def precompress_tree(root: Path, cache: Path | None = None) -> int:
    """Write .gz and .br next to every compressible file that shrinks; returns count.

    With ``cache``, compressed bytes are kept by the digest of the original and
    linked in again by the next build: after one post is edited, only the
    files that changed are compressed again (brotli at quality 11 is slow).
    Entries no file of this build used are removed."""
    written = 0
    used: set[str] = set()
    for path in sorted(root.rglob("*")):
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        key = hashlib.sha256(data).hexdigest()
        for suffix, pack in ((".gz", gzip_bytes), (".br", _brotli)):
            target = path.with_name(path.name + suffix)
            if cache is None:
                packed = pack(data)
                if len(packed) < len(data):
                    target.write_bytes(packed)
                    written += 1
                continue
            used.add(key + suffix)
            if _from_cache(cache, key + suffix, data, pack, target):
                written += 1
    if cache is not None:
        _prune(cache, used)
    return written


def _brotli(data: bytes) -> bytes:
    return brotli.compress(data, quality=11)


def _from_cache(cache: Path, name: str, data: bytes, pack, target: Path) -> bool:
    """Link the cached compressed file to ``target`` (compressing it first if
    it is not cached); False when compressing does not make it smaller."""
    entry = cache / name[:2] / name
    useless = entry.with_name(name + ".larger")
    if useless.exists():
        return False
    if not entry.exists():
        entry.parent.mkdir(parents=True, exist_ok=True)
        packed = pack(data)
        if len(packed) >= len(data):
            useless.touch()
            return False
        temporary = entry.with_name(name + ".tmp")
        temporary.write_bytes(packed)
        os.replace(temporary, entry)
    link_or_copy(entry, target)
    return True


def _prune(cache: Path, used: set[str]) -> None:
    for entry in cache.glob("*/*"):
        if entry.name.removesuffix(".larger") not in used:
            entry.unlink(missing_ok=True)
