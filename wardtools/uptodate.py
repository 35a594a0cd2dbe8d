"""Skip a build whose inputs did not change since the last good build (like make).

Inputs: every file under the content, theme and plugin folders, the tools, the
settings files, the overrides and the environment variables the settings read.
The output is checked too (file count and bytes), so a damaged output/ is
rebuilt even when the inputs are the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import ward_core
from ward_core.sources import MARKDOWN_SUFFIXES
from ward_engine import theme_folders

ENVIRONMENT = ("SITEURL", "SOURCE_DATE_EPOCH", "DEPLOY_TARGET")


def _stamp(digests, path: str) -> None:
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        # A dangling symlink (or a file gone meanwhile): the build reports it if
        # it matters; here its own entry is enough to notice a change.
        try:
            stat = os.lstat(path)
        except (OSError, ValueError):
            return
    line = f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode()
    for digest in digests:
        digest.update(line)


def _tree_stamp(everything, without_sources, root: Path, sources: Path) -> None:
    """Stamp every file under ``root`` into ``everything``, and all but the
    Markdown files under ``sources`` (the posts and pages) into ``without_sources``."""
    if root.is_file():
        _stamp((everything, without_sources), str(root))
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        in_sources = Path(dirpath).is_relative_to(sources)
        for name in sorted(filenames):
            is_source = in_sources and name.lower().endswith(MARKDOWN_SUFFIXES)
            _stamp(
                (everything,) if is_source else (everything, without_sources),
                os.path.join(dirpath, name),
            )


def inputs_fingerprints(
    settings: dict[str, Any], settings_file: Path, overrides: dict, day: Any = None
) -> tuple[str, str]:
    """Two digests of the build's inputs: of everything (an unchanged one means
    the output is up to date), and of everything but the Markdown sources (an
    unchanged one lets a build reuse pages: ward_core.reuse). ``day``: the day
    the build shows (ward_core.buildtime); tomorrow's build is never "up to
    date" with today's, nor reuses its pages (a notice may start)."""
    everything, without_sources = hashlib.sha256(), hashlib.sha256()
    content = Path(settings["PATH"]).resolve()
    roots = [
        content,
        *theme_folders(settings),
        Path(__file__).resolve().parent,
    ]
    roots += [Path(p) for p in settings.get("PLUGIN_PATHS", [])]
    roots.append(Path(ward_core.__file__).resolve().parent)
    roots += sorted(settings_file.resolve().parent.glob("*conf.py"))
    for root in roots:
        if root.exists():
            _tree_stamp(everything, without_sources, root, content)
    # Which settings file: `make html` then `make publish` must not look "up to date".
    tail = [str(settings_file.resolve()).encode()]
    tail.append(json.dumps(overrides, sort_keys=True, default=str).encode())
    tail.append(f"day={day}\n".encode())
    for name in ENVIRONMENT:
        tail.append(f"{name}={os.environ.get(name, '')}\n".encode())
    for chunk in tail:
        everything.update(chunk)
        without_sources.update(chunk)
    return everything.hexdigest(), without_sources.hexdigest()


def output_stamp(output: Path) -> list[int]:
    count = size = 0
    for dirpath, _, filenames in os.walk(output):
        for name in filenames:
            count += 1
            with contextlib.suppress(OSError):
                size += os.lstat(os.path.join(dirpath, name)).st_size
    return [count, size]


def _record(output: Path) -> Path:
    return output.parent / f".{output.name}-inputs.json"


def is_up_to_date(output: Path, fingerprint: str) -> bool:
    try:
        recorded = json.loads(_record(output).read_text())
    except (OSError, ValueError):
        return False
    return (
        output.is_dir()
        and recorded.get("inputs") == fingerprint
        and recorded.get("output") == output_stamp(output)
    )


def remember(output: Path, fingerprint: str) -> None:
    _record(output).write_text(
        json.dumps({"inputs": fingerprint, "output": output_stamp(output)})
    )


def forget(output: Path) -> None:
    _record(output).unlink(missing_ok=True)
