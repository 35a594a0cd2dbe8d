"""Keep Pelican's content cache safe to use.

Pelican caches what its readers return (CACHE_CONTENT) and re-reads a post only
when the file changes. Two gaps we close before each build:
- a cache written by other code (our plugins or settings changed) must not be
  reused: we keep a fingerprint of both and drop the cache when it differs;
- a truncated or corrupt cache file makes Pelican crash with EOFError: we try to
  load each one and delete it if it cannot be read.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

READER_CACHES = ("ArticlesGenerator-Readers", "PagesGenerator-Readers")
FINGERPRINT = "ward-content-cache.fingerprint"


def code_fingerprint(plugin_paths: Iterable[str], extra: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for folder in sorted(plugin_paths):
        for path in sorted(Path(folder).rglob("*.py")):
            digest.update(str(path.relative_to(folder)).encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                # A dangling symlink: Python cannot import it either; its name
                # in the digest is enough to notice when it changes.
                digest.update(b"<unreadable>")
    for chunk in extra:
        digest.update(chunk)
    return digest.hexdigest()


def _readable(path: Path, gzipped: bool) -> bool:
    opener = gzip.open if gzipped else open
    try:
        with opener(path, "rb") as handle:
            pickle.load(handle)
    except Exception:
        return False
    return True


def prepare(settings: dict[str, Any], settings_file: Path, overrides: dict) -> None:
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    cache = Path(settings["CACHE_PATH"])
    import ward_core

    fingerprint = code_fingerprint(
        [*settings.get("PLUGIN_PATHS", []), str(Path(ward_core.__file__).parent)],
        [
            settings_file.read_bytes(),
            json.dumps(overrides, sort_keys=True, default=str).encode(),
        ],
    )
    marker = cache / FINGERPRINT
    stale = not marker.is_file() or marker.read_text() != fingerprint
    for name in READER_CACHES:
        path = cache / name
        if path.exists() and (
            stale or not _readable(path, settings.get("GZIP_CACHE", True))
        ):
            path.unlink()
    cache.mkdir(parents=True, exist_ok=True)
    marker.write_text(fingerprint)
