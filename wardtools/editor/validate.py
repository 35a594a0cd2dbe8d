"""The one place the editor asks the site's checks about a save.

`problems_for` answers: if these files had this text, what would the build
refuse in them? Today it runs `make check`'s Checker on a hard-linked copy of
content/ with the proposed files written in; when the checker can check
proposed text itself, only the body of `problems_for` changes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..check import Checker, Finding

# The editor is stricter than the build here: a photo in the gallery must be
# captioned before the save goes through (the build only warns).
_CAPTION_MISSING = "chưa có chú thích"


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def problems_for(
    settings: dict, content_root: Path, proposed: dict[Path, str]
) -> list[Finding]:
    """Errors the checks find in the proposed files (paths inside content_root)."""
    content_root = content_root.resolve()
    scratch = Path(tempfile.mkdtemp(prefix=".editor-check-", dir=content_root.parent))
    try:
        overlay = scratch / content_root.name
        shutil.copytree(
            content_root,
            overlay,
            symlinks=True,
            copy_function=_link_or_copy,
            ignore=shutil.ignore_patterns(".*"),
        )
        shown: set[str] = set()
        for path, text in proposed.items():
            relative = path.resolve().relative_to(content_root)
            target = overlay / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # never write through a hard link
            target.write_text(text, encoding="utf-8")
            shown.add(str(Path(content_root.name) / relative))
        findings = Checker(overlay, settings).run()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    refused = []
    for finding in findings:
        if finding.path not in shown:
            continue
        if finding.error:
            refused.append(finding)
        elif _CAPTION_MISSING in finding.message:
            refused.append(
                Finding(finding.path, finding.line, finding.message, error=True)
            )
    return refused
