"""A log of the site's analyses and of the source files they parse, kept only
when a test asks for it (``COUNT_VARIABLE`` names the file): the tests prove
that a save is analysed once and that a build parses each post once, across
the preview's processes (the server, its editor and its worker each append)."""

from __future__ import annotations

import os

COUNT_VARIABLE = "WARD_ANALYSES_LOG"


def count_analysis(scope: str, detail: str = "") -> None:
    """One line: the process id, the ``scope`` ("site": the whole site
    analysed; "edit": a body edit analysed from the last analysis; "read": a
    post or page parsed, ``detail`` its path) and the detail."""
    log = os.environ.get(COUNT_VARIABLE)
    if log:
        with open(log, "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()} {scope} {detail}\n")
