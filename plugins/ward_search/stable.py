"""Make Pagefind's output byte-for-byte reproducible (no Pelican here).

Pagefind 1.5 writes filter values in hash-map order, which changes from run to
run, and names files after hashes of their contents. We sort the filter values,
rename the files after the sorted contents and update the references, so the
same site always gives the same bundle. The format is Pagefind's own: gzip of
"pagefind_dcd" + CBOR; the version is pinned in requirements.txt.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

import cbor2

MAGIC = b"pagefind_dcd"


class BundleFormatError(Exception):
    pass


def _load(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise BundleFormatError(f"{path.name}: unexpected Pagefind file header")
    return cbor2.loads(data[len(MAGIC) :])


def _dump(value) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:
        handle.write(MAGIC + cbor2.dumps(value))
    return buffer.getvalue()


def _short_hash(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def _filters_of(meta) -> list:
    """The [[filter name, file hash], …] list inside a language's meta file."""
    for item in meta:
        if (
            isinstance(item, list)
            and item
            and all(
                isinstance(pair, list)
                and len(pair) == 2
                and all(isinstance(x, str) for x in pair)
                for pair in item
            )
        ):
            return item
    if any(isinstance(item, list) and item == [] for item in meta):
        return []
    raise BundleFormatError("no filter list in the Pagefind meta file")


def canonicalize(site: Path) -> None:
    bundle = site / "pagefind"
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _load(meta_path)
        filters = _filters_of(meta)
        for pair in filters:
            old_path = bundle / "filter" / f"{pair[1]}.pf_filter"
            name, values = _load(old_path)
            values.sort(key=lambda value: value[0])
            raw = _dump([name, values])
            pair[1] = f"{language}_{_short_hash(raw, 7)}"
            old_path.unlink()
            (bundle / "filter" / f"{pair[1]}.pf_filter").write_bytes(raw)
        filters.sort(key=lambda pair: pair[0])
        raw = _dump(meta)
        info["hash"] = f"{language}_{_short_hash(raw, 10)}"
        meta_path.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(raw)
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
