"""A save is analysed once: the editor's check of a save is trusted by the build
that follows it.

The editor's save runs `check_site` on the site with the proposed texts
(``wardtools/editor/validate.py``); when it refuses nothing, the files are
written and the preview's worker builds the same bytes. Instead of checking
them again, the save leaves its findings in the cache with a stamp of what
was checked: the settings, every text file of the content by its bytes (the
proposed texts in place of the files they replace) and every other file (photos,
documents) by size and modification time. A build whose stamp of the site is
equal takes those findings (``trusted_problems``); any other change (a second
person's save, a file copied in, another setting) makes the stamps differ and
the build checks as always.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ward_core.problems import Problem
from ward_core.sources import MARKDOWN_SUFFIXES

from . import PROJECT

LEDGER = "analysed-site.json"
# Files a save may propose (read whole by the checks): stamped by their bytes.
TEXT_SUFFIXES = (*MARKDOWN_SUFFIXES, ".yml", ".yaml")
# Settings a build sets for its own run (Pelican adds its reader's extensions
# to MARKDOWN while it runs); the checks read none of them.
RUN_ONLY_SETTINGS = ("OUTPUT_PATH", "WARD_SESSION", "MARKDOWN")


def _code_fingerprint() -> str:
    """The checks' code on disk when this process loaded it: the preview's
    server keeps the code it started with while its worker restarts with new
    code, and an analysis by other code is not trusted."""
    import ward_core

    found = []
    for folder in (PROJECT / "plugins", Path(ward_core.__file__).parent, PROJECT):
        pattern = "wardtools/**/*.py" if folder == PROJECT else "**/*.py"
        for path in sorted(folder.glob(pattern)):
            stat = path.stat()
            found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return _hash(json.dumps(found).encode("utf-8"))


def _plain(value: Any) -> bool:
    if isinstance(value, str | int | float | bool) or value is None:
        return True
    if isinstance(value, list | tuple):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _settings_text(settings: Mapping[str, Any]) -> str:
    """The settings as the checks see them (objects left out: their text may
    hold an address that changes between processes)."""
    plain = {
        key: value
        for key, value in settings.items()
        if key not in RUN_ONLY_SETTINGS and _plain(value)
    }
    return json.dumps(plain, sort_keys=True, ensure_ascii=False, default=str)


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def site_stamp(
    settings: Mapping[str, Any],
    content_root: Path | None = None,
    proposed: Mapping[Path, str] | None = None,
) -> str:
    """What `check_site` would read, as one digest."""
    root = Path(content_root or settings["PATH"]).resolve()
    replaced = {}
    for path, text in (proposed or {}).items():
        relative = os.path.relpath(Path(path).resolve(), root).replace(os.sep, "/")
        replaced[relative] = _hash(text.encode("utf-8"))
    entries: list[tuple] = [(name, "text", found) for name, found in replaced.items()]
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in files:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            if relative in replaced:
                continue
            try:
                if name.lower().endswith(TEXT_SUFFIXES):
                    with open(path, "rb") as file:
                        entries.append((relative, "text", _hash(file.read())))
                else:
                    found = os.stat(path)
                    entries.append((relative, found.st_size, found.st_mtime_ns))
            except OSError:
                entries.append((relative, "unreadable"))
    entries.sort(key=repr)
    stamped = [CODE, _settings_text(settings), entries]
    return _hash(json.dumps(stamped).encode("utf-8"))


CODE = _code_fingerprint()


def _ledger(settings: Mapping[str, Any]) -> Path:
    return Path(settings["CACHE_PATH"]) / LEDGER


def remember_analysis(
    settings: Mapping[str, Any],
    content_root: Path,
    proposed: Mapping[Path, str],
    problems: list[Problem],
) -> None:
    """Keep what `check_site` found with the proposed texts, for the build of
    the same bytes (written atomically; a cache that cannot be written is only
    a missed shortcut)."""
    record = {
        "stamp": site_stamp(settings, content_root, proposed),
        "problems": [dataclasses.asdict(problem) for problem in problems],
    }
    ledger = _ledger(settings)
    try:
        ledger.parent.mkdir(parents=True, exist_ok=True)
        temporary = ledger.with_name(f".{ledger.name}.{os.getpid()}")
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, ledger)
    except OSError:
        pass


def trusted_problems(settings: Mapping[str, Any]) -> list[Problem] | None:
    """The findings of the save that left the site as it is now, or None (the
    site must be checked)."""
    try:
        record = json.loads(_ledger(settings).read_text(encoding="utf-8"))
        if record["stamp"] != site_stamp(settings):
            return None
        return [Problem(**found) for found in record["problems"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
