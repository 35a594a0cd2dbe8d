"""Derivative cache outside output/: one folder per (source bytes, settings).

A rebuild, even after output/ was wiped, reuses every entry whose source and
settings did not change. Entries are written to a temporary folder and renamed
into place, so a build killed mid-way never leaves a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .imaging import EncodeSettings, ProcessedPhoto

META = "meta.json"


@dataclass(frozen=True)
class CachedRendition:
    width: int
    height: int
    webp: Path
    jpeg: Path


@dataclass(frozen=True)
class CachedPhoto:
    key: str
    width: int
    height: int
    renditions: tuple[CachedRendition, ...]


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class DerivativeCache:
    def __init__(self, root: Path, settings: EncodeSettings) -> None:
        self.root = root
        self.settings = settings
        self.entries = root / "entries"
        self._index_path = root / "sources.json"
        self._index: dict[str, list] = self._load_index()
        self._fresh_index: dict[str, list] = {}

    def _load_index(self) -> dict[str, list]:
        try:
            data = json.loads(self._index_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}  # missing or corrupt: hashes are recomputed

    def key_for(self, source: Path) -> str:
        """Key from the source's bytes (hash reused while size and mtime match)."""
        stat = source.stat()
        name = str(source)
        known = self._index.get(name)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            digest = known[2]
        else:
            digest = file_digest(source)
        self._fresh_index[name] = [stat.st_size, stat.st_mtime_ns, digest]
        return hashlib.sha256(
            f"{digest}|{self.settings.fingerprint()}".encode()
        ).hexdigest()[:32]

    def entry_dir(self, key: str) -> Path:
        return self.entries / key[:2] / key

    def lookup(self, key: str) -> CachedPhoto | None:
        folder = self.entry_dir(key)
        try:
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
            renditions = tuple(
                CachedRendition(w, h, folder / f"{w}.webp", folder / f"{w}.jpg")
                for w, h in meta["renditions"]
            )
            # A truncated or emptied file (disk full, a killed copy) is a miss.
            sizes = meta["sizes"]
            for rendition in renditions:
                for path in (rendition.webp, rendition.jpeg):
                    if path.stat().st_size != sizes[path.name]:
                        return None
            return CachedPhoto(key, meta["width"], meta["height"], renditions)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged entry: process the photo again

    def save_index(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        temporary = self._index_path.with_suffix(".tmp")
        temporary.write_text(
            json.dumps(self._fresh_index, sort_keys=True), encoding="utf-8"
        )
        temporary.replace(self._index_path)

    def prune(self, used: set[str]) -> int:
        """Delete entries no photo of this build uses; returns how many."""
        removed = 0
        if not self.entries.is_dir():
            return 0
        for bucket in self.entries.iterdir():
            for folder in bucket.iterdir():
                if folder.name not in used:
                    shutil.rmtree(folder, ignore_errors=True)
                    removed += 1
        return removed


def write_entry(folder: Path, photo: ProcessedPhoto) -> None:
    """Write one entry atomically (safe to call from worker processes)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for rendition in photo.renditions:
        (staging / f"{rendition.width}.webp").write_bytes(rendition.webp)
        (staging / f"{rendition.width}.jpg").write_bytes(rendition.jpeg)
    meta = {
        "width": photo.width,
        "height": photo.height,
        "renditions": [[r.width, r.height] for r in photo.renditions],
        "sizes": {
            name: len(data)
            for r in photo.renditions
            for name, data in ((f"{r.width}.webp", r.webp), (f"{r.width}.jpg", r.jpeg))
        },
    }
    (staging / META).write_text(json.dumps(meta), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)


def publish_files(files: dict[str, Path], output: Path) -> None:
    """Put cached derivatives into the output: hard links (no copy) where the
    file system allows, copies otherwise."""
    for relative, cached in sorted(files.items()):
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            # A preview rebuild writes into the live output: the file is often
            # already there, linked to this very cache entry.
            if os.path.samefile(cached, target):
                continue
            target.unlink()
        try:
            os.link(cached, target)
        except OSError:
            shutil.copyfile(cached, target)
