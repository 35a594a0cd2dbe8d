"""The search plugin reads no content of its own; it declares its output folder."""

from __future__ import annotations

from ward_core.problems import Problem
from ward_core.sources import SiteSources

BUNDLE_FOLDER = "pagefind"  # where Pagefind writes its index and scripts


def check(sources: SiteSources) -> list[Problem]:
    return []


def output_folders(settings) -> set[str]:
    return {BUNDLE_FOLDER}
