"""Precompressed .gz and .br siblings of text files, for nginx gzip_static/brotli_static.

Deterministic: gzip without a timestamp or file name, so two builds of the same
site give the same bytes.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import brotli

SUFFIXES = {".html", ".css", ".js", ".xml", ".json", ".txt", ".svg", ".ico"}
MIN_BYTES = 512


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0
    ) as f:
        f.write(data)
    return buffer.getvalue()


def precompress_tree(root: Path) -> int:
    """Write .gz and .br next to every compressible file that shrinks; returns count."""
    written = 0
    for path in sorted(root.rglob("*")):
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        for suffix, packed in (
            (".gz", gzip_bytes(data)),
            (".br", brotli.compress(data, quality=11)),
        ):
            if len(packed) < len(data):
                path.with_name(path.name + suffix).write_bytes(packed)
                written += 1
    return written
